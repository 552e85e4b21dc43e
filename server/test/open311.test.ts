/**
 * The Open311 GeoReport v2 server (/open311/v2): every field and error case against the spec
 * (wiki.open311.org/GeoReport_v2), XML equal to JSON, and nothing internal in any answer.
 */

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeEach, describe, expect, it } from 'vitest';
import { CATEGORY_NAMES, RESPONSIBLE_NAMES, STATUS_NAMES } from '../../src/domain/categories';
import { REPORT_DESCRIPTION_MAX } from '../../src/domain/reports';
import { FINDING_CATEGORIES, FINDING_STATUSES, RESPONSIBLE_KINDS, type Finding, type FindingStatus, type StatusChange, type Walk } from '../../src/domain/walks/types';
import { translate } from '../../src/i18n/strings';
import { finding, PHOTO_DATA_URL, walk } from '../../src/storage/test-records';
import { CATEGORY_LABEL, RESPONSIBLE_LABEL, STATUS_LABEL } from '../../src/ui/walk-labels';
import { createApp } from '../app';
import { createOpen311Client } from '../open311/clients';
import { createReport } from '../reports/store';
import { freshServer, makeAccount, makeOrganisation, sessionClient, type Client, type TestServer } from './harness';

const BASE = 'http://omr.test';
const V2 = '/open311/v2';
const DAY = 86_400_000;

/** Keys each kind of answer object may have (the spec's, nothing else). */
const REQUEST_KEYS = ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible',
  'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long'];
const SERVICE_KEYS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
const POST_KEYS = ['service_request_id', 'service_notice', 'account_id'];
const ERROR_KEYS = ['code', 'description'];
const W3C_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Answer { status: number; headers: Headers; text: string }
type Request311 = Record<string, Json>;

let server: TestServer;
let admin: Client;
let policeOrg: string;
/** Every Open311 answer body of a test, to look for planted markers in. */
let bodies: string[];

async function send(path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}, app = server.app): Promise<Answer> {
  const response = await app.request(`${BASE}${path}`, { method: init.method ?? 'GET', body: init.body, headers: init.headers });
  const text = await response.text();
  bodies.push(text);
  return { status: response.status, headers: response.headers, text };
}

const form = (fields: Record<string, string | string[]>): string => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
  return params.toString();
};

async function post(fields: Record<string, string | string[]>, format: 'json' | 'xml' = 'json', app = server.app): Promise<Answer> {
  return send(`${V2}/requests.${format}`, { method: 'POST', body: form(fields), headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } }, app);
}

const ITEM_NAMES: Record<string, string> = {
  services: 'service', service_requests: 'request', errors: 'error', endpoints: 'endpoint', formats: 'format', attributes: 'attribute', values: 'value',
};
const xmlParser = new XMLParser({ parseTagValue: false, ignoreDeclaration: true, isArray: (name) => Object.values(ITEM_NAMES).includes(name) });

/** What fast-xml-parser makes of the XML mirror of a JSON value (Spark convention): text everywhere, '' for null and empty lists. */
function asParsedXml(value: Json, name: string): unknown {
  if (value === null) return '';
  if (Array.isArray(value)) {
    if (value.length === 0) return '';
    const item = ITEM_NAMES[name]!;
    return { [item]: value.map((v) => asParsedXml(v, item)) };
  }
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asParsedXml(v, k)]));
  return String(value);
}

/** GETs a resource as JSON and as XML: checks both headers, that the XML is well-formed and holds the same as the JSON. */
async function both<T extends Json = Json>(resource: string, query = '', root: string): Promise<{ status: number; body: T; headers: Headers }> {
  const json = await send(`${V2}/${resource}.json${query}`);
  const xml = await send(`${V2}/${resource}.xml${query}`);
  expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(xml.headers.get('content-type')).toBe('text/xml; charset=utf-8');
  expect(xml.status).toBe(json.status);
  expect(xml.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  expect(XMLValidator.validate(xml.text)).toBe(true);
  const body = JSON.parse(json.text) as T;
  const parsed = xmlParser.parse(xml.text) as Record<string, unknown>;
  expect(Object.keys(parsed)).toEqual([json.status < 400 ? root : 'errors']);
  expect(parsed).toEqual({ [json.status < 400 ? root : 'errors']: asParsedXml(body, json.status < 400 ? root : 'errors') });
  return { status: json.status, body, headers: json.headers };
}

async function expectError(answer: Answer | Promise<Answer>, status: number, match?: RegExp): Promise<string> {
  const { status: got, text, headers } = await answer;
  expect(got, text).toBe(status);
  if (headers.get('content-type')!.startsWith('text/xml')) {
    expect(XMLValidator.validate(text)).toBe(true);
    const errors = (xmlParser.parse(text) as { errors: { error: { code: string; description: string }[] } }).errors.error;
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e.code).toBe(String(status));
    if (match) expect(errors.map((e) => e.description).join('\n')).toMatch(match);
    return errors.map((e) => e.description).join('\n');
  }
  expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
  const errors = JSON.parse(text) as { code: number; description: string }[];
  expect(Array.isArray(errors) && errors.length > 0).toBe(true);
  for (const e of errors) {
    expect(Object.keys(e).sort()).toEqual([...ERROR_KEYS].sort());
    expect(e.code).toBe(status);
  }
  if (match) expect(errors.map((e) => e.description).join('\n')).toMatch(match);
  return errors.map((e) => e.description).join('\n');
}

