/**
 * Writing walks and findings: every write runs inside a transaction the caller opened, checks
 * the viewer's permission on the record as stored and as it will be, checks the revision, places
 * the record by point in polygon, records who changed what (finding_event) and appends to the
 * change log. Refusals throw HttpProblem and the caller's transaction rolls back: nothing changes.
 */

import { isDeepStrictEqual } from 'node:util';
import {
  canChangeStatus, canModerateReports, canWriteFinding, canWriteWalk, findingAccess, findingDistrict, type Account, type Viewer,
} from '../../src/domain/accounts';
import { findingSchema, walkSchema } from '../../src/domain/walks/schema';
import { transition } from '../../src/domain/walks/status';
import type {
  ChangeAuthor, Finding, FindingEventKind, FindingStatus, StatusChange, Walk, WalkData,
} from '../../src/domain/walks/types';
import type { Areas } from '../areas';
import type { Queryable } from '../db/database';
import { HttpProblem, invalid } from '../http/problem';
import { storePhoto } from '../photos/photo-store';
import { notifyFindingStatus } from '../reports/notifications';
import { appendChange, lockChangeLog } from './change-log';
import { viewFinding } from './visibility';

export interface WriteContext {
  db: Queryable;
  areas: Areas;
  viewer: Viewer & { kind: 'account' };
  author: ChangeAuthor;
  /** The server's time, ISO 8601. */
  now: string;
  organisations: ReadonlyMap<string, string>;
}

interface StoredFinding {
  record: Finding;
  district_id: string | null;
  responsible_org_id: string | null;
  public: boolean;
  revision: number;
}

interface StoredWalk {
  record: Walk;
  district_id: string | null;
  revision: number;
}

export function authorOf(account: Account, organisationName: string | null): ChangeAuthor {
  return { accountId: account.id, name: account.name, organisation: organisationName };
}

async function selectFinding(db: Queryable, id: string): Promise<StoredFinding | null> {
  const { rows } = await db.query<StoredFinding>(
    'select record, district_id, responsible_org_id, public, revision from finding where id = $1 for update', [id]);
  return rows[0] ?? null;
}

async function selectWalk(db: Queryable, id: string): Promise<StoredWalk | null> {
  const { rows } = await db.query<StoredWalk>('select record, district_id, revision from walk where id = $1 for update', [id]);
  return rows[0] ?? null;
}

/** 404 when the viewer may not even see the record (its existence is not revealed), else 403. */
function refuseFinding(ctx: WriteContext, stored: StoredFinding | null): never {
  if (stored && findingAccess(ctx.viewer, stored.record, stored.district_id) !== 'none') {
    throw new HttpProblem('forbidden', 'you may not change this finding');
  }
  throw new HttpProblem('not-found', 'no such finding');
}

function conflict(entity: 'walk' | 'finding', stored: unknown): never {
  throw new HttpProblem('conflict', stored === null ? `the ${entity} was deleted by someone else` : `the ${entity} was changed by someone else`, { stored });
}

/** The district whose council owns a walk; 400 when the walk's area is unknown. */
function walkDistrictOf(ctx: Pick<WriteContext, 'areas'>, walk: Walk): string {
  const district = ctx.areas.walkDistrict(walk.area);
  if (!district) throw invalid([{ field: 'area.id', message: `unknown ${walk.area.kind} "${walk.area.id}"`, code: 'unknown_value' }]);
  return district;
}

async function districtOfWalkId(ctx: WriteContext, walkId: string | null): Promise<string | null> {
  if (walkId === null) return null;
  const { rows } = await ctx.db.query<{ district_id: string | null }>('select district_id from walk where id = $1', [walkId]);
  if (!rows[0]) throw invalid([{ field: 'walkId', message: `no walk with id "${walkId}"`, code: 'unknown_walk' }]);
  return rows[0].district_id;
}

const sameChange = (a: StatusChange, b: StatusChange) => a.status === b.status && a.at === b.at && (a.note ?? '') === (b.note ?? '');

