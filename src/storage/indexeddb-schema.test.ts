import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Finding } from '../domain/walks/types';
import { MIGRATIONS, SCHEMA_VERSION } from './indexeddb-schema';
import { openIndexedDbStore } from './indexeddb-store';
import { finding, walk, writeVersion1Database as writeVersion1 } from './test-records';

describe('IndexedDB schema', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('numbers its migrations 1, 2, … without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(3);
  });

  it('upgrades a version 1 database with data to the current version without losing anything', async () => {
    const name = 'omradeskartan-migration-v1';
    const walks = [walk('w1', { revision: 3, updatedAt: '2021-10-02T10:00:00.000Z' }), walk('w2', { example: true, revision: 1 })];
    const findings = [
      finding('f1', 'w1', { revision: 2, updatedAt: '2021-10-20T10:00:00.000Z' }),
      finding('f2', 'w1', { revision: 5, status: 'atgardad', photo: null, updatedAt: '2021-11-01T10:00:00.000Z' }),
      finding('f3', null, { revision: 1, updatedAt: '2021-10-15T10:00:00.000Z' }),
    ];
    await writeVersion1(name, walks, findings);

    const store = await openIndexedDbStore(name, { requestPersistence: 'never' });
    expect(store.version).toBe(3);
    expect(await store.load()).toEqual({ walks, findings });
    expect(store.deviceId).not.toBe('');
    // New records still meet the revision rules after the upgrade.
    expect(await store.saveFinding({ ...findings[0]!, description: 'efter uppgradering' })).toMatchObject({ revision: 3 });
    store.close();

    const db = await openDB(name);
    expect([...db.objectStoreNames].sort()).toEqual(['findings', 'meta', 'outbox', 'walks']);
    expect(await db.count('outbox')).toBe(0);
    expect([...db.transaction('findings').store.indexNames].sort()).toEqual(['by-status', 'by-updatedAt', 'by-walkId']);
    // The new index covers the records written before it existed.
    const changedSince = await db.getAllFromIndex('findings', 'by-updatedAt', IDBKeyRange.lowerBound('2021-10-16'));
    expect(changedSince.map((f: Finding) => f.id).sort()).toEqual(['f1', 'f2']);
    expect(await db.get('meta', 'schema')).toMatchObject({ value: { version: 3 } });
    db.close();
  });

  it('leaves a version 1 database and its data as they were when a migration fails', async () => {
    const name = 'omradeskartan-migration-fails';
    const walks = [walk('w1', { revision: 1 })];
    const findings = [finding('f1', 'w1', { revision: 1 })];
    await writeVersion1(name, walks, findings);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const createIndex = vi.spyOn(IDBObjectStore.prototype, 'createIndex').mockImplementation(() => {
      throw new DOMException('disk error', 'UnknownError');
    });
    const error = await openIndexedDbStore(name, { requestPersistence: 'never' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: 'unavailable', reason: 'open-failed' });
    createIndex.mockRestore();

    const db = await openDB(name);
    expect(db.version).toBe(1);
    expect(await db.getAll('walks')).toEqual(walks);
    expect(await db.getAll('findings')).toEqual(findings);
    db.close();
  });

  it('keeps the device id across reopening', async () => {
    const name = 'omradeskartan-device-id';
    const first = await openIndexedDbStore(name, { requestPersistence: 'never' });
    const id = first.deviceId;
    first.close();
    const second = await openIndexedDbStore(name, { requestPersistence: 'never' });
    expect(second.deviceId).toBe(id);
    second.close();
  });
});