/** Every key of every request object is the spec's, and each carries the fields as this server fills them. */
function checkRequest(r: Request311): void {
  const keys = Object.keys(r);
  expect(keys.filter((k) => k !== 'media_url')).toEqual(REQUEST_KEYS);
  expect(['open', 'closed']).toContain(r.status);
  for (const k of ['requested_datetime', 'updated_datetime']) expect(r[k]).toMatch(W3C_RE);
  expect(Date.parse(r.updated_datetime as string)).toBeGreaterThanOrEqual(Date.parse(r.requested_datetime as string));
  expect([r.expected_datetime, r.address, r.address_id, r.zipcode]).toEqual([null, null, null, null]);
  for (const k of ['lat', 'long']) {
    expect(typeof r[k]).toBe('number');
    expect((String(r[k]).split('.')[1] ?? '').length).toBeLessThanOrEqual(5);
  }
  if ('media_url' in r) expect(r.media_url).toMatch(/^http:\/\/omr\.test\/api\/photos\/[0-9a-f]{64}$/);
}

async function clearRates(): Promise<void> {
  await server.db.pool.query('truncate rate_event');
}

const iso = (ms: number) => new Date(ms).toISOString();

async function putWalk(w: Walk): Promise<void> {
  const saved = await admin.json('PUT', `/api/walks/${w.id}`, w);
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
}

async function putFinding(f: Finding): Promise<Finding> {
  const saved = await admin.json<Finding>('PUT', `/api/findings/${f.id}`, f);
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  return saved.body;
}

/** A history ending in `status`, the first entry at `start`, one hour between changes, with a note on each change. */
function historyTo(status: FindingStatus, start: number, note: string, publicNote?: string): StatusChange[] {
  const path: Record<FindingStatus, FindingStatus[]> = {
    ny: ['ny'], beslutad: ['ny', 'beslutad'], pagar: ['ny', 'beslutad', 'pagar'], atgardad: ['ny', 'beslutad', 'atgardad'], avslutad: ['ny', 'avslutad'],
  };
  const history: StatusChange[] = path[status].map((s, i) => ({ status: s, at: iso(start + i * 3_600_000), ...(i > 0 ? { note: `${note} ${i}` } : {}) }));
  if (publicNote) history[history.length - 1] = { ...history.at(-1)!, note: publicNote, public: true };
  return history;
}

/** A report stored as the app's form stores it, then decided in SQL as moderation would (the moderation API is not used here). */
async function report(over: { description: string; email?: string; position?: [number, number]; category?: Finding['category']; createdAt?: number }): Promise<string> {
  const { id } = await createReport(server.db.pool, server.areas, {
    position: over.position ?? [18.0686, 59.3293], category: over.category ?? 'belysning', description: over.description,
    times: ['kvall'], photo: null, email: over.email ?? '',
  }, { source: 'web', now: over.createdAt ? new Date(over.createdAt) : undefined });
  return id;
}

async function decide(reportId: string, status: 'accepterad' | 'avbojd', findingId: string | null, reason: string | null = null): Promise<void> {
  await server.db.pool.query(
    'update resident_report set status = $2, finding_id = $3, decline_reason = $4, decided_at = now() where id = $1', [reportId, status, findingId, reason]);
}

beforeEach(async () => {
  server = await freshServer();
  // The tables of resident reports, emptied here too in case the harness does not list them.
  await server.db.pool.query('truncate resident_report, rate_event, open311_client, report_notification');
  bodies = [];
  const account = await makeAccount(server, 'admin@stad.se', 'admin');
  admin = await sessionClient(server, account.id);
  policeOrg = (await makeOrganisation(server, 'Polisen Västerort')).id;
});

describe('names', () => {
  it('are the app\'s own names of categories, statuses and responsible parties', () => {
    for (const lang of ['sv', 'en'] as const) {
      for (const c of FINDING_CATEGORIES) expect(CATEGORY_NAMES[c][lang]).toBe(translate(lang, CATEGORY_LABEL[c]));
      for (const s of FINDING_STATUSES) expect(STATUS_NAMES[s][lang]).toBe(translate(lang, STATUS_LABEL[s]));
      for (const k of RESPONSIBLE_KINDS) expect(RESPONSIBLE_NAMES[k][lang]).toBe(translate(lang, RESPONSIBLE_LABEL[k]));
    }
  });
});

