/**
 * Accounts, organisations and what each role may do with walks and findings. The server enforces
 * these rules on every endpoint; the app uses the same functions only to hide what a user cannot
 * do. Pure: no I/O.
 */

import type { Finding, FindingStatus, ResponsibleKind, Walk } from './walks/types';

/**
 * - admin: the city; manages organisations and accounts, may read and write everything.
 * - member: a member of the trygghetsråd of one or more districts; creates and edits walks and
 *   findings there.
 * - responsible: an organisation's account (the police, a property owner, the traffic office …);
 *   sees the findings assigned to its organisation and moves their status with a note.
 */
export const ROLES = ['admin', 'member', 'responsible'] as const;
export type Role = (typeof ROLES)[number];

export interface Organisation {
  id: string;
  name: string;
  kind: ResponsibleKind;
}

/** An account as the API shows it to its owner and to administrators (never the password hash). */
export interface Account {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The organisation the account acts for; required for a responsible party. */
  organisationId: string | null;
  /** Districts whose council the account belongs to (members). */
  districtIds: string[];
  disabled: boolean;
}

/** Who is asking: an account, or the public (not logged in). */
export type Viewer = { kind: 'account'; account: Account } | { kind: 'public' };

export const PUBLIC_VIEWER: Viewer = { kind: 'public' };

/** The district whose council owns a walk: the district of its area. */
export type WalkDistrict = (walk: Pick<Walk, 'area'>) => string | null;

/**
 * The district whose council owns a finding: its walk's district when it was found on a walk,
 * otherwise the district it lies in.
 */
export function findingDistrict(finding: Pick<Finding, 'districtId'>, walkDistrictId: string | null): string | null {
  return walkDistrictId ?? finding.districtId;
}

function memberOf(viewer: Viewer, districtId: string | null): boolean {
  return viewer.kind === 'account' && viewer.account.role === 'member' && !viewer.account.disabled
    && districtId !== null && viewer.account.districtIds.includes(districtId);
}

function isAdmin(viewer: Viewer): boolean {
  return viewer.kind === 'account' && viewer.account.role === 'admin' && !viewer.account.disabled;
}

/** True when the viewer is the responsible party's account of the finding's organisation. */
export function isResponsibleFor(viewer: Viewer, finding: Pick<Finding, 'responsible'>): boolean {
  return viewer.kind === 'account' && viewer.account.role === 'responsible' && !viewer.account.disabled
    && viewer.account.organisationId !== null && finding.responsible.organisationId === viewer.account.organisationId;
}

/** May see the walk with its participants and notes (the public sees no walks). */
export function canReadWalk(viewer: Viewer, districtId: string | null): boolean {
  return isAdmin(viewer) || memberOf(viewer, districtId);
}

/** May create, edit or delete walks of this district. */
export function canWriteWalk(viewer: Viewer, districtId: string | null): boolean {
  return isAdmin(viewer) || memberOf(viewer, districtId);
}

/** How much of a finding the viewer sees: all of it, the public part, or nothing. */
export function findingAccess(viewer: Viewer, finding: Pick<Finding, 'responsible' | 'public'>, districtId: string | null): 'full' | 'public' | 'none' {
  if (isAdmin(viewer) || memberOf(viewer, districtId) || isResponsibleFor(viewer, finding)) return 'full';
  return finding.public ? 'public' : 'none';
}

/** May create, edit, move or delete the finding (every field). */
export function canWriteFinding(viewer: Viewer, districtId: string | null): boolean {
  return isAdmin(viewer) || memberOf(viewer, districtId);
}

/** May move the finding's status (with a note): its council, or its responsible party. */
export function canChangeStatus(viewer: Viewer, finding: Pick<Finding, 'responsible'>, districtId: string | null): boolean {
  return canWriteFinding(viewer, districtId) || isResponsibleFor(viewer, finding);
}

/** May manage organisations and accounts. */
export function canAdminister(viewer: Viewer): boolean {
  return isAdmin(viewer);
}

/**
 * What the public may see of a finding: no internal notes on its status changes, no author, no
 * photo unless marked public, no walk (participants are on the walk). Returns a new object.
 */
export function publicFinding(finding: Finding, organisationName: string | null): PublicFinding {
  const photo = finding.photo && finding.photo.public && finding.photo.id
    ? { name: finding.photo.name, type: finding.photo.type, id: finding.photo.id, public: true as const }
    : null;
  return {
    id: finding.id,
    position: finding.position,
    category: finding.category,
    description: finding.description,
    photo,
    responsible: { kind: finding.responsible.kind, organisation: organisationName ?? finding.responsible.name ?? null },
    status: finding.status,
    // A status note reaches residents only when it was written for them.
    history: finding.history.map((h) => (h.public && h.note ? { status: h.status, at: h.at, note: h.note } : { status: h.status, at: h.at })),
    createdAt: finding.createdAt,
    updatedAt: finding.updatedAt,
    stadsdelId: finding.stadsdelId,
    districtId: finding.districtId,
    priorityAreaIds: finding.priorityAreaIds,
    public: true,
  };
}

/** A finding as the public sees it (see {@link publicFinding}). */
export interface PublicFinding {
  id: string;
  position: Finding['position'];
  category: Finding['category'];
  description: string;
  photo: { name: string; type: string; id: string; public: true } | null;
  responsible: { kind: ResponsibleKind; organisation: string | null };
  status: FindingStatus;
  history: { status: FindingStatus; at: string; note?: string }[];
  createdAt: string;
  updatedAt: string;
  stadsdelId: string | null;
  districtId: string | null;
  priorityAreaIds: string[];
  public: true;
}

/** May see a district's resident reports and accept, merge or decline them: its council, or an admin. */
export function canModerateReports(viewer: Viewer, districtId: string | null): boolean {
  return isAdmin(viewer) || memberOf(viewer, districtId);
}
