/**
 * What a viewer sees of stored records, as SQL row filters (for lists) and as the domain's rules
 * (for one record). The SQL filters only narrow the rows; every row is still passed through the
 * domain's `findingAccess`, so the two cannot disagree to the viewer's advantage.
 */

import {
  canReadWalk, findingAccess, publicFinding, type PublicFinding, type Viewer,
} from '../../src/domain/accounts';
import type { Finding, Walk } from '../../src/domain/walks/types';

export interface FindingRow {
  record: Finding;
  district_id: string | null;
}

export interface WalkRow {
  record: Walk;
  district_id: string | null;
}

/** A finding as the viewer may see it, or null. */
export function viewFinding(viewer: Viewer, row: FindingRow, organisations: ReadonlyMap<string, string>): Finding | PublicFinding | null {
  const access = findingAccess(viewer, row.record, row.district_id);
  if (access === 'full') return row.record;
  if (access === 'public') {
    const orgId = row.record.responsible.organisationId;
    return publicFinding(row.record, orgId ? organisations.get(orgId) ?? null : null);
  }
  return null;
}

export function viewWalk(viewer: Viewer, row: WalkRow): Walk | null {
  return canReadWalk(viewer, row.district_id) ? row.record : null;
}

/** `where` clause and parameters selecting the findings a viewer may see (fully or in part). */
export function findingFilter(viewer: Viewer, firstParam = 1): { sql: string; params: unknown[] } {
  if (viewer.kind === 'public' || viewer.account.disabled) return { sql: 'public', params: [] };
  const { account } = viewer;
  if (account.role === 'admin') return { sql: 'true', params: [] };
  if (account.role === 'member') return { sql: `(public or district_id = any($${firstParam}))`, params: [account.districtIds] };
  return { sql: `(public or responsible_org_id = $${firstParam})`, params: [account.organisationId] };
}

export function walkFilter(viewer: Viewer, firstParam = 1): { sql: string; params: unknown[] } {
  if (viewer.kind === 'public' || viewer.account.disabled) return { sql: 'false', params: [] };
  const { account } = viewer;
  if (account.role === 'admin') return { sql: 'true', params: [] };
  if (account.role === 'member') return { sql: `district_id = any($${firstParam})`, params: [account.districtIds] };
  return { sql: 'false', params: [] };
}

/** Whether a record with this scope is (or was) in the viewer's sight: decides if a removal is news to them. */
export function scopeVisible(viewer: Viewer, entity: 'walk' | 'finding', scope: { district: string | null; org: string | null; public: boolean }): boolean {
  if (entity === 'walk') return canReadWalk(viewer, scope.district);
  const stub = { responsible: { kind: 'annan' as const, ...(scope.org ? { organisationId: scope.org } : {}) }, public: scope.public };
  return findingAccess(viewer, stub, scope.district) !== 'none';
}
