import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Finding } from '../domain/walks/types';
import { ApiClient } from './api-client';
import { FakeServer } from './fake-server';
import { openServerStore, type ServerStore } from './server-store';
import { finding, walk } from './test-records';
import { ConflictError, type StoreChange } from './walk-store';

let dbCount = 0;
const open: ServerStore[] = [];

async function setup(server = new FakeServer(), dbName = `server-store-${++dbCount}`) {
  let n = 0;
  const store = await openServerStore({
    api: new ApiClient(server.base, server.fetch),
    dbName,
    live: false,
    newId: () => `${dbName}-key-${++n}-${Math.random().toString(36).slice(2, 8)}`,
    now: () => '2024-02-01T10:00:00.000Z',
  });
  open.push(store);
  return { server, store, dbName };
}

afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

const pending = async (store: ServerStore) => {
  // The count is refreshed after each transaction; wait for it.
  await new Promise((r) => setTimeout(r, 0));
  return store.syncStatus().pending;
};

describe('ServerStore', () => {
  it('keeps an offline save in the outbox across a reload and sends it when online', async () => {
    const { server, store, dbName } = await setup();
    server.offline = true;
    const saved = await store.saveFinding(finding('f1', null));
    expect(saved.revision).toBe(1);
    await store.flush();
    expect(await pending(store)).toBe(1);
    store.close();

    const reopened = (await setup(server, dbName)).store;
    expect((await reopened.load()).findings.map((f) => f.id)).toEqual(['f1']);
    expect(await pending(reopened)).toBe(1);
    server.offline = false;
    await reopened.flush();
    expect(await pending(reopened)).toBe(0);
    expect(server.findings.get('f1')).toMatchObject({ revision: 1, description: saved.description });
    // The server's record replaced the local copy.
    expect((await reopened.load()).findings[0]).toEqual(server.findings.get('f1'));
  });

  it('retries a send whose answer was lost with the same Idempotency-Key, and the server writes once', async () => {
    const { server, store } = await setup();
    server.loseAnswers = 1;
    await store.saveFinding(finding('f1', null));
    await store.flush();
    expect(await pending(store)).toBe(1);
    await store.flush();
    expect(await pending(store)).toBe(0);
    const puts = server.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(2);
    expect(puts[0]!.idempotencyKey).toBeTruthy();
    expect(puts[1]!.idempotencyKey).toBe(puts[0]!.idempotencyKey);
    expect(server.writes()).toHaveLength(1);
    expect(server.findings.get('f1')!.revision).toBe(1);
    expect(server.changes).toHaveLength(1);
  });

  it('keeps everything when the server stops in the middle of sending, and sends each once when it is back', async () => {
    const server = new FakeServer();
    let stopped = false;
    const stopAfterFirstWrite: typeof server.fetch = async (input, init) => {
      const answer = await server.fetch(input, init);
      // The server goes down after it wrote the first finding and before it answered.
      if (init?.method === 'PUT' && !stopped) {
        stopped = true;
        server.offline = true;
        throw new TypeError('Failed to fetch');
      }
      return answer;
    };
    const store = await openServerStore({ api: new ApiClient(server.base, stopAfterFirstWrite), dbName: `server-store-${++dbCount}`, live: false });
    open.push(store);
    server.offline = true;
    for (const id of ['f1', 'f2', 'f3']) await store.saveFinding(finding(id, null));
    server.offline = false;
    await store.flush();
    expect(await pending(store)).toBe(3);
    expect(server.writes()).toHaveLength(1);
    server.offline = false;
    await store.flush();
    expect(await pending(store)).toBe(0);
    expect([...server.findings.keys()].sort()).toEqual(['f1', 'f2', 'f3']);
    expect(server.writes()).toHaveLength(3);
    expect([...server.findings.values()].map((f) => f.revision)).toEqual([1, 1, 1]);
  });

  it('sends offline edits in the order they were made, several edits of one record as one', async () => {
    const { server, store } = await setup();
    server.offline = true;
    const w = await store.saveWalk(walk('w1'));
    let f1 = await store.saveFinding(finding('f1', 'w1'));
    const f2 = await store.saveFinding(finding('f2', 'w1', { category: 'klotter' }));
    f1 = await store.saveFinding({ ...f1, description: 'andra' });
    f1 = await store.saveFinding({ ...f1, description: 'tredje' });
    expect(f1.revision).toBe(1);
    await store.saveWalk({ ...w, notes: 'ändrad' });
    expect(await pending(store)).toBe(3);

    server.offline = false;
    await store.flush();
    expect(server.writes().map((r) => `${r.method} ${r.path}`)).toEqual(['PUT walks/w1', 'PUT findings/f1', 'PUT findings/f2']);
    expect(server.walks.get('w1')).toMatchObject({ notes: 'ändrad', revision: 1 });
    expect(server.findings.get('f1')).toMatchObject({ description: 'tredje', revision: 1 });
    expect(server.findings.get('f2')).toMatchObject({ category: 'klotter', revision: 1 });
    expect(f2.revision).toBe(1);
    expect(await pending(store)).toBe(0);
  });

  it('does not change an entry that may have reached the server: a later edit is sent after it', async () => {
    const { server, store } = await setup();
    server.loseAnswers = 1;
    const f1 = await store.saveFinding(finding('f1', null));
    await store.flush();
    const edited = await store.saveFinding({ ...f1, description: 'efter' });
    expect(edited.revision).toBe(2);
    await store.flush();
    expect(server.findings.get('f1')).toMatchObject({ description: 'efter', revision: 2 });
    expect((await store.load()).findings[0]).toMatchObject({ description: 'efter', revision: 2 });
  });

  it('forgets a record created and deleted offline, and sends a delete of a stored one', async () => {
    const { server, store } = await setup();
    const kept = await store.saveFinding(finding('f-old', null));
    await store.flush();
    server.offline = true;
    const f = await store.saveFinding(finding('f1', null));
    await store.deleteFinding('f1', { revision: f.revision });
    await store.deleteFinding('f-old', { revision: kept.revision });
    server.offline = false;
    await store.flush();
    expect(server.writes().map((r) => `${r.method} ${r.path}`)).toEqual(['PUT findings/f-old', 'DELETE findings/f-old?revision=1']);
    expect(server.findings.size).toBe(0);
  });

  it('turns a 409 into a conflict with the stored and the attempted version; keep mine saves on the stored revision', async () => {
    const { server, store } = await setup();
    const heard: StoreChange[] = [];
    store.subscribe((c) => heard.push(c));
    const mine0 = await store.saveFinding(finding('f1', null));
    await store.flush();
    const [local] = (await store.load()).findings;
    server.saveAsOther('finding', { ...server.findings.get('f1')!, description: 'deras' });
    const mine = await store.saveFinding({ ...local!, description: 'min', priority: 'hog' });
    await store.flush();

    const conflict = heard.find((c) => c.type === 'conflict');
    expect(conflict?.type).toBe('conflict');
    const error = (conflict as Extract<StoreChange, { type: 'conflict' }>).error;
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.stored).toMatchObject({ description: 'deras', revision: 2 });
    expect(error.attempted).toMatchObject({ description: 'min', priority: 'hog' });
    expect(mine0.description).not.toBe('min');
    expect(mine.description).toBe('min');
    // The local copy is theirs now, and nothing is pending.
    expect((await store.load()).findings[0]).toMatchObject({ description: 'deras', revision: 2 });
    expect(await pending(store)).toBe(0);

    // Keep mine: save my version on top of the stored revision.
    await store.saveFinding({ ...(error.attempted as Finding), revision: error.stored!.revision });
    await store.flush();
    expect(server.findings.get('f1')).toMatchObject({ description: 'min', revision: 3 });
  });

  it('does not let a pulled change overwrite a pending local edit', async () => {
    const { server, store } = await setup();
    await store.saveFinding(finding('f1', null));
    await store.saveFinding(finding('f2', null));
    await store.flush();
    await store.pull();
    const [f1] = (await store.load()).findings.filter((f) => f.id === 'f1');
    await store.saveFinding({ ...f1!, description: 'lokal, inte skickad' });
    server.saveAsOther('finding', { ...server.findings.get('f1')!, description: 'från servern' });
    server.saveAsOther('finding', { ...server.findings.get('f2')!, description: 'f2 från servern' });
    await store.pull();
    const local = (await store.load()).findings;
    expect(local.find((f) => f.id === 'f1')!.description).toBe('lokal, inte skickad');
    // Records without a pending change follow the server.
    expect(local.find((f) => f.id === 'f2')!.description).toBe('f2 från servern');
  });

  it('pulls records of others, and a full load keeps records with pending changes', async () => {
    const { server, store } = await setup();
    server.saveAsOther('walk', walk('w-other'));
    server.offline = true;
    await store.saveFinding(finding('f-mine', null));
    server.offline = false;
    await store.pull();
    const data = await store.load();
    expect(data.walks.map((w) => w.id)).toEqual(['w-other']);
    expect(data.findings.map((f) => f.id)).toEqual(['f-mine']);
    server.saveAsOther('finding', finding('f-other', null));
    await store.pull();
    expect((await store.load()).findings.map((f) => f.id).sort()).toEqual(['f-mine', 'f-other']);
  });

  it('keeps the outbox on a 401 and asks for a login; sends after it', async () => {
    const { server, store } = await setup();
    server.unauthenticated = true;
    await store.saveFinding(finding('f1', null));
    await store.flush();
    expect(store.syncStatus().needsLogin).toBe(true);
    expect(await pending(store)).toBe(1);
    server.unauthenticated = false;
    store.setAccount('account-1');
    await store.flush();
    expect(await pending(store)).toBe(0);
    expect(server.findings.get('f1')!.revision).toBe(1);
  });
});
