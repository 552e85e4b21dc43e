/**
 * `npm run bench:server`: the API under load on a real PostgreSQL (DATABASE_URL).
 *
 * 1. Creates the schema `bench_server` in that database (dropped again at the end; nothing else
 *    is touched), migrates it and loads 100 000 synthetic findings spread over the city
 *    (scripts/bench-data.ts), placed by the server's own area lookup, in batches through the
 *    column layout `upsertFinding` (server/records/findings.ts) writes, each with its history
 *    event and change-log row; then `analyze`.
 * 2. Starts the server (createApp on @hono/node-server, the pool size main.ts uses) in a child
 *    process on a free port, and logs in a council member of one district through the API.
 * 3. Runs autocannon (50 connections, 20 s each) from this process:
 *    - a map view of the member's district: GET /api/findings?bbox=…&district=… at street
 *      level (about 550 × 550 m around the district's label point);
 *    - the same for the whole district's bbox (everything, up to the read limit of 5 000), with
 *      10 connections (its answers are megabytes: 50 clients only measure timeouts);
 *    - creating findings: PUT /api/findings/{new uuid} with CSRF token, cookie and an
 *      Idempotency-Key, as the app's outbox sends them.
 *    - for reference, GET /api/session (10 s): the same session lookup with a small answer;
 *    and prints requests per second, p50/p95/p99 latency (exact, from every response) and errors.
 * 4. Prints EXPLAIN ANALYZE of the map-view query and its time inside the process.
 *
 * BENCH_CPU_PROFILE=<dir> writes a V8 CPU profile of the server process there (open it in Chrome's DevTools).
 * A bench reports numbers; it fails only when something errs (exit 1 on errors or non-2xx).
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import { serve } from '@hono/node-server';
import type { Viewer } from '../src/domain/accounts';
import type { AreasBundle } from '../src/domain/types';
import type { Finding, LonLat } from '../src/domain/walks/types';
import { createApp } from '../server/app';
import { loadAreas as loadServerAreas } from '../server/areas';
import { insertAccount, findAccount } from '../server/auth/accounts';
import { hashPassword } from '../server/auth/passwords';
import { openDatabase, type Database } from '../server/db/database';
import { migrate } from '../server/db/migrate';
import { createChangeNotifier } from '../server/records/change-notifier';
import { findingsInView } from '../server/records/reads';
import { findingFilter } from '../server/records/visibility';
import { loadAreas as loadBundle, seededRandom, syntheticWalkData } from './bench-data';

const AREAS_PATH = 'public/data/areas.json';
const SCHEMA = 'bench_server';
const FINDINGS = 100_000;
const BATCH = 5_000;
const CONNECTIONS = 50;
/** The whole-district view answers megabytes: fewer clients, so that it measures rather than times out. */
const WIDE_CONNECTIONS = 10;
const DURATION_S = 20;
const WARM_UP_S = 3;
const DISTRICT = 'hasselby-vallingby';
/** Half-sizes of the street-level view in degrees: about 550 m × 555 m at Stockholm's latitude. */
const VIEW_HALF: [number, number] = [0.0048, 0.0025];
const EMAIL = 'bench-medlem@example.se';
const PASSWORD = 'bench-password-123';