describe('discovery and services', () => {
  it('discovery names the GeoReport v2 endpoint at this origin, in JSON and XML', async () => {
    const { status, body, headers } = await both<Record<string, Json>>('discovery', '', 'discovery');
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['changeset', 'contact', 'key_service', 'endpoints']);
    expect(body.endpoints).toEqual([{
      specification: 'http://wiki.open311.org/GeoReport_v2', url: 'http://omr.test/open311/v2', changeset: body.changeset,
      type: 'production', formats: ['text/xml', 'application/json'],
    }]);
    expect(body.key_service).toMatch(/Ingen api_key behövs/);
    expect(headers.get('access-control-allow-origin')).toBe('*');
    expect(headers.get('cache-control')).toBe('public, max-age=3600');
    expect(headers.get('set-cookie')).toBeNull();
    // Behind a trusted proxy that says HTTPS, the endpoint is https.
    const proxied = createApp({ ...server, config: { secureCookies: 'auto', trustProxy: true, distDir: null, open311RequireApiKey: true } });
    const res = await proxied.request(`${BASE}${V2}/discovery.json`, { headers: { 'x-forwarded-proto': 'https' } });
    const viaProxy = await res.json() as { endpoints: { url: string }[]; key_service: string };
    expect(viaProxy.endpoints[0]!.url).toBe('https://omr.test/open311/v2');
    expect(viaProxy.key_service).toMatch(/api_key krävs/);
  });

  it('lists the finding categories as services with their Swedish names', async () => {
    const { status, body, headers } = await both<Request311[]>('services', '', 'services');
    expect(status).toBe(200);
    expect(headers.get('access-control-allow-origin')).toBe('*');
    expect(body.map((s) => s.service_code)).toEqual([...FINDING_CATEGORIES]);
    for (const s of body) {
      expect(Object.keys(s)).toEqual(SERVICE_KEYS);
      const code = s.service_code as Finding['category'];
      expect(s).toMatchObject({ service_name: CATEGORY_NAMES[code].sv, metadata: true, type: 'realtime', group: 'Trygghet' });
      expect(typeof s.description).toBe('string');
      expect(s.keywords).toContain(CATEGORY_NAMES[code].en);
    }
    expect(body.find((s) => s.service_code === 'otrygg-plats')!.service_name).toBe('Otrygg passage/plats');
  });

  it('defines each service with its one optional attribute, times; an unknown service is 404', async () => {
    const { status, body } = await both<Record<string, Json>>('services/klotter', '', 'service_definition');
    expect(status).toBe(200);
    expect(body).toEqual({
      service_code: 'klotter',
      attributes: [{
        variable: true, code: 'times', datatype: 'multivaluelist', required: false, datatype_description: expect.any(String) as string, order: 1,
        description: 'När känns platsen otrygg?',
        values: [{ key: 'dag', name: 'Dag' }, { key: 'kvall', name: 'Kväll' }, { key: 'natt', name: 'Natt' }],
      }],
    });
    const unknown = await both('services/ufo', '', 'service_definition');
    expect(unknown.status).toBe(404);
    await expectError(send(`${V2}/services/ufo.xml`), 404, /service_code "ufo" was not found/);
    await expectError(send(`${V2}/services/klotter.html`), 404, /formats: json, xml/);
    await expectError(send(`${V2}/services.csv`), 404);
    await expectError(send(`${V2}/nothing/here.json`), 404);
    await expectError(send(`${V2}/services.json`, { method: 'DELETE' }), 404);
  });
});

