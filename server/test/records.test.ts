import { beforeEach, describe, expect, it } from 'vitest';
import type { Finding, FindingEvent, Walk } from '../../src/domain/walks/types';
import { finding, walk } from '../../src/storage/test-records';
import { Client, freshServer, loggedIn, makeAccount, makeOrganisation, type TestServer } from './harness';

let server: TestServer;
let member: Client;
let policeOrg: string;

beforeEach(async () => {
  server = await freshServer();
  await makeAccount(server, 'medlem@hv.se', 'member', { districtIds: ['hasselby-vallingby'] });
  policeOrg = (await makeOrganisation(server, 'Polisen Västerort')).id;
  member = await loggedIn(server, 'medlem@hv.se');
});

const W = walk('w-1');
const F = (over: Partial<Finding> = {}) => finding('f-1', 'w-1', { photo: null, ...over });

describe('saving walks and findings', () => {
  it('stores a new finding with revision 1, placed by the server, and refuses a stale save with the stored copy', async () => {
    expect((await member.json('PUT', '/api/walks/w-1', W)).status).toBe(200);
    // The client's placement is provisional: the server recomputes it from the position.
    const sent = F({ stadsdelId: null, districtId: null, priorityAreaIds: [] });
    const first = await member.json<Finding>('PUT', '/api/findings/f-1', sent);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ revision: 1, stadsdelId: 'hasselby-gard', districtId: 'hasselby-vallingby' });
    expect(first.body.history[0]!.by).toMatchObject({ name: 'medlem' });

    const edit = await member.json<Finding>('PUT', '/api/findings/f-1', { ...first.body, description: 'Ny text' });
    expect(edit.body.revision).toBe(2);
    const stale = await member.json<{ type: string; stored: Finding }>('PUT', '/api/findings/f-1', { ...first.body, description: 'Gammal kopia' });
    expect(stale.status).toBe(409);
    expect(stale.body.type).toBe('/problems/conflict');
    expect(stale.body.stored).toMatchObject({ revision: 2, description: 'Ny text' });
  });

  it('names each wrong field, refuses unknown fields, and changes nothing', async () => {
    await member.json('PUT', '/api/walks/w-1', W);
    const bad = await member.request('PUT', '/api/findings/f-1', { ...F(), description: '', category: 'ufo', position: [59.3669, 17.8451], secret: 1 });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const body = await bad.json() as { errors: { field: string }[] };
    expect(body.errors.map((e) => e.field)).toEqual(expect.arrayContaining(['description', 'category', 'position']));
    const unknown = await member.json<{ errors: { field: string; message: string }[] }>('PUT', '/api/findings/f-1', { ...F(), secret: 1 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'secret', message: 'unknown field' }]);
    expect((await member.json<{ findings: unknown[] }>('GET', '/api/records')).body.findings).toEqual([]);
  });

  it('refuses bodies over the limit and non-JSON bodies', async () => {
    const huge = await member.request('PUT', '/api/walks/w-1', { ...W, notes: 'x'.repeat(5 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    const form = await member.request('PUT', '/api/walks/w-1', 'a=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
  });

  it('replays a write with the same Idempotency-Key instead of applying it twice', async () => {
    await member.json('PUT', '/api/walks/w-1', W);
    const key = { 'idempotency-key': 'mutation-0001' };
    const a = await member.json<Finding>('PUT', '/api/findings/f-1', F(), key);
    const b = await member.json<Finding>('PUT', '/api/findings/f-1', F(), key);
    expect(a.status).toBe(200);
    expect(b).toEqual(a);
    const history = await member.json<FindingEvent[]>('GET', '/api/findings/f-1/history');
    expect(history.body.map((e) => e.kind)).toEqual(['created']);
  });

  it('records who changed what, and keeps status notes', async () => {
    await member.json('PUT', '/api/walks/w-1', W);
    const created = (await member.json<Finding>('PUT', '/api/findings/f-1', F())).body;
    const edited = (await member.json<Finding>('PUT', '/api/findings/f-1', { ...created, description: 'Lampan är trasig', priority: 'lag' })).body;
    const moved = await member.json<Finding>('POST', '/api/findings/f-1/status', { to: 'beslutad', note: 'Trafikkontoret byter lampan', revision: edited.revision });
    expect(moved.status).toBe(200);
    const events = (await member.json<FindingEvent[]>('GET', '/api/findings/f-1/history')).body;
    expect(events.map((e) => e.kind)).toEqual(['created', 'edited', 'status']);
    expect(events[1]!.fields.sort()).toEqual(['description', 'priority']);
    expect(events[2]).toMatchObject({ from: 'ny', to: 'beslutad', note: 'Trafikkontoret byter lampan', by: { name: 'medlem' } });
    expect(moved.body.history.at(-1)).toMatchObject({ status: 'beslutad', note: 'Trafikkontoret byter lampan', by: { name: 'medlem' } });
  });

  it('refuses a history that rewrites earlier changes', async () => {
    await member.json('PUT', '/api/walks/w-1', W);
    const created = (await member.json<Finding>('PUT', '/api/findings/f-1', F())).body;
    const rewritten = await member.json<{ errors: { field: string }[] }>('PUT', '/api/findings/f-1', { ...created, history: [{ status: 'ny', at: '2020-01-01T00:00:00.000Z' }] });
    expect(rewritten.status).toBe(400);
    expect(rewritten.body.errors[0]!.field).toBe('history.0');
  });

  it('lets the responsible party move the status of its findings and nothing else', async () => {
    await makeAccount(server, 'polis@example.se', 'responsible', { organisationId: policeOrg });
    const police = await loggedIn(server, 'polis@example.se');
    await member.json('PUT', '/api/walks/w-1', W);
    const created = (await member.json<Finding>('PUT', '/api/findings/f-1', F({ responsible: { kind: 'polisen', organisationId: policeOrg } }))).body;
    expect((await police.json<Finding>('PUT', '/api/findings/f-1', { ...created, description: 'ändrad' })).status).toBe(403);
    const beslutad = await police.json<Finding>('POST', '/api/findings/f-1/status', { to: 'beslutad', revision: 1 });
    expect(beslutad.status).toBe(200);
    const done = await police.json<Finding>('POST', '/api/findings/f-1/status', { to: 'atgardad', note: 'Belysning lagad', revision: 2 });
    expect(done.body).toMatchObject({ status: 'atgardad', revision: 3 });
    const bad = await police.json<{ errors: { field: string }[] }>('POST', '/api/findings/f-1/status', { to: 'pagar', revision: 3 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]!.field).toBe('to');
    const seen = await member.json<{ findings: Finding[] }>('GET', '/api/records');
    expect(seen.body.findings[0]!.status).toBe('atgardad');
  });

  it('deletes, and restores for undo', async () => {
    await member.json('PUT', '/api/walks/w-1', W);
    await member.json('PUT', '/api/findings/f-1', F());
    const removed = await member.json<{ walks: Walk[]; findings: Finding[] }>('DELETE', '/api/walks/w-1?revision=1&withFindings=true');
    expect(removed.body.findings.map((f) => f.id)).toEqual(['f-1']);
    expect((await member.json<{ findings: unknown[] }>('GET', '/api/records')).body.findings).toEqual([]);
    expect((await member.request('POST', '/api/restore', removed.body)).status).toBe(204);
    const back = await member.json<{ walks: Walk[]; findings: Finding[] }>('GET', '/api/records');
    expect(back.body.walks.map((w) => w.id)).toEqual(['w-1']);
    expect(back.body.findings.map((f) => f.id)).toEqual(['f-1']);
  });

  it('imports all or nothing', async () => {
    const good = await member.json<{ added: number }>('POST', '/api/import', { walks: [W], findings: [F()] });
    expect(good.body).toEqual({ added: 2, updated: 0, unchanged: 0, kept: 0 });
    const again = await member.json('POST', '/api/import', { walks: [W], findings: [F()] });
    expect(again.body).toMatchObject({ added: 0 });
    // The second finding lies in another district: the whole import is refused and nothing is added.
    const mixed = await member.json('POST', '/api/import', {
      walks: [], findings: [finding('f-2', null, { photo: null }), finding('f-3', null, { photo: null, position: [18.0906, 59.3108], stadsdelId: null, districtId: null, priorityAreaIds: [] })],
    });
    expect(mixed.status).toBe(403);
    const records = await member.json<{ findings: Finding[] }>('GET', '/api/records');
    expect(records.body.findings.map((f) => f.id)).toEqual(['f-1']);
  });
});

describe('photos', () => {
  it('stores a photo sent inline by id, without its location metadata, and serves it to those who see the finding', async () => {
    await member.json('PUT', '/api/walks/w-1', W);
    const app1 = Buffer.from('Exif\0\0GPSLatitude 59.3669', 'latin1');
    const exif = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00, app1.length + 2]), app1,
      Buffer.from([0xff, 0xda, 0x00, 0x04, 0x01, 0x02, 0xaa, 0xff, 0xd9]),
    ]);
    const dataUrl = `data:image/jpeg;base64,${exif.toString('base64')}`;
    const saved = await member.json<Finding>('PUT', '/api/findings/f-1', F({ photo: { name: 'lykta.jpg', type: 'image/jpeg', dataUrl } }));
    expect(saved.status).toBe(200);
    expect(saved.body.photo).toEqual({ name: 'lykta.jpg', type: 'image/jpeg', id: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const photo = await member.request('GET', `/api/photos/${saved.body.photo!.id}`);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await photo.arrayBuffer());
    expect(bytes.toString('latin1')).not.toContain('GPS');
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect((await new Client(server.app).request('GET', `/api/photos/${saved.body.photo!.id}`)).status).toBe(404);
  });

  it('refuses a photo that is not an image', async () => {
    await member.json('PUT', '/api/walks/w-1', W);
    const fake = `data:image/png;base64,${Buffer.from('<svg onload=alert(1)>').toString('base64')}`;
    const refused = await member.json<{ errors: { field: string }[] }>('PUT', '/api/findings/f-1', F({ photo: { name: 'x.png', type: 'image/png', dataUrl: fake } }));
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]!.field).toBe('photo.dataUrl');
  });
});

