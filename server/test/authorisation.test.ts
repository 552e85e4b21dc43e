/**
 * The authorisation matrix: every endpoint × every role → the expected status, and no response
 * carries what that role may not see. Internal texts carry a marker ("HEMLIG") so that a leak
 * anywhere in a response body is caught, whatever field it hides in.
 */

import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/walks/types';
import { TINY_PNG } from '../../src/domain/walks/walk-fixtures';
import { PHOTO_DATA_URL, finding, walk } from '../../src/storage/test-records';
import { Client, clearRecords, freshServer, makeAccount, makeOrganisation, sessionClient, type TestServer } from './harness';

type Role = 'admin' | 'member' | 'otherMember' | 'responsible' | 'otherParty' | 'public' | 'expired';
const ROLES: Role[] = ['admin', 'member', 'otherMember', 'responsible', 'otherParty', 'public', 'expired'];

let server: TestServer;
const clients = {} as Record<Role, Client>;
let policeOrg = '';
let otherOrg = '';
let adminClient: Client;
let internalPhotoId = '';
let publicPhotoId = '';
let targetAccountId = '';

/** In the walk's notes and participants: for the council (and the city) only. */
const WALK_SECRET = 'VANDRINGHEMLIG';
/** In the internal finding's description and in status notes: also for the finding's responsible party. */
const FINDING_SECRET = 'FYNDHEMLIG';
/** In a pending resident report's text: for its district's council (and the resident's own link) only. */
const REPORT_SECRET = 'TIPSHEMLIG';
/** The resident's email address: never in any response. */
const EMAIL_SECRET = 'boende-hemlig@example.se';
let reportId = '';
let followToken = '';

beforeAll(async () => {
  server = await freshServer();
  policeOrg = (await makeOrganisation(server, 'Polisen Västerort')).id;
  otherOrg = (await makeOrganisation(server, 'Fastighets AB Exempel', 'fastighetsagare')).id;
  const accounts = {
    admin: await makeAccount(server, 'admin@stad.se', 'admin'),
    member: await makeAccount(server, 'medlem@hv.se', 'member', { districtIds: ['hasselby-vallingby'] }),
    otherMember: await makeAccount(server, 'medlem@st.se', 'member', { districtIds: ['spanga-tensta'] }),
    responsible: await makeAccount(server, 'polis@example.se', 'responsible', { organisationId: policeOrg }),
    otherParty: await makeAccount(server, 'fastighet@example.se', 'responsible', { organisationId: otherOrg }),
    expired: await makeAccount(server, 'gammal@hv.se', 'member', { districtIds: ['hasselby-vallingby'] }),
  };
  targetAccountId = (await makeAccount(server, 'mal@hv.se', 'member', { districtIds: ['hasselby-vallingby'] })).id;
  for (const role of ROLES) {
    clients[role] = role === 'public' ? new Client(server.app) : await sessionClient(server, accounts[role as Exclude<Role, 'public'>].id);
  }
  await clients.public.session();
  await server.db.pool.query("update session set expires_at = now() - interval '1 second' where account_id = $1", [accounts.expired.id]);
  adminClient = clients.admin;
});

