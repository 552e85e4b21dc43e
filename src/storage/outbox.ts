/**
 * The outbox: changes made in this browser and not yet accepted by the server, kept in
 * IndexedDB (store 'outbox', migration 3) in the order they were made. Every function here runs
 * inside a transaction the caller opened over the records and the outbox, so that a record and
 * its outbox entry are written together or not at all.
 *
 * Coalescing: several edits of one record while its entry has not been sent yet become one
 * entry (the latest content, the base revision of the first). An entry that was attempted once
 * may have reached the server, so its Idempotency-Key is spent: later edits get an entry of
 * their own, based on the revision the attempted one will produce.
 */

import type { IDBPTransaction, StoreNames } from 'idb';
import type { Finding, Walk, WalkData } from '../domain/walks/types';
import type { OutboxEntry, WalkDb } from './indexeddb-schema';

export type OutboxTx = IDBPTransaction<WalkDb, StoreNames<WalkDb>[], 'readwrite'>;
export type RecordEntity = 'walk' | 'finding';

/** The entries for one record, oldest first. */
export async function entriesFor(tx: OutboxTx, entity: RecordEntity, id: string): Promise<OutboxEntry[]> {
  return tx.objectStore('outbox').index('by-record').getAll([entity, id]);
}

/** The revision the server will hold once every entry for the record went through (null: none pending). */
export function expectedRevision(entries: OutboxEntry[]): number | null {
  const last = entries[entries.length - 1];
  if (!last || !('baseRevision' in last)) return null;
  return last.op.startsWith('delete') ? 0 : last.baseRevision + 1;
}

/**
 * Queues a put of `record`, edited from revision `record.revision` (the local copy's, which is
 * the revision the server holds once the earlier entries went through). Returns the revision the
 * local copy gets: the base of the (coalesced) entry + 1.
 */
export async function queuePut<E extends RecordEntity>(
  tx: OutboxTx,
  entity: E,
  record: E extends 'walk' ? Walk : Finding,
  newId: () => string,
  now: string,
): Promise<number> {
  const store = tx.objectStore('outbox');
  const entries = await entriesFor(tx, entity, record.id);
  const last = entries[entries.length - 1];
  const op = entity === 'walk' ? 'put-walk' : 'put-finding';
  if (last && last.attempts === 0 && last.op === op) {
    const base = last.baseRevision;
    await store.put({ ...last, record: { ...record, revision: base } } as OutboxEntry);
    return base + 1;
  }
  const base = record.revision;
  await store.add({
    id: newId(), createdAt: now, attempts: 0, recordId: record.id, entity, op, baseRevision: base,
    record: { ...record, revision: base },
  } as OutboxEntry);
  return base + 1;
}

/**
 * Queues the delete of a record whose local copy has revision `revision`. A record that never
 * reached the server (every entry unsent, the first a create) is simply forgotten; an unsent
 * put is replaced by the delete (same base).
 */
export async function queueDelete(
  tx: OutboxTx,
  entity: RecordEntity,
  id: string,
  revision: number,
  newId: () => string,
  now: string,
  withFindings = false,
): Promise<void> {
  const store = tx.objectStore('outbox');
  // A walk deleted without its findings must exist on the server when its findings' pending
  // puts arrive there, so its create is never dropped.
  const detaching = entity === 'walk' && !withFindings;
  if (!detaching && (await forgetIfNeverSent(tx, entity, id))) return;
  const entries = await entriesFor(tx, entity, id);
  const last = entries[entries.length - 1];
  let base = revision;
  if (last && last.attempts === 0 && (last.op === 'put-walk' || last.op === 'put-finding') && !(detaching && last.baseRevision === 0)) {
    base = last.baseRevision;
    await store.delete(last.seq!);
  }
  const entry = entity === 'walk'
    ? { op: 'delete-walk' as const, entity, baseRevision: base, withFindings }
    : { op: 'delete-finding' as const, entity, baseRevision: base };
  await store.add({ id: newId(), createdAt: now, attempts: 0, recordId: id, ...entry });
}

/** Drops every entry of a record that never reached the server (all unsent, the first a create); true if it did. */
export async function forgetIfNeverSent(tx: OutboxTx, entity: RecordEntity, id: string): Promise<boolean> {
  const entries = await entriesFor(tx, entity, id);
  const first = entries[0];
  if (!first || !('baseRevision' in first) || first.baseRevision !== 0 || entries.some((e) => e.attempts > 0)) return false;
  await Promise.all(entries.map((e) => tx.objectStore('outbox').delete(e.seq!)));
  return true;
}

/** Queues an import or an undo (restore) of many records. */
export async function queueData(tx: OutboxTx, op: 'import' | 'restore', data: WalkData, newId: () => string, now: string): Promise<void> {
  await tx.objectStore('outbox').add({ id: newId(), createdAt: now, attempts: 0, recordId: '', entity: 'data', op, data });
}

/** Ids of the records that have changes waiting (their local copy must not be overwritten by a pull). */
export async function pendingIds(tx: { objectStore(name: 'outbox'): { getAll(): Promise<OutboxEntry[]> } }): Promise<{ walks: Set<string>; findings: Set<string> }> {
  const all = await tx.objectStore('outbox').getAll();
  const walks = new Set<string>();
  const findings = new Set<string>();
  for (const e of all) {
    if (e.entity === 'walk') walks.add(e.recordId);
    else if (e.entity === 'finding') findings.add(e.recordId);
    else if ('data' in e) {
      for (const w of e.data.walks) walks.add(w.id);
      for (const f of e.data.findings) findings.add(f.id);
    }
  }
  return { walks, findings };
}
