/**
 * The rules of the store, written once over a minimal transaction ({@link RecordTx}) that the
 * IndexedDB and memory stores each provide: revision checks, detaching findings, undo, import.
 * Each operation runs inside one transaction of its backend and returns the change to announce;
 * it throws to abort, and the backend then writes nothing.
 */

import type { Finding, Walk, WalkData } from '../domain/walks/types';
import {
  ConflictError,
  InvalidRecordError,
  type DeleteOptions,
  type DeleteWalkOptions,
  type ImportSummary,
  type StoreChange,
} from './walk-store';

export type Entity = 'walk' | 'finding';
export interface EntityRecords {
  walk: Walk;
  finding: Finding;
}

/** One transaction over both record kinds. Writes may be issued without awaiting each. */
export interface RecordTx {
  get<E extends Entity>(entity: E, id: string): Promise<EntityRecords[E] | undefined>;
  getAll<E extends Entity>(entity: E): Promise<EntityRecords[E][]>;
  /** Findings whose walkId is `walkId`. */
  findingsOfWalk(walkId: string): Promise<Finding[]>;
  put<E extends Entity>(entity: E, record: EntityRecords[E]): Promise<void>;
  delete(entity: Entity, id: string): Promise<void>;
  clear(entity: Entity): Promise<void>;
}

/** A change as announced, before the store adds its origin. */
export type PendingChange =
  | Omit<Extract<StoreChange, { type: 'changed' }>, 'origin'>
  | Omit<Extract<StoreChange, { type: 'reset' }>, 'origin'>;

export interface OpResult<T> {
  value: T;
  /** null when nothing changed. */
  change: PendingChange | null;
}

/** ISO 8601 time source; injectable so that tests are deterministic. */
export type Clock = () => string;
export const systemClock: Clock = () => new Date().toISOString();

export function emptyData(): WalkData {
  return { walks: [], findings: [] };
}

function changed(parts: Partial<Omit<Extract<StoreChange, { type: 'changed' }>, 'type' | 'origin'>>): PendingChange {
  return { type: 'changed', walks: [], findings: [], deletedWalkIds: [], deletedFindingIds: [], ...parts };
}

/** Throws InvalidRecordError unless the record has a non-empty string id and a whole revision ≥ 0. */
export function checkRecord(entity: Entity, record: unknown, index: number | null): void {
  const where = index === null ? '' : ` at position ${index}`;
  if (typeof record !== 'object' || record === null) {
    throw new InvalidRecordError(entity, index, `The ${entity}${where} is not an object`);
  }
  const { id, revision } = record as { id?: unknown; revision?: unknown };
  if (typeof id !== 'string' || id === '') {
    throw new InvalidRecordError(entity, index, `The ${entity}${where} has no id`);
  }
  if (typeof revision !== 'number' || !Number.isInteger(revision) || revision < 0) {
    throw new InvalidRecordError(entity, index, `The ${entity} ${id} has no valid revision`);
  }
}

/** Throws InvalidRecordError unless `data` has the two arrays of WalkData. */
export function checkData(data: unknown): asserts data is WalkData {
  const d = data as Partial<WalkData> | null;
  if (typeof d !== 'object' || d === null || !Array.isArray(d.walks) || !Array.isArray(d.findings)) {
    throw new InvalidRecordError(null, null, 'Expected { walks: [], findings: [] }');
  }
}

function checkRevision<E extends Entity>(
  entity: E,
  stored: EntityRecords[E] | undefined,
  attempted: EntityRecords[E] | null,
  expected: number,
): void {
  if ((stored?.revision ?? 0) !== expected) {
    throw new ConflictError<EntityRecords[E]>(entity, attempted?.id ?? stored?.id ?? '', stored ?? null, attempted);
  }
}

function stamp<T extends Walk | Finding>(record: T, storedRevision: number, now: string): T {
  return { ...record, revision: storedRevision + 1, updatedAt: now };
}

