/**
 * Resident reports in the database: created by the public (the app's form or Open311), read by
 * the district's council, and by the resident through the follow token. See server/API.md.
 */

import { randomUUID } from 'node:crypto';
import type { ReportInput } from '../../src/domain/report-schema';
import {
  duplicatesOf, type ReportDuplicate, type ReportFollowView, type ReportReceipt, type ReportSource, type ReportStatus,
  type ReportTime, type ResidentReport,
} from '../../src/domain/reports';
import { canModerateReports, findingAccess, type Viewer } from '../../src/domain/accounts';
import type { Finding, FindingCategory, FindingStatus, LonLat } from '../../src/domain/walks/types';
import type { Areas } from '../areas';
import { newToken, tokenHash } from '../auth/tokens';
import type { Queryable } from '../db/database';
import { storePhoto } from '../photos/photo-store';

export interface ReportRow {
  id: string;
  district_id: string | null;
  stadsdel_id: string | null;
  priority_area_ids: string[];
  lon: number;
  lat: number;
  category: FindingCategory;
  description: string;
  times: ReportTime[];
  photo_id: string | null;
  photo_type: string | null;
  email: string | null;
  status: ReportStatus;
  decline_reason: string | null;
  finding_id: string | null;
  merged_into_report_id: string | null;
  walk_id: string | null;
  source: ReportSource;
  created_at: Date;
  decided_at: Date | null;
}

export const REPORT_COLUMNS = `r.id, r.district_id, r.stadsdel_id, r.priority_area_ids, r.lon, r.lat, r.category, r.description, r.times,
  r.photo_id, p.mime as photo_type, r.email, r.status, r.decline_reason, r.finding_id, r.merged_into_report_id, r.walk_id, r.source,
  r.created_at, r.decided_at`;
export const REPORT_FROM = 'resident_report r left join photo p on p.id = r.photo_id';

/** The report as its council sees it: everything but the email address and the follow token. */
export function reportFromRow(row: ReportRow): ResidentReport {
  return {
    id: row.id,
    position: [row.lon, row.lat],
    category: row.category,
    description: row.description,
    times: row.times,
    photo: row.photo_id ? { id: row.photo_id, type: row.photo_type ?? 'image/jpeg', name: 'foto' } : null,
    wantsUpdates: row.email !== null,
    status: row.status,
    declineReason: row.decline_reason,
    findingId: row.finding_id,
    mergedIntoReportId: row.merged_into_report_id,
    walkId: row.walk_id,
    source: row.source,
    createdAt: row.created_at.toISOString(),
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
    stadsdelId: row.stadsdel_id,
    districtId: row.district_id,
    priorityAreaIds: row.priority_area_ids,
  };
}

export interface NewReportMeta {
  source: ReportSource;
  open311ClientId?: string | null;
  /** The server's time, when the resident sent it. */
  now?: Date;
}

/**
 * Stores a resident's report (input already validated): placed by point in polygon, its photo
 * stripped of metadata, waiting for its council. Resolves with the id and the follow token,
 * which is shown to the resident once; only its hash is kept.
 */
export async function createReport(db: Queryable, areas: Areas, input: Omit<ReportInput, 'website'> & { position: LonLat }, meta: NewReportMeta): Promise<ReportReceipt> {
  const followToken = input.followToken ?? newToken();
  const hash = tokenHash(followToken);
  const earlier = async () => (await db.query<{ id: string; status: ReportStatus }>(
    'select id, status from resident_report where follow_token_hash = $1', [hash])).rows[0];
  // The same report sent again (its answer was lost): stored once, the same receipt again.
  const sent = await earlier();
  if (sent) return { id: sent.id, followToken, status: sent.status };
  const id = randomUUID();
  const place = areas.lookup.locate(input.position);
  const photo = input.photo ? await storePhoto(db, input.photo, `report:${id}`) : null;
  const inserted = await db.query(
    `insert into resident_report (id, district_id, stadsdel_id, priority_area_ids, lon, lat, category, description, times, photo_id, email,
       follow_token_hash, status, source, open311_client_id, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'inkommen', $13, $14, $15)
     on conflict (follow_token_hash) do nothing`,
    [id, place.districtId, place.stadsdelId, place.priorityAreaIds, input.position[0], input.position[1], input.category,
      input.description?.trim() ?? '', input.times, photo?.id ?? null, input.email ? input.email : null, hash,
      meta.source, meta.open311ClientId ?? null, meta.now ?? new Date()]);
  if (inserted.rowCount === 0) {
    const racing = (await earlier())!;
    return { id: racing.id, followToken, status: racing.status };
  }
  return { id, followToken, status: 'inkommen' };
}

