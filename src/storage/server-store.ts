/**
 * The walk store when the app is served by its server: the records are the council's, kept on
 * the server; this browser keeps a copy in IndexedDB (database `omradeskartan-server`, the same
 * schema as the local store) and an outbox of its own changes.
 *
 * - A save is written at once to the copy and, in the same IndexedDB transaction, to the outbox
 *   (`outbox.ts`). It resolves without waiting for the network: field work never waits.
 * - The outbox is sent in order (PUT/DELETE/POST with `Idempotency-Key` = the entry's id and the
 *   base revision) whenever the server can be reached; a failed send is retried with backoff
 *   using the same key, so nothing is lost and nothing is written twice. After a send the
 *   server's record replaces the copy.
 * - A 409 removes the record's entries, puts the server's version in the copy and announces
 *   `{ type: 'conflict' }` with both versions; the user chooses (see ConflictDialog).
 * - A 401 keeps the outbox and stops sending until `resume()` (after a new login).
 * - Changes of others arrive through `GET /api/changes/stream` (server-sent events) and
 *   `GET /api/changes?since=cursor`, polled when the stream is not open, and on `online` and
 *   focus. A pulled change for a record with a pending entry never overwrites the local edit.
 */

import { openDB, type IDBPDatabase } from 'idb';
import type { PublicFinding } from '../domain/accounts';
import type { Finding, Walk, WalkData } from '../domain/walks/types';
import { ApiError, NetworkError, type ApiClient, type Change } from './api-client';
import { ChangeListeners } from './change-listeners';
import { SCHEMA_VERSION, migrate, type OutboxEntry, type SyncMeta, type WalkDb } from './indexeddb-schema';
import { recordTx, toStorageError, type RwTx } from './indexeddb-store';
import { entriesFor, forgetIfNeverSent, pendingIds, queueData, queueDelete, queuePut } from './outbox';
import {
  deleteWalkOp,
  importOp,
  loadOp,
  removeExamplesOp,
  replaceOp,
  restoreOp,
  saveOp,
  systemClock,
  type Clock,
  type PendingChange,
} from './store-operations';
import {
  ConflictError,
  StorageError,
  StorageUnavailableError,
  type DeleteOptions,
  type DeleteWalkOptions,
  type ImportSummary,
  type StoreChange,
  type StoreListener,
  type WalkStore,
} from './walk-store';

export const SERVER_DB_NAME = 'omradeskartan-server';

/** What the UI shows about the connection and the outbox. */
export interface SyncStatus {
  /** Changes not yet accepted by the server. */
  pending: number;
  /** The records those changes are about (shown as "not yet sent"). */
  pendingWalkIds: string[];
  pendingFindingIds: string[];
  /** The browser says it is online and the last request reached the server. */
  online: boolean;
  /** A 401 stopped sending: the user must log in again (the outbox is kept). */
  needsLogin: boolean;
  /** How changes of others arrive. */
  live: 'stream' | 'polling' | 'off';
  /** The last change the server refused for good (not a conflict), as its message. */
  rejected: string | null;
}

export interface ServerStoreOptions {
  api: ApiClient;
  dbName?: string;
  now?: Clock;
  newId?: () => string;
  /** Start following the server (stream, polling, window events) and send saves at once. Default true. */
  live?: boolean;
  /** Polling interval when the stream is not open, ms (default 3000). */
  pollMs?: number;
  /** First retry delay after a failed send, ms (doubles up to retryMaxMs). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Makes the change stream; null: no stream (poll). Default: EventSource where there is one. */
  eventSource?: ((url: string) => EventSource) | null;
  onStatus?: (status: SyncStatus) => void;
}

const ALL_STORES = ['walks', 'findings', 'outbox', 'meta'] as const;

/** Opens the server store's copy and outbox. Rejects with StorageUnavailableError when IndexedDB cannot be used. */
export async function openServerStore(options: ServerStoreOptions): Promise<ServerStore> {
  const name = options.dbName ?? SERVER_DB_NAME;
  if (typeof indexedDB === 'undefined') throw new StorageUnavailableError('no-indexeddb', 'IndexedDB is not available');
  let store: ServerStore | null = null;
  let db: IDBPDatabase<WalkDb>;
  try {
    db = await openDB<WalkDb>(name, SCHEMA_VERSION, {
      upgrade(database, oldVersion, newVersion, tx) {
        void migrate(database, oldVersion, newVersion ?? SCHEMA_VERSION, tx);
      },
      blocking: () => store?.closeForUpgrade(),
      terminated: () => store?.closeForUpgrade(),
    });
  } catch (error) {
    throw new StorageUnavailableError('open-failed', 'The database could not be opened', { cause: error });
  }
  store = new ServerStore(db, name, options);
  return store;
}