/** Records every case starts from: a walk, an internal finding assigned to the police, a public one. */
beforeEach(async () => {
  await clearRecords(server);
  const put = async (path: string, body: unknown) => {
    const r = await adminClient.json<Finding>('PUT', path, body);
    expect(r.status).toBe(200);
    return r.body;
  };
  await put('/api/walks/w-1', walk('w-1', { notes: `Deltagarnas anteckningar ${WALK_SECRET}`, participants: [`Förening ${WALK_SECRET}`] }));
  const internal = await put('/api/findings/f-int', finding('f-int', 'w-1', {
    description: `Intern iakttagelse ${FINDING_SECRET}`, photo: { name: 'a.png', type: 'image/png', dataUrl: PHOTO_DATA_URL },
    responsible: { kind: 'polisen', organisationId: policeOrg },
  }));
  internalPhotoId = internal.photo!.id!;
  const pub = await put('/api/findings/f-pub', finding('f-pub', 'w-1', {
    description: 'Trasig lykta vid torget', public: true, position: [17.8452, 59.3668],
    photo: { ...TINY_PNG, public: true },
    responsible: { kind: 'polisen', organisationId: policeOrg },
  }));
  publicPhotoId = pub.photo!.id!;
  const sent = await clients.public.json<{ id: string; followToken: string }>('POST', '/api/reports', {
    position: [17.8437, 59.3664], category: 'belysning', description: `Mörkt ${REPORT_SECRET}`, times: ['natt'], email: EMAIL_SECRET,
    photo: { name: 'gang.png', type: 'image/png', dataUrl: PHOTO_DATA_URL },
  });
  expect(sent.status).toBe(201);
  ({ id: reportId, followToken } = sent.body);
  // A status note is internal: the public sees the status and its date only.
  const moved = await adminClient.json('POST', '/api/findings/f-pub/status', { to: 'beslutad', note: `Beslut ${FINDING_SECRET}`, revision: pub.revision });
  expect(moved.status).toBe(200);
});

interface Case {
  name: string;
  method: string;
  path: () => string;
  body?: () => unknown;
  expect: Record<Role, number>;
  /** Markers this answer may carry for everyone (the resident's own follow link shows their text). */
  shows?: string[];
}

const MODERATORS = { admin: 200, member: 200, otherMember: 404, responsible: 403, otherParty: 403, public: 401, expired: 401 } as const;

const current = async (id: string) => (await server.db.pool.query<{ record: Finding }>('select record from finding where id = $1', [id])).rows[0]!.record;

