/**
 * What the UI offers, mirroring the server's rules (src/domain/accounts.ts). Without a server
 * everything is allowed: the records are this browser's own. The server checks every request
 * anyway; this only hides what would be refused.
 */

import { canChangeStatus, canWriteFinding, canWriteWalk, findingAccess, findingDistrict, type Viewer } from '../domain/accounts';
import type { AreaIndex } from '../domain/area-index';
import type { Finding, Walk } from '../domain/walks/types';
import { viewerOf } from '../state/server-actions';
import { useApp } from '../state/store';

export interface Permissions {
  /** False for the public (not logged in) on a server. */
  canCreateWalk: boolean;
  canPin: boolean;
  /** May import files and load or remove the example walk (records of the council). */
  canImport: boolean;
  walk(walk: Walk): boolean;
  finding(finding: Finding): boolean;
  status(finding: Finding): boolean;
  /**
   * 'public' when the viewer sees only the public part of the finding (PublicFinding: no priority,
   * deadline, walk or notes; the copy holds placeholders for them that must not be shown).
   */
  access(finding: Finding): 'full' | 'public';
  /** Records are kept locally only (no server). */
  local: boolean;
}

/** The district whose council owns a walk: the district of its area. */
export function walkDistrictId(index: AreaIndex, area: Walk['area']): string | null {
  if (area.kind === 'priorityArea') return index.priorityArea(area.id)?.properties.districtId ?? null;
  return index.stadsdel(area.id)?.properties.districtId ?? null;
}

export function permissions(viewer: Viewer | null, index: AreaIndex, walks: Walk[]): Permissions {
  if (!viewer) {
    return { canCreateWalk: true, canPin: true, canImport: true, walk: () => true, finding: () => true, status: () => true, access: () => 'full', local: true };
  }
  const account = viewer.kind === 'account' && !viewer.account.disabled ? viewer.account : null;
  const writer = account !== null && (account.role === 'admin' || account.role === 'member');
  const districtOf = (f: Finding) => {
    const walk = f.walkId ? walks.find((w) => w.id === f.walkId) : undefined;
    return findingDistrict(f, walk ? walkDistrictId(index, walk.area) : null);
  };
  return {
    canCreateWalk: writer,
    canPin: writer,
    canImport: writer,
    walk: (w) => canWriteWalk(viewer, walkDistrictId(index, w.area)),
    finding: (f) => canWriteFinding(viewer, districtOf(f)),
    status: (f) => canChangeStatus(viewer, f, districtOf(f)),
    access: (f) => (findingAccess(viewer, f, districtOf(f)) === 'full' ? 'full' : 'public'),
    local: false,
  };
}

/** The permissions of whoever uses the app now. */
export function usePermissions(index: AreaIndex): Permissions {
  const session = useApp((s) => s.serverSession);
  const walks = useApp((s) => s.walkData.walks);
  return permissions(viewerOf(session), index, walks);
}
