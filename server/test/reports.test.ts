import { beforeEach, describe, expect, it } from 'vitest';
import type { ReportFollowView, ReportReceipt, ResidentReport } from '../../src/domain/reports';
import type { Finding, Walk } from '../../src/domain/walks/types';
import { finding, walk } from '../../src/storage/test-records';
import { REPORT_RATE_BURST } from '../routes/reports';
import { Client, freshServer, makeAccount, sessionClient, type TestServer } from './harness';

let server: TestServer;
let member: Client;
let otherMember: Client;
let resident: Client;

/** A place in Hässelby gård (district Hässelby-Vällingby). */
const AT_HASSELBY: [number, number] = [17.8437, 59.3664];

/** A JPEG whose EXIF segment holds a GPS position and whose comment names a person. */
function jpegWithLocation(): string {
  const segment = (marker: number, text: string) => {
    const body = Buffer.from(text, 'latin1');
    return Buffer.concat([Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
  };
  const bytes = Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe1, 'Exif\0\0MM\0*GPSLatitude 59.3664 GPSLongitude 17.8437'),
    segment(0xfe, 'Fotograferad av Anna'),
    Buffer.from([0xff, 0xda, 0x00, 0x04, 0x01, 0x02, 0x11, 0x22, 0x33, 0xff, 0xd9]),
  ]);
  return `data:image/jpeg;base64,${bytes.toString('base64')}`;
}

const report = (over: Record<string, unknown> = {}) => ({
  position: AT_HASSELBY, category: 'belysning', description: 'Mörk gångväg bakom skolan', times: ['kvall', 'natt'], ...over,
});

async function send(client: Client, body: unknown, headers?: Record<string, string>) {
  return client.json<ReportReceipt & { errors?: { field: string }[] }>('POST', '/api/reports', body, headers);
}

beforeEach(async () => {
  server = await freshServer();
  const a = await makeAccount(server, 'medlem@hv.se', 'member', { districtIds: ['hasselby-vallingby'] });
  const b = await makeAccount(server, 'medlem@st.se', 'member', { districtIds: ['spanga-tensta'] });
  member = await sessionClient(server, a.id);
  otherMember = await sessionClient(server, b.id);
  resident = new Client(server.app);
  await resident.session();
});

