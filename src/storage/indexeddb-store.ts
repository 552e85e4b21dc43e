/**
 * The walk store in IndexedDB (via `idb`). Each operation is one transaction, and a save reads
 * the stored revision and writes in the same readwrite transaction, so two tabs cannot overwrite
 * each other: the second save of the same base revision is rejected with ConflictError.
 * Changes are announced to this store's subscribers and, through
 * BroadcastChannel('omradeskartan-walks'), to the stores of other tabs.
 */

import { openDB, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Finding, Walk, WalkData } from '../domain/walks/types';
import { ChangeListeners } from './change-listeners';
import { DEFAULT_DB_NAME, SCHEMA_VERSION, migrate, type WalkDb } from './indexeddb-schema';
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
  QuotaExceededError,
  StorageError,
  StorageUnavailableError,
  VersionError,
  type DeleteOptions,
  type DeleteWalkOptions,
  type ImportSummary,
  type StoreListener,
  type WalkStore,
} from './walk-store';

export const CHANNEL_NAME = 'omradeskartan-walks';

export interface IndexedDbStoreOptions {
  now?: Clock;
  /**
   * When to ask the browser to keep the data under storage pressure (navigator.storage.persist()).
   * 'first-save' (default) asks when the user first saves something, because Firefox asks the
   * user and a visitor who only looks at the map should not be asked; 'open' asks at once.
   */
  requestPersistence?: 'first-save' | 'open' | 'never';
  /**
   * How long to wait, in milliseconds, for tabs running an older version to let go of the
   * database during an upgrade before rejecting with StorageUnavailableError('blocked').
   */
  blockedTimeoutMs?: number;
}

/** Message sent between tabs. `db` keeps databases of other names (tests) apart. */
interface ChannelMessage {
  db: string;
  change: PendingChange;
}

const STORE_NAMES: { [E in Entity]: 'walks' | 'findings' } = { walk: 'walks', finding: 'findings' };

// Typed readwrite; readonly transactions (load) only ever read through it.
export type RwTx = IDBPTransaction<WalkDb, StoreNames<WalkDb>[], 'readwrite'>;

function nameOf(error: unknown): string | undefined {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : undefined;
}

/** Maps what IndexedDB throws to the store's errors; the store's own errors pass through. */
export function toStorageError(error: unknown, entity: Entity | null = null): unknown {
  if (error instanceof StorageError) return error;
  switch (nameOf(error)) {
    case 'QuotaExceededError':
      return new QuotaExceededError('Storage is full; the last change was not saved', { cause: error });
    case 'DataError':
    case 'DataCloneError':
      return new InvalidRecordError(entity, null, `The ${entity ?? 'record'} cannot be stored`, { cause: error });
    case 'VersionError':
      return new VersionError(SCHEMA_VERSION, undefined, { cause: error });
    case 'InvalidStateError':
      return new StorageUnavailableError('closed', 'The database connection is closed', { cause: error });
    default:
      return error;
  }
}

/** The objects of one idb transaction as a RecordTx. Synchronous throws become rejections. */
export function recordTx(tx: RwTx): RecordTx {
  const store = (entity: Entity) => tx.objectStore(STORE_NAMES[entity]);
  const attempt = <T>(entity: Entity, f: () => Promise<T>): Promise<T> => {
    const request = (async () => {
      try {
        return await f();
      } catch (error) {
        throw toStorageError(error, entity);
      }
    })();
    // An operation that fails midway leaves requests it issued but never awaited; they then
    // reject with AbortError. Mark them handled: the operation's own error is what counts.
    request.catch(() => undefined);
    return request;
  };
  return {
    get: <E extends Entity>(entity: E, id: string) =>
      attempt(entity, () => store(entity).get(id) as Promise<EntityRecords[E] | undefined>),
    getAll: <E extends Entity>(entity: E) => attempt(entity, () => store(entity).getAll() as Promise<EntityRecords[E][]>),
    findingsOfWalk: (walkId: string) =>
      attempt('finding', () => tx.objectStore('findings').index('by-walkId').getAll(walkId)),
    put: <E extends Entity>(entity: E, record: EntityRecords[E]) =>
      attempt(entity, async () => {
        if (entity === 'walk') await tx.objectStore('walks').put(record as Walk);
        else await tx.objectStore('findings').put(record as Finding);
      }),
    delete: (entity: Entity, id: string) => attempt(entity, () => store(entity).delete(id)),
    clear: (entity: Entity) => attempt(entity, () => store(entity).clear()),
  };
}

