/**
 * The council's moderation queue of resident reports: who has one, how it is ordered and grouped,
 * and what each possible duplicate is. Pure: no I/O.
 */

import { canModerateReports, type Viewer } from './accounts';
import { isPending, type ReportDuplicate, type ResidentReport } from './reports';

/** Whether the viewer moderates the reports of some district (an admin: of all of them). */
export function moderatesAny(viewer: Viewer | null): boolean {
  if (!viewer || viewer.kind !== 'account') return false;
  return canModerateReports(viewer, null) || viewer.account.districtIds.some((d) => canModerateReports(viewer, d));
}

export interface QueueGroup<R extends ResidentReport = ResidentReport> {
  districtId: string | null;
  reports: R[];
}

/**
 * Pending reports grouped by district (groups by the district's name, reports without a district
 * last), each group longest waiting first: the queue is worked from its oldest end.
 */
export function pendingGroups<R extends ResidentReport>(reports: readonly R[], districtName: (id: string) => string): QueueGroup<R>[] {
  const groups = new Map<string | null, R[]>();
  for (const r of reports) {
    if (!isPending(r)) continue;
    groups.set(r.districtId, [...(groups.get(r.districtId) ?? []), r]);
  }
  const name = (id: string | null) => (id === null ? '\uffff' : districtName(id));
  return [...groups]
    .sort(([a], [b]) => name(a).localeCompare(name(b), 'sv'))
    .map(([districtId, list]) => ({
      districtId,
      reports: list.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)),
    }));
}

/** Decided reports, the latest decision first. */
export function decidedReports<R extends ResidentReport>(reports: readonly R[]): R[] {
  return reports.filter((r) => !isPending(r))
    .sort((a, b) => (b.decidedAt ?? b.createdAt).localeCompare(a.decidedAt ?? a.createdAt) || a.id.localeCompare(b.id));
}

/** Whole days a report has waited at `nowIso` (0 on the day it came). */
export function daysWaiting(createdAt: string, nowIso: string): number {
  const from = Date.parse(createdAt);
  const to = Date.parse(nowIso);
  if (Number.isNaN(from) || Number.isNaN(to)) return 0;
  return Math.max(0, Math.floor((to - from) / 86_400_000));
}


/** A possible duplicate with the record it points at, when this browser has it. */
export type ResolvedDuplicate<R, F> =
  | { duplicate: ReportDuplicate; kind: 'finding'; record: F | null }
  | { duplicate: ReportDuplicate; kind: 'report'; record: R | null };

/**
 * Each of a report's possible duplicates with its record: a finding from the member's copy, or
 * another report of the queue (null when this browser does not have it), nearest first.
 */
export function resolveDuplicates<R extends { id: string }, F extends { id: string }>(
  duplicates: readonly ReportDuplicate[],
  reports: readonly R[],
  findings: readonly F[],
): ResolvedDuplicate<R, F>[] {
  const reportById = new Map(reports.map((r) => [r.id, r]));
  const findingById = new Map(findings.map((f) => [f.id, f]));
  return [...duplicates]
    .sort((a, b) => a.distanceM - b.distanceM)
    .map((duplicate) => duplicate.kind === 'finding'
      ? { duplicate, kind: 'finding' as const, record: findingById.get(duplicate.id) ?? null }
      : { duplicate, kind: 'report' as const, record: reportById.get(duplicate.id) ?? null });
}
