/** Walks, findings, their history and photos (server/API.md). Permissions are checked in records/. */

import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { statusChangeInputSchema } from '../../src/domain/account-schema';
import { findingSchema, PHOTO_ID_RE, walkSchema } from '../../src/domain/walks/schema';
import type { WalkData } from '../../src/domain/walks/types';
import { listOrganisations } from '../auth/accounts';
import type { AppEnv, Deps } from '../context';
import { parseStrict, readJson } from '../http/body';
import { HttpProblem, invalid } from '../http/problem';
import { readPhoto } from '../photos/photo-store';
import {
  changeFindingStatus, deleteFinding, deleteWalk, importRecords, restoreRecords, saveFinding, saveWalk,
} from '../records/findings';
import { findingHistory, findingsInView, loadRecords, mayViewPhoto } from '../records/reads';
import { requireAccount } from './guards';
import { write } from './write';

/** A finding may carry a photo as a data: URL (about 3 MB of text). */
const FINDING_BODY_LIMIT = 4 * 1024 * 1024;
/** An import or a restore moves many records at once. */
const IMPORT_BODY_LIMIT = 25 * 1024 * 1024;

const walkDataSchema = z.object({ walks: z.array(walkSchema).max(50_000), findings: z.array(findingSchema).max(50_000) });

function revisionParam(c: Context): number | undefined {
  const raw = c.req.query('revision');
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw invalid([{ field: 'revision', message: 'must be a whole number ≥ 0' }]);
  return n;
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
    return write(c, deps, async (ctx) => ({ status: 200, body: await changeFindingStatus(ctx, c.req.param('id'), body.to, body.revision, body.note, body.notePublic) }));
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
