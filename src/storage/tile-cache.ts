/**
 * Map tiles saved for use with no connection. The tile responses live in Cache Storage under
 * TILE_CACHE_NAME, where the service worker (scripts/service-worker.js) answers tile requests from
 * them first; a small IndexedDB index (database OFFLINE_DB_NAME) lists the saved areas: which
 * walk, which box and zooms, which tile URLs with their sizes, and when.
 */

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { bytesPerTile, type BBox, type SavedTile, type TileSourceSpec } from '../domain/tile-area';

/** The Cache Storage cache of saved tiles. The service worker uses the same name and never clears it on update. */
export const TILE_CACHE_NAME = 'omradeskartan-tiles';
/** The IndexedDB database of the saved areas' index (apart from the walks' database and its migrations). */
export const OFFLINE_DB_NAME = 'omradeskartan-offline';

/** One saved area of the map. */
export interface SavedArea {
  id: string;
  /** The walk it was saved for. */
  walkId: string;
  /** What the list shows, e.g. "Östermalm · 2026-12-10". */
  name: string;
  bbox: BBox;
  /** Map zooms covered. */
  mapZooms: [number, number];
  /** Every tile URL of the area; `bytes` is null for a tile not saved yet. */
  tiles: SavedTile[];
  /** Every tile is saved. False while a save runs, or after one stopped part-way (kept, and can be continued). */
  complete: boolean;
  /** ISO 8601 date-time the save started (or last continued). */
  savedAt: string;
}

/** The index of saved areas. */
export interface AreaIndexStore {
  all(): Promise<SavedArea[]>;
  put(area: SavedArea): Promise<void>;
  delete(id: string): Promise<void>;
}

interface OfflineDb extends DBSchema {
  areas: { key: string; value: SavedArea };
}

/** The index in IndexedDB. */
export async function openAreaIndex(name = OFFLINE_DB_NAME): Promise<AreaIndexStore> {
  const db: IDBPDatabase<OfflineDb> = await openDB<OfflineDb>(name, 1, {
    upgrade(database) {
      database.createObjectStore('areas', { keyPath: 'id' });
    },
  });
  return {
    all: async () => (await db.getAll('areas')).sort((a, b) => a.savedAt.localeCompare(b.savedAt)),
    put: async (area) => { await db.put('areas', area); },
    delete: async (id) => { await db.delete('areas', id); },
  };
}

/** An index kept in memory (tests, and browsers without IndexedDB). */
export function memoryAreaIndex(): AreaIndexStore {
  const areas = new Map<string, SavedArea>();
  return {
    all: async () => [...areas.values()].map((a) => structuredClone(a)),
    put: async (area) => { areas.set(area.id, structuredClone(area)); },
    delete: async (id) => { areas.delete(id); },
  };
}

/** Where tile responses are kept. */
export interface TileStore {
  /** Size in bytes of the saved copy of `url`, or null when there is none. */
  sizeOf(url: string): Promise<number | null>;
  /** Saves a response under `url` (its body read once); returns its size in bytes. */
  put(url: string, response: Response): Promise<number>;
  delete(url: string): Promise<void>;
}

/** Reads a response's body and makes a copy that can be stored, with its size. */
async function storable(response: Response): Promise<{ copy: Response; bytes: number }> {
  const body = await response.blob();
  // These statuses may carry no body, not even an empty one.
  const nullBody = [204, 205, 304].includes(response.status);
  const copy = new Response(nullBody ? null : body, { status: response.status, statusText: response.statusText, headers: response.headers });
  return { copy, bytes: body.size };
}

/** The tile store in Cache Storage (the one the service worker reads). */
export function cacheTileStore(cacheName = TILE_CACHE_NAME): TileStore {
  const open = () => caches.open(cacheName);
  return {
    async sizeOf(url) {
      const hit = await (await open()).match(url, { ignoreVary: true });
      return hit ? (await hit.blob()).size : null;
    },
    async put(url, response) {
      const { copy, bytes } = await storable(response);
      await (await open()).put(url, copy);
      return bytes;
    },
    async delete(url) {
      await (await open()).delete(url, { ignoreVary: true });
    },
  };
}

/** A tile store in memory (tests). */
export function memoryTileStore(options: { failPutAfter?: number } = {}): TileStore & { urls(): string[] } {
  const saved = new Map<string, number>();
  let puts = 0;
  return {
    sizeOf: async (url) => saved.get(url) ?? null,
    async put(url, response) {
      puts += 1;
      if (options.failPutAfter !== undefined && puts > options.failPutAfter) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      const { bytes } = await storable(response);
      saved.set(url, bytes);
      return bytes;
    },
    delete: async (url) => { saved.delete(url); },
    urls: () => [...saved.keys()].sort(),
  };
}

/** How a run of `saveTiles` ended. */
export type SaveOutcome =
  | { status: 'done' }
  | { status: 'cancelled' }
  /** network: no answer (offline, connection lost); http: the server refused (status in detail); quota: the browser's storage is full; ceiling: the app's ceiling was reached. */
  | { status: 'failed'; failure: 'network' | 'http' | 'quota' | 'ceiling'; detail: string };