describe('POST requests', () => {
  const valid = { service_code: 'belysning', lat: '59.3293', long: '18.0686', description: 'Mörk gångtunnel, lampan är trasig' };

  it('stores a pending resident report from an Open311 client, and answers as the spec shows', async () => {
    const answer = await post({ ...valid, email: 'boende@example.se', first_name: 'John', last_name: 'Smith', phone: '111111111', device_id: 'tt222111', account_id: '123456', jurisdiction_id: 'stockholm.se' });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const body = JSON.parse(answer.text) as Request311[];
    expect(body).toHaveLength(1);
    expect(Object.keys(body[0]!)).toEqual(POST_KEYS);
    expect(body[0]!.account_id).toBeNull();
    expect(body[0]!.service_notice).toMatch(/granskas av trygghetsrådet/);
    const id = body[0]!.service_request_id as string;

    const { rows } = await server.db.pool.query('select * from resident_report where id = $1', [id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: 'inkommen', source: 'open311', open311_client_id: null, category: 'belysning', description: valid.description,
      lon: 18.0686, lat: 59.3293, email: 'boende@example.se', times: ['dag', 'kvall', 'natt'], district_id: expect.any(String) as string, photo_id: null,
    });
    // Names, phone and device are never kept anywhere.
    const everything = JSON.stringify((await server.db.pool.query('select * from resident_report')).rows);
    for (const personal of ['John', 'Smith', '111111111', 'tt222111', '123456']) expect(everything).not.toContain(personal);
    // Pending: not a public request yet.
    await expectError(send(`${V2}/requests/${id}.json`), 404);
    expect(JSON.parse((await send(`${V2}/requests.json`)).text)).toEqual([]);
  });

  it('answers in XML, takes JSON bodies, times from attribute[times], and says a media_url was not kept', async () => {
    const xml = await post({ ...valid, 'attribute[times][]': ['kvall', 'natt'], media_url: 'http://example.com/photo.jpg' }, 'xml');
    expect(xml.status, xml.text).toBe(200);
    expect(xml.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    expect(XMLValidator.validate(xml.text)).toBe(true);
    const parsed = xmlParser.parse(xml.text) as { service_requests: { request: Record<string, string>[] } };
    const request = parsed.service_requests.request[0]!;
    expect(Object.keys(request)).toEqual(POST_KEYS);
    expect(request.account_id).toBe('');
    expect(request.service_notice).toMatch(/media_url\) sparades inte/);
    const stored = await server.db.pool.query('select times, photo_id from resident_report where id = $1', [request.service_request_id]);
    expect(stored.rows[0]).toEqual({ times: ['kvall', 'natt'], photo_id: null });

    const json = await send(`${V2}/requests.json`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service_code: 'klotter', lat: 59.3293, long: 18.0686, description: 'Klotter på tunneln', attribute: { times: ['dag'] } }),
    });
    expect(json.status, json.text).toBe(200);
    const id = (JSON.parse(json.text) as Request311[])[0]!.service_request_id;
    expect((await server.db.pool.query('select category, times from resident_report where id = $1', [id])).rows[0]).toEqual({ category: 'klotter', times: ['dag'] });
    // A single value and a comma list are read too.
    expect((await post({ ...valid, 'attribute[times]': 'dag,natt' })).status).toBe(200);
  });

  it('refuses what is missing or wrong in the spec\'s error format, and stores nothing', async () => {
    const cases: [Record<string, string | string[]>, number, RegExp][] = [
      [{ ...valid, service_code: '' }, 400, /service_code was not provided/],
      [{ lat: valid.lat, long: valid.long, description: valid.description }, 400, /service_code was not provided/],
      [{ ...valid, service_code: 'pothole' }, 404, /service_code "pothole" was not found/],
      [{ service_code: 'belysning', description: 'x' }, 400, /lat and long are required/],
      [{ service_code: 'belysning', description: 'x', address_string: 'Drottninggatan 1, Stockholm' }, 400, /does not look up address_string/],
      [{ service_code: 'belysning', description: 'x', address_id: '545483' }, 400, /lat and long are required/],
      [{ service_code: 'belysning', description: 'x', lat: '59.3' }, 400, /long is required/],
      [{ ...valid, lat: 'norr' }, 400, /lat: must be a number/],
      [{ ...valid, long: '18,07' }, 400, /long: must be a number/],
      [{ ...valid, lat: '57.7089', long: '11.9746' }, 400, /must lie in Stockholm.*km outside Stockholm/],
      [{ ...valid, lat: '18.0686', long: '59.3293' }, 400, /look swapped.*lat=59.3293&long=18.0686/],
      [{ ...valid, lat: '6580000', long: '674000' }, 400, /not a latitude and longitude|SWEREF/],
      [{ ...valid, description: '' }, 400, /description is required/],
      [{ ...valid, description: '   ' }, 400, /description is required/],
      [{ ...valid, description: 'x'.repeat(REPORT_DESCRIPTION_MAX + 1) }, 400, new RegExp(`at most ${REPORT_DESCRIPTION_MAX} characters`)],
      [{ ...valid, email: 'inte-en-adress' }, 400, /email: not an email address/],
      [{ ...valid, 'attribute[times][]': ['kvall', 'lunch'] }, 400, /"lunch" is not one of dag, kvall, natt/],
      [{ ...valid, 'attribute[WHISPAWN]': '123456' }, 400, /attribute\[WHISPAWN\] is not an attribute/],
      [{ ...valid, service_code: ['belysning', 'klotter'] }, 400, /service_code was sent more than once/],
    ];
    for (const [fields, status, message] of cases) {
      await clearRates();
      await expectError(post(fields), status, message);
      await expectError(post(fields, 'xml'), status, message);
    }
    await clearRates();
    await expectError(send(`${V2}/requests.json`, { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } }), 400, /x-www-form-urlencoded/);
    await expectError(send(`${V2}/requests.xml`, { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } }), 400, /not valid JSON/);
    await expectError(post({ ...valid, description: 'x'.repeat(40_000) }), 400, /larger than/);
    await expectError(send(`${V2}/services.json`, { method: 'POST', body: form(valid), headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 404);
    expect((await server.db.pool.query('select count(*)::int as n from resident_report')).rows[0]).toEqual({ n: 0 });
  });

  it('needs a valid api_key when the deployment requires one (403 otherwise), and records which client posted', async () => {
    const strict = createApp({ ...server, config: { secureCookies: 'auto', trustProxy: false, distDir: null, open311RequireApiKey: true } });
    const { id: clientId, key } = await createOpen311Client(server.db.pool, 'Stadens felanmälan');
    const disabled = await createOpen311Client(server.db.pool, 'Gammal app');
    await server.db.pool.query('update open311_client set disabled = true where id = $1', [disabled.id]);
    expect((await server.db.pool.query('select key_hash from open311_client where id = $1', [clientId])).rows[0].key_hash).not.toContain(key);

    await expectError(post(valid, 'json', strict), 403, /api_key is required/);
    await expectError(post(valid, 'xml', strict), 403, /api_key is required/);
    await expectError(post({ ...valid, api_key: 'xyz' }, 'json', strict), 403, /invalid api_key/);
    await expectError(post({ ...valid, api_key: disabled.key }, 'xml', strict), 403, /invalid api_key/);
    // Without a key requirement a wrong key is still refused rather than ignored.
    await expectError(post({ ...valid, api_key: 'xyz' }), 403, /invalid api_key/);
    expect((await server.db.pool.query('select count(*)::int as n from resident_report')).rows[0]).toEqual({ n: 0 });

    const ok = await post({ ...valid, api_key: key }, 'json', strict);
    expect(ok.status, ok.text).toBe(200);
    const viaQuery = await send(`${V2}/requests.json?api_key=${encodeURIComponent(key)}`, { method: 'POST', body: form(valid), headers: { 'content-type': 'application/x-www-form-urlencoded' } }, strict);
    expect(viaQuery.status, viaQuery.text).toBe(200);
    const { rows } = await server.db.pool.query('select open311_client_id from resident_report');
    expect(rows).toEqual([{ open311_client_id: clientId }, { open311_client_id: clientId }]);
    // Reading never needs a key.
    expect((await send(`${V2}/requests.json`, {}, strict)).status).toBe(200);
    expect((await send(`${V2}/services.json`, {}, strict)).status).toBe(200);
  });

  it('limits posts to 10 an hour per client address (429 with Retry-After), and per key apart from that', async () => {
    for (let i = 0; i < 10; i++) {
      // Refused posts count too.
      const answer = i % 2 === 0 ? await post(valid) : await post({ ...valid, lat: 'x' });
      expect(answer.status).toBe(i % 2 === 0 ? 200 : 400);
    }
    const limited = await post(valid, 'xml');
    await expectError(limited, 429, /too many requests/);
    const wait = Number(limited.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(3500);
    expect(wait).toBeLessThanOrEqual(3600);
    await expectError(post(valid), 429);
    expect((await server.db.pool.query('select count(*)::int as n from resident_report')).rows[0]).toEqual({ n: 5 });
    // A client system with a key has its own, larger allowance.
    const { key } = await createOpen311Client(server.db.pool, 'Stadens felanmälan');
    expect((await post({ ...valid, api_key: key })).status).toBe(200);
    await server.db.pool.query("insert into rate_event (key, at) select 'open311:key:' || id, now() from open311_client, generate_series(1, 499)");
    await expectError(post({ ...valid, api_key: key }), 429);
  });

  it('the admin command prints a new client\'s key once and keeps only its hash', async () => {
    const run = promisify(execFile);
    const { stdout } = await run('npx', ['tsx', 'server/cli/admin.ts', 'open311-key', 'Stadens felanmälan'], {
      env: { ...process.env, DATABASE_URL: '', OMR_DATA_DIR: 'memory://' }, timeout: 150_000,
    });
    expect(stdout).toMatch(/^Open311 api_key for Stadens felanmälan \(shown only now; only its hash is stored\):\n[A-Za-z0-9_-]{43}\n$/);
    const usage = await run('npx', ['tsx', 'server/cli/admin.ts', 'open311-key'], { env: { ...process.env, OMR_DATA_DIR: 'memory://' } }).catch((e: { code: number; stderr: string }) => e);
    expect(usage).toMatchObject({ code: 2, stderr: expect.stringContaining('open311-key NAME') as string });
  }, 180_000);
});