/**
 * Opens (creating or upgrading) the walk database. Rejects with StorageUnavailableError when
 * IndexedDB is missing, fails to open or stays blocked by an old tab, and with VersionError when
 * the database was written by a newer version of the app.
 */
export async function openIndexedDbStore(
  name: string = DEFAULT_DB_NAME,
  options: IndexedDbStoreOptions = {},
): Promise<IndexedDbStore> {
  let factory: IDBFactory | undefined;
  try {
    factory = globalThis.indexedDB;
  } catch (error) {
    // Some browsers throw on access (sandboxed frames, blocked cookies).
    throw new StorageUnavailableError('no-indexeddb', 'IndexedDB is not available', { cause: error });
  }
  if (!factory) throw new StorageUnavailableError('no-indexeddb', 'IndexedDB is not available');

  // Set once the store exists; a versionchange before that closes it as soon as it does.
  let store: IndexedDbStore | null = null;
  let closeReason: 'versionchange' | 'terminated' | null = null;
  const giveUp = (reason: 'versionchange' | 'terminated') => {
    if (store) store.closeForUpgrade(reason);
    else closeReason ??= reason;
  };
  let rejectBlocked: (error: unknown) => void = () => undefined;
  const blocked = new Promise<never>((_, reject) => {
    rejectBlocked = reject;
  });
  let blockedTimer: ReturnType<typeof setTimeout> | undefined;

  let opening: Promise<IDBPDatabase<WalkDb>>;
  try {
    opening = openDB<WalkDb>(name, SCHEMA_VERSION, {
      upgrade(db, oldVersion, newVersion, tx) {
        void migrate(db, oldVersion, newVersion ?? SCHEMA_VERSION, tx);
      },
      blocked() {
        blockedTimer ??= setTimeout(
          () => rejectBlocked(new StorageUnavailableError('blocked', 'Another tab with an older version keeps the database open')),
          options.blockedTimeoutMs ?? 5000,
        );
      },
      // Another tab wants to upgrade (or delete) the database: let it.
      blocking: () => giveUp('versionchange'),
      terminated: () => giveUp('terminated'),
    });
  } catch (error) {
    // Some browsers throw from open() itself (private modes, disabled storage).
    throw new StorageUnavailableError('open-failed', 'The database could not be opened', { cause: error });
  }

  let db: IDBPDatabase<WalkDb>;
  try {
    db = await Promise.race([opening, blocked]);
  } catch (error) {
    // If the old tab lets go after we gave up, do not keep a connection nobody uses.
    opening.then((late) => late.close(), () => undefined);
    if (error instanceof StorageError) throw error;
    if (nameOf(error) === 'VersionError') throw toStorageError(error);
    throw new StorageUnavailableError('open-failed', 'The database could not be opened', { cause: error });
  } finally {
    clearTimeout(blockedTimer);
  }

  let deviceId = '';
  try {
    const entry = await db.get('meta', 'deviceId');
    if (entry?.key === 'deviceId') deviceId = entry.value;
  } catch (error) {
    db.close();
    throw toStorageError(error);
  }
  store = new IndexedDbStore(db, name, deviceId, options);
  if (closeReason) store.closeForUpgrade(closeReason);
  return store;
}

export class IndexedDbStore implements WalkStore {
  readonly kind = 'indexeddb' as const;
  private readonly listeners = new ChangeListeners();
  private readonly channel: BroadcastChannel | null;
  private readonly now: Clock;
  private closedReason: 'closed' | null = null;
  private persistRequest: Promise<boolean> | null = null;

  constructor(
    private readonly db: IDBPDatabase<WalkDb>,
    /** The database name. */
    readonly name: string,
    /** A random id of this browser profile's database (see the v2 migration). */
    readonly deviceId: string,
    private readonly options: IndexedDbStoreOptions,
  ) {
    this.now = options.now ?? systemClock;
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : null;
    if (this.channel) this.channel.onmessage = (event: MessageEvent<ChannelMessage>) => this.receive(event.data);
    if (options.requestPersistence === 'open') this.requestPersistence();
  }

  /** The schema version of the open database. */
  get version(): number {
    return this.db.version;
  }

  private receive(message: ChannelMessage): void {
    if (this.closedReason || message?.db !== this.name) return;
    this.listeners.emit({ ...message.change, origin: 'other-tab' });
  }