/** The database URL with the bench's schema first on the search path. */
function schemaUrl(url: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${SCHEMA},public`);
  return u.toString();
}

// ---- the server, in a child process so that autocannon does not share its event loop ------------

async function serveChild(): Promise<void> {
  const db = await openDatabase({ url: process.env.BENCH_DATABASE_URL! });
  const areas = loadServerAreas(AREAS_PATH);
  const notifier = createChangeNotifier(db.pool);
  const app = createApp({ db, areas, notifier, config: { secureCookies: 'auto', trustProxy: false, distDir: null, open311RequireApiKey: false } });
  serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => process.stdout.write(`listening ${info.port}\n`));
  process.on('SIGTERM', () => { notifier.close(); void db.close().then(() => process.exit(0)); });
}

function startChild(url: string): Promise<{ child: ChildProcess; port: number }> {
  const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, ...process.execArgv, fileURLToPath(import.meta.url), 'serve'], {
    env: { ...process.env, BENCH_DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\d+)/.exec(out);
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.on('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
  });
}

// ---- loading ----------------------------------------------------------------------------------

async function load(db: Database, bundle: AreasBundle, accountId: string): Promise<{ perDistrict: Map<string, number>; generated: number; seconds: number }> {
  const areas = loadServerAreas(AREAS_PATH);
  const t0 = performance.now();
  const { findings } = syntheticWalkData(bundle, FINDINGS, { seed: 20260412, locate: (p) => areas.lookup.locateAll(p) });
  const generated = (performance.now() - t0) / 1000;
  const author = JSON.stringify({ accountId, name: 'bench', organisation: null });
  const perDistrict = new Map<string, number>();
  for (let i = 0; i < findings.length; i += BATCH) {
    const batch = findings.slice(i, i + BATCH);
    for (const f of batch) perDistrict.set(f.districtId ?? '(none)', (perDistrict.get(f.districtId ?? '(none)') ?? 0) + 1);
    const col = <T>(get: (f: Finding) => T) => batch.map(get);
    const ids = col((f) => f.id);
    // Same columns and values as upsertFinding; a finding outside a walk belongs to the district it lies in.
    await db.pool.query(
      `insert into finding (id, walk_id, district_id, stadsdel_id, priority_area_ids, lon, lat, responsible_org_id, public, status, revision, record, observed_at, updated_at, photo_id)
       select id, null, district, stadsdel, case when pa = '' then '{}'::text[] else string_to_array(pa, ',') end, lon, lat, null, pub, status, revision, record::jsonb, observed, updated, null
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::bool[], $8::text[], $9::int[], $10::text[], $11::timestamptz[], $12::timestamptz[])
         as t(id, district, stadsdel, pa, lon, lat, pub, status, revision, record, observed, updated)`,
      [ids, col((f) => f.districtId), col((f) => f.stadsdelId), col((f) => f.priorityAreaIds.join(',')),
        col((f) => f.position[0]), col((f) => f.position[1]), col((f) => f.public), col((f) => f.status), col((f) => f.revision),
        col((f) => JSON.stringify(f)), col((f) => f.history[0]?.at ?? f.createdAt), col((f) => f.updatedAt)]);
    await db.pool.query(
      `insert into finding_event (finding_id, kind, account_id, author, revision) select id, 'imported', $2, $3::jsonb, 1 from unnest($1::text[]) as t(id)`,
      [ids, accountId, author]);
    await db.pool.query(
      `insert into change_log (entity, entity_id, op, district_id, public)
       select 'finding', id, 'upsert', district, pub from unnest($1::text[], $2::text[], $3::bool[]) with ordinality as t(id, district, pub, n) order by n`,
      [ids, col((f) => f.districtId), col((f) => f.public)]);
  }
  await db.pool.query('analyze finding, finding_event, change_log');
  return { perDistrict, generated, seconds: (performance.now() - t0) / 1000 - generated };
}

// ---- measuring --------------------------------------------------------------------------------

interface Measured {
  name: string;
  result: Result;
  latencies: number[];
  bytes: number;
  /** The 1-minute load average after the run: other work on the machine shows here. */
  load: string;
}

const percentile = (sorted: number[], p: number) => sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function cannon(name: string, options: Parameters<typeof autocannon>[0]): Promise<Measured> {
  const latencies: number[] = [];
  let bytes = 0;
  const instance = autocannon({ connections: CONNECTIONS, duration: DURATION_S, timeout: 10, ...options });
  instance.on('response', (_client, _status, resBytes, responseTime) => { latencies.push(responseTime); bytes += resBytes; });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return { name, result, latencies, bytes, load: loadavg()[0]!.toFixed(1) };
}

function report(m: Measured): string {
  const { result, latencies } = m;
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const codes = Object.entries(result.statusCodeStats).map(([code, { count }]) => `${code}×${count}`).join(' ');
  return [
    `${m.name}`,
    `  ${(result['2xx'] + result.non2xx).toLocaleString('en')} answers in ${result.duration} s: ${result.requests.average.toFixed(0)} requests/s; `
      + `${(m.bytes / Math.max(1, latencies.length) / 1024).toFixed(1)} KiB per answer`,
    `  latency p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(latencies.at(-1) ?? NaN)}`,
    `  status ${codes}; non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}; machine load average ${m.load}`,
  ].join('\n');
}

// ---- the run ----------------------------------------------------------------------------------

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error(`bench:server needs a PostgreSQL: set DATABASE_URL, for example
  # Debian/Ubuntu, as root:
  apt-get install -y postgresql && pg_ctlcluster 15 main start
  runuser -u postgres -- psql -c "create role omr login password 'omr'" -c "create database omr owner omr"
  DATABASE_URL=postgres://omr:omr@127.0.0.1:5432/omr npm run bench:server
  # or with Docker:
  docker run -d -p 5432:5432 -e POSTGRES_USER=omr -e POSTGRES_PASSWORD=omr postgres:15