export async function selectReport(db: Queryable, id: string, forUpdate = false): Promise<ReportRow | null> {
  const { rows } = await db.query<ReportRow>(
    `select ${REPORT_COLUMNS} from ${REPORT_FROM} where r.id = $1${forUpdate ? ' for update of r' : ''}`, [id]);
  return rows[0] ?? null;
}

/** What the resident's follow link shows; null for an unknown token. */
export async function followReport(db: Queryable, token: string): Promise<ReportFollowView | null> {
  const { rows } = await db.query<ReportRow>(
    `select ${REPORT_COLUMNS} from ${REPORT_FROM} where r.follow_token_hash = $1`, [tokenHash(token)]);
  const row = rows[0];
  if (!row) return null;
  let finding: ReportFollowView['finding'] = null;
  const findingId = row.finding_id ?? (row.merged_into_report_id ? (await selectReport(db, row.merged_into_report_id))?.finding_id ?? null : null);
  if (findingId) {
    const f = await db.query<{ status: FindingStatus; public: boolean; history: { status: FindingStatus; at: string }[] }>(
      "select status, public, record->'history' as history from finding where id = $1", [findingId]);
    const stored = f.rows[0];
    if (stored) {
      finding = {
        status: stored.status,
        history: stored.history.map((h) => ({ status: h.status, at: h.at })),
        publicId: stored.public ? findingId : null,
      };
    }
  }
  return {
    id: row.id, category: row.category, description: row.description, times: row.times, position: [row.lon, row.lat],
    status: row.status, createdAt: row.created_at.toISOString(), decidedAt: row.decided_at?.toISOString() ?? null,
    declineReason: row.decline_reason, finding,
  };
}

/** Most reports one list returns. */
export const REPORT_LIST_LIMIT = 1000;

/** Reports in the given districts (null: every district), newest first, optionally of one status. */
export async function listReports(db: Queryable, districtIds: readonly string[] | null, status: ReportStatus | null): Promise<ResidentReport[]> {
  const { rows } = await db.query<ReportRow>(
    `select ${REPORT_COLUMNS} from ${REPORT_FROM}
     where ($1::text[] is null or r.district_id = any($1)) and ($2::text is null or r.status = $2)
     order by r.created_at desc limit ${REPORT_LIST_LIMIT}`, [districtIds, status]);
  return rows.map(reportFromRow);
}

/**
 * Open findings and pending reports of the same category near the report (about 25 m): found by a
 * box on the (lon, lat) indexes, then measured in the domain.
 */
export async function reportDuplicates(db: Queryable, viewer: Viewer, report: Pick<ResidentReport, 'id' | 'position' | 'category'>): Promise<ReportDuplicate[]> {
  const [lon, lat] = report.position;
  const dLat = 0.0005;
  const dLon = dLat / Math.cos((lat * Math.PI) / 180);
  const box = [lon - dLon, lat - dLat, lon + dLon, lat + dLat];
  const findings = await db.query<{ id: string; lon: number; lat: number; record: Finding; district_id: string | null; status: FindingStatus }>(
    'select id, lon, lat, record, district_id, status from finding where lon between $1 and $3 and lat between $2 and $4', box);
  const reports = await db.query<{ id: string; lon: number; lat: number; category: FindingCategory; status: ReportStatus; district_id: string | null }>(
    'select id, lon, lat, category, status, district_id from resident_report where lon between $1 and $3 and lat between $2 and $4', box);
  // Only what the member could merge into: another council's records near a border are not named.
  return duplicatesOf(
    report,
    findings.rows.filter((f) => findingAccess(viewer, f.record, f.district_id) === 'full')
      .map((f) => ({ id: f.id, position: [f.lon, f.lat] as LonLat, category: f.record.category, status: f.status })),
    reports.rows.filter((r) => canModerateReports(viewer, r.district_id))
      .map((r) => ({ id: r.id, position: [r.lon, r.lat] as LonLat, category: r.category, status: r.status })),
  );
}
