/**
 * The storage contract for walks and findings. The browser keeps them in IndexedDB
 * (`indexeddb-store.ts`), tests and browsers without IndexedDB in memory (`memory-store.ts`);
 * a server store (PostgreSQL/PostGIS behind an API) can implement the same interface later.
 *
 * Who sets what:
 * - The caller owns every field of a record except `revision` and `updatedAt`.
 * - The store owns `revision` and `updatedAt`: every save stores `revision + 1` and the store's
 *   current time, and resolves with the record as stored. Use that record from then on.
 * - `revision` is the caller's claim "I edited the version with this revision": 0 for a new
 *   record. When the stored revision differs (another tab saved or deleted it in between), the
 *   save is rejected with {@link ConflictError} and nothing is written.
 */

import type { Finding, Walk, WalkData } from '../domain/walks/types';

/** Where a change was made: in this store instance, or in another tab on the same database. */
export type ChangeOrigin = 'local' | 'other-tab' | 'server';

/**
 * What subscribers hear. `changed` carries the records as now stored (with their new revisions)
 * and the ids of removed ones; `reset` means many records changed at once (import, replace):
 * call {@link WalkStore.load} again; `closed` means this store can no longer be used (another
 * tab opened a newer version of the app, or the browser closed the database): tell the user to
 * reload the page.
 */
export type StoreChange =
  | {
      type: 'changed';
      origin: ChangeOrigin;
      walks: Walk[];
      findings: Finding[];
      deletedWalkIds: string[];
      deletedFindingIds: string[];
    }
  | { type: 'reset'; origin: ChangeOrigin }
  | { type: 'closed'; reason: 'versionchange' | 'terminated' }
  /**
   * The server refused a change sent from the outbox because the record was changed (or deleted)
   * there first. The local copy now holds the server's version; `error` carries both versions
   * so that the user can choose (server store only).
   */
  | { type: 'conflict'; error: ConflictError };

export type StoreListener = (change: StoreChange) => void;

/** What {@link WalkStore.importAll} did, counted per record. */
export interface ImportSummary {
  /** Records whose id was not stored before. */
  added: number;
  /** Stored records whose content the import replaced. */
  updated: number;
  /** Stored records equal to the imported ones except for revision and updatedAt: untouched. */
  unchanged: number;
  /**
   * Stored records that differ from the file's copy but are newer (higher revision, or the same
   * revision saved later): kept, so that importing an old export never undoes newer edits.
   */
  kept: number;
}

export interface DeleteOptions {
  /**
   * The revision the user saw. When given and the stored revision differs, the delete is
   * rejected with {@link ConflictError} (someone changed the record after the user looked).
   */
  revision?: number;
}

export interface DeleteWalkOptions extends DeleteOptions {
  /**
   * true: delete the walk's findings too. false (default): keep them as findings outside a walk
   * (`walkId: null`; each gets a new revision).
   */
  withFindings?: boolean;
}

export interface WalkStore {
  /**
   * 'memory' keeps nothing after the page is closed: the UI must say so. 'server': the records
   * are the council's, kept on the server, with IndexedDB as this browser's copy and outbox.
   */
  readonly kind: 'indexeddb' | 'memory' | 'server';

  /** Every stored record, the user's and example ones (`example: true`), in one consistent read. */
  load(): Promise<WalkData>;

  /**
   * Stores a walk whose `revision` is the revision the caller edited (0 for a new walk).
   * Resolves with the stored record (`revision + 1`, `updatedAt` now).
   * Rejects with ConflictError when the stored revision differs, QuotaExceededError when storage
   * is full (nothing stored changes), InvalidRecordError when the record cannot be stored.
   */
  saveWalk(walk: Walk): Promise<Walk>;

  /** As {@link WalkStore.saveWalk}, for a finding. */
  saveFinding(finding: Finding): Promise<Finding>;

  /**
   * Deletes a walk (and, with `withFindings`, its findings; otherwise they are detached).
   * Resolves with the records as they were before the delete: pass them to
   * {@link WalkStore.restore} to undo. Deleting an id that is not stored resolves with nothing.
   */
  deleteWalk(id: string, options?: DeleteWalkOptions): Promise<WalkData>;

  /** Deletes a finding; resolves with it as it was (for undo), or with nothing if not stored. */
  deleteFinding(id: string, options?: DeleteOptions): Promise<WalkData>;

  /**
   * Undo of a delete or removeExamples: give it what they resolved with. In one transaction, a
   * record whose id is not stored is put back exactly as given (same revision and updatedAt); a
   * record still stored (a finding the delete detached) gets the given content back as its
   * next revision, so that revisions never decrease. If someone changed such a record again
   * after the delete, the whole restore is rejected with ConflictError and nothing is written.
   */
  restore(data: WalkData): Promise<void>;