It creates the schema "${SCHEMA}" in that database and drops it at the end.`);
    process.exit(2);
  }
  if (!existsSync(AREAS_PATH)) {
    console.error(`${AREAS_PATH} is missing: run "npm run data" first`);
    process.exit(2);
  }
  const bundle = loadBundle(AREAS_PATH);
  const benchUrl = schemaUrl(url);

  const admin = await openDatabase({ url });
  const version = (await admin.pool.query<{ v: string }>(`select current_setting('server_version') as v`)).rows[0]!.v;
  console.log(`bench:server ${new Date().toISOString()} | Node ${process.version} | ${cpus().length} × ${cpus()[0]?.model ?? '?'} | `
    + `${(totalmem() / 2 ** 30).toFixed(0)} GiB | PostgreSQL ${version} on ${new URL(url).host} (schema ${SCHEMA}, default settings)`);
  await admin.pool.query(`drop schema if exists ${SCHEMA} cascade`);
  await admin.pool.query(`create schema ${SCHEMA}`);

  const db = await openDatabase({ url: benchUrl });
  let child: ChildProcess | null = null;
  let failed = false;
  try {
    await migrate(db.pool);
    const account = await insertAccount(db.pool, {
      email: EMAIL, name: 'Bench', passwordHash: await hashPassword(PASSWORD), role: 'member', organisationId: null, districtIds: [DISTRICT],
    });
    console.log(`loading ${FINDINGS.toLocaleString('en')} findings …`);
    const { perDistrict, generated, seconds } = await load(db, bundle, account.id);
    console.log(`generated and placed in ${generated.toFixed(1)} s, inserted in ${seconds.toFixed(1)} s (batches of ${BATCH}, with events, change log, analyze); per district: `
      + [...perDistrict].sort((a, b) => b[1] - a[1]).map(([d, n]) => `${d} ${n}`).join(', '));

    const started = await startChild(benchUrl);
    child = started.child;
    const base = `http://127.0.0.1:${started.port}`;

    // Log in through the API, as the app does: the public CSRF cookie first, then the session.
    const first = await fetch(`${base}/api/session`);
    const csrfCookie = first.headers.getSetCookie().map((c) => c.split(';')[0]!).join('; ');
    const publicToken = ((await first.json()) as { csrfToken: string }).csrfToken;
    const login = await fetch(`${base}/api/session`, {
      method: 'POST', body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
      headers: { 'content-type': 'application/json', cookie: csrfCookie, 'x-csrf-token': publicToken },
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]!).join('; ');
    const csrfToken = ((await login.json()) as { csrfToken: string }).csrfToken;

    const label = bundle.labels.features.find((f) => f.properties.kind === 'district' && f.properties.id === DISTRICT)!;
    const [cx, cy] = label.geometry.coordinates as [number, number];
    const streetView = [cx - VIEW_HALF[0], cy - VIEW_HALF[1], cx + VIEW_HALF[0], cy + VIEW_HALF[1]].map((n) => n.toFixed(5)).join(',');
    const districtFeature = bundle.districts.features.find((f) => f.properties.id === DISTRICT)!;
    const outer = (districtFeature.geometry.type === 'Polygon' ? [districtFeature.geometry.coordinates] : districtFeature.geometry.coordinates).flatMap((p) => p[0]!);
    const xs = outer.map((p) => p[0]!);
    const ys = outer.map((p) => p[1]!);
    const districtView = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].map((n) => n.toFixed(5)).join(',');
    const viewPath = (bbox: string) => `/api/findings?bbox=${bbox}&district=${DISTRICT}`;
    const counts = async (bbox: string) => {
      const body = (await (await fetch(`${base}${viewPath(bbox)}`, { headers: { cookie } })).json()) as { findings: unknown[]; truncated: boolean };
      return `${body.findings.length} findings${body.truncated ? ' (truncated at the limit)' : ''}`;
    };
    console.log(`street view ${streetView}: ${await counts(streetView)}; whole district ${districtView}: ${await counts(districtView)}`);

    // Positions in the member's district for new findings.
    const rng = seededRandom(99);
    const areas = loadServerAreas(AREAS_PATH);
    const positions: LonLat[] = [];
    while (positions.length < 2_000) {
      const p: LonLat = [cx - 0.05 + rng() * 0.1, cy - 0.03 + rng() * 0.06];
      if (areas.lookup.locate(p).districtId === DISTRICT) positions.push([Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6]);
    }
    let made = 0;
    const newFinding = (): Finding => {
      const at = new Date().toISOString();
      return {
        id: randomUUID(), walkId: null, position: positions[made++ % positions.length]!, category: 'belysning',
        description: 'Trasig gatlykta vid gångvägen (prestandamätning)', photo: null, responsible: { kind: 'trafikkontoret' },
        priority: 'hog', status: 'ny', history: [{ status: 'ny', at }], deadline: null, public: false,
        stadsdelId: null, districtId: null, priorityAreaIds: [], createdAt: at, updatedAt: at, revision: 0,
      };
    };

    console.log(`warming up (${WARM_UP_S} s of street-view reads, not counted) …`);
    await cannon('warm-up', { url: `${base}${viewPath(streetView)}`, headers: { cookie }, duration: WARM_UP_S });

    const runs: Measured[] = [];
    const measure = async (name: string, options: Parameters<typeof autocannon>[0]) => {
      const m = await cannon(name, options);
      runs.push(m);
      console.log(report(m));
    };
    console.log('(a0) map view at street level, one connection, 5 s (the time one request takes without queueing) …');
    await measure(`(a0) GET ${viewPath(streetView)} (one connection)`, { url: `${base}${viewPath(streetView)}`, headers: { cookie }, connections: 1, duration: 5 });
    console.log(`(ref) GET /api/session, ${CONNECTIONS} connections, 10 s (the same session lookup and stack, no findings) …`);
    await measure('(ref) GET /api/session (the same session lookup, a small answer: the floor under the map view)', { url: `${base}/api/session`, headers: { cookie }, duration: 10 });
    console.log(`(a) map view at street level, ${CONNECTIONS} connections, ${DURATION_S} s …`);
    await measure(`(a) GET ${viewPath(streetView)} (street-level map view, logged-in member)`, { url: `${base}${viewPath(streetView)}`, headers: { cookie } });
    console.log(`(a2) whole district, ${WIDE_CONNECTIONS} connections, ${DURATION_S} s …`);
    await measure(`(a2) GET ${viewPath(districtView)} (the whole district's bbox, ${WIDE_CONNECTIONS} connections)`,
      { url: `${base}${viewPath(districtView)}`, headers: { cookie }, connections: WIDE_CONNECTIONS });
    console.log(`(b) creating findings, ${CONNECTIONS} connections, ${DURATION_S} s …`);
    await measure('(b) PUT /api/findings/{new uuid} (create, with CSRF token and Idempotency-Key)', {
      url: base,
      requests: [{
        method: 'PUT',
        setupRequest: (request) => {
          const f = newFinding();
          return {
            ...request, method: 'PUT', path: `/api/findings/${f.id}`, body: JSON.stringify(f),
            headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json', 'idempotency-key': `bench-${f.id}` },
          };
        },
      }],
    });
    const created = (await db.pool.query<{ n: number }>(`select count(*)::int as n from finding where record->>'description' like '%prestandamätning%'`)).rows[0]!.n;

    console.log(`findings created by (b) and stored: ${created}`);
    failed = runs.some((m) => m.result.errors > 0 || m.result.non2xx > 0 || m.result.timeouts > 0);

    // Where the time of a map view goes: the query alone, and findingsInView in this process.
    const viewer: Viewer = { kind: 'account', account: (await findAccount(db.pool, account.id))! };
    const ff = findingFilter(viewer, 6);
    for (const [name, view] of [['street view', streetView], ['whole district', districtView]] as const) {
      const bbox = view.split(',').map(Number) as [number, number, number, number];
      // The query of findingsInView (server/records/reads.ts), with the same parameters.
      const plan = await db.pool.query<{ 'QUERY PLAN': string }>(
        `explain (analyze, buffers) select record, district_id from finding
         where lon between $1 and $3 and lat between $2 and $4 and ($5::text is null or district_id = $5) and ${ff.sql}
         order by observed_at desc limit 5001`, [...bbox, DISTRICT, ...ff.params]);
      console.log(`\n== EXPLAIN ANALYZE of the ${name} query (findingsInView)`);
      console.log(plan.rows.map((r) => `  ${r['QUERY PLAN']}`).join('\n'));
      const query: number[] = [];
      const stringify: number[] = [];
      let size = 0;
      for (let i = 0; i < 30; i++) {
        const t0 = performance.now();
        const answer = await findingsInView(db.pool, viewer, bbox, DISTRICT);
        const t1 = performance.now();
        size = JSON.stringify(answer).length;
        stringify.push(performance.now() - t1);
        query.push(t1 - t0);
      }
      query.sort((a, b) => a - b);
      stringify.sort((a, b) => a - b);
      console.log(`${name}, one call at a time in this process, median of 30: findingsInView (query, rows parsed, viewer filter) `
        + `${percentile(query, 50).toFixed(1)} ms, JSON.stringify of the answer (${(size / 1024).toFixed(0)} KiB) ${percentile(stringify, 50).toFixed(1)} ms`);
    }
  } finally {
    if (child) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await db.close();
    await admin.pool.query(`drop schema if exists ${SCHEMA} cascade`);
    await admin.close();
  }
  if (failed) {
    console.error('some requests failed (see non-2xx, errors, timeouts above)');
    process.exit(1);
  }
}

if (process.argv[2] === 'serve') await serveChild();
else await main();
