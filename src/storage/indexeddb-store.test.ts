import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SCHEMA_VERSION } from './indexeddb-schema';
import { openIndexedDbStore, type IndexedDbStore } from './indexeddb-store';
import { finding, steppingClock, walk, writeVersion1Database } from './test-records';
import { QuotaExceededError, StorageUnavailableError, VersionError, type StoreChange } from './walk-store';
import { describeWalkStoreContract, rejection } from './walk-store-contract';

let counter = 0;
/** A database name no other test uses (fake-indexeddb keeps databases for the whole file). */
function freshName(): string {
  counter += 1;
  return `omradeskartan-test-${counter}`;
}

describeWalkStoreContract('IndexedDB store', () => {
  const name = freshName();
  return { open: (now) => openIndexedDbStore(name, { now }) };
});


describe('IndexedDB store', () => {
  const opened: IndexedDbStore[] = [];
  async function open(name: string): Promise<IndexedDbStore> {
    const store = await openIndexedDbStore(name, { now: steppingClock(), requestPersistence: 'never' });
    opened.push(store);
    return store;
  }
  afterEach(() => {
    for (const store of opened.splice(0)) store.close();
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it('creates the current schema with a device id', async () => {
    const store = await open(freshName());
    expect(store.kind).toBe('indexeddb');
    expect(store.version).toBe(SCHEMA_VERSION);
    expect(store.deviceId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('maps a full disk to kind quota, and keeps everything saved before', async () => {
    const store = await open(freshName());
    const w = await store.saveWalk(walk('w1'));
    const f = await store.saveFinding(finding('f1', 'w1'));
    const before = await store.load();

    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const error = await rejection(store.saveFinding({ ...f, description: 'ändrad' }));
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect(error).toMatchObject({ kind: 'quota' });
    const importError = await rejection(store.importAll({ walks: [walk('w2')], findings: [finding('f2', 'w2')] }));
    expect(importError).toMatchObject({ kind: 'quota' });
    vi.restoreAllMocks();

    expect(await store.load()).toEqual(before);
    // The store is still usable once there is room again.
    expect(await store.saveWalk({ ...w, notes: 'efter' })).toMatchObject({ revision: 2 });
  });

  it('maps a transaction aborted for quota (as browsers report it at commit) to kind quota', async () => {
    const store = await open(freshName());
    const f = await store.saveFinding(finding('f1', null));
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      const request = put.apply(this, args);
      // fake-indexeddb's own abort step, as a browser runs it when the disk is full: the request
      // fails with AbortError and the transaction's error is QuotaExceededError.
      const tx = this.transaction as unknown as { _abort(name: string): void };
      queueMicrotask(() => tx._abort('QuotaExceededError'));
      return request;
    });
    const error = await rejection(store.saveFinding({ ...f, description: 'ändrad' }));
    expect(error).toMatchObject({ kind: 'quota' });
    vi.restoreAllMocks();
    expect((await store.load()).findings).toEqual([f]);
  });

  it('rejects with StorageUnavailableError when there is no IndexedDB', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const error = await rejection(openIndexedDbStore(freshName()));
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect(error).toMatchObject({ kind: 'unavailable', reason: 'no-indexeddb' });
  });

  it('rejects with StorageUnavailableError when the database cannot be opened', async () => {
    vi.spyOn(indexedDB, 'open').mockImplementation(() => {
      throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
    });
    const error = await rejection(openIndexedDbStore(freshName()));
    expect(error).toMatchObject({ kind: 'unavailable', reason: 'open-failed' });
  });

  it('rejects with VersionError when the database is from a newer version of the app', async () => {
    const name = freshName();
    const newer = await openDB(name, SCHEMA_VERSION + 1);
    newer.close();
    const error = await rejection(openIndexedDbStore(name));
    expect(error).toBeInstanceOf(VersionError);
    expect(error).toMatchObject({ kind: 'version', appVersion: SCHEMA_VERSION });
  });

  it('lets another tab upgrade: closes its connection and tells its subscribers', async () => {
    const name = freshName();
    const store = await open(name);
    const heard: StoreChange[] = [];
    store.subscribe((c) => heard.push(c));
    const upgraded = await openDB(name, SCHEMA_VERSION + 1);
    expect(heard).toEqual([{ type: 'closed', reason: 'versionchange' }]);
    expect(await rejection(store.load())).toMatchObject({ kind: 'unavailable', reason: 'closed' });
    upgraded.close();
  });

  it('reports blocked when an old tab will not let go of the database', async () => {
    const name = freshName();
    await writeVersion1Database(name, [walk('w1', { revision: 1 })], []);
    // A tab running version 1, which ignores versionchange.
    const old = await openDB(name, 1);
    const error = await rejection(openIndexedDbStore(name, { blockedTimeoutMs: 50 }));
    expect(error).toMatchObject({ kind: 'unavailable', reason: 'blocked' });
    old.close();
    // Once the old tab has gone, the upgrade goes through and keeps the data.
    const store = await open(name);
    expect((await store.load()).walks.map((w) => w.id)).toEqual(['w1']);
  });

  it('ignores notices about other databases on the shared channel', async () => {
    const a = await open(freshName());
    const b = await open(freshName());
    const heardByB: StoreChange[] = [];
    b.subscribe((c) => heardByB.push(c));
    await a.saveWalk(walk('w1'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(heardByB).toEqual([]);
  });

  it('asks for persistent storage on the first save and reports the answer', async () => {
    const persist = vi.fn(async () => true);
    vi.stubGlobal('navigator', { storage: { persist, persisted: async () => false } });
    const store = await openIndexedDbStore(freshName(), { now: steppingClock() });
    opened.push(store);
    expect(await store.persisted()).toBe(false);
    expect(persist).not.toHaveBeenCalled();
    await store.saveWalk(walk('w1'));
    expect(persist).toHaveBeenCalledTimes(1);
    expect(await store.persisted()).toBe(true);
    await store.saveWalk(walk('w2'));
    expect(persist).toHaveBeenCalledTimes(1);
  });

  it('reports not persisted when the browser has no storage manager', async () => {
    vi.stubGlobal('navigator', {});
    const store = await openIndexedDbStore(freshName(), { requestPersistence: 'open' });
    opened.push(store);
    expect(await store.persisted()).toBe(false);
  });
});