describe('a resident reports a place', () => {
  it('is stored for the district\'s council, with the photo\'s location removed, and followed by a private link', async () => {
    const sent = await send(resident, report({ photo: { name: 'gang.jpg', type: 'image/jpeg', dataUrl: jpegWithLocation() }, email: 'boende@example.se' }));
    expect(sent.status).toBe(201);
    expect(sent.body).toEqual({ id: expect.any(String), followToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), status: 'inkommen' });

    const queue = await member.json<{ reports: (ResidentReport & { duplicates: unknown[] })[] }>('GET', '/api/reports?status=inkommen');
    expect(queue.body.reports).toHaveLength(1);
    const stored = queue.body.reports[0]!;
    expect(stored).toMatchObject({ id: sent.body.id, districtId: 'hasselby-vallingby', stadsdelId: 'hasselby-gard', wantsUpdates: true, source: 'web', times: ['kvall', 'natt'] });
    expect(JSON.stringify(queue.body)).not.toContain('boende@example.se');
    const photo = await member.request('GET', `/api/reports/${stored.id}/photo`);
    expect(photo.status).toBe(200);
    const bytes = Buffer.from(await photo.arrayBuffer()).toString('latin1');
    expect(bytes).not.toMatch(/GPS|Anna|Exif/);

    // The other district's council does not see it; the public cannot list reports.
    expect((await otherMember.json<{ reports: unknown[] }>('GET', '/api/reports')).body.reports).toEqual([]);
    expect((await otherMember.request('GET', `/api/reports/${stored.id}`)).status).toBe(404);
    expect((await resident.request('GET', '/api/reports')).status).toBe(401);

    const follow = await resident.json<ReportFollowView>('GET', `/api/reports/follow/${sent.body.followToken}`);
    expect(follow.body).toMatchObject({ id: sent.body.id, status: 'inkommen', declineReason: null, finding: null, description: 'Mörk gångväg bakom skolan' });
    expect((await resident.request('GET', `/api/reports/follow/${'x'.repeat(43)}`)).status).toBe(404);
    // Nothing a resident writes is public before acceptance.
    const records = await resident.json<{ findings: unknown[] }>('GET', '/api/records');
    expect(records.body.findings).toEqual([]);
  });

  it('names each wrong field and stores nothing', async () => {
    const bad = await send(resident, { position: [59.36, 17.84], category: 'ufo', description: ' ', times: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors!.map((e) => e.field).sort()).toEqual(['category', 'description', 'position', 'times']);
    const unknown = await send(resident, report({ name: 'Anna' }));
    expect(unknown.body.errors).toEqual([{ field: 'name', message: 'unknown field' }]);
    const long = await send(resident, report({ description: 'x'.repeat(1001) }));
    expect(long.status).toBe(400);
    const notEmail = await send(resident, report({ email: 'inte en adress' }));
    expect(notEmail.body.errors!.map((e) => e.field)).toEqual(['email']);
    const huge = await resident.request('POST', '/api/reports', report({ description: 'x'.repeat(5 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    const { rows } = await server.db.pool.query('select count(*)::int as n from resident_report');
    expect(rows[0].n).toBe(0);
  });

  it('needs the CSRF token like any write', async () => {
    const bare = new Client(server.app);
    expect((await bare.request('POST', '/api/reports', report())).status).toBe(403);
    expect((await resident.request('POST', '/api/reports', report(), { origin: 'https://elak.example' })).status).toBe(403);
  });

  it('stores a report sent again with the same follow token once, and answers with the same receipt', async () => {
    const followToken = 'A'.repeat(43);
    const first = await send(resident, report({ followToken }));
    const again = await send(resident, report({ followToken }));
    expect(first.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(first.body.followToken).toBe(followToken);
    const { rows } = await server.db.pool.query('select count(*)::int as n from resident_report');
    expect(rows[0].n).toBe(1);
    expect((await send(resident, report({ followToken: 'kort' }))).body.errors!.map((e) => e.field)).toEqual(['followToken']);
  });

  it('answers a filled-in honeypot as if accepted, and stores nothing', async () => {
    const bot = await send(resident, report({ website: 'http://spam.example' }));
    expect(bot.status).toBe(201);
    const { rows } = await server.db.pool.query('select count(*)::int as n from resident_report');
    expect(rows[0].n).toBe(0);
    expect((await resident.request('GET', `/api/reports/follow/${bot.body.followToken}`)).status).toBe(404);
  });
});

describe('flooding the report endpoint', () => {
  it('holds the limit per client address and stays responsive for others', async () => {
    const app = server.app;
    const from = (address: string) => {
      const client = new Client(app);
      return { client, headers: { 'x-forwarded-for': address } };
    };
    // This server trusts no proxy: the limit follows the socket address, which app.request() gives as "local".
    const flooder = from('203.0.113.9');
    await flooder.client.session();
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 60 }, () => flooder.client.request('POST', '/api/reports', report(), flooder.headers)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(REPORT_RATE_BURST.limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(60 - REPORT_RATE_BURST.limit);
    const refused = answers.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const floodMs = Date.now() - started;
    // Others are still served while the flood is refused: the council reads its queue at once.
    const during = Date.now();
    const queue = await member.json<{ reports: unknown[] }>('GET', '/api/reports');
    expect(queue.status).toBe(200);
    expect(queue.body.reports).toHaveLength(REPORT_RATE_BURST.limit);
    expect(Date.now() - during).toBeLessThan(2000);
    expect(floodMs).toBeLessThan(30_000);
    const { rows } = await server.db.pool.query('select count(*)::int as n from resident_report');
    expect(rows[0].n).toBe(REPORT_RATE_BURST.limit);
  });
});

describe('the council decides', () => {
  async function pending(over: Record<string, unknown> = {}) {
    const sent = await send(resident, report(over));
    expect(sent.status).toBe(201);
    return sent.body;
  }

  it('accepts a report onto a planned walk: an internal finding observed when the resident reported it', async () => {
    const receipt = await pending({ photo: { name: 'gang.jpg', type: 'image/jpeg', dataUrl: jpegWithLocation() }, email: 'boende@example.se' });
    await server.db.pool.query("update resident_report set created_at = '2026-11-20T19:30:00Z' where id = $1", [receipt.id]);
    expect((await member.json('PUT', '/api/walks/w-1', walk('w-1'))).status).toBe(200);
    const accepted = await member.json<{ report: ResidentReport; finding: Finding }>('POST', `/api/reports/${receipt.id}/accept`, { walkId: 'w-1' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.report).toMatchObject({ status: 'accepterad', findingId: accepted.body.finding.id, walkId: 'w-1' });
    expect(accepted.body.finding).toMatchObject({
      walkId: 'w-1', public: false, status: 'ny', reportId: receipt.id, category: 'belysning', districtId: 'hasselby-vallingby', revision: 1,
      description: 'Mörk gångväg bakom skolan',
    });
    expect(accepted.body.finding.history[0]!.at).toBe('2026-11-20T19:30:00.000Z');
    expect(accepted.body.finding.photo).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{64}$/), public: false });

    // Decided once: a second decision is a conflict with the stored report.
    const again = await member.json<{ stored: ResidentReport }>('POST', `/api/reports/${receipt.id}/decline`, { reason: 'x' });
    expect(again.status).toBe(409);
    expect(again.body.stored.status).toBe('accepterad');

    // Internal: the resident sees the status but no link to the finding, the public sees nothing.
    let follow = (await resident.json<ReportFollowView>('GET', `/api/reports/follow/${receipt.followToken}`)).body;
    expect(follow).toMatchObject({ status: 'accepterad', finding: { status: 'ny', publicId: null } });
    expect((await resident.json<{ findings: unknown[] }>('GET', '/api/records')).body.findings).toEqual([]);

    // Marked public and fixed: the follow link and the public map show it with its status.
    const f = accepted.body.finding;
    const published = await member.json<Finding>('PUT', `/api/findings/${f.id}`, { ...f, public: true });
    const decided = await member.json<Finding>('POST', `/api/findings/${f.id}/status`, { to: 'beslutad', revision: published.body.revision });
    const fixed = await member.json<Finding>('POST', `/api/findings/${f.id}/status`, { to: 'atgardad', note: 'Ny belysning uppsatt', revision: decided.body.revision });
    expect(fixed.status).toBe(200);
    follow = (await resident.json<ReportFollowView>('GET', `/api/reports/follow/${receipt.followToken}`)).body;
    expect(follow.finding).toMatchObject({ status: 'atgardad', publicId: f.id });
    expect(follow.finding!.history.map((h) => h.status)).toEqual(['ny', 'beslutad', 'atgardad']);
    expect(JSON.stringify(follow)).not.toContain('Ny belysning uppsatt');
    // The resident who left an address is owed an update at each step; once fixed, the address is forgotten.
    const queued = await server.db.pool.query('select email, kind from report_notification order by seq');
    expect(queued.rows.map((r) => r.kind)).toEqual(['accepted', 'status:beslutad', 'status:atgardad']);
    expect((await server.db.pool.query('select email from resident_report where id = $1', [receipt.id])).rows[0].email).toBeNull();
    const publicView = await resident.json<{ findings: { id: string; status: string }[] }>('GET', '/api/records');
    expect(publicView.body.findings).toMatchObject([{ id: f.id, status: 'atgardad' }]);
  });

  it('declines with a reason the resident sees, and queues an update for a resident who left an email', async () => {
    const receipt = await pending({ email: 'boende@example.se' });
    const refused = await member.json<{ errors: { field: string }[] }>('POST', `/api/reports/${receipt.id}/decline`, { reason: ' ' });
    expect(refused.status).toBe(400);
    const declined = await member.json<{ report: ResidentReport }>('POST', `/api/reports/${receipt.id}/decline`, { reason: 'Platsen ligger på privat mark; vi har kontaktat fastighetsägaren.' });
    expect(declined.status).toBe(200);
    const follow = (await resident.json<ReportFollowView>('GET', `/api/reports/follow/${receipt.followToken}`)).body;
    expect(follow).toMatchObject({ status: 'avbojd', declineReason: 'Platsen ligger på privat mark; vi har kontaktat fastighetsägaren.', finding: null });
    const { rows } = await server.db.pool.query('select email, kind from report_notification');
    expect(rows).toEqual([{ email: 'boende@example.se', kind: 'declined' }]);
    expect((await server.db.pool.query('select email from resident_report where id = $1', [receipt.id])).rows[0].email).toBeNull();
  });

  it('shows near-duplicates (same category within 25 m) and merges a report into an open finding', async () => {
    expect((await member.json('PUT', '/api/walks/w-1', walk('w-1'))).status).toBe(200);
    // About 11 m north of the report: a duplicate. Another category, or 60 m away: not.
    const near = (await member.json<Finding>('PUT', '/api/findings/f-near', finding('f-near', 'w-1', { photo: null, category: 'belysning', position: [17.8437, 59.3665] }))).body;
    await member.json('PUT', '/api/findings/f-other', finding('f-other', 'w-1', { photo: null, category: 'klotter', position: [17.8437, 59.3665] }));
    await member.json('PUT', '/api/findings/f-far', finding('f-far', 'w-1', { photo: null, category: 'belysning', position: [17.8437, 59.3670] }));
    const first = await pending();
    const second = await pending({ position: [17.8438, 59.3664] });
    const one = await member.json<ResidentReport & { duplicates: { kind: string; id: string; distanceM: number }[] }>('GET', `/api/reports/${second.id}`);
    expect(one.body.duplicates.map((d) => `${d.kind}:${d.id}`)).toEqual([`report:${first.id}`, 'finding:f-near']);
    expect(one.body.duplicates[0]!.distanceM).toBeGreaterThan(4);
    expect(one.body.duplicates[0]!.distanceM).toBeLessThan(7);

    const merged = await member.json<{ report: ResidentReport }>('POST', `/api/reports/${second.id}/merge`, { into: { kind: 'finding', id: near.id } });
    expect(merged.body.report).toMatchObject({ status: 'sammanslagen', findingId: near.id });
    const intoReport = await member.json<{ report: ResidentReport }>('POST', `/api/reports/${first.id}/merge`, { into: { kind: 'report', id: second.id } });
    expect(intoReport.status).toBe(400);
    const follow = (await resident.json<ReportFollowView>('GET', `/api/reports/follow/${second.followToken}`)).body;
    expect(follow).toMatchObject({ status: 'sammanslagen', finding: { status: 'ny', publicId: null } });
    // Tensta's council does not learn of Hässelby's findings near its border: none named as duplicates.
    const tenstaAdmin = await makeAccount(server, 'admin@stad.se', 'admin');
    const city = await sessionClient(server, tenstaAdmin.id);
    await server.db.pool.query("update resident_report set district_id = 'spanga-tensta' where id = $1", [first.id]);
    const asTensta = await otherMember.json<ResidentReport & { duplicates: { kind: string; id: string }[] }>('GET', `/api/reports/${first.id}`);
    expect(asTensta.status).toBe(200);
    expect(asTensta.body.duplicates).toEqual([]);
    const asCity = await city.json<ResidentReport & { duplicates: { kind: string; id: string }[] }>('GET', `/api/reports/${first.id}`);
    expect(asCity.body.duplicates.map((d) => d.id)).toContain('f-near');
    await server.db.pool.query("update resident_report set district_id = 'hasselby-vallingby' where id = $1", [first.id]);
    // A member of another district cannot merge into this district's findings or decide its reports.
    expect((await otherMember.request('POST', `/api/reports/${first.id}/merge`, { into: { kind: 'finding', id: near.id } })).status).toBe(404);
  });

  it('lets a walk plan to look at reports of its council only', async () => {
    const receipt = await pending();
    const planned = await member.json<Walk>('PUT', '/api/walks/w-1', walk('w-1', { reportIds: [receipt.id] }));
    expect(planned.status).toBe(200);
    expect(planned.body.reportIds).toEqual([receipt.id]);
    const unknown = await member.json<{ errors: { field: string }[] }>('PUT', '/api/walks/w-2', walk('w-2', { reportIds: ['nope'] }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]!.field).toBe('reportIds');
    // Tensta's council cannot plan a walk around Hässelby's reports.
    const tensta = await otherMember.json<{ errors: { field: string }[] }>('PUT', '/api/walks/w-3', walk('w-3', { area: { kind: 'stadsdel', id: 'tensta' }, reportIds: [receipt.id] }));
    expect(tensta.status).toBe(400);
  });

  it('a member of another district cannot accept, and the accept must keep the finding in the member\'s districts', async () => {
    const receipt = await pending();
    expect((await otherMember.request('POST', `/api/reports/${receipt.id}/accept`, {})).status).toBe(404);
    await otherMember.json('PUT', '/api/walks/w-t', walk('w-t', { area: { kind: 'stadsdel', id: 'tensta' } }));
    const onForeignWalk = await member.request('POST', `/api/reports/${receipt.id}/accept`, { walkId: 'w-t' });
    expect(onForeignWalk.status).toBe(403);
    const { rows } = await server.db.pool.query('select status from resident_report where id = $1', [receipt.id]);
    expect(rows[0].status).toBe('inkommen');
  });
});