/** A public finding as the app's Finding (read only: the public never saves). */
export function fromPublicFinding(f: PublicFinding): Finding {
  return {
    id: f.id,
    walkId: null,
    position: f.position,
    category: f.category,
    description: f.description,
    photo: f.photo ? { name: f.photo.name, type: f.photo.type, id: f.photo.id, public: true } : null,
    responsible: f.responsible.organisation ? { kind: f.responsible.kind, name: f.responsible.organisation } : { kind: f.responsible.kind },
    priority: 'medel',
    status: f.status,
    history: f.history,
    deadline: null,
    public: true,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    stadsdelId: f.stadsdelId,
    districtId: f.districtId,
    priorityAreaIds: f.priorityAreaIds,
    revision: 0,
  };
}

function asFinding(record: Finding | PublicFinding): Finding {
  return 'revision' in record ? record : fromPublicFinding(record);
}

interface ChannelMessage {
  db: string;
  change: PendingChange | { type: 'outbox' };
}

export class ServerStore implements WalkStore {
  readonly kind = 'server' as const;
  private readonly listeners = new ChangeListeners();
  private readonly now: Clock;
  private readonly newId: () => string;
  private readonly channel: BroadcastChannel | null;
  private closed = false;
  private accountId: string | null = null;
  private status: SyncStatus;
  private flushing: Promise<void> | null = null;
  private flushAgain = false;
  private pulling: Promise<void> | null = null;
  private pullAgain = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryDelay = 0;
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private source: EventSource | null = null;
  private readonly detach: (() => void)[] = [];