function detach(finding: Finding, now: string): Finding {
  return { ...finding, walkId: null, revision: finding.revision + 1, updatedAt: now };
}

export async function loadOp(tx: RecordTx): Promise<WalkData> {
  const [walks, findings] = await Promise.all([tx.getAll('walk'), tx.getAll('finding')]);
  return { walks, findings };
}

export async function saveOp<E extends Entity>(
  tx: RecordTx,
  entity: E,
  record: EntityRecords[E],
  now: string,
): Promise<OpResult<EntityRecords[E]>> {
  checkRecord(entity, record, null);
  const stored = await tx.get(entity, record.id);
  checkRevision(entity, stored, record, record.revision);
  const next = stamp(record, record.revision, now);
  await tx.put(entity, next);
  return { value: next, change: entity === 'walk' ? changed({ walks: [next as Walk] }) : changed({ findings: [next as Finding] }) };
}

export async function deleteWalkOp(
  tx: RecordTx,
  id: string,
  options: DeleteWalkOptions,
  now: string,
): Promise<OpResult<WalkData>> {
  const walk = await tx.get('walk', id);
  if (!walk) {
    if (options.revision !== undefined) checkRevision('walk', walk, null, options.revision);
    return { value: emptyData(), change: null };
  }
  if (options.revision !== undefined) checkRevision('walk', walk, null, options.revision);
  const findings = await tx.findingsOfWalk(id);
  const writes: Promise<void>[] = [tx.delete('walk', id)];
  if (options.withFindings) {
    for (const f of findings) writes.push(tx.delete('finding', f.id));
    await Promise.all(writes);
    return {
      value: { walks: [walk], findings },
      change: changed({ deletedWalkIds: [id], deletedFindingIds: findings.map((f) => f.id) }),
    };
  }
  const detached = findings.map((f) => detach(f, now));
  for (const f of detached) writes.push(tx.put('finding', f));
  await Promise.all(writes);
  return { value: { walks: [walk], findings }, change: changed({ deletedWalkIds: [id], findings: detached }) };
}

export async function deleteFindingOp(tx: RecordTx, id: string, options: DeleteOptions): Promise<OpResult<WalkData>> {
  const finding = await tx.get('finding', id);
  if (options.revision !== undefined) checkRevision('finding', finding, null, options.revision);
  if (!finding) return { value: emptyData(), change: null };
  await tx.delete('finding', id);
  return { value: { walks: [], findings: [finding] }, change: changed({ deletedFindingIds: [id] }) };
}

export async function restoreOp(tx: RecordTx, data: WalkData, now: string): Promise<OpResult<void>> {
  checkData(data);
  const walks = await restoreEntity(tx, 'walk', data.walks, now);
  const findings = await restoreEntity(tx, 'finding', data.findings, now);
  if (walks.length === 0 && findings.length === 0) return { value: undefined, change: null };
  return { value: undefined, change: changed({ walks, findings }) };
}

/** Puts records back; returns them as stored. */
async function restoreEntity<E extends Entity>(
  tx: RecordTx,
  entity: E,
  records: EntityRecords[E][],
  now: string,
): Promise<EntityRecords[E][]> {
  records.forEach((r, i) => checkRecord(entity, r, i));
  const stored = await Promise.all(records.map((r) => tx.get(entity, r.id)));
  const restored = records.map((record, i) => {
    const current = stored[i];
    if (!current) return record;
    // One revision newer: the delete detached it. More: someone edited it since.
    if (current.revision > record.revision + 1) {
      throw new ConflictError<EntityRecords[E]>(entity, record.id, current, record);
    }
    // Revisions only grow, so that a tab holding the detached record sees this as newer.
    return stamp(record, current.revision, now);
  });
  await Promise.all(restored.map((r) => tx.put(entity, r)));
  return restored;
}