const CASES: Case[] = [
  { name: 'read everything visible', method: 'GET', path: () => '/api/records',
    expect: { admin: 200, member: 200, otherMember: 200, responsible: 200, otherParty: 200, public: 200, expired: 200 } },
  { name: 'read a map view', method: 'GET', path: () => '/api/findings?bbox=17.7,59.3,18.2,59.45',
    expect: { admin: 200, member: 200, otherMember: 200, responsible: 200, otherParty: 200, public: 200, expired: 200 } },
  { name: 'read changes', method: 'GET', path: () => '/api/changes?since=0',
    expect: { admin: 200, member: 200, otherMember: 200, responsible: 200, otherParty: 200, public: 200, expired: 200 } },
  { name: 'edit a walk', method: 'PUT', path: () => '/api/walks/w-1', body: () => walk('w-1', { revision: 1, notes: 'ändrad' }),
    expect: { admin: 200, member: 200, otherMember: 404, responsible: 404, otherParty: 404, public: 401, expired: 401 } },
  { name: 'create a walk in Hässelby-Vällingby', method: 'PUT', path: () => '/api/walks/w-2', body: () => walk('w-2'),
    expect: { admin: 200, member: 200, otherMember: 403, responsible: 403, otherParty: 403, public: 401, expired: 401 } },
  { name: 'delete a walk', method: 'DELETE', path: () => '/api/walks/w-1?revision=1',
    expect: { admin: 200, member: 200, otherMember: 404, responsible: 404, otherParty: 404, public: 401, expired: 401 } },
  { name: 'edit an internal finding', method: 'PUT', path: () => '/api/findings/f-int', body: async () => ({ ...(await current('f-int')), description: 'ändrad' }),
    expect: { admin: 200, member: 200, otherMember: 404, responsible: 403, otherParty: 404, public: 401, expired: 401 } },
  { name: 'edit a public finding', method: 'PUT', path: () => '/api/findings/f-pub', body: async () => ({ ...(await current('f-pub')), description: 'ändrad' }),
    expect: { admin: 200, member: 200, otherMember: 403, responsible: 403, otherParty: 403, public: 401, expired: 401 } },
  { name: 'move the status of an internal finding', method: 'POST', path: () => '/api/findings/f-int/status', body: () => ({ to: 'beslutad', note: 'ok', revision: 1 }),
    expect: { admin: 200, member: 200, otherMember: 404, responsible: 200, otherParty: 404, public: 401, expired: 401 } },
  { name: 'delete a finding', method: 'DELETE', path: () => '/api/findings/f-int',
    expect: { admin: 200, member: 200, otherMember: 404, responsible: 403, otherParty: 404, public: 401, expired: 401 } },
  { name: 'read a finding\'s history', method: 'GET', path: () => '/api/findings/f-int/history',
    expect: { admin: 200, member: 200, otherMember: 404, responsible: 200, otherParty: 404, public: 404, expired: 404 } },
  { name: 'read a public finding\'s history', method: 'GET', path: () => '/api/findings/f-pub/history',
    expect: { admin: 200, member: 200, otherMember: 404, responsible: 200, otherParty: 404, public: 404, expired: 404 } },
  { name: 'read an internal photo', method: 'GET', path: () => `/api/photos/${internalPhotoId}`,
    expect: { admin: 200, member: 200, otherMember: 404, responsible: 200, otherParty: 404, public: 404, expired: 404 } },
  { name: 'read a public photo of a public finding', method: 'GET', path: () => `/api/photos/${publicPhotoId}`,
    expect: { admin: 200, member: 200, otherMember: 200, responsible: 200, otherParty: 200, public: 200, expired: 200 } },
  { name: 'import records', method: 'POST', path: () => '/api/import', body: () => ({ walks: [], findings: [finding('f-new', null, { photo: null })] }),
    expect: { admin: 200, member: 200, otherMember: 403, responsible: 403, otherParty: 403, public: 401, expired: 401 } },
  { name: 'restore deleted records', method: 'POST', path: () => '/api/restore', body: () => ({ walks: [], findings: [finding('f-gone', null, { photo: null, revision: 1 })] }),
    expect: { admin: 204, member: 204, otherMember: 403, responsible: 403, otherParty: 403, public: 401, expired: 401 } },
  { name: 'list organisations', method: 'GET', path: () => '/api/organisations',
    expect: { admin: 200, member: 200, otherMember: 200, responsible: 200, otherParty: 200, public: 401, expired: 401 } },
  { name: 'send a resident report', method: 'POST', path: () => '/api/reports',
    body: () => ({ position: [17.8437, 59.3664], category: 'klotter', description: 'Klotter på tunneln', times: ['dag'] }),
    // The expired session's client holds no public CSRF cookie: it must read GET /api/session again.
    expect: { admin: 201, member: 201, otherMember: 201, responsible: 201, otherParty: 201, public: 201, expired: 403 } },
  { name: 'follow a report by its private link', method: 'GET', path: () => `/api/reports/follow/${followToken}`, shows: [REPORT_SECRET],
    expect: { admin: 200, member: 200, otherMember: 200, responsible: 200, otherParty: 200, public: 200, expired: 200 } },
  { name: 'list resident reports', method: 'GET', path: () => '/api/reports',
    expect: { ...MODERATORS, otherMember: 200 } },
  { name: 'read a resident report', method: 'GET', path: () => `/api/reports/${reportId}`, expect: MODERATORS },
  { name: 'read a resident report\'s photo', method: 'GET', path: () => `/api/reports/${reportId}/photo`, expect: MODERATORS },
  { name: 'accept a resident report', method: 'POST', path: () => `/api/reports/${reportId}/accept`, body: () => ({}), expect: MODERATORS },
  { name: 'decline a resident report', method: 'POST', path: () => `/api/reports/${reportId}/decline`, body: () => ({ reason: 'Redan åtgärdat' }), expect: MODERATORS },
  { name: 'merge a resident report', method: 'POST', path: () => `/api/reports/${reportId}/merge`, body: () => ({ into: { kind: 'finding', id: 'f-int' } }), expect: MODERATORS },
  { name: 'list accounts', method: 'GET', path: () => '/api/admin/accounts',
    expect: { admin: 200, member: 403, otherMember: 403, responsible: 403, otherParty: 403, public: 401, expired: 401 } },
  { name: 'create an organisation', method: 'POST', path: () => '/api/admin/organisations', body: () => ({ name: `Org ${Math.random()}`, kind: 'sl' }),
    expect: { admin: 201, member: 403, otherMember: 403, responsible: 403, otherParty: 403, public: 401, expired: 401 } },
  { name: 'invite an account', method: 'POST', path: () => '/api/admin/invitations', body: () => ({ email: 'ny@hv.se', role: 'member', districtIds: ['hasselby-vallingby'] }),
    expect: { admin: 201, member: 403, otherMember: 403, responsible: 403, otherParty: 403, public: 401, expired: 401 } },
  { name: 'change an account', method: 'PATCH', path: () => `/api/admin/accounts/${targetAccountId}`, body: () => ({ districtIds: ['hasselby-vallingby', 'bromma'] }),
    expect: { admin: 200, member: 403, otherMember: 403, responsible: 403, otherParty: 403, public: 401, expired: 401 } },
];