  private announce(change: PendingChange): void {
    this.listeners.emit({ ...change, origin: 'local' });
    try {
      this.channel?.postMessage({ db: this.name, change } satisfies ChannelMessage);
    } catch (error) {
      // Other tabs miss the notice, but their saves still meet the revision check.
      console.error('Områdeskartan: could not notify other tabs', error);
    }
  }

  /** Runs one operation in one transaction; on any error the transaction is aborted. */
  private async run<T>(mode: 'readonly' | 'readwrite', op: (tx: RecordTx) => Promise<OpResult<T>>): Promise<T> {
    if (this.closedReason) throw new StorageUnavailableError('closed', 'The store is closed');
    let tx: RwTx;
    try {
      tx = this.db.transaction(['walks', 'findings'], mode) as RwTx;
    } catch (error) {
      throw toStorageError(error);
    }
    // Rejects when the transaction aborts; awaited below, caught here so it is never unhandled.
    const done = tx.done.then(
      () => null,
      (error: unknown) => error ?? new DOMException('Transaction aborted', 'AbortError'),
    );
    let result: OpResult<T>;
    try {
      result = await op(recordTx(tx));
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // Already aborted, e.g. by the failed request.
      }
      await done;
      // The transaction's own error (quota at commit) says more than the request's AbortError.
      throw preferred(error, tx.error);
    }
    const failure = await done;
    // Quota is often only known at commit time.
    if (failure) throw toStorageError(preferred(failure, tx.error));
    if (result.change) this.announce(result.change);
    return result.value;
  }

  private requestPersistence(): void {
    if (this.persistRequest) return;
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    this.persistRequest =
      typeof storage?.persist === 'function' ? storage.persist().catch(() => false) : Promise.resolve(false);
  }

  private afterSave(): void {
    if ((this.options.requestPersistence ?? 'first-save') === 'first-save') this.requestPersistence();
  }

  load(): Promise<WalkData> {
    return this.run('readonly', async (tx) => ({ value: await loadOp(tx), change: null }));
  }

  async saveWalk(walk: Walk): Promise<Walk> {
    const saved = await this.run('readwrite', (tx) => saveOp(tx, 'walk', walk, this.now()));
    this.afterSave();
    return saved;
  }

  async saveFinding(finding: Finding): Promise<Finding> {
    const saved = await this.run('readwrite', (tx) => saveOp(tx, 'finding', finding, this.now()));
    this.afterSave();
    return saved;
  }

  deleteWalk(id: string, options: DeleteWalkOptions = {}): Promise<WalkData> {
    return this.run('readwrite', (tx) => deleteWalkOp(tx, id, options, this.now()));
  }

  deleteFinding(id: string, options: DeleteOptions = {}): Promise<WalkData> {
    return this.run('readwrite', (tx) => deleteFindingOp(tx, id, options));
  }

  restore(data: WalkData): Promise<void> {
    return this.run('readwrite', (tx) => restoreOp(tx, data, this.now()));
  }

  async importAll(data: WalkData): Promise<ImportSummary> {
    const summary = await this.run('readwrite', (tx) => importOp(tx, data, this.now()));
    this.afterSave();
    return summary;
  }

  replaceAll(data: WalkData): Promise<void> {
    return this.run('readwrite', (tx) => replaceOp(tx, data));
  }

  removeExamples(): Promise<WalkData> {
    return this.run('readwrite', (tx) => removeExamplesOp(tx, this.now()));
  }

  subscribe(listener: StoreListener): () => void {
    return this.listeners.subscribe(listener);
  }

  async persisted(): Promise<boolean> {
    if (this.persistRequest) return this.persistRequest;
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (typeof storage?.persisted !== 'function') return false;
    return storage.persisted().catch(() => false);
  }

  close(): void {
    if (this.closedReason) return;
    this.closedReason = 'closed';
    this.channel?.close();
    this.db.close();
    this.listeners.clear();
  }

  /**
   * Another tab upgrades the database, or the browser closed it: give it up and tell the
   * subscribers ({ type: 'closed' }). Called by openIndexedDbStore's handlers.
   * @internal
   */
  closeForUpgrade(reason: 'versionchange' | 'terminated'): void {
    if (this.closedReason) return;
    this.closedReason = 'closed';
    this.channel?.close();
    this.db.close();
    this.listeners.emit({ type: 'closed', reason });
    this.listeners.clear();
  }
}

function preferred(error: unknown, txError: DOMException | null): unknown {
  if (error instanceof StorageError) return error;
  if (txError && nameOf(txError) === 'QuotaExceededError') return toStorageError(txError);
  return toStorageError(error);
}