export async function importOp(tx: RecordTx, data: WalkData, now: string): Promise<OpResult<ImportSummary>> {
  checkData(data);
  const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0, kept: 0 };
  await importEntity(tx, 'walk', data.walks, now, summary);
  await importEntity(tx, 'finding', data.findings, now, summary);
  return { value: summary, change: summary.added + summary.updated > 0 ? { type: 'reset' } : null };
}

async function importEntity<E extends Entity>(
  tx: RecordTx,
  entity: E,
  records: EntityRecords[E][],
  now: string,
  summary: ImportSummary,
): Promise<void> {
  const seen = new Set<string>();
  const stored: Promise<EntityRecords[E] | undefined>[] = [];
  records.forEach((r, i) => {
    checkRecord(entity, r, i);
    if (seen.has(r.id)) throw new InvalidRecordError(entity, i, `The ${entity} ${r.id} occurs twice`);
    seen.add(r.id);
    stored.push(tx.get(entity, r.id));
  });
  const current = await Promise.all(stored);
  const writes: Promise<void>[] = [];
  records.forEach((record, i) => {
    const existing = current[i];
    if (!existing) {
      summary.added++;
      writes.push(tx.put(entity, record));
    } else if (sameContent(existing, record)) {
      summary.unchanged++;
    } else if (record.revision < existing.revision || (record.revision === existing.revision && record.updatedAt <= existing.updatedAt)) {
      summary.kept++;
    } else {
      summary.updated++;
      writes.push(tx.put(entity, stamp(record, existing.revision, now)));
    }
  });
  await Promise.all(writes);
}

export async function replaceOp(tx: RecordTx, data: WalkData): Promise<OpResult<void>> {
  checkData(data);
  await Promise.all([tx.clear('walk'), tx.clear('finding')]);
  const writes: Promise<void>[] = [];
  const put = <E extends Entity>(entity: E, records: EntityRecords[E][]) => {
    const seen = new Set<string>();
    records.forEach((r, i) => {
      checkRecord(entity, r, i);
      if (seen.has(r.id)) throw new InvalidRecordError(entity, i, `The ${entity} ${r.id} occurs twice`);
      seen.add(r.id);
      writes.push(tx.put(entity, r));
    });
  };
  put('walk', data.walks);
  put('finding', data.findings);
  await Promise.all(writes);
  return { value: undefined, change: { type: 'reset' } };
}

export async function removeExamplesOp(tx: RecordTx, now: string): Promise<OpResult<WalkData>> {
  const [walks, findings] = await Promise.all([tx.getAll('walk'), tx.getAll('finding')]);
  const exampleWalks = walks.filter((w) => w.example === true);
  const exampleWalkIds = new Set(exampleWalks.map((w) => w.id));
  const exampleFindings = findings.filter((f) => f.example === true);
  // The user's own findings pinned on an example walk stay, outside a walk.
  const userOnExample = findings.filter((f) => f.example !== true && f.walkId !== null && exampleWalkIds.has(f.walkId));
  const detached = userOnExample.map((f) => detach(f, now));
  const writes: Promise<void>[] = [
    ...exampleWalks.map((w) => tx.delete('walk', w.id)),
    ...exampleFindings.map((f) => tx.delete('finding', f.id)),
    ...detached.map((f) => tx.put('finding', f)),
  ];
  await Promise.all(writes);
  if (writes.length === 0) return { value: emptyData(), change: null };
  return {
    value: { walks: exampleWalks, findings: [...exampleFindings, ...userOnExample] },
    change: changed({
      deletedWalkIds: exampleWalks.map((w) => w.id),
      deletedFindingIds: exampleFindings.map((f) => f.id),
      findings: detached,
    }),
  };
}

/** Equal as data, ignoring the store's own fields (revision, updatedAt) and absent vs undefined. */
export function sameContent(a: Walk | Finding, b: Walk | Finding): boolean {
  const storeOwned = (r: Walk | Finding) => ({ ...r, revision: 0, updatedAt: '' });
  return deepEqual(storeOwned(a), storeOwned(b));
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) if (!deepEqual(ra[k], rb[k])) return false;
  return true;
}