describe('the change feed', () => {
  it('gives each viewer the changes it may see, and removals when a record leaves its sight', async () => {
    const anon = new Client(server.app);
    const start = (await anon.json<{ cursor: number }>('GET', '/api/records')).body.cursor;
    await member.json('PUT', '/api/walks/w-1', W);
    const created = (await member.json<Finding>('PUT', '/api/findings/f-1', F({ public: true }))).body;
    let feed = await anon.json<{ changes: { id: string; op: string; record?: Record<string, unknown> }[]; cursor: number }>('GET', `/api/changes?since=${start}`);
    expect(feed.body.changes.map((c) => `${c.op}:${c.id}`)).toEqual(['upsert:f-1']);
    expect(feed.body.changes[0]!.record).not.toHaveProperty('walkId');
    await member.json('PUT', '/api/findings/f-1', { ...created, public: false });
    feed = await anon.json('GET', `/api/changes?since=${feed.body.cursor}`);
    expect(feed.body.changes.map((c) => `${c.op}:${c.id}`)).toEqual(['remove:f-1']);
    const memberFeed = await member.json<{ changes: { id: string; op: string }[] }>('GET', `/api/changes?since=${start}`);
    expect(memberFeed.body.changes.map((c) => `${c.op}:${c.id}`)).toEqual(['upsert:w-1', 'upsert:f-1']);
  });

  it('answers 410 to a cursor newer than the database, so the client loads everything again', async () => {
    const gone = await member.json<{ type: string }>('GET', '/api/changes?since=999999');
    expect(gone.status).toBe(410);
    expect(gone.body.type).toBe('/problems/cursor-expired');
  });

  it('streams a change event after a write', async () => {
    const stream = await member.request('GET', '/api/changes/stream');
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    const read = async () => decoder.decode((await reader.read()).value);
    expect(await read()).toContain('event: change');
    await member.json('PUT', '/api/walks/w-1', W);
    let text = '';
    while (!text.includes('id:')) text += await read();
    expect(text).toMatch(/data: \{"cursor":\d+\}/);
    await reader.cancel();
  });
});