describe('GET requests', () => {
  const now = Date.now();
  const MARKERS = ['MARKER-NOTE', 'MARKER-WALK-NOTES', 'MARKER-PARTICIPANT', 'MARKER-PHOTO', 'marker-email@example.se', 'MARKER-PENDING',
    'MARKER-DECLINED', 'MARKER-INTERNAL', 'MARKER-RESPONSIBLE'];

  /**
   * Public findings f-1 (ny, 10 days ago, public photo, the police), f-2 (åtgärdad, 40 days ago,
   * internal photo), f-old (200 days ago); internal finding f-int; report r-1 accepted into the
   * internal finding f-r1; report r-2 accepted into the public finding f-r2; r-3 pending; r-4 declined.
   */
  async function records(): Promise<Record<string, string>> {
    await putWalk(walk('w-1', { notes: 'MARKER-WALK-NOTES', participants: ['MARKER-PARTICIPANT', 'Polisen'] }));
    const f1 = await putFinding(finding('f-1', 'w-1', {
      position: [17.845123456, 59.366912345], description: 'Trasig lykta <vid> "tunneln" & trappan',
      photo: { name: 'lykta.png', type: 'image/png', dataUrl: PHOTO_DATA_URL, public: true },
      responsible: { kind: 'polisen', organisationId: policeOrg }, public: true,
      history: historyTo('ny', now - 10 * DAY, 'MARKER-NOTE'), createdAt: iso(now - 2 * DAY), updatedAt: iso(now - 2 * DAY), deadline: '2030-01-01',
    }));
    await putFinding(finding('f-2', 'w-1', {
      category: 'klotter', position: [17.8462, 59.3671], description: 'Klotter på elskåpet',
      photo: { name: 'MARKER-PHOTO.png', type: 'image/png', dataUrl: PHOTO_DATA_URL, public: false },
      status: 'atgardad', history: historyTo('atgardad', now - 40 * DAY, 'MARKER-NOTE', 'Klottret sanerat'), public: true,
      responsible: { kind: 'fastighetsagare', name: 'Svenska Bostäder' }, createdAt: iso(now - 39 * DAY), updatedAt: iso(now - 38 * DAY),
    }));
    await putFinding(finding('f-old', null, {
      category: 'trafik', photo: null, public: true, history: historyTo('ny', now - 200 * DAY, 'MARKER-NOTE'),
      createdAt: iso(now - 200 * DAY), updatedAt: iso(now - 200 * DAY), description: 'Farlig korsning',
    }));
    await putFinding(finding('f-int', 'w-1', {
      photo: null, public: false, description: 'MARKER-INTERNAL finding', responsible: { kind: 'annan', name: 'MARKER-RESPONSIBLE' },
      history: historyTo('beslutad', now - 5 * DAY, 'MARKER-NOTE'), status: 'beslutad', createdAt: iso(now - 5 * DAY), updatedAt: iso(now - 5 * DAY),
    }));

    const r1 = await report({ description: 'Mörkt vid busshållplatsen', email: 'marker-email@example.se', position: [18.0712345678, 59.3312345678], createdAt: now - 3 * DAY });
    await putFinding(finding('f-r1', null, {
      position: [18.0712345678, 59.3312345678], photo: null, public: false, description: 'MARKER-INTERNAL edited by the council',
      responsible: { kind: 'annan', name: 'MARKER-RESPONSIBLE' }, status: 'pagar', history: historyTo('pagar', now - 3 * DAY, 'MARKER-NOTE'),
      createdAt: iso(now - 2 * DAY), updatedAt: iso(now - 2 * DAY),
    }));
    await decide(r1, 'accepterad', 'f-r1');

    const r2 = await report({ description: 'Buskar skymmer gångvägen', category: 'vegetation', email: 'marker-email@example.se', createdAt: now - 20 * DAY });
    await putFinding(finding('f-r2', null, {
      category: 'vegetation', position: [18.0686, 59.3293], photo: null, public: true, description: 'Buskar skymmer gångvägen (klippta)',
      responsible: { kind: 'trafikkontoret' }, status: 'avslutad', history: historyTo('avslutad', now - 20 * DAY, 'MARKER-NOTE'),
      createdAt: iso(now - 19 * DAY), updatedAt: iso(now - 19 * DAY),
    }));
    await decide(r2, 'accepterad', 'f-r2');

    const r3 = await report({ description: 'MARKER-PENDING report', email: 'marker-email@example.se' });
    const r4 = await report({ description: 'MARKER-DECLINED report' });
    await decide(r4, 'avbojd', null, 'MARKER-DECLINED reason');
    return { r1, r2, r3, r4, photo: f1.photo!.id! };
  }

  const ids = (list: Request311[]) => list.map((r) => r.service_request_id);

  it('lists public findings and accepted reports of the last 90 days once each, newest first, with every field as the spec says', async () => {
    const { r1, r2, photo } = await records();
    const { status, body, headers } = await both<Request311[]>('requests', '', 'service_requests');
    expect(status).toBe(200);
    expect(headers.get('access-control-allow-origin')).toBe('*');
    expect(headers.get('cache-control')).toBe('public, max-age=60');
    expect(ids(body)).toEqual([r1, 'f-1', r2, 'f-2']);
    body.forEach(checkRequest);
    const [a, b, c, d] = body as [Request311, Request311, Request311, Request311];

    // The accepted report with an internal finding: the report's own fields and the finding's status only.
    expect(a).toEqual({
      service_request_id: r1, status: 'open', status_notes: 'Pågår', service_name: 'Belysning', service_code: 'belysning',
      description: 'Mörkt vid busshållplatsen', agency_responsible: null, service_notice: null,
      requested_datetime: a.requested_datetime, updated_datetime: a.updated_datetime, expected_datetime: null,
      address: null, address_id: null, zipcode: null, lat: 59.33123, long: 18.07123,
    });
    expect(Date.parse(a.requested_datetime as string)).toBe(Math.floor((now - 3 * DAY) / 1000) * 1000);
    // A public finding: requested is when it was observed (history[0]), not when it was typed in (createdAt).
    expect(b).toEqual({
      service_request_id: 'f-1', status: 'open', status_notes: 'Ny', service_name: 'Belysning', service_code: 'belysning',
      description: 'Trasig lykta <vid> "tunneln" & trappan', agency_responsible: 'Polisen Västerort', service_notice: null,
      requested_datetime: b.requested_datetime, updated_datetime: b.updated_datetime, expected_datetime: null,
      address: null, address_id: null, zipcode: null, lat: 59.36691, long: 17.84512, media_url: `http://omr.test/api/photos/${photo}`,
    });
    expect(Date.parse(b.requested_datetime as string)).toBe(Math.floor((now - 10 * DAY) / 1000) * 1000);
    expect(b.requested_datetime).toMatch(/\+0[12]:00$/);
    // Open: updated is the last save (the server's time of it).
    expect(Date.parse(b.updated_datetime as string)).toBeGreaterThan(now - 60_000);
    // The public photo is there for anyone.
    expect((await send(`/api/photos/${photo}`)).status).toBe(200);
    // A public finding made from a report keeps the report's id, and shows the finding's public text.
    expect(c).toMatchObject({
      service_request_id: r2, status: 'closed', status_notes: 'Avslutad utan åtgärd', service_code: 'vegetation', service_name: 'Vegetation/skymd sikt',
      description: 'Buskar skymmer gångvägen (klippta)', agency_responsible: 'Trafikkontoret',
    });
    // A note written for residents goes with its status; every other note stays internal.
    expect(d).toMatchObject({ service_request_id: 'f-2', status: 'closed', status_notes: 'Åtgärdad: Klottret sanerat', agency_responsible: 'Svenska Bostäder' });
    expect(d).not.toHaveProperty('media_url');
    // Closed: updated is when it was closed (its last status change), not its last save.
    expect(Date.parse(d.updated_datetime as string)).toBe(Math.floor((now - 40 * DAY + 2 * 3_600_000) / 1000) * 1000);
    expect(Date.parse(c.updated_datetime as string)).toBe(Math.floor((now - 20 * DAY + 3_600_000) / 1000) * 1000);

    for (const body of bodies) for (const marker of MARKERS) expect(body).not.toContain(marker);
  });

  it('filters by service_code, status, dates and ids, and refuses bad values with 400', async () => {
    const { r1, r2, r3, r4 } = await records();
    const list = async (query: string) => {
      const { status, body } = await both<Request311[]>('requests', query, 'service_requests');
      expect(status).toBe(200);
      body.forEach(checkRequest);
      return ids(body);
    };
    const w3c = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(await list('?service_code=klotter')).toEqual(['f-2']);
    expect(await list('?service_code=klotter,vegetation')).toEqual([r2, 'f-2']);
    expect(await list('?service_code=klotter&service_code=belysning')).toEqual([r1, 'f-1', 'f-2']);
    expect(await list('?status=closed')).toEqual([r2, 'f-2']);
    expect(await list('?status=open')).toEqual([r1, 'f-1']);
    expect(await list('?status=open,closed&service_code=')).toEqual([r1, 'f-1', r2, 'f-2']);
    expect(await list(`?start_date=${w3c(now - 45 * DAY)}&end_date=${w3c(now - 35 * DAY)}`)).toEqual(['f-2']);
    expect(await list(`?start_date=${w3c(now - 205 * DAY)}&end_date=${w3c(now - 195 * DAY)}`)).toEqual(['f-old']);
    // Only a start: 90 days from it; only an end: 90 days up to it.
    expect(await list(`?start_date=${w3c(now - 201 * DAY)}`)).toEqual(['f-old']);
    expect(await list(`?end_date=${w3c(now - 15 * DAY)}`)).toEqual([r2, 'f-2']);
    // A '+' offset sent unencoded arrives as a space and is read back.
    expect(await list('?start_date=2000-01-01T00:00:00+01:00&end_date=2000-02-01T00:00+01:00')).toEqual([]);
    // service_request_id overrides every other argument; ids that are not public are left out.
    expect(await list(`?service_request_id=f-old,${r1},f-int,${r3},${r4},nothing&status=closed&service_code=klotter`)).toEqual([r1, 'f-old']);
    // A finding made from an accepted report answers under the report's id, once.
    expect(await list(`?service_request_id=f-r2,${r2}`)).toEqual([r2]);

    const bad: [string, RegExp][] = [
      ['?status=pending', /status: "pending" is neither open nor closed/],
      ['?service_code=ufo', /service_code: "ufo" is not a service code/],
      ['?start_date=yesterday', /start_date: must be one W3C date-time/],
      ['?start_date=2026-01-01', /start_date/],
      ['?start_date=2026-01-01T00:00:00', /start_date/],
      ['?end_date=2026-13-01T00:00:00Z', /end_date/],
      ['?end_date=2026-02-30T00:00:00Z', /end_date/],
      ['?start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z', /end_date: lies before start_date/],
      ['?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z', /may not span more than 90 days/],
      [`?service_request_id=${'x'.repeat(201)}`, /at most 200 characters/],
      [`?service_request_id=${Array.from({ length: 1001 }, (_, i) => `id${i}`).join(',')}`, /at most 1000 ids/],
    ];
    for (const [query, message] of bad) {
      await expectError(send(`${V2}/requests.json${query}`), 400, message);
      await expectError(send(`${V2}/requests.xml${query}`), 400, message);
    }
    // Several wrong arguments are named together.
    const both2 = await expectError(send(`${V2}/requests.json?status=x&service_code=y`), 400);
    expect(both2).toMatch(/status/);
    expect(both2).toMatch(/service_code/);
  });

  it('answers one request as a one-element list; pending, declined, internal and unknown ones are 404', async () => {
    const { r1, r2, r3, r4 } = await records();
    for (const [id, expected] of [['f-1', 'f-1'], [r1, r1], [r2, r2], ['f-r2', r2], ['f-old', 'f-old']] as const) {
      const { status, body } = await both<Request311[]>(`requests/${id}`, '', 'service_requests');
      expect(status).toBe(200);
      expect(body).toHaveLength(1);
      checkRequest(body[0]!);
      expect(body[0]!.service_request_id).toBe(expected);
    }
    for (const id of [r3, r4, 'f-int', 'f-r1', 'nothing', 'x'.repeat(300)]) {
      const { status } = await both(`requests/${id}`, '', 'service_requests');
      expect(status).toBe(404);
      await expectError(send(`${V2}/requests/${id}.xml`), 404, /was not found/);
    }
    await expectError(send(`${V2}/requests/f-1.html`), 404);
    await expectError(send(`${V2}/requests/f-1`), 404);
    // Making the finding internal takes it out of every answer.
    const f1 = (await admin.json<{ findings: Finding[] }>('GET', '/api/records')).body.findings.find((f) => f.id === 'f-1')!;
    await putFinding({ ...f1, public: false });
    await expectError(send(`${V2}/requests/f-1.json`), 404);
    expect(ids(JSON.parse((await send(`${V2}/requests.json`)).text) as Request311[])).not.toContain('f-1');
  });

  it('never shows anything internal: only the spec\'s keys, and none of the planted markers', async () => {
    const { r1, r2, r3, r4 } = await records();
    await both('requests', '', 'service_requests');
    await both('requests', `?service_request_id=f-1,f-2,f-old,f-int,f-r1,f-r2,${r1},${r2},${r3},${r4}`, 'service_requests');
    for (const id of ['f-1', 'f-2', 'f-old', 'f-int', 'f-r1', 'f-r2', r1, r2, r3, r4]) await both(`requests/${id}`, '', 'service_requests');
    await both('services', '', 'services');
    await both('discovery', '', 'discovery');
    for (const id of FINDING_CATEGORIES) await both(`services/${id}`, '', 'service_definition');
    expect(bodies.length).toBeGreaterThan(40);
    for (const body of bodies) {
      for (const marker of MARKERS) expect(body, body).not.toContain(marker);
      // Internal field names do not occur either (as keys in JSON or elements in XML).
      for (const field of ['priority', 'deadline', 'revision', 'walkId', 'history', 'email', 'times', 'districtId', 'stadsdelId', 'note', 'by']) {
        expect(body).not.toMatch(new RegExp(`"${field}"\\s*:|<${field}>`));
      }
    }
    // Every request object has exactly the spec's keys.
    for (const body of bodies.filter((b) => b.startsWith('[{"service_request_id"'))) for (const r of JSON.parse(body) as Request311[]) checkRequest(r);
  });

  it('maps every finding status to open or closed, with its Swedish name as status_notes', async () => {
    for (const [i, status] of FINDING_STATUSES.entries()) {
      await putFinding(finding(`s-${status}`, null, { photo: null, public: true, status, history: historyTo(status, now - (i + 1) * DAY, 'MARKER-NOTE') }));
    }
    const { body } = await both<Request311[]>('requests', '', 'service_requests');
    const by = new Map(body.map((r) => [r.service_request_id, r]));
    for (const status of FINDING_STATUSES) {
      expect(by.get(`s-${status}`)).toMatchObject({
        status: ['ny', 'beslutad', 'pagar'].includes(status) ? 'open' : 'closed', status_notes: STATUS_NAMES[status].sv,
      });
    }
  });

  it('returns at most 1000 requests, the newest', async () => {
    const values: unknown[] = [];
    for (let i = 0; i < 1001; i++) {
      const f = finding(`bulk-${String(i).padStart(4, '0')}`, null, { photo: null, public: true, history: [{ status: 'ny', at: iso(now - DAY - i * 60_000) }] });
      values.push(f.id, f, iso(now - DAY - i * 60_000));
    }
    const rows = Array.from({ length: 1001 }, (_, i) => `($${i * 3 + 1}, 'hasselby-vallingby', 17.8451, 59.3669, true, 'ny', 1, $${i * 3 + 2}, $${i * 3 + 3})`);
    await server.db.pool.query(`insert into finding (id, district_id, lon, lat, public, status, revision, record, observed_at) values ${rows.join(', ')}`, values);
    const json = JSON.parse((await send(`${V2}/requests.json`)).text) as Request311[];
    expect(json).toHaveLength(1000);
    expect(json[0]!.service_request_id).toBe('bulk-0000');
    expect(json.at(-1)!.service_request_id).toBe('bulk-0999');
    const xml = xmlParser.parse((await send(`${V2}/requests.xml`)).text) as { service_requests: { request: unknown[] } };
    expect(xml.service_requests.request).toHaveLength(1000);
  });

  it('keeps the XML well-formed whatever a description holds', async () => {
    await putFinding(finding('f-x', null, { photo: null, public: true, description: 'a\u0001b <![CDATA[ ]]> </request> &amp; \uD83D\uDE00 ok', history: historyTo('ny', now - DAY, 'n') }));
    const xml = await send(`${V2}/requests/f-x.xml`);
    expect(XMLValidator.validate(xml.text)).toBe(true);
    const parsed = xmlParser.parse(xml.text) as { service_requests: { request: { description: string }[] } };
    expect(parsed.service_requests.request[0]!.description).toBe('a\uFFFDb <![CDATA[ ]]> </request> &amp; \uD83D\uDE00 ok');
  });
});

