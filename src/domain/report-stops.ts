/**
 * Resident reports and safety walks: which pending reports a planned walk could look at (its
 * stops), the walks a report could be accepted onto, and what a walk's protocol lists of the
 * reports it looked at. Pure: no I/O.
 */

import { isPending, type ResidentReport } from './reports';
import type { Finding, FindingCategory, Walk } from './walks/types';

/** A walk still to come: its date (YYYY-MM-DD) is `today` (Stockholm's date) or later. */
export function isPlannedWalk(walk: Pick<Walk, 'date'>, today: string): boolean {
  return walk.date >= today;
}

/**
 * Whether a report lies in a walk's area: in its priority area (a walk of a priority area), or
 * in its stadsdel (a walk of a stadsdel).
 */
export function inWalkArea(report: Pick<ResidentReport, 'stadsdelId' | 'priorityAreaIds'>, area: Walk['area']): boolean {
  return area.kind === 'priorityArea' ? report.priorityAreaIds.includes(area.id) : report.stadsdelId === area.id;
}

export interface StopCandidate<R extends ResidentReport = ResidentReport> {
  report: R;
  /** Already one of the walk's stops (`walk.reportIds`). */
  chosen: boolean;
}

/**
 * The reports a walk may take as stops: the pending ones in its area, and those already chosen
 * whatever became of them. Chosen ones first in the walk's order, then the others, longest
 * waiting first. `missingIds` are chosen stops not among `reports` (not loaded, or gone).
 */
export function stopCandidates<R extends ResidentReport>(
  walk: Pick<Walk, 'area' | 'reportIds'>,
  reports: readonly R[],
): { candidates: StopCandidate<R>[]; missingIds: string[] } {
  const chosenIds = walk.reportIds ?? [];
  const byId = new Map(reports.map((r) => [r.id, r]));
  const chosen = chosenIds.flatMap((id) => (byId.has(id) ? [{ report: byId.get(id)!, chosen: true }] : []));
  const others = reports
    .filter((r) => !chosenIds.includes(r.id) && isPending(r) && inWalkArea(r, walk.area))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
    .map((report) => ({ report, chosen: false }));
  return { candidates: [...chosen, ...others], missingIds: chosenIds.filter((id) => !byId.has(id)) };
}

/** The ids of the reports the map highlights for a selected walk: its stops, and its candidates while it is planned. */
export function highlightedForWalk(walk: Pick<Walk, 'area' | 'reportIds' | 'date'>, reports: readonly ResidentReport[], today: string): Set<string> {
  const ids = new Set(walk.reportIds ?? []);
  if (isPlannedWalk(walk, today)) {
    for (const r of reports) if (isPending(r) && inWalkArea(r, walk.area)) ids.add(r.id);
  }
  return ids;
}

/** The walk's stops with `id` added or removed: order kept, each id once. */
export function withStop(reportIds: readonly string[] | undefined, id: string, chosen: boolean): string[] {
  const rest = (reportIds ?? []).filter((r) => r !== id);
  return chosen ? [...rest, id] : rest;
}

export interface WalkChoice<W extends Walk = Walk> {
  walk: W;
  /** The report lies in the walk's area. */
  inArea: boolean;
}

/**
 * The walks a report could be accepted onto: planned walks (today or later, not example data) of
 * the report's district; those whose area holds the report first, then by date and time.
 */
export function plannedWalksFor<W extends Walk>(
  report: Pick<ResidentReport, 'districtId' | 'stadsdelId' | 'priorityAreaIds'>,
  walks: readonly W[],
  walkDistrictId: (walk: W) => string | null,
  today: string,
): WalkChoice<W>[] {
  return walks
    .filter((w) => !w.example && isPlannedWalk(w, today) && report.districtId !== null && walkDistrictId(w) === report.districtId)
    .map((walk) => ({ walk, inArea: inWalkArea(report, walk.area) }))
    .sort((a, b) => Number(b.inArea) - Number(a.inArea) || `${a.walk.date}${a.walk.time}`.localeCompare(`${b.walk.date}${b.walk.time}`));
}

/** One line of a protocol's list of the reports a walk looked at. */
export interface ProtocolReportRow {
  reportId: string;
  /** From the report when it is known, else from the finding it became. */
  category: FindingCategory | null;
  /** The resident's text (the report's; the finding's copy when the report is not known). */
  text: string | null;
  /** Chosen as one of the walk's stops. */
  stop: boolean;
  /** The finding on this walk that the report became, if any. */
  findingId: string | null;
  /** That finding's number in the protocol's table of findings (1-based). */
  findingNumber: number | null;
  status: ResidentReport['status'] | null;
}

/**
 * The reports a walk looked at: its stops (in order), then reports that became findings on the
 * walk without being stops; each report once. `walkFindings` in the protocol's table order.
 */
export function protocolReportRows(
  walk: Pick<Walk, 'reportIds'>,
  walkFindings: readonly Pick<Finding, 'id' | 'reportId' | 'category' | 'description'>[],
  reportsById: ReadonlyMap<string, Pick<ResidentReport, 'id' | 'category' | 'description' | 'status'>>,
): ProtocolReportRow[] {
  const findingOf = new Map<string, { finding: (typeof walkFindings)[number]; number: number }>();
  walkFindings.forEach((finding, i) => {
    if (finding.reportId && !findingOf.has(finding.reportId)) findingOf.set(finding.reportId, { finding, number: i + 1 });
  });
  const ids = [...new Set([...(walk.reportIds ?? []), ...findingOf.keys()])];
  return ids.map((reportId) => {
    const report = reportsById.get(reportId);
    const made = findingOf.get(reportId);
    return {
      reportId,
      category: report?.category ?? made?.finding.category ?? null,
      text: report?.description ?? made?.finding.description ?? null,
      stop: (walk.reportIds ?? []).includes(reportId),
      findingId: made?.finding.id ?? null,
      findingNumber: made?.number ?? null,
      status: report?.status ?? null,
    };
  });
}