/** The markers a role must never receive. */
function forbiddenSecrets(role: Role): string[] {
  if (role === 'admin' || role === 'member') return [EMAIL_SECRET];
  if (role === 'responsible') return [WALK_SECRET, REPORT_SECRET, EMAIL_SECRET];
  return [WALK_SECRET, FINDING_SECRET, REPORT_SECRET, EMAIL_SECRET];
}

describe('every endpoint × every role', () => {
  for (const c of CASES) {
    for (const role of ROLES) {
      it(`${c.name}: ${role} → ${c.expect[role]}`, async () => {
        const body = c.body ? await c.body() : undefined;
        const response = await clients[role].request(c.method, c.path(), body);
        expect(response.status).toBe(c.expect[role]);
        const text = response.headers.get('content-type')?.startsWith('image/') ? '' : await response.text();
        for (const secret of forbiddenSecrets(role).filter((m) => !c.shows?.includes(m))) expect(text, `${role} must not see ${secret}`).not.toContain(secret);
        if (response.status >= 400) expect(response.headers.get('content-type')).toContain('application/problem+json');
        // Nothing internal ever: password hashes, session tokens.
        expect(text).not.toMatch(/password_?hash|scrypt\$|token_hash/i);
      });
    }
  }
});

describe('what each role reads', () => {
  it('the public sees public findings only, without notes, authors, walks or non-public photos', async () => {
    const { body } = await clients.public.json<{ walks: unknown[]; findings: Record<string, unknown>[] }>('GET', '/api/records');
    expect(body.walks).toEqual([]);
    expect(body.findings.map((f) => f.id)).toEqual(['f-pub']);
    const f = body.findings[0]!;
    expect(f).not.toHaveProperty('walkId');
    expect(f).not.toHaveProperty('priority');
    expect(JSON.stringify(f.history)).not.toMatch(/note|by/);
    expect(f.responsible).toEqual({ kind: 'polisen', organisation: 'Polisen Västerort' });
  });

  it('the public sees a status note only when it was written for residents', async () => {
    const before = await current('f-pub');
    const moved = await clients.responsible.json<Finding>('POST', '/api/findings/f-pub/status', { to: 'atgardad', note: 'Lyktan byttes 3 december', notePublic: true, revision: before.revision });
    expect(moved.status).toBe(200);
    expect(moved.body.history.at(-1)).toMatchObject({ status: 'atgardad', note: 'Lyktan byttes 3 december', public: true });
    const { body } = await clients.public.json<{ findings: { history: { status: string; note?: string }[] }[] }>('GET', '/api/records');
    expect(body.findings[0]!.history).toEqual([
      { status: 'ny', at: expect.any(String) }, { status: 'beslutad', at: expect.any(String) },
      { status: 'atgardad', at: expect.any(String), note: 'Lyktan byttes 3 december' },
    ]);
  });

  it('a responsible party sees its own findings in full and no walks', async () => {
    const { body } = await clients.responsible.json<{ walks: unknown[]; findings: Finding[] }>('GET', '/api/records');
    expect(body.walks).toEqual([]);
    expect(body.findings.map((f) => f.id).sort()).toEqual(['f-int', 'f-pub']);
    expect(body.findings.find((f) => f.id === 'f-int')!.description).toContain('Intern');
  });

  it('another district\'s member sees the public finding as the public does', async () => {
    const { body } = await clients.otherMember.json<{ walks: unknown[]; findings: Record<string, unknown>[] }>('GET', '/api/records');
    expect(body.walks).toEqual([]);
    expect(body.findings.map((f) => f.id)).toEqual(['f-pub']);
    expect(body.findings[0]).not.toHaveProperty('priority');
  });
});

