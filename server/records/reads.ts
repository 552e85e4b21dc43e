/** Reading walks and findings as a viewer may see them: everything at once, a map view, or changes since a cursor. */

import { findingAccess, type PublicFinding, type Viewer } from '../../src/domain/accounts';
import type { Finding, FindingEvent, Walk } from '../../src/domain/walks/types';
import type { Queryable } from '../db/database';
import { HttpProblem } from '../http/problem';
import { latestSeq } from './change-log';
import { findingFilter, scopeVisible, viewFinding, viewWalk, walkFilter, type FindingRow, type WalkRow } from './visibility';

export type VisibleFinding = Finding | PublicFinding;

export async function organisationNames(db: Queryable): Promise<Map<string, string>> {
  const { rows } = await db.query<{ id: string; name: string }>('select id, name from organisation');
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Everything the viewer may see, and the cursor to follow changes from (taken first, so nothing is missed). */
export async function loadRecords(db: Queryable, viewer: Viewer): Promise<{ walks: Walk[]; findings: VisibleFinding[]; cursor: number }> {
  const cursor = await latestSeq(db);
  const organisations = await organisationNames(db);
  const wf = walkFilter(viewer);
  const ff = findingFilter(viewer);
  const walks = (await db.query<WalkRow>(`select record, district_id from walk where ${wf.sql} order by id`, wf.params)).rows;
  const findings = (await db.query<FindingRow>(`select record, district_id from finding where ${ff.sql} order by id`, ff.params)).rows;
  return {
    walks: walks.map((r) => viewWalk(viewer, r)).filter((w): w is Walk => w !== null),
    findings: findings.map((r) => viewFinding(viewer, r, organisations)).filter((f): f is VisibleFinding => f !== null),
    cursor,
  };
}

/** Most findings one map-view read returns. */
export const VIEW_LIMIT = 5000;

/**
 * The findings in a bounding box ([west, south, east, north], WGS84), optionally of one district:
 * what a map view asks for. Uses the (lon, lat) index, then the viewer's filter.
 */
export async function findingsInView(db: Queryable, viewer: Viewer, bbox: [number, number, number, number], districtId: string | null): Promise<{ findings: VisibleFinding[]; truncated: boolean }> {
  const ff = findingFilter(viewer, 6);
  const { rows } = await db.query<FindingRow>(
    `select record, district_id from finding
     where lon between $1 and $3 and lat between $2 and $4 and ($5::text is null or district_id = $5) and ${ff.sql}
     order by observed_at desc limit ${VIEW_LIMIT + 1}`,
    [...bbox, districtId, ...ff.params]);
  const organisations = await organisationNames(db);
  const findings = rows.slice(0, VIEW_LIMIT).map((r) => viewFinding(viewer, r, organisations)).filter((f): f is VisibleFinding => f !== null);
  return { findings, truncated: rows.length > VIEW_LIMIT };
}

export interface Change {
  seq: number;
  entity: 'walk' | 'finding';
  id: string;
  op: 'upsert' | 'remove';
  record?: Walk | VisibleFinding;
}

/** Most changes one pull returns. */
export const CHANGES_LIMIT = 500;

interface ChangeRow {
  seq: number;
  entity: 'walk' | 'finding';
  entity_id: string;
  op: 'upsert' | 'delete';
  district_id: string | null;
  responsible_org_id: string | null;
  public: boolean;
  prev_district_id: string | null;
  prev_responsible_org_id: string | null;
  prev_public: boolean;
}

/**
 * Changes after `since` that concern the viewer, in commit order: the record as the viewer may
 * see it now, or `remove` when it was deleted or left the viewer's sight. Several changes of one
 * record in a page come as one, its latest.
 */
export async function changesSince(db: Queryable, viewer: Viewer, since: number): Promise<{ changes: Change[]; cursor: number; more: boolean }> {
  // A cursor from the future (a new or restored database) would wait for nothing: the client must reload.
  if (since > await latestSeq(db)) throw new HttpProblem('cursor-expired', 'the cursor is newer than this database: load /api/records again');
  const { rows } = await db.query<ChangeRow>(
    `select seq, entity, entity_id, op, district_id, responsible_org_id, public, prev_district_id, prev_responsible_org_id, prev_public
     from change_log where seq > $1 order by seq limit ${CHANGES_LIMIT + 1}`, [since]);
  const more = rows.length > CHANGES_LIMIT;
  const page = rows.slice(0, CHANGES_LIMIT);
  const cursor = page.length > 0 ? page[page.length - 1]!.seq : since;
  const latest = new Map<string, ChangeRow>();
  for (const row of page) {
    const key = `${row.entity}:${row.entity_id}`;
    latest.delete(key);
    latest.set(key, row);
  }
  const wanted = [...latest.values()];
  const walkIds = wanted.filter((r) => r.entity === 'walk' && r.op === 'upsert').map((r) => r.entity_id);
  const findingIds = wanted.filter((r) => r.entity === 'finding' && r.op === 'upsert').map((r) => r.entity_id);
  const walks = new Map((await db.query<WalkRow & { id: string }>('select id, record, district_id from walk where id = any($1)', [walkIds])).rows.map((r) => [r.id, r]));
  const findings = new Map((await db.query<FindingRow & { id: string }>('select id, record, district_id from finding where id = any($1)', [findingIds])).rows.map((r) => [r.id, r]));
  const organisations = await organisationNames(db);
  const changes: Change[] = [];
  for (const row of wanted) {
    const before = { district: row.prev_district_id, org: row.prev_responsible_org_id, public: row.prev_public };
    const after = { district: row.district_id, org: row.responsible_org_id, public: row.public };
    const current = row.entity === 'walk' ? walks.get(row.entity_id) : findings.get(row.entity_id);
    const view = current === undefined ? null
      : row.entity === 'walk' ? viewWalk(viewer, current as WalkRow) : viewFinding(viewer, current as FindingRow, organisations);
    if (view) changes.push({ seq: row.seq, entity: row.entity, id: row.entity_id, op: 'upsert', record: view });
    else if (scopeVisible(viewer, row.entity, before) || scopeVisible(viewer, row.entity, after)) {
      changes.push({ seq: row.seq, entity: row.entity, id: row.entity_id, op: 'remove' });
    }
  }
  return { changes, cursor, more };
}

/** The recorded history of a finding, for those who see it in full; null otherwise. */
export async function findingHistory(db: Queryable, viewer: Viewer, id: string): Promise<FindingEvent[] | null> {
  const { rows } = await db.query<FindingRow>('select record, district_id from finding where id = $1', [id]);
  if (!rows[0] || findingAccess(viewer, rows[0].record, rows[0].district_id) !== 'full') return null;
  const events = await db.query<{ seq: number; kind: FindingEvent['kind']; at: Date; author: FindingEvent['by']; fields: string[]; from_status: string | null; to_status: string | null; note: string | null; revision: number }>(
    'select seq, kind, at, author, fields, from_status, to_status, note, revision from finding_event where finding_id = $1 order by seq', [id]);
  return events.rows.map((e) => ({
    seq: e.seq, findingId: id, kind: e.kind, at: e.at.toISOString(), by: e.author, fields: e.fields, revision: e.revision,
    ...(e.from_status ? { from: e.from_status as FindingEvent['from'] } : {}),
    ...(e.to_status ? { to: e.to_status as FindingEvent['to'] } : {}),
    ...(e.note ? { note: e.note } : {}),
  }));
}

/** Whether the viewer may see the photo: through a finding they see in full, or a public photo of a public finding. */
export async function mayViewPhoto(db: Queryable, viewer: Viewer, photoId: string): Promise<boolean> {
  const { rows } = await db.query<FindingRow>(
    'select record, district_id from finding where photo_id = $1', [photoId]);
  return rows.some((row) => {
    const access = findingAccess(viewer, row.record, row.district_id);
    return access === 'full' || (access === 'public' && row.record.photo?.public === true);
  });
}