  /**
   * Imports records in one transaction: all of them or, on any error, none. Records are matched
   * by id, so importing the same data twice does not duplicate: a new id is stored exactly as
   * given; a stored record with the same content (ignoring revision and updatedAt) is left as it
   * is; a stored record with different content is replaced by the imported content with the
   * next revision. Validate the file (domain/io) before calling this.
   */
  importAll(data: WalkData): Promise<ImportSummary>;

  /** Replaces everything stored with exactly `data`, in one transaction (backup restore, tests). */
  replaceAll(data: WalkData): Promise<void>;

  /**
   * Deletes every record with `example: true`. The user's own findings on an example walk are
   * kept and detached. Resolves with the records as they were (for undo via restore).
   */
  removeExamples(): Promise<WalkData>;

  /**
   * Calls `listener` after every change made through this store (origin 'local') and by other
   * store instances on the same data, e.g. other tabs (origin 'other-tab'). Returns unsubscribe.
   */
  subscribe(listener: StoreListener): () => void;

  /**
   * Whether the browser has promised not to evict the data under storage pressure
   * (`navigator.storage.persist()`); false for the memory store.
   */
  persisted(): Promise<boolean>;

  /** Closes the store; later calls reject with StorageUnavailableError ('closed'). */
  close(): void;
}

/** Every error a store rejects with has one of these kinds. */
export type StorageErrorKind = 'unavailable' | 'quota' | 'conflict' | 'version' | 'invalid';

/** Base class of the store's errors; switch on `kind`. */
export abstract class StorageError extends Error {
  abstract readonly kind: StorageErrorKind;
}

export type UnavailableReason =
  /** The browser has no IndexedDB (or forbids it here, e.g. some private modes or sandboxes). */
  | 'no-indexeddb'
  /** Opening the database failed (private mode, disk error, corrupted profile). */
  | 'open-failed'
  /** Another tab with an older version of the app keeps the database open and will not close. */
  | 'blocked'
  /** The store was closed: by close(), or because another tab upgraded the database. */
  | 'closed';

/** Storage cannot be used: the UI must warn that nothing will be kept. */
export class StorageUnavailableError extends StorageError {
  readonly kind = 'unavailable' as const;
  constructor(
    readonly reason: UnavailableReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageUnavailableError';
  }
}

/** Storage is full: the write that failed changed nothing, everything saved before is kept. */
export class QuotaExceededError extends StorageError {
  readonly kind = 'quota' as const;
  constructor(message = 'Storage is full', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'QuotaExceededError';
  }
}

export type ConflictEntity = 'walk' | 'finding';

/**
 * Someone else (another tab) saved or deleted the record after the caller read it. Nothing was
 * written. `stored` is the record as stored now (null when it was deleted), `attempted` the
 * record the caller tried to write (null for a delete), so the UI can show both and let the user
 * choose: keep theirs (`stored`), or keep mine (save `attempted` again with `stored.revision`).
 */
export class ConflictError<T extends Walk | Finding = Walk | Finding> extends StorageError {
  readonly kind = 'conflict' as const;
  constructor(
    readonly entity: ConflictEntity,
    readonly id: string,
    readonly stored: T | null,
    readonly attempted: T | null,
  ) {
    super(
      stored === null
        ? `The ${entity} ${id} was deleted elsewhere`
        : `The ${entity} ${id} was changed elsewhere (revision ${stored.revision})`,
    );
    this.name = 'ConflictError';
  }
}

/** The database was written by a newer version of the app: this page must be reloaded. */
export class VersionError extends StorageError {
  readonly kind = 'version' as const;
  constructor(
    readonly appVersion: number,
    message = 'The stored data is from a newer version of the app',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'VersionError';
  }
}

/** A record cannot be stored (no id, or a value that cannot be cloned); nothing was written. */
export class InvalidRecordError extends StorageError {
  readonly kind = 'invalid' as const;
  constructor(
    readonly entity: ConflictEntity | null,
    /** Position of the record in the list passed in, when known. */
    readonly index: number | null,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'InvalidRecordError';
  }
}

/** True for any error a store rejects with on purpose (also across bundles, by `kind`). */
export function isStorageError(error: unknown): error is StorageError {
  if (error instanceof StorageError) return true;
  const kind = (error as { kind?: unknown } | null)?.kind;
  return (
    error instanceof Error &&
    (kind === 'unavailable' || kind === 'quota' || kind === 'conflict' || kind === 'version' || kind === 'invalid')
  );
}