/** Every key path in a JSON value ("findings[].responsible.organisation"), array indices folded. */
function keyPaths(value: unknown, prefix = ''): Set<string> {
  const out = new Set<string>();
  const visit = (v: unknown, at: string) => {
    if (Array.isArray(v)) { for (const item of v) visit(item, `${at}[]`); return; }
    if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        const path = at ? `${at}.${k}` : k;
        out.add(path);
        visit(child, path);
      }
    }
  };
  visit(value, prefix);
  return out;
}

const PUBLIC_FINDING_FIELDS = ['id', 'position', 'category', 'description', 'photo', 'photo.name', 'photo.type', 'photo.id', 'photo.public',
  'responsible', 'responsible.kind', 'responsible.organisation', 'status', 'history', 'history[].status', 'history[].at', 'history[].note',
  'createdAt', 'updatedAt', 'stadsdelId', 'districtId', 'priorityAreaIds', 'public'];

describe('the fields of every public answer', () => {
  it('lists exactly the public fields, whatever the stored records hold', async () => {
    const pub = clients.public;
    const allowed = (prefix: string, fields: string[]) => fields.map((f) => `${prefix}${f}`);
    const answers: [string, unknown, string[]][] = [
      ['GET /api/records', (await pub.json('GET', '/api/records')).body,
        ['walks', 'findings', 'cursor', ...allowed('findings[].', PUBLIC_FINDING_FIELDS)]],
      ['GET /api/findings', (await pub.json('GET', '/api/findings?bbox=17.7,59.3,18.2,59.45')).body,
        ['findings', 'truncated', ...allowed('findings[].', PUBLIC_FINDING_FIELDS)]],
      ['GET /api/changes', (await pub.json('GET', '/api/changes?since=0')).body,
        ['changes', 'cursor', 'more', 'changes[].seq', 'changes[].entity', 'changes[].id', 'changes[].op', 'changes[].record',
          ...allowed('changes[].record.', PUBLIC_FINDING_FIELDS)]],
      ['GET /api/reports/follow', (await pub.json('GET', `/api/reports/follow/${followToken}`)).body,
        ['id', 'category', 'description', 'times', 'position', 'status', 'createdAt', 'decidedAt', 'declineReason', 'finding']],
      ['POST /api/reports', (await pub.json('POST', '/api/reports', { position: [17.8437, 59.3664], category: 'klotter', description: 'Klotter', times: ['dag'] })).body,
        ['id', 'followToken', 'status']],
      ['GET /api/session', (await pub.json('GET', '/api/session')).body, ['account', 'organisation', 'csrfToken']],
    ];
    for (const [name, body, fields] of answers) {
      expect([...keyPaths(body)].sort(), name).toEqual([...new Set([...keyPaths(body)].filter((k) => fields.includes(k)))].sort());
      expect(keyPaths(body).size, `${name} is not empty`).toBeGreaterThan(0);
    }
    // The accepted report's follow view: the finding's status and dates, and its id only once public.
    const accepted = await adminClient.json<{ finding: Finding }>('POST', `/api/reports/${reportId}/accept`, { public: false });
    expect(accepted.status).toBe(200);
    const follow = (await pub.json('GET', `/api/reports/follow/${followToken}`)).body;
    expect([...keyPaths(follow)].filter((k) => k.startsWith('finding.')).sort())
      .toEqual(['finding.history', 'finding.history[].at', 'finding.history[].status', 'finding.publicId', 'finding.status']);
    expect(JSON.stringify(follow)).not.toContain(accepted.body.finding.id);
  });
});
