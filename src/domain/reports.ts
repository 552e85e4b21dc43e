/**
 * Resident reports ("tipsa om en otrygg plats"): a place a resident says feels unsafe, sent
 * without an account. A report waits in its district council's moderation queue until a member
 * accepts it (it becomes a finding), merges it into an open finding or report nearby, or declines
 * it with a reason the resident sees. Nothing a resident writes is public before acceptance.
 * Pure: no I/O.
 */

import * as turf from '@turf/turf';
import { isOpen } from './walks/status';
import type { FindingCategory, FindingPlace, FindingStatus, LonLat } from './walks/types';

/** When the place feels unsafe. */
export const REPORT_TIMES = ['dag', 'kvall', 'natt'] as const;
export type ReportTime = (typeof REPORT_TIMES)[number];

/**
 * - inkommen: waiting for the council;
 * - accepterad: a member accepted it and it became a finding;
 * - sammanslagen: merged into an open finding or another report of the same place;
 * - avbojd: declined, with a reason the resident sees.
 */
export const REPORT_STATUSES = ['inkommen', 'accepterad', 'sammanslagen', 'avbojd'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Where a report came from: the app's form, or an Open311 client. */
export const REPORT_SOURCES = ['web', 'open311'] as const;
export type ReportSource = (typeof REPORT_SOURCES)[number];

/** Longest description a resident may write, in characters. */
export const REPORT_DESCRIPTION_MAX = 1000;
/** Longest reason for declining, in characters. */
export const DECLINE_REASON_MAX = 1000;
/** Reports closer than this (metres) with the same category are shown as possible duplicates. */
export const DUPLICATE_RADIUS_M = 25;

/** A resident report as the council sees it in the moderation queue. */
export interface ResidentReport extends FindingPlace {
  id: string;
  position: LonLat;
  category: FindingCategory;
  description: string;
  times: ReportTime[];
  /** Photo stored by the server (metadata removed), served to the council only. */
  photo: { id: string; type: string; name: string } | null;
  /** Whether the resident left an email address for updates (the address itself stays internal). */
  wantsUpdates: boolean;
  status: ReportStatus;
  /** Why it was declined: shown to the resident. */
  declineReason: string | null;
  /** The finding it became (accepted) or was merged into. */
  findingId: string | null;
  /** The report it was merged into (when merged into a report). */
  mergedIntoReportId: string | null;
  /** The walk that looked at it (chosen when accepting, or a walk's planned stop). */
  walkId: string | null;
  source: ReportSource;
  /** When the resident sent it: the time the place was reported, ISO 8601. */
  createdAt: string;
  /** When a member accepted, merged or declined it. */
  decidedAt: string | null;
}

/**
 * What the resident's private follow link shows: their report's state and, once it became a
 * finding, that finding's status as the public may see it (status and dates only).
 */
export interface ReportFollowView {
  id: string;
  category: FindingCategory;
  description: string;
  times: ReportTime[];
  position: LonLat;
  status: ReportStatus;
  createdAt: string;
  decidedAt: string | null;
  declineReason: string | null;
  /** The finding's status, once accepted or merged (the finding itself may still be internal). */
  finding: {
    status: FindingStatus;
    history: { status: FindingStatus; at: string }[];
    /** Its id when the finding is public (a link to it on the map); null while it is internal. */
    publicId: string | null;
  } | null;
}

/** What the resident is told after sending a report: its id and the private follow token. */
export interface ReportReceipt {
  id: string;
  /** Secret for the follow link; shown once, only its hash is stored. */
  followToken: string;
  status: ReportStatus;
}

/** A record close to a report (same category, open, within DUPLICATE_RADIUS_M). */
export interface ReportDuplicate {
  kind: 'finding' | 'report';
  id: string;
  distanceM: number;
}

interface Placed {
  id: string;
  position: LonLat;
  category: FindingCategory;
}

/** Whether a report still waits for a decision (and so may be a duplicate target or a walk stop). */
export function isPending(report: Pick<ResidentReport, 'status'>): boolean {
  return report.status === 'inkommen';
}

/**
 * Open findings and pending reports of the same category within `radiusM` metres of `report`,
 * nearest first (geodesic distance after a cheap degree-box test). The report itself is skipped.
 */
export function duplicatesOf(
  report: Placed,
  findings: readonly (Placed & { status: FindingStatus })[],
  reports: readonly (Placed & { status: ReportStatus })[],
  radiusM = DUPLICATE_RADIUS_M,
): ReportDuplicate[] {
  const [lon, lat] = report.position;
  const dLat = (radiusM / 110_500) * 1.01;
  const dLon = dLat / Math.max(Math.cos((lat * Math.PI) / 180), 1e-6);
  const hits: ReportDuplicate[] = [];
  const consider = (kind: ReportDuplicate['kind'], other: Placed) => {
    if (other.category !== report.category || (kind === 'report' && other.id === report.id)) return;
    const [x, y] = other.position;
    if (Math.abs(x - lon) > dLon || Math.abs(y - lat) > dLat) return;
    const distanceM = turf.distance(report.position, other.position, { units: 'meters' });
    if (distanceM <= radiusM) hits.push({ kind, id: other.id, distanceM });
  };
  for (const f of findings) if (isOpen(f.status)) consider('finding', f);
  for (const r of reports) if (isPending(r)) consider('report', r);
  return hits.sort((a, b) => a.distanceM - b.distanceM);
}

/** Rounds a WGS84 position to `decimals` places (5 ≈ 1 m): what public answers give. */
export function roundPosition(position: LonLat, decimals = 5): LonLat {
  const f = 10 ** decimals;
  return [Math.round(position[0] * f) / f, Math.round(position[1] * f) / f];
}