describe('as an Open311 client drives it', () => {
  // No maintained Open311 client library is published on npm (the registry listing has none), so
  // these are the spec's own example requests (wiki.open311.org/GeoReport_v2), sent as written
  // there, with a position in Stockholm instead of San Francisco.
  it('discovers, reads the services and a definition, posts form-encoded, and follows the request once it is accepted', async () => {
    const discovery = JSON.parse((await send('/open311/v2/discovery.json')).text) as { endpoints: { url: string; specification: string }[] };
    const endpoint = discovery.endpoints.find((e) => e.specification === 'http://wiki.open311.org/GeoReport_v2')!.url.replace(BASE, '');

    const services = xmlParser.parse((await send(`${endpoint}/services.xml?jurisdiction_id=city.gov`)).text) as { services: { service: { service_code: string; metadata: string }[] } };
    const chosen = services.services.service.find((s) => s.service_code === 'belysning')!;
    expect(chosen.metadata).toBe('true');
    const definition = xmlParser.parse((await send(`${endpoint}/services/${chosen.service_code}.xml?jurisdiction_id=city.gov`)).text) as { service_definition: { attributes: { attribute: { code: string }[] } } };
    const attribute = definition.service_definition.attributes.attribute[0]!.code;

    const { key } = await createOpen311Client(server.db.pool, 'Exempelklient');
    const body = `api_key=${key}&jurisdiction_id=city.gov&service_code=${chosen.service_code}&lat=59.33258&long=18.06490&address_string=1234+5th+street`
      + '&email=smit333%40sfgov.edu&device_id=tt222111&account_id=123456&first_name=john&last_name=smith&phone=111111111'
      + '&description=A+large+sinkhole+is+destroying+the+street&media_url=http%3A%2F%2Ffarm3.static.flickr.com%2F2002%2F2212426634_5ed477a060.jpg'
      + `&attribute[${attribute}][]=kvall&attribute[${attribute}][]=natt`;
    const created = await send(`${endpoint}/requests.xml`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } });
    expect(created.status, created.text).toBe(200);
    const id = (xmlParser.parse(created.text) as { service_requests: { request: { service_request_id: string }[] } }).service_requests.request[0]!.service_request_id;
    const stored = (await server.db.pool.query('select * from resident_report where id = $1', [id])).rows[0] as Record<string, unknown>;
    expect(stored).toMatchObject({ source: 'open311', email: 'smit333@sfgov.edu', times: ['kvall', 'natt'], description: 'A large sinkhole is destroying the street' });
    expect(JSON.stringify(stored)).not.toMatch(/john|smith|111111111|tt222111|flickr/);

    // Pending moderation: not found yet.
    expect((await send(`${endpoint}/requests/${id}.xml?jurisdiction_id=city.gov`)).status).toBe(404);
    // The council accepts it as an internal finding (written here as the moderation would).
    const createdAt = (stored.created_at as Date).toISOString();
    await putFinding(finding('f-accepted', null, {
      position: [18.0649, 59.33258], photo: null, public: false, description: 'A large sinkhole is destroying the street',
      history: [{ status: 'ny', at: createdAt }], createdAt, updatedAt: createdAt,
    }));
    await decide(id, 'accepterad', 'f-accepted');

    const one = xmlParser.parse((await send(`${endpoint}/requests/${id}.xml?jurisdiction_id=city.gov`)).text) as { service_requests: { request: Record<string, string>[] } };
    expect(one.service_requests.request[0]).toMatchObject({ service_request_id: id, status: 'open', service_code: 'belysning', lat: '59.33258', long: '18.0649' });
    const start = new Date(Date.now() - DAY).toISOString().slice(0, 19) + 'Z';
    const end = new Date(Date.now() + DAY).toISOString().slice(0, 19) + 'Z';
    const listed = xmlParser.parse((await send(`${endpoint}/requests.xml?start_date=${start}&end_date=${end}&status=open&jurisdiction_id=city.gov`)).text) as { service_requests: { request: Record<string, string>[] } };
    expect(listed.service_requests.request.map((r) => r.service_request_id)).toEqual([id]);
  });
});
