/** Walks, findings, their history and photos (server/API.md). Permissions are checked in records/. */

import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { statusChangeInputSchema } from '../../src/domain/account-schema';
import { findingSchema, PHOTO_ID_RE, walkSchema } from '../../src/domain/walks/schema';
import type { WalkData } from '../../src/domain/walks/types';
import { listOrganisations } from '../auth/accounts';
import type { AppEnv, Deps } from '../context';
import { inTransaction } from '../db/database';
import { parseStrict, readJson } from '../http/body';
import { HttpProblem, invalid } from '../http/problem';
import { readPhoto } from '../photos/photo-store';
import {
  authorOf, changeFindingStatus, deleteFinding, deleteWalk, importRecords, restoreRecords, saveFinding, saveWalk,
  type WriteContext,
} from '../records/findings';
import { findingHistory, findingsInView, loadRecords, mayViewPhoto, organisationNames } from '../records/reads';
import { requireAccount } from './guards';

/** A finding may carry a photo as a data: URL (about 3 MB of text). */
const FINDING_BODY_LIMIT = 4 * 1024 * 1024;
/** An import or a restore moves many records at once. */
const IMPORT_BODY_LIMIT = 25 * 1024 * 1024;
const IDEMPOTENCY_KEY_RE = /^[A-Za-z0-9_-]{8,100}$/;

const walkDataSchema = z.object({ walks: z.array(walkSchema).max(50_000), findings: z.array(findingSchema).max(50_000) });

function revisionParam(c: Context): number | undefined {
  const raw = c.req.query('revision');
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw invalid([{ field: 'revision', message: 'must be a whole number ≥ 0' }]);
  return n;
}

/**
 * Runs a write in one transaction as the logged-in account. With an Idempotency-Key, a repeated
 * request returns the first answer instead of writing again. Open event streams are poked after commit.
 */
async function write(c: Context<AppEnv>, deps: Deps, work: (ctx: WriteContext) => Promise<{ status: 200 | 201 | 204; body: unknown }>): Promise<Response> {
  const viewer = requireAccount(c);
  const key = c.req.header('idempotency-key') ?? null;
  if (key !== null && !IDEMPOTENCY_KEY_RE.test(key)) throw invalid([{ field: 'Idempotency-Key', message: 'must be 8–100 letters, digits, - or _' }]);
  const replay = async () => {
    const { rows } = await deps.db.pool.query<{ status: number; body: unknown }>(
      'select status, body from idempotency where account_id = $1 and key = $2', [viewer.account.id, key]);
    return rows[0] ?? null;
  };
  const answer = (status: number, body: unknown) => (status === 204 ? c.body(null, 204) : c.json(body, status as 200));
  if (key) {
    const earlier = await replay();
    if (earlier) return answer(earlier.status, earlier.body);
  }
  const organisations = await organisationNames(deps.db.pool);
  const result = await inTransaction(deps.db.pool, async (tx) => {
    const ctx: WriteContext = {
      db: tx, areas: deps.areas, viewer, organisations, now: new Date().toISOString(),
      author: authorOf(viewer.account, viewer.account.organisationId ? organisations.get(viewer.account.organisationId) ?? null : null),
    };
    const done = await work(ctx);
    if (key) {
      const stored = await tx.query('insert into idempotency (account_id, key, status, body) values ($1, $2, $3, $4) on conflict do nothing',
        [viewer.account.id, key, done.status, JSON.stringify(done.body ?? null)]);
      if (stored.rowCount === 0) {
        c.header('Retry-After', '1');
        throw new HttpProblem('idempotency-in-progress', 'the same Idempotency-Key is being used by another request: retry');
      }
    }
    return done;
  });
  deps.notifier.poke();
  return answer(result.status, result.body);
}

export function recordRoutes(deps: Deps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const pool = deps.db.pool;

  routes.get('/records', async (c) => c.json(await loadRecords(pool, c.get('viewer'))));

  routes.get('/findings', async (c) => {
    const bbox = (c.req.query('bbox') ?? '').split(',').map(Number);
    if (bbox.length !== 4 || bbox.some((n) => !Number.isFinite(n)) || bbox[0]! > bbox[2]! || bbox[1]! > bbox[3]!) {
      throw invalid([{ field: 'bbox', message: 'must be west,south,east,north in WGS84 degrees' }]);
    }
    const district = c.req.query('district') ?? null;
    return c.json(await findingsInView(pool, c.get('viewer'), bbox as [number, number, number, number], district));
  });

  routes.get('/organisations', async (c) => {
    requireAccount(c);
    return c.json(await listOrganisations(pool));
  });

  routes.put('/walks/:id', async (c) => {
    const walk = parseStrict(walkSchema, await readJson(c, FINDING_BODY_LIMIT));
    if (walk.id !== c.req.param('id')) throw invalid([{ field: 'id', message: 'must equal the id in the address' }]);
    return write(c, deps, async (ctx) => ({ status: 200, body: await saveWalk(ctx, walk) }));
  });

  routes.delete('/walks/:id', async (c) => {
    const revision = revisionParam(c);
    const withFindings = c.req.query('withFindings') === 'true';
    return write(c, deps, async (ctx) => ({ status: 200, body: await deleteWalk(ctx, c.req.param('id'), revision, withFindings) }));
  });

  routes.put('/findings/:id', async (c) => {
    const finding = parseStrict(findingSchema, await readJson(c, FINDING_BODY_LIMIT));
    if (finding.id !== c.req.param('id')) throw invalid([{ field: 'id', message: 'must equal the id in the address' }]);
    return write(c, deps, async (ctx) => ({ status: 200, body: await saveFinding(ctx, finding) }));
  });

  routes.post('/findings/:id/status', async (c) => {
    const body = parseStrict(statusChangeInputSchema, await readJson(c));
    return write(c, deps, async (ctx) => ({ status: 200, body: await changeFindingStatus(ctx, c.req.param('id'), body.to, body.revision, body.note) }));
  });

  routes.delete('/findings/:id', async (c) => {
    const revision = revisionParam(c);
    return write(c, deps, async (ctx) => {
      const before = await deleteFinding(ctx, c.req.param('id'), revision);
      return { status: 200, body: { walks: [], findings: before ? [before] : [] } satisfies WalkData };
    });
  });

  routes.get('/findings/:id/history', async (c) => {
    const history = await findingHistory(pool, c.get('viewer'), c.req.param('id'));
    if (!history) throw new HttpProblem('not-found', 'no such finding');
    return c.json(history);
  });

  routes.post('/restore', async (c) => {
    const data = parseStrict(walkDataSchema, await readJson(c, IMPORT_BODY_LIMIT));
    return write(c, deps, async (ctx) => { await restoreRecords(ctx, data); return { status: 204, body: null }; });
  });

  routes.post('/import', async (c) => {
    const data = parseStrict(walkDataSchema, await readJson(c, IMPORT_BODY_LIMIT));
    return write(c, deps, async (ctx) => ({ status: 200, body: await importRecords(ctx, data) }));
  });

  routes.get('/photos/:id', async (c) => {
    const id = c.req.param('id');
    if (!PHOTO_ID_RE.test(id) || !(await mayViewPhoto(pool, c.get('viewer'), id))) throw new HttpProblem('not-found', 'no such photo');
    const photo = await readPhoto(pool, id);
    if (!photo) throw new HttpProblem('not-found', 'no such photo');
    return c.body(new Uint8Array(photo.bytes), 200, { 'Content-Type': photo.mime, 'Content-Disposition': 'inline' });
  });

  return routes;
}