/** The stored history followed by the new entries, each new one attributed; 400 when history was rewritten. */
function growHistory(ctx: WriteContext, stored: StatusChange[], next: StatusChange[]): StatusChange[] {
  for (let i = 0; i < stored.length; i++) {
    if (!next[i] || !sameChange(stored[i]!, next[i]!)) {
      throw invalid([{ field: `history.${i}`, message: 'a finding\'s history can only grow: earlier changes may not be edited or removed', code: 'history_mismatch' }]);
    }
  }
  return [...stored, ...next.slice(stored.length).map((h) => ({ ...h, by: ctx.author }))];
}

const EDIT_FIELDS = ['walkId', 'position', 'category', 'description', 'photo', 'responsible', 'priority', 'deadline', 'public', 'example'] as const;

function changedFields(before: Finding, after: Finding): string[] {
  return EDIT_FIELDS.filter((f) => !isDeepStrictEqual(before[f], after[f]));
}

async function insertEvent(ctx: WriteContext, findingId: string, kind: FindingEventKind, revision: number, extra: {
  fields?: string[]; from?: FindingStatus; to?: FindingStatus; note?: string;
} = {}): Promise<void> {
  await ctx.db.query(
    `insert into finding_event (finding_id, kind, account_id, author, fields, from_status, to_status, note, revision, at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [findingId, kind, ctx.author.accountId, ctx.author, extra.fields ?? [], extra.from ?? null, extra.to ?? null, extra.note ?? null, revision, ctx.now],
  );
}

async function upsertFinding(ctx: WriteContext, finding: Finding, district: string | null): Promise<void> {
  const observed = finding.history[0]?.at ?? finding.createdAt;
  await ctx.db.query(
    `insert into finding (id, walk_id, district_id, stadsdel_id, priority_area_ids, lon, lat, responsible_org_id, public, status, revision, record, observed_at, updated_at, photo_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     on conflict (id) do update set walk_id = excluded.walk_id, district_id = excluded.district_id, stadsdel_id = excluded.stadsdel_id,
       priority_area_ids = excluded.priority_area_ids, lon = excluded.lon, lat = excluded.lat, responsible_org_id = excluded.responsible_org_id,
       public = excluded.public, status = excluded.status, revision = excluded.revision, record = excluded.record, updated_at = excluded.updated_at,
       photo_id = excluded.photo_id`,
    [finding.id, finding.walkId, district, finding.stadsdelId, finding.priorityAreaIds, finding.position[0], finding.position[1],
      finding.responsible.organisationId ?? null, finding.public, finding.status, finding.revision, finding, observed, ctx.now,
      finding.photo?.id ?? null],
  );
}

/** Validates a record the server built, so that nothing invalid is ever stored. */
function assertValid(finding: Finding): Finding {
  const parsed = findingSchema.safeParse(finding);
  if (!parsed.success) throw new HttpProblem('invalid', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return finding;
}

async function checkOrganisation(ctx: WriteContext, finding: Finding): Promise<void> {
  const id = finding.responsible.organisationId;
  if (id !== undefined && !ctx.organisations.has(id)) {
    throw invalid([{ field: 'responsible.organisationId', message: `no organisation with id "${id}"`, code: 'unknown_value' }]);
  }
}

/**
 * Stores a finding sent by a client (see server/API.md, PUT /api/findings/{id}). `input.revision`
 * is the revision the client edited. Resolves with the stored record.
 */
export async function saveFinding(ctx: WriteContext, input: Finding, options: { kind?: FindingEventKind } = {}): Promise<Finding> {
  await lockChangeLog(ctx.db);
  const stored = await selectFinding(ctx.db, input.id);
  if (stored && !canWriteFinding(ctx.viewer, stored.district_id)) refuseFinding(ctx, stored);
  if (stored ? input.revision !== stored.revision : input.revision !== 0) {
    conflict('finding', stored ? viewFinding(ctx.viewer, stored, ctx.organisations) : null);
  }
  const place = ctx.areas.lookup.locate(input.position);
  const district = findingDistrict(place, await districtOfWalkId(ctx, input.walkId));
  if (!canWriteFinding(ctx.viewer, district)) {
    throw new HttpProblem('forbidden', 'the finding would lie outside the districts whose council you belong to');
  }
  await checkOrganisation(ctx, input);
  const photo = input.photo?.dataUrl
    ? await storePhoto(ctx.db, input.photo, ctx.author.accountId)
    : input.photo;
  if (photo?.id && !input.photo?.dataUrl) {
    const { rowCount } = await ctx.db.query('select 1 from photo where id = $1', [photo.id]);
    if (!rowCount) throw invalid([{ field: 'photo.id', message: 'no stored photo with this id', code: 'invalid_photo' }]);
  }
  const history = growHistory(ctx, stored?.record.history ?? [], input.history);
  const next = assertValid({
    ...input, ...place, photo, history,
    createdAt: stored?.record.createdAt ?? input.createdAt,
    updatedAt: ctx.now,
    revision: (stored?.revision ?? 0) + 1,
  });
  await upsertFinding(ctx, next, district);
  if (!stored) await insertEvent(ctx, next.id, options.kind ?? 'created', next.revision);
  else {
    const fields = changedFields(stored.record, next);
    if (fields.length > 0) await insertEvent(ctx, next.id, 'edited', next.revision, { fields });
  }
  const before = stored?.record.history.length ?? 0;
  let previous: FindingStatus | undefined = stored?.record.status;
  for (const change of next.history.slice(before)) {
    if (previous !== undefined) {
      await insertEvent(ctx, next.id, 'status', next.revision, { from: previous, to: change.status, ...(change.note ? { note: change.note } : {}) });
      await notifyFindingStatus(ctx.db, next.id, change.status);
    }
    previous = change.status;
  }
  await appendChange(ctx.db, 'finding', next.id, 'upsert',
    { district, org: next.responsible.organisationId ?? null, public: next.public },
    stored ? { district: stored.district_id, org: stored.responsible_org_id, public: stored.public } : null);
  return next;
}

/** Moves a finding's status with a note: its council, or its responsible party (which may change nothing else). */
export async function changeFindingStatus(ctx: WriteContext, id: string, to: FindingStatus, revision: number, note?: string, notePublic = false): Promise<Finding> {
  await lockChangeLog(ctx.db);
  const stored = await selectFinding(ctx.db, id);
  if (!stored || !canChangeStatus(ctx.viewer, stored.record, stored.district_id)) refuseFinding(ctx, stored);
  if (revision !== stored.revision) conflict('finding', viewFinding(ctx.viewer, stored, ctx.organisations));
  const moved = transition(stored.record, to, ctx.now, note, notePublic);
  if (!moved.ok) throw invalid(moved.errors.map((e) => ({ ...e, field: e.field === 'status' ? 'to' : e.field })));
  const last = moved.value.history[moved.value.history.length - 1]!;
  const next = assertValid({ ...moved.value, history: [...stored.record.history, { ...last, by: ctx.author }], updatedAt: ctx.now, revision: stored.revision + 1 });
  await upsertFinding(ctx, next, stored.district_id);
  await insertEvent(ctx, id, 'status', next.revision, { from: stored.record.status, to, ...(last.note ? { note: last.note } : {}) });
  await notifyFindingStatus(ctx.db, id, to);
  const scope = { district: stored.district_id, org: stored.responsible_org_id, public: stored.public };
  await appendChange(ctx.db, 'finding', id, 'upsert', scope, scope);
  return next;
}

export async function deleteFinding(ctx: WriteContext, id: string, revision: number | undefined): Promise<Finding | null> {
  await lockChangeLog(ctx.db);
  const stored = await selectFinding(ctx.db, id);
  if (!stored) return null;
  if (!canWriteFinding(ctx.viewer, stored.district_id)) refuseFinding(ctx, stored);
  if (revision !== undefined && revision !== stored.revision) conflict('finding', viewFinding(ctx.viewer, stored, ctx.organisations));
  await ctx.db.query('delete from finding where id = $1', [id]);
  await insertEvent(ctx, id, 'deleted', stored.revision);
  await appendChange(ctx.db, 'finding', id, 'delete', null, { district: stored.district_id, org: stored.responsible_org_id, public: stored.public });
  return stored.record;
}

/** Every newly planned stop must be a resident report the viewer moderates (stops kept from before stay). */
async function checkReportStops(ctx: WriteContext, walk: Walk, before: readonly string[]): Promise<void> {
  const added = (walk.reportIds ?? []).filter((id) => !before.includes(id));
  if (added.length === 0) return;
  const { rows } = await ctx.db.query<{ id: string; district_id: string | null }>('select id, district_id from resident_report where id = any($1)', [added]);
  const districts = new Map(rows.map((r) => [r.id, r.district_id]));
  for (const id of added) {
    if (!districts.has(id) || !canModerateReports(ctx.viewer, districts.get(id) ?? null)) {
      throw invalid([{ field: 'reportIds', message: `no resident report "${id}" that you may plan a walk with`, code: 'unknown_value' }]);
    }
  }
}

export async function saveWalk(ctx: WriteContext, input: Walk): Promise<Walk> {
  await lockChangeLog(ctx.db);
  const stored = await selectWalk(ctx.db, input.id);
  if (stored && !canWriteWalk(ctx.viewer, stored.district_id)) {
    throw new HttpProblem('not-found', 'no such walk');
  }
  if (stored ? input.revision !== stored.revision : input.revision !== 0) conflict('walk', stored?.record ?? null);
  const district = walkDistrictOf(ctx, input);
  if (!canWriteWalk(ctx.viewer, district)) throw new HttpProblem('forbidden', 'the walk lies outside the districts whose council you belong to');
  await checkReportStops(ctx, input, stored?.record.reportIds ?? []);
  const next: Walk = { ...input, createdAt: stored?.record.createdAt ?? input.createdAt, updatedAt: ctx.now, revision: (stored?.revision ?? 0) + 1 };
  const parsed = walkSchema.safeParse(next);
  if (!parsed.success) throw new HttpProblem('invalid', parsed.error.message);
  await ctx.db.query(
    `insert into walk (id, district_id, revision, record, updated_at) values ($1, $2, $3, $4, $5)
     on conflict (id) do update set district_id = excluded.district_id, revision = excluded.revision, record = excluded.record, updated_at = excluded.updated_at`,
    [next.id, district, next.revision, next, ctx.now]);
  await appendChange(ctx.db, 'walk', next.id, 'upsert', { district, org: null, public: false }, stored ? { district: stored.district_id, org: null, public: false } : null);
  if (stored && stored.district_id !== district) {
    // The walk's findings belong to the walk's council: they move with it.
    const { rows } = await ctx.db.query<StoredFinding & { id: string }>(
      'select id, record, district_id, responsible_org_id, public, revision from finding where walk_id = $1 for update', [next.id]);
    await ctx.db.query('update finding set district_id = $2 where walk_id = $1', [next.id, district]);
    for (const f of rows) {
      await appendChange(ctx.db, 'finding', f.id, 'upsert', { district, org: f.responsible_org_id, public: f.public }, { district: f.district_id, org: f.responsible_org_id, public: f.public });
    }
  }
  return next;
}

/**
 * Deletes a walk and, with `withFindings`, its findings; otherwise its findings are kept outside
 * a walk (each gets a new revision and is owned by the district it lies in). Resolves with the
 * records as they were, for undo.
 */
export async function deleteWalk(ctx: WriteContext, id: string, revision: number | undefined, withFindings: boolean): Promise<WalkData> {
  await lockChangeLog(ctx.db);
  const stored = await selectWalk(ctx.db, id);
  if (!stored) return { walks: [], findings: [] };
  if (!canWriteWalk(ctx.viewer, stored.district_id)) throw new HttpProblem('not-found', 'no such walk');
  if (revision !== undefined && revision !== stored.revision) conflict('walk', stored.record);
  const { rows } = await ctx.db.query<StoredFinding & { id: string }>(
    'select id, record, district_id, responsible_org_id, public, revision from finding where walk_id = $1 order by id for update', [id]);
  await ctx.db.query('delete from walk where id = $1', [id]);
  await appendChange(ctx.db, 'walk', id, 'delete', null, { district: stored.district_id, org: null, public: false });
  for (const f of rows) {
    const scope = { district: f.district_id, org: f.responsible_org_id, public: f.public };
    if (withFindings) {
      await ctx.db.query('delete from finding where id = $1', [f.id]);
      await insertEvent(ctx, f.id, 'deleted', f.revision);
      await appendChange(ctx.db, 'finding', f.id, 'delete', null, scope);
    } else {
      const detached: Finding = { ...f.record, walkId: null, updatedAt: ctx.now, revision: f.revision + 1 };
      const district = detached.districtId;
      await upsertFinding(ctx, detached, district);
      await insertEvent(ctx, f.id, 'edited', detached.revision, { fields: ['walkId'] });
      await appendChange(ctx.db, 'finding', f.id, 'upsert', { ...scope, district }, scope);
    }
  }
  return { walks: [stored.record], findings: rows.map((f) => f.record) };
}

/**
 * Undo of a delete: puts back what a delete returned. A record no longer stored is put back as it
 * was; a stored one (a detached finding) gets the given content as its next revision.
 */
export async function restoreRecords(ctx: WriteContext, data: WalkData): Promise<void> {
  for (const walk of data.walks) {
    const stored = await selectWalk(ctx.db, walk.id);
    await saveWalk(ctx, { ...walk, revision: stored?.revision ?? 0 });
  }
  for (const finding of data.findings) {
    const stored = await selectFinding(ctx.db, finding.id);
    await saveFinding(ctx, { ...finding, history: stored ? [...stored.record.history, ...finding.history.slice(stored.record.history.length)] : finding.history, revision: stored?.revision ?? 0 }, { kind: 'restored' });
  }
}

/** Strips what the server sets itself, to compare an imported record with the stored one. */
function content<T extends { revision: number; updatedAt: string }>(record: T): Omit<T, 'revision' | 'updatedAt'> {
  const { revision: _r, updatedAt: _u, ...rest } = record;
  return rest;
}

const stripAuthors = (f: Finding): Finding => ({ ...f, history: f.history.map(({ by: _by, ...h }) => h) });

/**
 * Imports records in the caller's transaction: all or none. Matched by id: new ids are added,
 * equal content is left alone, newer stored records are kept, older stored ones are replaced.
 */
export async function importRecords(ctx: WriteContext, data: WalkData): Promise<{ added: number; updated: number; unchanged: number; kept: number }> {
  const summary = { added: 0, updated: 0, unchanged: 0, kept: 0 };
  for (const walk of data.walks) {
    const stored = await selectWalk(ctx.db, walk.id);
    if (stored && isDeepStrictEqual(content(stored.record), content(walk))) { summary.unchanged++; continue; }
    if (stored && (stored.revision > walk.revision || (stored.revision === walk.revision && stored.record.updatedAt > walk.updatedAt))) { summary.kept++; continue; }
    await saveWalk(ctx, { ...walk, revision: stored?.revision ?? 0 });
    summary[stored ? 'updated' : 'added']++;
  }
  for (const finding of data.findings) {
    const stored = await selectFinding(ctx.db, finding.id);
    if (stored && isDeepStrictEqual(content(stripAuthors(stored.record)), content(stripAuthors(finding)))) { summary.unchanged++; continue; }
    if (stored && (stored.revision > finding.revision || (stored.revision === finding.revision && stored.record.updatedAt > finding.updatedAt))) { summary.kept++; continue; }
    await saveFinding(ctx, { ...finding, revision: stored?.revision ?? 0 }, { kind: 'imported' });
    summary[stored ? 'updated' : 'added']++;
  }
  return summary;
}
