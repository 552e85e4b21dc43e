/**
 * The IndexedDB schema of the walk store and its migrations. A migration is never edited once
 * released: a change to the schema is a new migration with the next version number, run in the
 * upgrade transaction (so an upgrade happens completely or not at all).
 */

import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Finding, Walk, WalkData } from '../domain/walks/types';

export const DEFAULT_DB_NAME = 'omradeskartan';

export type MetaEntry =
  /** A random id of this browser profile's database, for a server sync to come. */
  | { key: 'deviceId'; value: string }
  /** The schema version the last upgrade reached, and when. */
  | { key: 'schema'; value: { version: number; migratedAt: string } }
  /**
   * Where this copy of the server's records stands (migration 3): the change cursor to pull
   * from, and the account whose view the copy is (null: the public's). Absent until the first
   * full load from a server.
   */
  | { key: 'sync'; value: SyncMeta };

export interface SyncMeta {
  cursor: string | number | null;
  accountId: string | null;
  /** The server's origin, so that a copy from another server is never mixed in. */
  origin: string;
}

/**
 * One change waiting to be sent to the server (migration 3), in the order made (`seq`).
 * `id` is the Idempotency-Key: a retry of the same entry is answered from the server's memory,
 * never written twice. `baseRevision` is the revision on the server that the change was made
 * from (for a put: the revision sent in the body).
 */
export type OutboxEntry = {
  /** Auto-increment key: the order the changes were made in. */
  seq?: number;
  id: string;
  createdAt: string;
  /** Times a send was attempted; an entry attempted once is never changed again (its key may be spent). */
  attempts: number;
  /** The record's id ('' for import and restore). */
  recordId: string;
  entity: 'walk' | 'finding' | 'data';
  lastError?: string;
} & (
  | { op: 'put-walk'; entity: 'walk'; baseRevision: number; record: Walk }
  | { op: 'put-finding'; entity: 'finding'; baseRevision: number; record: Finding }
  | { op: 'delete-walk'; entity: 'walk'; baseRevision: number; withFindings: boolean }
  | { op: 'delete-finding'; entity: 'finding'; baseRevision: number }
  | { op: 'restore'; entity: 'data'; data: WalkData }
  | { op: 'import'; entity: 'data'; data: WalkData }
);

export interface WalkDb extends DBSchema {
  walks: { key: string; value: Walk; indexes: { 'by-updatedAt': string } };
  findings: {
    key: string;
    value: Finding;
    indexes: { 'by-walkId': string; 'by-status': string; 'by-updatedAt': string };
  };
  meta: { key: MetaEntry['key']; value: MetaEntry };
  outbox: { key: number; value: OutboxEntry; indexes: { 'by-record': [string, string] } };
}

export type UpgradeTx = IDBPTransaction<WalkDb, StoreNames<WalkDb>[], 'versionchange'>;

export interface Migration {
  /** The version this migration brings the database to. */
  version: number;
  description: string;
  migrate(db: IDBPDatabase<WalkDb>, tx: UpgradeTx): void | Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'walks and findings keyed by id; findings indexed by walkId and status',
    migrate(db) {
      db.createObjectStore('walks', { keyPath: 'id' });
      const findings = db.createObjectStore('findings', { keyPath: 'id' });
      findings.createIndex('by-walkId', 'walkId');
      findings.createIndex('by-status', 'status');
    },
  },
  {
    version: 2,
    description: 'by-updatedAt indexes (for "changed since" sync) and a meta store with a device id',
    async migrate(db, tx) {
      tx.objectStore('walks').createIndex('by-updatedAt', 'updatedAt');
      tx.objectStore('findings').createIndex('by-updatedAt', 'updatedAt');
      db.createObjectStore('meta', { keyPath: 'key' });
      await tx.objectStore('meta').put({ key: 'deviceId', value: randomId() });
    },
  },
  {
    version: 3,
    description: 'an outbox of changes not yet sent to the server (in order), and a sync meta entry for the change cursor',
    migrate(db) {
      const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      outbox.createIndex('by-record', ['entity', 'recordId']);
      // The 'sync' meta entry is written by the first full load from a server.
    },
  },
];

/** The version this app writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Runs the migrations from `oldVersion` (0 for a new database) up to `newVersion` in order.
 * Call from idb's `upgrade`; a failing migration aborts the upgrade, leaving the old database.
 */
export async function migrate(db: IDBPDatabase<WalkDb>, oldVersion: number, newVersion: number, tx: UpgradeTx): Promise<void> {
  // An aborted upgrade is reported by the open request; the transaction's own rejection is not news.
  tx.done.catch(() => undefined);
  try {
    for (const m of MIGRATIONS) {
      if (m.version > oldVersion && m.version <= newVersion) await m.migrate(db, tx);
    }
    if (db.objectStoreNames.contains('meta')) {
      await tx.objectStore('meta').put({ key: 'schema', value: { version: newVersion, migratedAt: new Date().toISOString() } });
    }
  } catch (error) {
    console.error('Områdeskartan: database upgrade failed', error);
    try {
      tx.abort();
    } catch {
      // Already aborted by the failing request.
    }
  }
}

/** A random UUID; crypto.randomUUID needs a secure context, getRandomValues does not. */
function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