  constructor(
    private readonly db: IDBPDatabase<WalkDb>,
    readonly name: string,
    private readonly options: ServerStoreOptions,
  ) {
    this.now = options.now ?? systemClock;
    this.newId = options.newId ?? (() => crypto.randomUUID());
    const online = typeof navigator === 'undefined' || navigator.onLine !== false;
    this.status = { pending: 0, pendingWalkIds: [], pendingFindingIds: [], online, needsLogin: false, live: 'off', rejected: null };
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`${name}-changes`) : null;
    if (this.channel) {
      this.channel.onmessage = (event: MessageEvent<ChannelMessage>) => {
        if (this.closed || event.data?.db !== this.name) return;
        if (event.data.change.type !== 'outbox') this.listeners.emit({ ...event.data.change, origin: 'other-tab' });
        void this.countPending();
      };
    }
    void this.countPending();
  }

  get api(): ApiClient {
    return this.options.api;
  }

  /** The sync state as the UI shows it. */
  syncStatus(): SyncStatus {
    return this.status;
  }

  private setStatus(partial: Partial<SyncStatus>): void {
    const next = { ...this.status, ...partial };
    const same = (a: unknown, b: unknown) => a === b || (Array.isArray(a) && Array.isArray(b) && a.join('\n') === b.join('\n'));
    if ((Object.keys(partial) as (keyof SyncStatus)[]).every((k) => same(this.status[k], next[k]))) return;
    this.status = next;
    this.options.onStatus?.(next);
  }

  private async countPending(): Promise<void> {
    if (this.closed) return;
    try {
      const tx = this.db.transaction('outbox');
      const [count, ids] = await Promise.all([tx.store.count(), pendingIds(tx)]);
      this.setStatus({ pending: count, pendingWalkIds: [...ids.walks].sort(), pendingFindingIds: [...ids.findings].sort() });
    } catch {
      // Closed meanwhile.
    }
  }

  private announce(change: PendingChange | null, origin: 'local' | 'server' = 'local'): void {
    if (change) this.listeners.emit({ ...change, origin });
    try {
      this.channel?.postMessage({ db: this.name, change: change ?? { type: 'outbox' } } satisfies ChannelMessage);
    } catch {
      // Other tabs then learn of it at their next pull.
    }
  }

  /** One IndexedDB transaction over the records, the outbox and meta; aborted on any error. */
  private async tx<T>(work: (tx: RwTx) => Promise<{ value: T; change: PendingChange | null }>, origin: 'local' | 'server' = 'local'): Promise<T> {
    if (this.closed) throw new StorageUnavailableError('closed', 'The store is closed');
    let tx: RwTx;
    try {
      tx = this.db.transaction([...ALL_STORES], 'readwrite') as unknown as RwTx;
    } catch (error) {
      throw toStorageError(error);
    }
    const done = tx.done.then(() => null, (error: unknown) => error ?? new DOMException('Transaction aborted', 'AbortError'));
    let result: { value: T; change: PendingChange | null };
    try {
      result = await work(tx);
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // Already aborted.
      }
      await done;
      throw error instanceof StorageError ? error : toStorageError(error);
    }
    const failure = await done;
    if (failure) throw toStorageError(failure);
    this.announce(result.change, origin);
    void this.countPending();
    return result.value;
  }

  // ---- WalkStore ----

  async load(): Promise<WalkData> {
    if (this.closed) throw new StorageUnavailableError('closed', 'The store is closed');
    const tx = this.db.transaction(['walks', 'findings'], 'readonly') as unknown as RwTx;
    return loadOp(recordTx(tx));
  }

  saveWalk(walk: Walk): Promise<Walk> {
    return this.save('walk', walk);
  }

  saveFinding(finding: Finding): Promise<Finding> {
    return this.save('finding', finding);
  }

  private async save<T extends Walk | Finding>(entity: 'walk' | 'finding', record: T): Promise<T> {
    const saved = await this.tx(async (tx) => {
      const now = this.now();
      // The local revision check (another tab, or a pulled change, came first) and the write.
      const result = await saveOp(recordTx(tx), entity, record as never, now);
      const revision = await queuePut(tx, entity, record as never, this.newId, now);
      const stored = { ...(result.value as T), revision };
      await recordTx(tx).put(entity, stored as never);
      const change: PendingChange = entity === 'walk'
        ? { type: 'changed', walks: [stored as Walk], findings: [], deletedWalkIds: [], deletedFindingIds: [] }
        : { type: 'changed', walks: [], findings: [stored as Finding], deletedWalkIds: [], deletedFindingIds: [] };
      return { value: stored, change };
    });
    this.kick();
    return saved;
  }

  async deleteWalk(id: string, options: DeleteWalkOptions = {}): Promise<WalkData> {
    const before = await this.tx(async (tx) => {
      const result = await deleteWalkOp(recordTx(tx), id, options, this.now());
      const walk = result.value.walks[0];
      if (walk) {
        if (options.withFindings) for (const f of result.value.findings) await forgetIfNeverSent(tx, 'finding', f.id);
        await queueDelete(tx, 'walk', id, walk.revision, this.newId, this.now(), options.withFindings ?? false);
      }
      return result;
    });
    this.kick();
    return before;
  }

  async deleteFinding(id: string, options: DeleteOptions = {}): Promise<WalkData> {
    const before = await this.tx(async (tx) => {
      const rtx = recordTx(tx);
      const finding = await rtx.get('finding', id);
      if (options.revision !== undefined && (finding?.revision ?? 0) !== options.revision) {
        throw new ConflictError('finding', id, finding ?? null, null);
      }
      if (!finding) return { value: { walks: [], findings: [] }, change: null };
      await rtx.delete('finding', id);
      await queueDelete(tx, 'finding', id, finding.revision, this.newId, this.now());
      return {
        value: { walks: [], findings: [finding] },
        change: { type: 'changed', walks: [], findings: [], deletedWalkIds: [], deletedFindingIds: [id] },
      };
    });
    this.kick();
    return before;
  }

  async restore(data: WalkData): Promise<void> {
    await this.tx(async (tx) => {
      const result = await restoreOp(recordTx(tx), data, this.now());
      await queueData(tx, 'restore', data, this.newId, this.now());
      return result;
    });
    this.kick();
  }

  async importAll(data: WalkData): Promise<ImportSummary> {
    const summary = await this.tx(async (tx) => {
      const result = await importOp(recordTx(tx), data, this.now());
      if (result.value.added + result.value.updated > 0) await queueData(tx, 'import', data, this.newId, this.now());
      return result;
    });
    this.kick();
    return summary;
  }

  /** Replaces this browser's copy only (tests, backup); the server is not changed. */
  replaceAll(data: WalkData): Promise<void> {
    return this.tx((tx) => replaceOp(recordTx(tx), data));
  }

  async removeExamples(): Promise<WalkData> {
    const before = await this.tx(async (tx) => {
      const result = await removeExamplesOp(recordTx(tx), this.now());
      const exampleFindings = result.value.findings.filter((f) => f.example === true);
      for (const f of exampleFindings) await queueDelete(tx, 'finding', f.id, f.revision, this.newId, this.now());
      for (const w of result.value.walks) await queueDelete(tx, 'walk', w.id, w.revision, this.newId, this.now(), false);
      return result;
    });
    this.kick();
    return before;
  }

  subscribe(listener: StoreListener): () => void {
    return this.listeners.subscribe(listener);
  }

  async persisted(): Promise<boolean> {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (typeof storage?.persisted !== 'function') return false;
    return storage.persisted().catch(() => false);
  }

  close(): void {
    if (this.closed) return;
    this.stop();
    this.closed = true;
    this.channel?.close();
    this.db.close();
    this.listeners.clear();
  }

  /** @internal Another tab upgrades the database. */
  closeForUpgrade(): void {
    if (this.closed) return;
    this.stop();
    this.closed = true;
    this.channel?.close();
    this.db.close();
    this.listeners.emit({ type: 'closed', reason: 'versionchange' });
    this.listeners.clear();
  }

  // ---- Following the server ----

  /**
   * The account whose view this copy is (null: the public). A different account than the copy's
   * makes the next pull a full load; sending resumes after a 401.
   */
  setAccount(accountId: string | null): void {
    this.accountId = accountId;
    this.setStatus({ needsLogin: false });
    this.restartStream();
  }

  /** Starts following the server: stream or polling, window events. */
  start(): void {
    if (this.options.live === false || this.closed) return;
    const onOnline = () => {
      this.setStatus({ online: true });
      // Back online: send now rather than when the backoff of the offline failures runs out.
      this.retryDelay = 0;
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
      this.kick();
      void this.pull();
    };
    const onOffline = () => this.setStatus({ online: false });
    const onFocus = () => {
      if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
      void this.pull();
      this.kick();
    };
    if (typeof window !== 'undefined') {
      window.addEventListener('online', onOnline);
      window.addEventListener('offline', onOffline);
      window.addEventListener('focus', onFocus);
      document.addEventListener('visibilitychange', onFocus);
      this.detach.push(() => {
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
        window.removeEventListener('focus', onFocus);
        document.removeEventListener('visibilitychange', onFocus);
      });
    }
    this.pollTimer = setInterval(() => {
      if (this.status.live !== 'stream') void this.pull();
      if (this.status.pending > 0 && this.retryTimer === undefined) this.kick();
    }, this.options.pollMs ?? 3000);
    this.restartStream();
    void this.pull();
    this.kick();
  }

  private stop(): void {
    clearInterval(this.pollTimer);
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.source?.close();
    this.source = null;
    for (const d of this.detach.splice(0)) d();
  }

  /** (Re)opens the change stream: the session decides what the stream sends. */
  private restartStream(): void {
    if (this.options.live === false || this.closed || this.pollTimer === undefined) return;
    this.source?.close();
    this.source = null;
    const make = this.options.eventSource === undefined
      ? (typeof EventSource === 'function' ? (url: string) => new EventSource(url, { withCredentials: true }) : null)
      : this.options.eventSource;
    if (!make) {
      this.setStatus({ live: 'polling' });
      return;
    }
    let source: EventSource;
    try {
      source = make(this.api.url('changes/stream'));
    } catch {
      this.setStatus({ live: 'polling' });
      return;
    }
    this.source = source;
    source.addEventListener('change', () => void this.pull());
    source.onopen = () => {
      this.setStatus({ live: 'stream', online: true });
      // What happened while the stream was closed.
      void this.pull();
      if (this.status.pending > 0) this.kick();
    };
    // The browser reconnects by itself; meanwhile (and if it gives up) polling covers.
    source.onerror = () => this.setStatus({ live: 'polling' });
  }

  /** Sends the outbox soon (now unless a retry is waiting). */
  kick(): void {
    if (this.options.live === false || this.closed) return;
    if (this.retryTimer !== undefined) return;
    void this.flush();
  }

  /** Sends every outbox entry in order until it is empty or sending fails; resolves when done. */
  flush(): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true;
      return this.flushing;
    }
    const run = async () => {
      do {
        this.flushAgain = false;
        await this.withOutboxLock(() => this.flushOnce());
      } while (this.flushAgain && !this.closed && this.retryTimer === undefined && !this.status.needsLogin);
    };
    this.flushing = run().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** Only one tab sends at a time (where the browser has Web Locks); the other tabs' saves are in the same outbox. */
  private async withOutboxLock(work: () => Promise<void>): Promise<void> {
    const locks = typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { locks?: LockManager }).locks;
    if (!locks) return work();
    await locks.request(`${this.name}-outbox`, { ifAvailable: true }, async (lock) => {
      if (lock) await work();
    });
  }

  private async flushOnce(): Promise<void> {
    while (!this.closed && !this.status.needsLogin) {
      // Counted before sending, in the transaction that reads it: from now on the key may be
      // spent, so a save made meanwhile gets an entry of its own instead of changing this one.
      const tx = this.db.transaction('outbox', 'readwrite');
      const cursor = await tx.store.openCursor();
      const entry = cursor ? { ...cursor.value, attempts: cursor.value.attempts + 1 } : null;
      if (cursor && entry) await cursor.update(entry);
      await tx.done;
      if (!entry) return;
      let answer: unknown;
      try {
        answer = await this.send(entry);
      } catch (error) {
        if (await this.failed(entry, error)) continue;
        return;
      }
      this.retryDelay = 0;
      this.setStatus({ online: true });
      await this.complete(entry, answer);
    }
  }

  private send(entry: OutboxEntry): Promise<unknown> {
    const api = this.api;
    switch (entry.op) {
      case 'put-walk': return api.putWalk({ ...entry.record, revision: entry.baseRevision }, entry.id);
      case 'put-finding': return api.putFinding({ ...entry.record, revision: entry.baseRevision }, entry.id);
      case 'delete-walk': return api.deleteWalk(entry.recordId, entry.baseRevision, entry.withFindings, entry.id);
      case 'delete-finding': return api.deleteFinding(entry.recordId, entry.baseRevision, entry.id);
      case 'restore': return api.restore(entry.data, entry.id);
      case 'import': return api.importData(entry.data, entry.id);
    }
  }

  /** The server accepted the entry: drop it and, when nothing else is pending for the record, keep the server's version. */
  private async complete(entry: OutboxEntry, answer: unknown): Promise<void> {
    await this.tx(async (tx) => {
      await tx.objectStore('outbox').delete(entry.seq!);
      if ((entry.op === 'put-walk' || entry.op === 'put-finding') && answer && typeof answer === 'object') {
        const rest = await entriesFor(tx, entry.entity, entry.recordId);
        if (rest.length === 0) {
          const local = await recordTx(tx).get(entry.entity, entry.recordId);
          // Deleted locally meanwhile would have left an entry; absent means nothing to replace.
          if (local) {
            await recordTx(tx).put(entry.entity, answer as never);
            return {
              value: undefined,
              change: entry.entity === 'walk'
                ? { type: 'changed', walks: [answer as Walk], findings: [], deletedWalkIds: [], deletedFindingIds: [] }
                : { type: 'changed', walks: [], findings: [answer as Finding], deletedWalkIds: [], deletedFindingIds: [] },
            };
          }
        }
      }
      return { value: undefined, change: null };
    }, 'server');
    if (entry.entity === 'data') void this.pull();
  }

  /** A send failed. Returns true to go on with the next entry, false to stop (retry later). */
  private async failed(entry: OutboxEntry, error: unknown): Promise<boolean> {
    // A 409 about the key itself means the first request with it is still being carried out: wait.
    const keyBusy = error instanceof ApiError && error.code === 'idempotency-in-progress';
    const transient = keyBusy || error instanceof NetworkError
      || (error instanceof ApiError && (error.status >= 500 || error.status === 429 || error.status === 408));
    if (transient) {
      const retryAfterMs = error instanceof ApiError && error.retryAfter ? error.retryAfter * 1000 : 0;
      this.retryDelay = Math.min(this.options.retryMaxMs ?? 60_000, Math.max(retryAfterMs, this.retryDelay ? this.retryDelay * 2 : (this.options.retryBaseMs ?? 1000)));
      if (error instanceof NetworkError) this.setStatus({ online: false });
      await this.note(entry, error.message);
      if (this.options.live !== false && !this.closed) {
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          void this.flush();
        }, this.retryDelay * (0.8 + Math.random() * 0.4));
      }
      return false;
    }
    if (!(error instanceof ApiError)) {
      // A bug or a broken answer: keep the entry, try again later.
      await this.note(entry, error instanceof Error ? error.message : String(error));
      console.error('Områdeskartan: sending a change failed', error);
      return false;
    }
    this.setStatus({ online: true });
    if (error.status === 401) {
      // Logged out or expired: keep everything and ask the user to log in again.
      this.setStatus({ needsLogin: true });
      return false;
    }
    if (error.status === 409 && entry.entity !== 'data') {
      await this.conflict(entry, error.problem.stored as Walk | Finding | null | undefined);
      return true;
    }
    if (error.status === 404 && entry.op.startsWith('delete')) {
      // Already gone on the server: what the delete wanted.
      await this.complete(entry, null);
      return true;
    }
    // Refused for good (not allowed, invalid, too large): drop it, say so, and take the server's view.
    await this.tx(async (tx) => {
      await tx.objectStore('outbox').delete(entry.seq!);
      return { value: undefined, change: null };
    });
    this.setStatus({ rejected: error.message });
    this.options.onStatus?.(this.status);
    await this.resetSyncCursor();
    void this.pull();
    return true;
  }

  private async note(entry: OutboxEntry, message: string): Promise<void> {
    try {
      const tx = this.db.transaction('outbox', 'readwrite');
      const current = await tx.store.get(entry.seq!);
      if (current) await tx.store.put({ ...current, lastError: message });
      await tx.done;
    } catch {
      // The note is only for diagnosis.
    }
  }

  /** 409: the server's version goes into the copy, the record's entries go, and the user is asked. */
  private async conflict(entry: OutboxEntry, stored: Walk | Finding | null | undefined): Promise<void> {
    if (entry.entity === 'data') return;
    const entity = entry.entity;
    const theirs = stored ?? null;
    const mine = await this.tx(async (tx) => {
      const rtx = recordTx(tx);
      const local = (await rtx.get(entity, entry.recordId)) ?? null;
      for (const e of await entriesFor(tx, entity, entry.recordId)) await tx.objectStore('outbox').delete(e.seq!);
      const isWalk = entity === 'walk';
      if (theirs) await rtx.put(entity, theirs as never);
      else if (local) await rtx.delete(entity, entry.recordId);
      const change: PendingChange = {
        type: 'changed',
        walks: theirs && isWalk ? [theirs as Walk] : [],
        findings: theirs && !isWalk ? [theirs as Finding] : [],
        deletedWalkIds: !theirs && local && isWalk ? [entry.recordId] : [],
        deletedFindingIds: !theirs && local && !isWalk ? [entry.recordId] : [],
      };
      return { value: local, change };
    }, 'server');
    const change: StoreChange = { type: 'conflict', error: new ConflictError(entity, entry.recordId, theirs, mine) };
    this.listeners.emit(change);
  }

  private async resetSyncCursor(): Promise<void> {
    await this.db.delete('meta', 'sync').catch(() => undefined);
  }

  /** Pulls what changed on the server since the cursor (everything when there is none). */
  pull(): Promise<void> {
    if (this.pulling) {
      this.pullAgain = true;
      return this.pulling;
    }
    const run = async () => {
      do {
        this.pullAgain = false;
        try {
          await this.pullOnce();
          this.setStatus({ online: true });
        } catch (error) {
          if (error instanceof NetworkError) this.setStatus({ online: false });
          else if (error instanceof ApiError && error.status === 401) this.setStatus({ needsLogin: true });
          else if (!(error instanceof ApiError)) console.error('Områdeskartan: pulling changes failed', error);
          return;
        }
      } while (this.pullAgain && !this.closed);
    };
    this.pulling = run().finally(() => {
      this.pulling = null;
    });
    return this.pulling;
  }

  private async pullOnce(): Promise<void> {
    if (this.closed) return;
    const meta = (await this.db.get('meta', 'sync'))?.value as SyncMeta | undefined;
    const origin = this.api.base;
    if (!meta || meta.cursor === null || meta.accountId !== this.accountId || meta.origin !== origin) {
      await this.fullLoad();
      return;
    }
    let cursor = meta.cursor;
    for (let round = 0; round < 1000; round++) {
      let answer;
      try {
        answer = await this.api.changes(cursor);
      } catch (error) {
        // A cursor the server no longer knows (a new database): start again from everything.
        if (error instanceof ApiError && (error.status === 400 || error.status === 410)) {
          await this.fullLoad();
          return;
        }
        throw error;
      }
      await this.applyChanges(answer.changes, answer.cursor);
      cursor = answer.cursor;
      if (!answer.more) return;
    }
  }

  private async applyChanges(changes: Change[], cursor: SyncMeta['cursor']): Promise<void> {
    await this.tx(async (tx) => {
      const pending = await pendingIds(tx);
      const rtx = recordTx(tx);
      const walks = new Map<string, Walk>();
      const findings = new Map<string, Finding>();
      const deletedWalkIds = new Set<string>();
      const deletedFindingIds = new Set<string>();
      for (const c of changes) {
        if (c.entity === 'walk' ? pending.walks.has(c.id) : pending.findings.has(c.id)) continue;
        if (c.op === 'upsert' && c.record) {
          if (c.entity === 'walk') {
            walks.set(c.id, c.record as Walk);
            deletedWalkIds.delete(c.id);
            await rtx.put('walk', c.record as Walk);
          } else {
            const f = asFinding(c.record as Finding | PublicFinding);
            findings.set(c.id, f);
            deletedFindingIds.delete(c.id);
            await rtx.put('finding', f);
          }
        } else if (c.op === 'remove') {
          if (c.entity === 'walk') {
            walks.delete(c.id);
            deletedWalkIds.add(c.id);
          } else {
            findings.delete(c.id);
            deletedFindingIds.add(c.id);
          }
          await rtx.delete(c.entity, c.id);
        }
      }
      await tx.objectStore('meta').put({ key: 'sync', value: { cursor, accountId: this.accountId, origin: this.api.base } });
      const any = walks.size + findings.size + deletedWalkIds.size + deletedFindingIds.size > 0;
      return {
        value: undefined,
        change: any ? {
          type: 'changed', walks: [...walks.values()], findings: [...findings.values()],
          deletedWalkIds: [...deletedWalkIds], deletedFindingIds: [...deletedFindingIds],
        } : null,
      };
    }, 'server');
  }

  /** Replaces the copy by everything the viewer may see, keeping records with pending changes. */
  private async fullLoad(): Promise<void> {
    const answer = await this.api.records();
    await this.tx(async (tx) => {
      const pending = await pendingIds(tx);
      const rtx = recordTx(tx);
      const [walks, findings] = await Promise.all([rtx.getAll('walk'), rtx.getAll('finding')]);
      const keepWalks = walks.filter((w) => pending.walks.has(w.id));
      const keepFindings = findings.filter((f) => pending.findings.has(f.id));
      await Promise.all([rtx.clear('walk'), rtx.clear('finding')]);
      for (const w of answer.walks) if (!pending.walks.has(w.id)) await rtx.put('walk', w);
      for (const f of answer.findings) if (!pending.findings.has(f.id)) await rtx.put('finding', asFinding(f));
      for (const w of keepWalks) await rtx.put('walk', w);
      for (const f of keepFindings) await rtx.put('finding', f);
      await tx.objectStore('meta').put({ key: 'sync', value: { cursor: answer.cursor, accountId: this.accountId, origin: this.api.base } });
      return { value: undefined, change: { type: 'reset' } };
    }, 'server');
  }

  /** Forgets this browser's copy and outbox (after "log out" with nothing pending, or on request). */
  async forgetAll(): Promise<void> {
    await this.tx(async (tx) => {
      const rtx = recordTx(tx);
      await Promise.all([rtx.clear('walk'), rtx.clear('finding'), tx.objectStore('outbox').clear(), tx.objectStore('meta').delete('sync')]);
      return { value: undefined, change: { type: 'reset' } };
    });
  }

  /** Resolves once the outbox has been tried and the last pull is done (tests). */
  async settled(): Promise<void> {
    await this.flush();
    await this.pull();
  }
}