/** Thrown inside a worker to stop the run with a reason. */
class StopSave extends Error {
  constructor(readonly outcome: SaveOutcome) {
    super(outcome.status);
  }
}

const isAbort = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';
const isQuota = (e: unknown) => e instanceof DOMException && (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED');

/**
 * Fetches and saves the tiles of `tiles` whose `bytes` is null, `concurrency` at a time, and calls
 * `onTile` with each one's index and size as soon as it is saved (a tile already in the store, from
 * another area, is not fetched again). A tile the server does not have (404, 204, or its HTML page
 * in place of a tile) is saved as a 404: offline, the map then gets "no tile here" as online. Stops at the first failure
 * or when `signal` aborts, after the tiles in flight settle; what was saved stays saved.
 * `limitBytes`: stop with failure 'ceiling' once the new tiles would take more than this.
 */
export async function saveTiles(tiles: readonly SavedTile[], options: {
  store: TileStore;
  signal: AbortSignal;
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  concurrency?: number;
  limitBytes?: number;
  onTile(index: number, bytes: number): void;
}): Promise<SaveOutcome> {
  const doFetch = options.fetch ?? ((url, init) => fetch(url, init));
  const inner = new AbortController();
  const abort = () => inner.abort();
  if (options.signal.aborted) return { status: 'cancelled' };
  options.signal.addEventListener('abort', abort);
  const pending = tiles.map((t, i) => ({ t, i })).filter(({ t }) => t.bytes === null);
  let next = 0;
  let newBytes = 0;
  let stopped: SaveOutcome | null = null;

  const saveOne = async (url: string): Promise<number> => {
    const known = await options.store.sizeOf(url);
    if (known !== null) return known;
    let response: Response;
    try {
      response = await doFetch(url, { signal: inner.signal });
    } catch (e) {
      if (isAbort(e)) throw e;
      throw new StopSave({ status: 'failed', failure: 'network', detail: e instanceof Error ? e.message : String(e) });
    }
    if (!response.ok && response.status !== 404) throw new StopSave({ status: 'failed', failure: 'http', detail: String(response.status) });
    // A static server with a single-page fallback (vite preview, the app's own server) answers a
    // tile it does not have with the app's page: kept as the "no tile here" it means.
    if (response.ok && /text\/html/.test(response.headers.get('Content-Type') ?? '')) {
      response = new Response(null, { status: 404, statusText: 'No tile here' });
    }
    if (options.limitBytes !== undefined) {
      const length = Number(response.headers.get('Content-Length') ?? 0);
      if (newBytes + length > options.limitBytes) throw new StopSave({ status: 'failed', failure: 'ceiling', detail: String(newBytes + length) });
    }
    // Cancelled by the user: nothing more is stored. (Stopped by another tile's failure: a tile
    // already fetched is still kept.)
    if (options.signal.aborted) throw new DOMException('aborted', 'AbortError');
    try {
      const bytes = await options.store.put(url, response);
      newBytes += bytes;
      return bytes;
    } catch (e) {
      if (isAbort(e)) throw e;
      if (isQuota(e)) throw new StopSave({ status: 'failed', failure: 'quota', detail: e instanceof Error ? e.message : String(e) });
      throw new StopSave({ status: 'failed', failure: 'network', detail: e instanceof Error ? e.message : String(e) });
    }
  };

  const worker = async () => {
    while (!stopped && !inner.signal.aborted && next < pending.length) {
      const { t, i } = pending[next]!;
      next += 1;
      try {
        const bytes = await saveOne(t.url);
        options.onTile(i, bytes);
        if (options.limitBytes !== undefined && newBytes > options.limitBytes) {
          stopped ??= { status: 'failed', failure: 'ceiling', detail: String(newBytes) };
          inner.abort();
        }
      } catch (e) {
        if (e instanceof StopSave) {
          stopped ??= e.outcome;
          inner.abort();
        } else if (!isAbort(e)) {
          stopped ??= { status: 'failed', failure: 'network', detail: e instanceof Error ? e.message : String(e) };
          inner.abort();
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, pending.length)) }, worker));
  } finally {
    options.signal.removeEventListener('abort', abort);
  }
  if (options.signal.aborted) return { status: 'cancelled' };
  return stopped ?? { status: 'done' };
}

/** Removes saved tiles (those no other area holds: see `tilesOnlyIn`). */
export async function removeTiles(urls: readonly string[], store: TileStore): Promise<void> {
  for (const url of urls) await store.delete(url);
}

/** The parts of a MapLibre map this module reads (so that it needs no MapLibre import). */
export interface MapSourcesLike {
  getStyle(): { sources?: Record<string, unknown> } | undefined;
  getSource(id: string): unknown;
}

interface SourceFields {
  type?: unknown; tiles?: unknown; url?: unknown; minzoom?: unknown; maxzoom?: unknown;
  tileSize?: unknown; scheme?: unknown; bounds?: unknown; bytes?: unknown; tileCount?: unknown;
}

