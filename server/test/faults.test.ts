/**
 * Faults: PostgreSQL restarts (and crashes) in the middle of a stream of writes from clients that
 * retry with the same Idempotency-Key when a request fails or its answer is lost. Afterwards every
 * finding must be stored exactly once: nothing lost, nothing applied twice.
 *
 * Only on a real PostgreSQL that this process may restart: DATABASE_URL pointing at a local
 * Debian cluster (pg_lsclusters) and running as root, as CI does (.ci/run).
 */

import { execFile, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Finding, LonLat } from '../../src/domain/walks/types';
import { finding } from '../../src/storage/test-records';
import { seededRandom } from '../../scripts/bench-data';
import { freshServer, loggedIn, makeAccount, type Client, type TestServer } from './harness';

const run = promisify(execFile);

const WRITES = 240;
const WRITERS = 4;
const DISTRICT = 'hasselby-vallingby';
/** Restarts while the writes go on: after this many acknowledged writes, in this pg_ctl shutdown mode. */
const RESTARTS: { after: number; mode: 'fast' | 'immediate' }[] = [
  { after: 60, mode: 'fast' },
  { after: 150, mode: 'immediate' },
];
/** Share of successful answers the client pretends it never received (and so sends again). */
const LOST_ANSWER = 0.15;

/** The Debian cluster (version, name) behind DATABASE_URL, or why the test cannot restart it. */
function findCluster(): { cluster: [string, string] } | { reason: string } {
  const raw = process.env.DATABASE_URL;
  if (!raw) return { reason: 'DATABASE_URL is not set (runs on a real PostgreSQL only)' };
  const url = new URL(raw);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return { reason: `PostgreSQL at ${url.hostname} is not local: cannot restart it` };
  if (process.getuid?.() !== 0) return { reason: 'restarting PostgreSQL with pg_ctlcluster needs root' };
  const listed = spawnSync('pg_lsclusters', ['-h'], { encoding: 'utf8' });
  if (listed.status !== 0) return { reason: 'pg_lsclusters is not available (Debian postgresql-common)' };
  const port = url.port || '5432';
  for (const line of listed.stdout.split('\n')) {
    const [version, name, clusterPort, status] = line.trim().split(/\s+/);
    if (version && name && clusterPort === port && status?.startsWith('online')) return { cluster: [version, name] };
  }
  return { reason: `no online Debian cluster on port ${port} (pg_lsclusters)` };
}

const target = findCluster();
const reason = 'reason' in target ? target.reason : null;

describe.skipIf(reason !== null)(`a database restart during writes${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let server: TestServer;
  let member: Client;
  const quiet: ReturnType<typeof vi.spyOn>[] = [];

  beforeAll(async () => {
    server = await freshServer();
    await makeAccount(server, 'medlem@hv.se', 'member', { districtIds: [DISTRICT] });
    member = await loggedIn(server, 'medlem@hv.se');
    // Every failed request and dropped connection is logged by the server: expected here.
    quiet.push(vi.spyOn(console, 'error').mockImplementation(() => undefined), vi.spyOn(console, 'warn').mockImplementation(() => undefined));
  });

  afterAll(() => {
    for (const spy of quiet) spy.mockRestore();
  });

  it(`stores each of ${WRITES} findings exactly once across a restart and a crash of PostgreSQL`, async () => {
    const [version, name] = (target as { cluster: [string, string] }).cluster;
    const rng = seededRandom(7);
    // Positions in the member's district, placed by the same lookup the server uses.
    const positions: LonLat[] = [];
    while (positions.length < WRITES) {
      const p: LonLat = [17.80 + rng() * 0.12, 59.33 + rng() * 0.06];
      if (server.areas.lookup.locate(p).districtId === DISTRICT) positions.push(p);
    }
    const findings: Finding[] = positions.map((position) => finding(randomUUID(), null, {
      photo: null, position, stadsdelId: null, districtId: null, priorityAreaIds: [],
    }));

    let acknowledged = 0;
    let failures = 0;
    let lostAnswers = 0;
    const unexpected: string[] = [];
    const restarts: Promise<void>[] = [];
    const restartTimes: number[] = [];
    const pending = RESTARTS.slice();

    const maybeRestart = () => {
      while (pending[0] && acknowledged >= pending[0].after) {
        const { mode } = pending.shift()!;
        const t0 = Date.now();
        restarts.push(run('pg_ctlcluster', ['-m', mode, version, name, 'restart']).then(() => { restartTimes.push(Date.now() - t0); }));
      }
    };

    /** One client's save: repeated with the same key until an answer arrives and is kept. */
    const save = async (f: Finding) => {
      const key = { 'idempotency-key': `save-${f.id}` };
      for (let attempt = 1; ; attempt++) {
        if (attempt > 200) { unexpected.push(`${f.id}: gave up after 200 attempts`); return; }
        let status: number;
        let body: Finding | null = null;
        try {
          ({ status, body } = await member.json<Finding>('PUT', `/api/findings/${f.id}`, f, key));
        } catch {
          status = 0;
        }
        if (status === 200 && body) {
          if (body.id !== f.id || body.revision !== 1) unexpected.push(`${f.id}: answer ${body.id} revision ${body.revision}`);
          if (rng() < LOST_ANSWER && attempt === 1) { lostAnswers++; continue; }
          acknowledged++;
          maybeRestart();
          return;
        }
        if (status !== 0 && status < 500) { unexpected.push(`${f.id}: status ${status} ${JSON.stringify(body)}`); return; }
        failures++;
        await new Promise((resolve) => setTimeout(resolve, Math.min(500, 20 * attempt)));
      }
    };

    const queue = findings.slice();
    await Promise.all(Array.from({ length: WRITERS }, async () => {
      for (let f = queue.shift(); f; f = queue.shift()) await save(f);
    }));
    await Promise.all(restarts);

    expect(unexpected).toEqual([]);
    expect(acknowledged).toBe(WRITES);
    // The faults did hit the stream, and lost answers were replayed rather than applied again.
    expect(restartTimes).toHaveLength(RESTARTS.length);
    expect(failures).toBeGreaterThan(0);
    expect(lostAnswers).toBeGreaterThan(0);

    const ids = findings.map((f) => f.id);
    const pool = server.db.pool;
    const stored = await pool.query<{ id: string; revision: number; district_id: string }>(
      'select id, revision, district_id from finding where id = any($1)', [ids]);
    expect(stored.rows).toHaveLength(WRITES);
    expect(stored.rows.filter((r) => r.revision !== 1 || r.district_id !== DISTRICT)).toEqual([]);
    const counts = async (sql: string) => (await pool.query<{ id: string; n: number }>(sql, [ids])).rows.filter((r) => r.n !== 1);
    expect(await counts(`select finding_id as id, count(*)::int as n from finding_event where finding_id = any($1) group by finding_id`)).toEqual([]);
    expect((await pool.query('select 1 from finding_event where finding_id = any($1)', [ids])).rowCount).toBe(WRITES);
    expect(await counts(`select entity_id as id, count(*)::int as n from change_log where entity_id = any($1) group by entity_id`)).toEqual([]);
    expect((await pool.query('select 1 from change_log where entity_id = any($1)', [ids])).rowCount).toBe(WRITES);
    expect((await pool.query('select 1 from idempotency')).rowCount).toBe(WRITES);
    console.info(`faults: ${WRITES} writes, ${failures} failed attempts retried, ${lostAnswers} lost answers replayed, restarts took ${restartTimes.join(' and ')} ms`);
  });
});
