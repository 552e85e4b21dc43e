/**
 * Resident reports (server/API.md): the public sends them and follows its own through a private
 * token; the district's council reads its queue and accepts, merges or declines.
 */

import type { Context } from 'hono';
import { Hono } from 'hono';
import { canModerateReports, type Viewer } from '../../src/domain/accounts';
import { acceptReportSchema, declineReportSchema, FOLLOW_TOKEN_RE, mergeReportSchema, reportInputSchema } from '../../src/domain/report-schema';
import { isPending, REPORT_STATUSES, type ReportReceipt, type ReportStatus } from '../../src/domain/reports';
import { randomUUID } from 'node:crypto';
import { newToken } from '../auth/tokens';
import type { AppEnv, Deps } from '../context';
import { parseStrict, readJson } from '../http/body';
import { clientAddress } from '../http/client';
import { HttpProblem, invalid } from '../http/problem';
import { takeRate, type RateLimit } from '../http/rate-limit';
import { readPhoto } from '../photos/photo-store';
import { acceptReport, declineReport, mergeReport } from '../reports/moderation';
import { createReport, followReport, listReports, reportDuplicates, reportFromRow, selectReport } from '../reports/store';
import { requireAccount } from './guards';
import { write } from './write';

/** A report may carry a photo as a data: URL (about 3 MB of text). */
const REPORT_BODY_LIMIT = 4 * 1024 * 1024;
/** Reports one client address may send: a few in a quarter of an hour, and a day's worth. */
export const REPORT_RATE_BURST: RateLimit = { limit: 5, windowMs: 15 * 60 * 1000 };
export const REPORT_RATE_DAY: RateLimit = { limit: 20, windowMs: 24 * 3600 * 1000 };

/** The districts whose reports the viewer moderates (null: all of them); 401/403 for others. */
function moderatedDistricts(c: Context<AppEnv>): string[] | null {
  const viewer = requireAccount(c);
  if (viewer.account.disabled) throw new HttpProblem('forbidden', 'the account is disabled');
  if (viewer.account.role === 'admin') return null;
  if (viewer.account.role === 'member') return viewer.account.districtIds;
  throw new HttpProblem('forbidden', 'only a district council moderates resident reports');
}

/** Waits for the limit of the client address; 429 with Retry-After when it is used up. */
export async function limitClient(c: Context<AppEnv>, deps: Deps, scope: string, rules: RateLimit[]): Promise<void> {
  const client = clientAddress(c, deps.config.trustProxy);
  for (const [i, rule] of rules.entries()) {
    const wait = await takeRate(deps.db.pool, `${scope}:${i}:${client}`, rule);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      throw new HttpProblem('rate-limited', `too many reports from this address: try again in ${Math.ceil(wait / 60)} minutes`);
    }
  }
}

async function visibleReport(deps: Deps, viewer: Viewer, id: string) {
  const row = await selectReport(deps.db.pool, id);
  if (!row || !canModerateReports(viewer, row.district_id)) throw new HttpProblem('not-found', 'no such report');
  return row;
}

export function reportRoutes(deps: Deps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const pool = deps.db.pool;

  routes.post('/reports', async (c) => {
    // Counted before the body is read, so that a flood of large bodies is refused cheaply.
    await limitClient(c, deps, 'report', [REPORT_RATE_BURST, REPORT_RATE_DAY]);
    const input = parseStrict(reportInputSchema, await readJson(c, REPORT_BODY_LIMIT));
    if (input.website !== '') {
      // The honeypot was filled in: a bot. It is told the same as a person and nothing is stored.
      return c.json({ id: randomUUID(), followToken: newToken(), status: 'inkommen' } satisfies ReportReceipt, 201);
    }
    const { website: _honeypot, ...report } = input;
    const receipt = await createReport(pool, deps.areas, report, { source: 'web' });
    return c.json(receipt, 201);
  });

  routes.get('/reports/follow/:token', async (c) => {
    const token = c.req.param('token');
    const view = FOLLOW_TOKEN_RE.test(token) ? await followReport(pool, token) : null;
    if (!view) throw new HttpProblem('not-found', 'no report with this link');
    return c.json(view);
  });

  routes.get('/reports', async (c) => {
    const districts = moderatedDistricts(c);
    const raw = c.req.query('status');
    if (raw !== undefined && !REPORT_STATUSES.includes(raw as ReportStatus)) {
      throw invalid([{ field: 'status', message: `must be one of ${REPORT_STATUSES.join(', ')}`, code: 'unknown_value' }]);
    }
    const reports = await listReports(pool, districts, (raw as ReportStatus | undefined) ?? null);
    const withDuplicates = [];
    for (const report of reports) {
      withDuplicates.push({ ...report, duplicates: isPending(report) ? await reportDuplicates(pool, c.get('viewer'), report) : [] });
    }
    return c.json({ reports: withDuplicates });
  });

  routes.get('/reports/:id', async (c) => {
    moderatedDistricts(c);
    const report = reportFromRow(await visibleReport(deps, c.get('viewer'), c.req.param('id')));
    return c.json({ ...report, duplicates: isPending(report) ? await reportDuplicates(pool, c.get('viewer'), report) : [] });
  });

  routes.get('/reports/:id/photo', async (c) => {
    moderatedDistricts(c);
    const row = await visibleReport(deps, c.get('viewer'), c.req.param('id'));
    const photo = row.photo_id ? await readPhoto(pool, row.photo_id) : null;
    if (!photo) throw new HttpProblem('not-found', 'the report has no photo');
    return c.body(new Uint8Array(photo.bytes), 200, { 'Content-Type': photo.mime, 'Content-Disposition': 'inline' });
  });

  routes.post('/reports/:id/accept', async (c) => {
    moderatedDistricts(c);
    const input = parseStrict(acceptReportSchema, await readJson(c));
    return write(c, deps, async (ctx) => ({ status: 200, body: await acceptReport(ctx, c.req.param('id'), input) }));
  });

  routes.post('/reports/:id/decline', async (c) => {
    moderatedDistricts(c);
    const input = parseStrict(declineReportSchema, await readJson(c));
    return write(c, deps, async (ctx) => ({ status: 200, body: { report: await declineReport(ctx, c.req.param('id'), input.reason) } }));
  });

  routes.post('/reports/:id/merge', async (c) => {
    moderatedDistricts(c);
    const input = parseStrict(mergeReportSchema, await readJson(c));
    return write(c, deps, async (ctx) => ({ status: 200, body: { report: await mergeReport(ctx, c.req.param('id'), input.into) } }));
  });

  return routes;
}