const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const isBBox = (v: unknown): v is BBox => Array.isArray(v) && v.length === 4 && v.every((n) => typeof n === 'number' && Number.isFinite(n));

/**
 * Absolute http(s) URL templates; a relative one is resolved against `base` (the app's base, as
 * the street tiles' TileJSON is written). The braces are kept as they are, not percent-encoded.
 */
export function absoluteTemplates(templates: unknown, base: string): string[] {
  if (!Array.isArray(templates)) return [];
  return templates.filter((t): t is string => typeof t === 'string').flatMap((t) => {
    const marker = 'TILEZXYMARK';
    const holes: string[] = [];
    const masked = t.replace(/\{[^}]*\}/g, (m) => { holes.push(m); return `${marker}${holes.length - 1}${marker}`; });
    let resolved: URL;
    try {
      resolved = new URL(masked, base);
    } catch {
      return [];
    }
    if (resolved.protocol !== 'https:' && resolved.protocol !== 'http:') return [];
    return [resolved.href.replace(new RegExp(`${marker}(\\d+)${marker}`, 'g'), (_, i: string) => holes[Number(i)]!)];
  });
}

/** A tiled source from a TileJSON document or a style's inline source (fields as the specs name them). */
export function tileSourceSpec(id: string, fields: SourceFields, base: string): TileSourceSpec | null {
  const kind = fields.type === 'raster' ? 'raster' : fields.type === 'vector' ? 'vector' : null;
  if (!kind) return null;
  const templates = absoluteTemplates(fields.tiles, base);
  if (templates.length === 0) return null;
  return {
    id,
    kind,
    templates,
    minzoom: num(fields.minzoom, 0),
    maxzoom: num(fields.maxzoom, 22),
    // MapLibre's default for both kinds; raster sources usually say 256.
    tileSize: num(fields.tileSize, 512),
    scheme: fields.scheme === 'tms' ? 'tms' : 'xyz',
    ...(isBBox(fields.bounds) ? { bounds: fields.bounds } : {}),
    bytesPerTile: bytesPerTile(fields, kind),
  };
}

/**
 * The tiled sources the map currently uses (vector and raster sources with http(s) tile URLs: the
 * street layer, a configured online basemap), plus the app's own street tiles when the map does not
 * show them yet (when it does, their TileJSON still gives the size figures). A source given by a TileJSON URL is read from it (its tiles, zooms, bounds and,
 * when it states them, `bytes` and `tileCount` for the size estimate).
 */
export async function currentTileSources(map: MapSourcesLike | null, options: {
  base: string;
  /** The app's own street tiles' TileJSON (relative to `base`). */
  ownTileJson?: string;
  fetchJson?: (url: string) => Promise<unknown>;
}): Promise<TileSourceSpec[]> {
  const fetchJson = options.fetchJson ?? (async (url: string) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.json() as Promise<unknown>;
  });
  const specs: TileSourceSpec[] = [];
  const readTileJson = async (id: string, url: string, over: SourceFields): Promise<void> => {
    try {
      const json = (await fetchJson(url)) as SourceFields;
      const spec = tileSourceSpec(id, { ...json, ...over, type: over.type ?? json.type ?? 'vector', tiles: over.tiles ?? json.tiles }, options.base);
      if (spec) specs.push(spec);
    } catch {
      // A source that cannot be read now (offline, missing) is left out; the plan says what it covers.
    }
  };
  const sources = map?.getStyle()?.sources ?? {};
  for (const [id, declared] of Object.entries(sources)) {
    const spec = declared as SourceFields;
    if (spec.type !== 'vector' && spec.type !== 'raster') continue;
    // The live source knows the tiles MapLibre actually requests (after its TileJSON loaded).
    const live = (map?.getSource(id) ?? {}) as SourceFields;
    const fields: SourceFields = {
      type: spec.type,
      tiles: Array.isArray(live.tiles) && live.tiles.length > 0 ? live.tiles : spec.tiles,
      minzoom: live.minzoom ?? spec.minzoom, maxzoom: live.maxzoom ?? spec.maxzoom,
      tileSize: live.tileSize ?? spec.tileSize, scheme: live.scheme ?? spec.scheme, bounds: spec.bounds,
    };
    if (typeof spec.url === 'string') {
      await readTileJson(id, new URL(spec.url, options.base).href, Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as SourceFields);
    } else {
      const made = tileSourceSpec(id, fields, options.base);
      if (made) specs.push(made);
    }
  }
  if (options.ownTileJson) {
    const before = specs.length;
    const own: TileSourceSpec[] = [];
    await readTileJson('streets', new URL(options.ownTileJson, options.base).href, {});
    own.push(...specs.splice(before));
    for (const o of own) {
      const shown = specs.find((s) => s.templates.join() === o.templates.join());
      if (!shown) {
        specs.push(o);
      } else {
        // The map's source (inline tiles) has no size figures; its TileJSON has.
        shown.bytesPerTile = o.bytesPerTile;
        if (!shown.bounds && o.bounds) shown.bounds = o.bounds;
      }
    }
  }
  return specs;
}
