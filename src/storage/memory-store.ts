/**
 * The walk store in memory: for tests, and as the fallback when IndexedDB is unavailable (then
 * nothing survives a reload, and the UI must say so: `store.kind === 'memory'`).
 * Several stores can share one {@link MemoryDatabase} to behave like tabs on one database.
 */

import type { Finding, Walk, WalkData } from '../domain/walks/types';
import { ChangeListeners } from './change-listeners';
import {
  deleteFindingOp,
  deleteWalkOp,
  importOp,
  loadOp,
  removeExamplesOp,
  replaceOp,
  restoreOp,
  saveOp,
  systemClock,
  type Clock,
  type Entity,
  type EntityRecords,
  type OpResult,
  type PendingChange,
  type RecordTx,
} from './store-operations';
import {
  InvalidRecordError,
  StorageUnavailableError,
  type DeleteOptions,
  type DeleteWalkOptions,
  type ImportSummary,
  type StoreListener,
  type WalkStore,
} from './walk-store';

/** Records shared by the memory stores created on it, as a database is shared by tabs. */
export class MemoryDatabase {
  readonly records: { [E in Entity]: Map<string, EntityRecords[E]> } = { walk: new Map(), finding: new Map() };
  readonly stores = new Set<MemoryStore>();
  /**
   * Operations of all stores on this database run one after another, as IndexedDB runs
   * overlapping readwrite transactions: no store reads between another's read and write.
   */
  queue: Promise<unknown> = Promise.resolve();
}

export function createMemoryDatabase(): MemoryDatabase {
  return new MemoryDatabase();
}

export interface MemoryStoreOptions {
  /** Share records with other memory stores (a second "tab"); a private database by default. */
  database?: MemoryDatabase;
  now?: Clock;
}

export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  return new MemoryStore(options.database ?? new MemoryDatabase(), options.now ?? systemClock);
}

function clone<T>(value: T, entity: Entity | null): T {
  try {
    return structuredClone(value);
  } catch (error) {
    throw new InvalidRecordError(entity, null, `The ${entity ?? 'record'} cannot be stored`, { cause: error });
  }
}

const DELETED = Symbol('deleted');

/** Writes collect in an overlay and reach the database only when the operation succeeds. */
class MemoryTx implements RecordTx {
  private readonly overlay: { [E in Entity]: Map<string, EntityRecords[E] | typeof DELETED> } = {
    walk: new Map(),
    finding: new Map(),
  };
  private readonly cleared = { walk: false, finding: false };

  constructor(private readonly db: MemoryDatabase) {}

  private current<E extends Entity>(entity: E, id: string): EntityRecords[E] | undefined {
    const own = this.overlay[entity].get(id);
    if (own === DELETED) return undefined;
    if (own !== undefined) return own;
    return this.cleared[entity] ? undefined : this.db.records[entity].get(id);
  }

  private currentAll<E extends Entity>(entity: E): EntityRecords[E][] {
    const ids = new Set([...(this.cleared[entity] ? [] : this.db.records[entity].keys()), ...this.overlay[entity].keys()]);
    const out: EntityRecords[E][] = [];
    // Key order, as IndexedDB returns them.
    for (const id of [...ids].sort(compareKeys)) {
      const record = this.current(entity, id);
      if (record) out.push(record);
    }
    return out;
  }

  async get<E extends Entity>(entity: E, id: string): Promise<EntityRecords[E] | undefined> {
    const record = this.current(entity, id);
    return record && clone(record, entity);
  }

  async getAll<E extends Entity>(entity: E): Promise<EntityRecords[E][]> {
    return this.currentAll(entity).map((r) => clone(r, entity));
  }

  async findingsOfWalk(walkId: string): Promise<Finding[]> {
    return this.currentAll('finding')
      .filter((f) => f.walkId === walkId)
      .map((f) => clone(f, 'finding'));
  }

  async put<E extends Entity>(entity: E, record: EntityRecords[E]): Promise<void> {
    this.overlay[entity].set(record.id, clone(record, entity));
  }

  async delete(entity: Entity, id: string): Promise<void> {
    this.overlay[entity].set(id, DELETED);
  }

  async clear(entity: Entity): Promise<void> {
    this.cleared[entity] = true;
    this.overlay[entity].clear();
  }

  commit(): void {
    this.commitEntity('walk');
    this.commitEntity('finding');
  }

  private commitEntity<E extends Entity>(entity: E): void {
    const target = this.db.records[entity];
    if (this.cleared[entity]) target.clear();
    for (const [id, record] of this.overlay[entity]) {
      if (record === DELETED) target.delete(id);
      else target.set(id, record);
    }
  }
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class MemoryStore implements WalkStore {
  readonly kind = 'memory' as const;
  private readonly listeners = new ChangeListeners();
  private closed = false;

  constructor(
    private readonly db: MemoryDatabase,
    private readonly now: Clock,
  ) {
    db.stores.add(this);
  }

  private run<T>(op: (tx: MemoryTx) => Promise<OpResult<T>>): Promise<T> {
    const result = this.db.queue.then(async () => {
      if (this.closed) throw new StorageUnavailableError('closed', 'The store is closed');
      const tx = new MemoryTx(this.db);
      const { value, change } = await op(tx);
      tx.commit();
      if (change) this.announce(change);
      return value;
    });
    this.db.queue = result.catch(() => undefined);
    return result;
  }

  private announce(change: PendingChange): void {
    this.listeners.emit({ ...change, origin: 'local' });
    for (const other of this.db.stores) {
      if (other === this) continue;
      // Asynchronous, as a BroadcastChannel message is; cloned, as it would be.
      const copy = structuredClone(change);
      setTimeout(() => other.receive(copy), 0);
    }
  }

  private receive(change: PendingChange): void {
    if (!this.closed) this.listeners.emit({ ...change, origin: 'other-tab' });
  }

  async load(): Promise<WalkData> {
    return this.run(async (tx) => ({ value: await loadOp(tx), change: null }));
  }

  saveWalk(walk: Walk): Promise<Walk> {
    return this.run((tx) => saveOp(tx, 'walk', walk, this.now()));
  }

  saveFinding(finding: Finding): Promise<Finding> {
    return this.run((tx) => saveOp(tx, 'finding', finding, this.now()));
  }

  deleteWalk(id: string, options: DeleteWalkOptions = {}): Promise<WalkData> {
    return this.run((tx) => deleteWalkOp(tx, id, options, this.now()));
  }

  deleteFinding(id: string, options: DeleteOptions = {}): Promise<WalkData> {
    return this.run((tx) => deleteFindingOp(tx, id, options));
  }

  restore(data: WalkData): Promise<void> {
    return this.run((tx) => restoreOp(tx, data, this.now()));
  }

  importAll(data: WalkData): Promise<ImportSummary> {
    return this.run((tx) => importOp(tx, data, this.now()));
  }

  replaceAll(data: WalkData): Promise<void> {
    return this.run((tx) => replaceOp(tx, data));
  }

  removeExamples(): Promise<WalkData> {
    return this.run((tx) => removeExamplesOp(tx, this.now()));
  }

  subscribe(listener: StoreListener): () => void {
    return this.listeners.subscribe(listener);
  }

  async persisted(): Promise<boolean> {
    return false;
  }

  close(): void {
    this.closed = true;
    this.listeners.clear();
    this.db.stores.delete(this);
  }
}
