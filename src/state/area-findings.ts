/** An area's findings as its details list them (src/ui/AreaFindings.tsx). Pure. */

import type { AreaKind } from '../domain/types';
import type { Finding } from '../domain/walks/types';

type Placed = Pick<Finding, 'stadsdelId' | 'districtId' | 'priorityAreaIds'>;
type Dated = Pick<Finding, 'id' | 'status' | 'history' | 'createdAt'>;

/** Whether the finding lies in the area (by its stadsdel, district or priority areas). */
export function inArea(f: Placed, area: { kind: AreaKind; id: string }): boolean {
  if (area.kind === 'district') return f.districtId === area.id;
  if (area.kind === 'stadsdel') return f.stadsdelId === area.id;
  return f.priorityAreaIds.includes(area.id);
}

/** When the finding was reported: its first status (for an accepted report, when the resident sent it). */
export function reportedAt(f: Dated): string {
  return f.history[0]?.at ?? f.createdAt;
}

/** When it became åtgärdad (the last time); null unless it is åtgärdad now (a reopened finding is not fixed). */
export function fixedAt(f: Pick<Finding, 'status' | 'history'>): string | null {
  if (f.status !== 'atgardad') return null;
  return [...f.history].reverse().find((h) => h.status === 'atgardad')?.at ?? null;
}

/** The findings in the area, most recently reported first (ties by id, so the order is stable). */
export function findingsInArea<F extends Placed & Dated>(findings: readonly F[], area: { kind: AreaKind; id: string }): F[] {
  return findings.filter((f) => inArea(f, area))
    .sort((a, b) => reportedAt(b).localeCompare(reportedAt(a)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
