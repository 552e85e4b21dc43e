/**
 * The IndexedDB schema of the walk store and its migrations. A migration is never edited once
 * released: a change to the schema is a new migration with the next version number, run in the
 * upgrade transaction (so an upgrade happens completely or not at all).
 */

import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Finding, Walk } from '../domain/walks/types';

export const DEFAULT_DB_NAME = 'omradeskartan';

export type MetaEntry =
  /** A random id of this browser profile's database, for a server sync to come. */
  | { key: 'deviceId'; value: string }
  /** The schema version the last upgrade reached, and when. */
  | { key: 'schema'; value: { version: number; migratedAt: string } };

export interface WalkDb extends DBSchema {
  walks: { key: string; value: Walk; indexes: { 'by-updatedAt': string } };
  findings: {
    key: string;
    value: Finding;
    indexes: { 'by-walkId': string; 'by-status': string; 'by-updatedAt': string };
  };
  meta: { key: MetaEntry['key']; value: MetaEntry };
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
