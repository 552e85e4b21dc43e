import { describe, expect, it } from 'vitest';
import { createMemoryDatabase, createMemoryStore } from './memory-store';
import { walk } from './test-records';
import { describeWalkStoreContract } from './walk-store-contract';

describeWalkStoreContract('memory store', () => {
  const database = createMemoryDatabase();
  return { open: async (now) => createMemoryStore({ database, now }) };
});

describe('memory store', () => {
  it('says that it keeps nothing', async () => {
    const store = createMemoryStore();
    expect(store.kind).toBe('memory');
    expect(await store.persisted()).toBe(false);
    store.close();
  });

  it('keeps separate databases apart', async () => {
    const a = createMemoryStore();
    const b = createMemoryStore();
    await a.saveWalk(walk('w1'));
    expect(await b.load()).toEqual({ walks: [], findings: [] });
    a.close();
    b.close();
  });
});
