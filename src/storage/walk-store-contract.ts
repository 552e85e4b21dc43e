/**
 * The behaviour every WalkStore must have, as one Vitest suite that each implementation runs
 * (`describeWalkStoreContract` in memory-store.test.ts and indexeddb-store.test.ts).
 * Only imported by *.test.ts files.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Finding, Walk, WalkData } from '../domain/walks/types';
import { finding, PHOTO_DATA_URL, steppingClock, walk } from './test-records';
import { ConflictError, isStorageError, type StoreChange, type WalkStore } from './walk-store';

/** One fresh, empty database on which any number of stores ("tabs") can be opened. */
export interface ContractDatabase {
  open(now?: () => string): Promise<WalkStore>;
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the promise to reject');
}

function sortById(data: WalkData): WalkData {
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { walks: [...data.walks].sort(byId), findings: [...data.findings].sort(byId) };
}

export function describeWalkStoreContract(label: string, freshDatabase: () => ContractDatabase): void {
  describe(`${label}: the WalkStore contract`, () => {
    const opened: WalkStore[] = [];
    afterEach(() => {
      for (const store of opened.splice(0)) store.close();
    });

    async function open(db: ContractDatabase = freshDatabase()): Promise<WalkStore> {
      const store = await db.open(steppingClock());
      opened.push(store);
      return store;
    }

    /** A store holding one walk with two findings (one with a photo), all saved once. */
    async function seeded(db?: ContractDatabase) {
      const store = await open(db);
      const w = await store.saveWalk(walk('w1'));
      const f1 = await store.saveFinding(finding('f1', 'w1'));
      const f2 = await store.saveFinding(finding('f2', 'w1', { category: 'klotter', photo: null }));
      return { store, w, f1, f2 };
    }

    it('loads what it saved, deep-equal, photos included', async () => {
      const { store, w, f1, f2 } = await seeded();
      const loaded = await store.load();
      expect(sortById(loaded)).toEqual({ walks: [w], findings: [f1, f2] });
      expect(loaded.findings.find((f) => f.id === 'f1')?.photo?.dataUrl).toBe(PHOTO_DATA_URL);
    });

    it('starts empty', async () => {
      const store = await open();
      expect(await store.load()).toEqual({ walks: [], findings: [] });
    });

    it('bumps the revision and sets updatedAt on every save, keeping everything else', async () => {
      const store = await open();
      const input = walk('w1', { notes: 'första' });
      const first = await store.saveWalk(input);
      expect(first).toEqual({ ...input, revision: 1, updatedAt: '2024-01-01T00:00:01.000Z' });
      const second = await store.saveWalk({ ...first, notes: 'andra' });
      expect(second.revision).toBe(2);
      expect(second.updatedAt).toBe('2024-01-01T00:00:02.000Z');
      expect((await store.load()).walks).toEqual([second]);
    });

    it('rejects a save from an old revision with ConflictError carrying the stored record', async () => {
      const store = await open();
      const first = await store.saveWalk(walk('w1'));
      const second = await store.saveWalk({ ...first, notes: 'ny' });
      const error = await rejection(store.saveWalk({ ...first, notes: 'gammal' }));
      expect(error).toBeInstanceOf(ConflictError);
      expect(isStorageError(error) && error.kind).toBe('conflict');
      expect((error as ConflictError).stored).toEqual(second);
      expect((error as ConflictError).attempted).toMatchObject({ notes: 'gammal' });
      expect((await store.load()).walks).toEqual([second]);
    });

    it('rejects a new record (revision 0) whose id is already stored', async () => {
      const store = await open();
      const stored = await store.saveFinding(finding('f1', null));
      const error = await rejection(store.saveFinding(finding('f1', null, { description: 'dubblett' })));
      expect(error).toMatchObject({ kind: 'conflict', entity: 'finding', stored });
    });

    it('rejects a save of a record deleted elsewhere, with stored null', async () => {
      const store = await open();
      const stored = await store.saveFinding(finding('f1', null));
      await store.deleteFinding('f1');
      const error = await rejection(store.saveFinding({ ...stored, description: 'ändrad' }));
      expect(error).toMatchObject({ kind: 'conflict', stored: null });
      expect((await store.load()).findings).toEqual([]);
    });

    it('rejects a record without id or revision as invalid, storing nothing', async () => {
      const store = await open();
      const noId = { ...walk('x'), id: undefined } as unknown as Walk;
      expect(await rejection(store.saveWalk(noId))).toMatchObject({ kind: 'invalid' });
      const noRevision = { ...walk('x'), revision: undefined } as unknown as Walk;
      expect(await rejection(store.saveWalk(noRevision))).toMatchObject({ kind: 'invalid' });
      expect(await store.load()).toEqual({ walks: [], findings: [] });
    });

    it('two tabs saving the same record from the same revision: the second is rejected, the first kept', async () => {
      const db = freshDatabase();
      const a = await open(db);
      const b = await open(db);
      const base = await a.saveFinding(finding('f1', null));
      const fromB = (await b.load()).findings[0]!;
      expect(fromB).toEqual(base);

      const savedByA = await a.saveFinding({ ...base, status: 'beslutad', description: 'A' });
      const error = await rejection(b.saveFinding({ ...fromB, description: 'B' }));
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError<Finding>).stored).toEqual(savedByA);
      expect((await a.load()).findings).toEqual([savedByA]);
      expect((await b.load()).findings).toEqual([savedByA]);
    });

    it('two tabs saving at the same moment: exactly one wins', async () => {
      const db = freshDatabase();
      const a = await open(db);
      const b = await open(db);
      const base = await a.saveWalk(walk('w1'));
      const results = await Promise.allSettled([
        a.saveWalk({ ...base, notes: 'A' }),
        b.saveWalk({ ...base, notes: 'B' }),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
      expect((await a.load()).walks).toEqual([(won[0] as PromiseFulfilledResult<Walk>).value]);
    });

    it("announces a change to its own subscribers (local) and to another tab's (other-tab)", async () => {
      const db = freshDatabase();
      const a = await open(db);
      const b = await open(db);
      const heardByA: StoreChange[] = [];
      const heardByB: StoreChange[] = [];
      a.subscribe((c) => heardByA.push(c));
      const unsubscribe = b.subscribe((c) => heardByB.push(c));

      const saved = await a.saveFinding(finding('f1', null));
      expect(heardByA).toEqual([
        { type: 'changed', origin: 'local', walks: [], findings: [saved], deletedWalkIds: [], deletedFindingIds: [] },
      ]);
      await vi.waitFor(() => expect(heardByB).toHaveLength(1));
      expect(heardByB[0]).toEqual({ ...heardByA[0], origin: 'other-tab' });

      await a.deleteFinding('f1');
      await vi.waitFor(() => expect(heardByB).toHaveLength(2));
      expect(heardByB[1]).toMatchObject({ type: 'changed', origin: 'other-tab', deletedFindingIds: ['f1'] });

      unsubscribe();
      await a.saveWalk(walk('w1'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(heardByB).toHaveLength(2);
    });

    it('announces an import as a reset, to be followed by load()', async () => {
      const db = freshDatabase();
      const a = await open(db);
      const b = await open(db);
      const heardByB: StoreChange[] = [];
      b.subscribe((c) => heardByB.push(c));
      await a.importAll({ walks: [walk('w1')], findings: [] });
      await vi.waitFor(() => expect(heardByB).toEqual([{ type: 'reset', origin: 'other-tab' }]));
    });

    it('does not announce a failed write', async () => {
      const store = await open();
      const heard: StoreChange[] = [];
      store.subscribe((c) => heard.push(c));
      const first = await store.saveWalk(walk('w1'));
      await store.saveWalk(first);
      await rejection(store.saveWalk(first));
      expect(heard).toHaveLength(2);
    });

    it('imports everything in one go: one bad record (no id) midway leaves the store exactly as before', async () => {
      const { store } = await seeded();
      const before = await store.load();
      const bad = {
        walks: [walk('w2'), walk('w3')],
        findings: [finding('f3', 'w2'), { ...finding('f4', 'w2'), id: undefined } as unknown as Finding, finding('f5', 'w3')],
      };
      const error = await rejection(store.importAll(bad));
      expect(error).toMatchObject({ kind: 'invalid', entity: 'finding', index: 1 });
      expect(await store.load()).toEqual(before);
    });

    it('imports everything in one go: a value that cannot be stored midway leaves the store as before', async () => {
      const { store } = await seeded();
      const before = await store.load();
      const unstorable = { ...finding('f4', 'w2'), description: (() => 'x') as unknown as string };
      const error = await rejection(
        store.importAll({ walks: [walk('w2')], findings: [finding('f3', 'w2'), unstorable, finding('f5', 'w2')] }),
      );
      expect(error).toMatchObject({ kind: 'invalid' });
      expect(await store.load()).toEqual(before);
    });

    it('imports the same data twice without duplicates, keeping records exactly as given', async () => {
      const store = await open();
      const data: WalkData = {
        walks: [walk('w1', { revision: 4, updatedAt: '2022-01-01T00:00:00.000Z' })],
        findings: [finding('f1', 'w1', { revision: 2 }), finding('f2', 'w1', { revision: 7, example: true })],
      };
      expect(await store.importAll(data)).toEqual({ added: 3, updated: 0, unchanged: 0, kept: 0 });
      expect(await store.importAll(data)).toEqual({ added: 0, updated: 0, unchanged: 3, kept: 0 });
      expect(sortById(await store.load())).toEqual(data);
    });

    it('imports a newer changed record as its next revision', async () => {
      const { store, f1 } = await seeded();
      const summary = await store.importAll({ walks: [], findings: [{ ...f1, status: 'pagar', revision: f1.revision + 3 }] });
      expect(summary).toEqual({ added: 0, updated: 1, unchanged: 0, kept: 0 });
      const stored = (await store.load()).findings.find((f) => f.id === 'f1');
      expect(stored).toMatchObject({ status: 'pagar', revision: f1.revision + 1 });
    });

    it('keeps a stored record that is newer than the imported copy (an old export never undoes edits)', async () => {
      const { store, f1 } = await seeded();
      const before = await store.load();
      const summary = await store.importAll({ walks: [], findings: [{ ...f1, description: 'an older text', revision: f1.revision - 1 }] });
      expect(summary).toEqual({ added: 0, updated: 0, unchanged: 0, kept: 1 });
      expect(await store.load()).toEqual(before);
    });

    it('rejects an import that names one id twice, importing nothing', async () => {
      const store = await open();
      const error = await rejection(store.importAll({ walks: [walk('w1'), walk('w1')], findings: [] }));
      expect(error).toMatchObject({ kind: 'invalid', index: 1 });
      expect(await store.load()).toEqual({ walks: [], findings: [] });
    });

    it('rejects data that is not { walks, findings }', async () => {
      const store = await open();
      const error = await rejection(store.importAll({ walks: [] } as unknown as WalkData));
      expect(error).toMatchObject({ kind: 'invalid' });
    });

    it('deleteFinding then restore gives back exactly what was there', async () => {
      const { store } = await seeded();
      const before = await store.load();
      const removed = await store.deleteFinding('f1');
      expect(removed.findings.map((f) => f.id)).toEqual(['f1']);
      expect((await store.load()).findings.map((f) => f.id)).toEqual(['f2']);
      await store.restore(removed);
      expect(await store.load()).toEqual(before);
    });

    it('deleteWalk with its findings, then restore, gives back exactly what was there', async () => {
      const { store } = await seeded();
      const before = await store.load();
      const removed = await store.deleteWalk('w1', { withFindings: true });
      expect(await store.load()).toEqual({ walks: [], findings: [] });
      await store.restore(removed);
      expect(await store.load()).toEqual(before);
    });

    it('deleteWalk without its findings keeps them outside a walk; restore reattaches them exactly', async () => {
      const { store } = await seeded();
      const before = await store.load();
      const removed = await store.deleteWalk('w1');
      const after = await store.load();
      expect(after.walks).toEqual([]);
      expect(after.findings.map((f) => [f.id, f.walkId])).toEqual([
        ['f1', null],
        ['f2', null],
      ]);
      expect(after.findings.every((f, i) => f.revision === before.findings[i]!.revision + 1)).toBe(true);
      await store.restore(removed);
      const restored = await store.load();
      expect(restored.walks).toEqual(before.walks);
      // The same content again, as the next revision: revisions never go back.
      expect(restored.findings).toEqual(
        before.findings.map((f) => ({ ...f, revision: f.revision + 2, updatedAt: expect.any(String) as string })),
      );
    });

    it('refuses to undo a delete over a record someone changed since, restoring nothing', async () => {
      const db = freshDatabase();
      const { store: a } = await seeded(db);
      const b = await open(db);
      const removed = await a.deleteWalk('w1');
      const detached = (await b.load()).findings.find((f) => f.id === 'f1')!;
      const edited = await b.saveFinding({ ...detached, description: 'ändrad i flik B' });
      const error = await rejection(a.restore(removed));
      expect(error).toMatchObject({ kind: 'conflict', entity: 'finding', stored: edited });
      const now = await a.load();
      expect(now.walks).toEqual([]);
      expect(now.findings.find((f) => f.id === 'f1')).toEqual(edited);
    });

    it('deletes with a revision check when asked', async () => {
      const { store, f1 } = await seeded();
      const newer = await store.saveFinding({ ...f1, description: 'nyare' });
      const error = await rejection(store.deleteFinding('f1', { revision: f1.revision }));
      expect(error).toMatchObject({ kind: 'conflict', stored: newer });
      expect(await store.deleteFinding('f1', { revision: newer.revision })).toEqual({ walks: [], findings: [newer] });
    });

    it('deleting what is not there changes nothing', async () => {
      const { store } = await seeded();
      const before = await store.load();
      expect(await store.deleteWalk('nope')).toEqual({ walks: [], findings: [] });
      expect(await store.deleteFinding('nope')).toEqual({ walks: [], findings: [] });
      expect(await store.load()).toEqual(before);
    });

    it('removeExamples removes only example records and keeps the user’s findings on an example walk', async () => {
      const store = await open();
      await store.importAll({
        walks: [walk('ex-w', { example: true })],
        findings: [finding('ex-f', 'ex-w', { example: true })],
      });
      const own = await store.saveWalk(walk('w1'));
      const ownFinding = await store.saveFinding(finding('f1', 'w1'));
      const ownOnExample = await store.saveFinding(finding('f2', 'ex-w'));
      const removed = await store.removeExamples();
      expect(removed.walks.map((w) => w.id)).toEqual(['ex-w']);
      const after = await store.load();
      expect(after.walks).toEqual([own]);
      expect(after.findings.map((f) => f.id)).toEqual(['f1', 'f2']);
      expect(after.findings[0]).toEqual(ownFinding);
      expect(after.findings[1]).toMatchObject({ walkId: null, revision: ownOnExample.revision + 1 });
      expect(await store.removeExamples()).toEqual({ walks: [], findings: [] });
    });

    it('removeExamples then restore gives the examples back and reattaches the user’s finding', async () => {
      const store = await open();
      await store.importAll({ walks: [walk('ex-w', { example: true })], findings: [finding('ex-f', 'ex-w', { example: true })] });
      await store.saveFinding(finding('f1', 'ex-w'));
      const before = await store.load();
      await store.restore(await store.removeExamples());
      const after = await store.load();
      expect(after.walks).toEqual(before.walks);
      expect(after.findings.map((f) => [f.id, f.walkId, f.revision])).toEqual([
        ['ex-f', 'ex-w', 0],
        ['f1', 'ex-w', 3],
      ]);
    });

    it('replaceAll puts exactly the given data, and a bad record leaves everything as before', async () => {
      const { store } = await seeded();
      const before = await store.load();
      const noId = { ...walk('w9'), id: '' };
      expect(await rejection(store.replaceAll({ walks: [walk('w8'), noId], findings: [] }))).toMatchObject({ kind: 'invalid' });
      expect(await store.load()).toEqual(before);
      const data = { walks: [walk('w8', { revision: 3 })], findings: [] };
      await store.replaceAll(data);
      expect(await store.load()).toEqual(data);
    });

    it('keeps the data for a store opened later on the same database (a reload)', async () => {
      const db = freshDatabase();
      const { store, w, f1, f2 } = await seeded(db);
      store.close();
      const again = await open(db);
      expect(sortById(await again.load())).toEqual({ walks: [w], findings: [f1, f2] });
    });

    it('rejects every call after close() with kind unavailable', async () => {
      const store = await open();
      store.close();
      expect(await rejection(store.load())).toMatchObject({ kind: 'unavailable', reason: 'closed' });
      expect(await rejection(store.saveWalk(walk('w1')))).toMatchObject({ kind: 'unavailable' });
    });

    it('does not let a caller change stored data by mutating what it got back', async () => {
      const store = await open();
      const saved = await store.saveWalk(walk('w1'));
      const loaded = (await store.load()).walks[0]!;
      loaded.participants.push('Någon');
      loaded.route![0]![0] = 0;
      expect((await store.load()).walks[0]).toEqual(saved);
    });
  });
}
