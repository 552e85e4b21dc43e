/**
 * The council's decisions on resident reports: accept (the report becomes a finding, internal
 * until marked public), merge into an open finding or a pending report nearby, or decline with a
 * reason the resident sees. Each runs in the caller's transaction as a member of the report's
 * district (or an admin); a report is decided once.
 */

import { randomUUID } from 'node:crypto';
import { canModerateReports, findingAccess } from '../../src/domain/accounts';
import type { AcceptReportInput } from '../../src/domain/report-schema';
import { isPending, type ResidentReport } from '../../src/domain/reports';
import { isOpen } from '../../src/domain/walks/status';
import type { Finding, FindingStatus } from '../../src/domain/walks/types';
import { HttpProblem, invalid } from '../http/problem';
import { saveFinding, type WriteContext } from '../records/findings';
import { notifyReport } from './notifications';
import { reportFromRow, selectReport, type ReportRow } from './store';

/** The report, locked, when the viewer may moderate it; 404 when they may not see it at all. */
async function moderatedReport(ctx: WriteContext, id: string): Promise<ReportRow> {
  const row = await selectReport(ctx.db, id, true);
  if (!row || !canModerateReports(ctx.viewer, row.district_id)) throw new HttpProblem('not-found', 'no such report');
  if (!isPending(row)) {
    throw new HttpProblem('conflict', `the report was already decided (${row.status})`, { stored: reportFromRow(row) });
  }
  return row;
}

async function decide(ctx: WriteContext, id: string, fields: { status: ResidentReport['status']; findingId?: string | null; mergedInto?: string | null; walkId?: string | null; reason?: string | null }): Promise<ResidentReport> {
  await ctx.db.query(
    `update resident_report set status = $2, finding_id = coalesce($3, finding_id), merged_into_report_id = $4, walk_id = coalesce($5, walk_id),
       decline_reason = $6, decided_at = $7, decided_by = $8 where id = $1`,
    [id, fields.status, fields.findingId ?? null, fields.mergedInto ?? null, fields.walkId ?? null, fields.reason ?? null, ctx.now, ctx.viewer.account.id]);
  return reportFromRow((await selectReport(ctx.db, id))!);
}

/** Accepts a report: a new finding (status ny, observed when the resident reported it) linked to the report. */
export async function acceptReport(ctx: WriteContext, id: string, input: Required<AcceptReportInput>): Promise<{ report: ResidentReport; finding: Finding }> {
  const row = await moderatedReport(ctx, id);
  const observed = row.created_at.toISOString();
  const finding: Finding = {
    id: randomUUID(),
    walkId: input.walkId,
    position: [row.lon, row.lat],
    category: row.category,
    description: row.description,
    photo: row.photo_id ? { name: 'foto', type: row.photo_type ?? 'image/jpeg', id: row.photo_id, public: input.photoPublic } : null,
    responsible: input.responsible,
    priority: input.priority,
    status: 'ny',
    history: [{ status: 'ny', at: observed }],
    deadline: null,
    public: input.public,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    revision: 0,
    stadsdelId: row.stadsdel_id,
    districtId: row.district_id,
    priorityAreaIds: row.priority_area_ids,
    reportId: row.id,
  };
  // saveFinding checks that the finding (and its walk, if chosen) lies within the member's districts.
  const stored = await saveFinding(ctx, finding);
  const report = await decide(ctx, id, { status: 'accepterad', findingId: stored.id, walkId: input.walkId });
  await notifyReport(ctx.db, row.id, 'accepted', false);
  return { report, finding: stored };
}

/** Declines a report with a reason the resident sees on the follow link. */
export async function declineReport(ctx: WriteContext, id: string, reason: string): Promise<ResidentReport> {
  const row = await moderatedReport(ctx, id);
  const report = await decide(ctx, id, { status: 'avbojd', reason });
  await notifyReport(ctx.db, row.id, 'declined', true);
  return report;
}

/**
 * Merges a report into an open finding or a pending report of the same place: the resident then
 * follows that finding. The target must be one the member sees in full.
 */
export async function mergeReport(ctx: WriteContext, id: string, into: { kind: 'finding' | 'report'; id: string }): Promise<ResidentReport> {
  const row = await moderatedReport(ctx, id);
  if (into.kind === 'finding') {
    const { rows } = await ctx.db.query<{ record: Finding; district_id: string | null; status: FindingStatus }>(
      'select record, district_id, status from finding where id = $1', [into.id]);
    const target = rows[0];
    if (!target || findingAccess(ctx.viewer, target.record, target.district_id) !== 'full') {
      throw invalid([{ field: 'into.id', message: 'no finding with this id that you may change', code: 'unknown_value' }]);
    }
    if (!isOpen(target.status)) throw invalid([{ field: 'into.id', message: 'the finding is closed: accept the report as a new finding instead', code: 'closed' }]);
    const report = await decide(ctx, id, { status: 'sammanslagen', findingId: into.id });
    await notifyReport(ctx.db, row.id, 'merged', false);
    return report;
  }
  if (into.id === id) throw invalid([{ field: 'into.id', message: 'a report cannot be merged into itself' }]);
  const target = await selectReport(ctx.db, into.id, true);
  if (!target || !canModerateReports(ctx.viewer, target.district_id)) {
    throw invalid([{ field: 'into.id', message: 'no report with this id that you may moderate', code: 'unknown_value' }]);
  }
  if (!isPending(target) && target.status !== 'accepterad') {
    throw invalid([{ field: 'into.id', message: `the report was ${target.status}: merge into a pending or accepted report`, code: 'closed' }]);
  }
  // Merged into an accepted report, the resident follows its finding too.
  const report = await decide(ctx, id, { status: 'sammanslagen', mergedInto: into.id, findingId: target.finding_id });
  await notifyReport(ctx.db, row.id, 'merged', false);
  return report;
}
