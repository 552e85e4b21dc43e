/**
 * A walk's map saved for use with no connection: the saved areas, the save being planned or run,
 * and the last message about it. Its own small store (like the moderation store): the tiles and
 * the index live in src/storage/tile-cache.ts, the tile arithmetic in src/domain/tile-area.ts.
 *
 * A save runs: plan (the tiles of the walk's area for every tiled source the map uses, an
 * estimate, the ceiling check) → confirm → fetch with progress. Cancelled, it removes what it
 * fetched (tiles another saved area holds stay). Stopped by a lost connection, a server error,
 * full storage or the ceiling, it keeps what was saved as a partial area that can be continued.
 */

import * as turf from '@turf/turf';
import { useStore } from 'zustand';
import { subscribeWithSelector } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import type { AreaIndex } from '../domain/area-index';
import {
  AREA_MARGIN_M, DEFAULT_CEILING_BYTES, MAX_AREA_TILES, OFFLINE_ZOOMS, bboxContains, checkCeiling, countAreaTiles, planArea, tilesOnlyIn,
  usedBytes, walkAreaBBox, type AreaBasis, type BBox, type CeilingCheck,
} from '../domain/tile-area';
import type { Finding, LonLat, Walk } from '../domain/walks/types';
import type { OfflineAreaMessageKey } from '../i18n/offline-area-strings';
import {
  cacheTileStore, currentTileSources, memoryAreaIndex, openAreaIndex, removeTiles, saveTiles,
  type AreaIndexStore, type MapSourcesLike, type SavedArea, type SaveOutcome, type TileStore,
} from '../storage/tile-cache';

/** What a save of a walk's area would fetch, shown before it starts. */
export interface OfflinePlan {
  walkId: string;
  name: string;
  basis: AreaBasis;
  bbox: BBox;
  mapZooms: [number, number];
  urls: string[];
  /** Tiles of `urls` already saved by another area (not fetched again). */
  alreadySaved: number;
  estimatedBytes: number;
  /** Whether it may start; the reason shown when not. */
  check: CeilingCheck;
  usedBytes: number;
  ceilingBytes: number;
  freeBytes: number | null;
}

export type OfflineStep =
  | { kind: 'planning'; walkId: string }
  | { kind: 'confirm'; walkId: string; plan: OfflinePlan }
  | { kind: 'saving'; walkId: string; areaId: string; done: number; total: number; bytes: number };

/** A message about saving: its string and values; sizes are in bytes and formatted by the interface. */
export interface OfflineMessage {
  walkId: string | null;
  key: OfflineAreaMessageKey;
  params: Record<string, string | number>;
  /** Values of `params` that are sizes in bytes. */
  sizes?: string[];
  problem: boolean;
}

export interface OfflineAreasState {
  status: 'idle' | 'loading' | 'ready' | 'unavailable';
  areas: SavedArea[];
  step: OfflineStep | null;
  message: OfflineMessage | null;
  /** The most saved tiles may take, in bytes. */
  ceilingBytes: number;
}

export const offlineAreasStore = createStore<OfflineAreasState>()(subscribeWithSelector((): OfflineAreasState => ({
  status: 'idle', areas: [], step: null, message: null, ceilingBytes: DEFAULT_CEILING_BYTES,
})));

/** React hook over the offline areas store with a selector. */
export function useOfflineAreas<T>(selector: (state: OfflineAreasState) => T): T {
  return useStore(offlineAreasStore, selector);
}

const set = (partial: Partial<OfflineAreasState>) => offlineAreasStore.setState(partial);
const get = () => offlineAreasStore.getState();

let index: AreaIndexStore | null = null;
let tiles: TileStore | null = null;
let running: AbortController | null = null;
let mapSources: MapSourcesLike | null = null;

/** Where the storage comes from: Cache Storage and IndexedDB in the app, fakes in tests. */
export interface OfflineBackends {
  index: AreaIndexStore;
  tiles: TileStore;
}

/** Opens the index and reads the saved areas (once). Without Cache Storage the feature says it is unavailable. */
export async function loadOfflineAreas(backends?: () => Promise<OfflineBackends>): Promise<void> {
  if (get().status !== 'idle') return;
  set({ status: 'loading' });
  try {
    const opened = backends ? await backends() : await defaultBackends();
    index = opened.index;
    tiles = opened.tiles;
    set({ status: 'ready', areas: await index.all() });
  } catch (error) {
    console.warn('offline areas unavailable', error);
    set({ status: 'unavailable' });
  }
}

async function defaultBackends(): Promise<OfflineBackends> {
  if (typeof caches === 'undefined') throw new Error('no Cache Storage (the page is not a secure context)');
  let areaIndex: AreaIndexStore;
  try {
    areaIndex = await openAreaIndex();
  } catch {
    // Without IndexedDB the list lasts for this visit; the tiles stay in Cache Storage.
    areaIndex = memoryAreaIndex();
  }
  return { index: areaIndex, tiles: cacheTileStore() };
}

/** Lets the offline save read the sources of the map (called by the map panel); returns how to undo it. */
export function connectOfflineTileSources(map: MapSourcesLike): () => void {
  mapSources = map;
  return () => {
    if (mapSources === map) mapSources = null;
  };
}

/** The walk's route and its findings' positions. */
export function walkPoints(walk: Walk, findings: readonly Finding[]): LonLat[] {
  return [...(walk.route ?? []), ...findings.filter((f) => f.walkId === walk.id).map((f) => f.position)];
}

/** The box of the walk's priority area or stadsdel (null when the area is unknown). */
export function walkAreaFallback(walk: Walk, areas: AreaIndex): BBox | null {
  const feature = areas.find(walk.area.kind, walk.area.id);
  return feature ? (turf.bbox(feature) as BBox) : null;
}

/** The newest saved area of a walk, if any. */
export function savedAreaOf(areas: readonly SavedArea[], walkId: string): SavedArea | null {
  return areas.filter((a) => a.walkId === walkId).at(-1) ?? null;
}

/** True when the walk's route and findings (with the margin) have moved outside its saved area. */
export function walkOutsideSaved(area: SavedArea, points: readonly LonLat[]): boolean {
  const now = walkAreaBBox(points, null);
  return now !== null && !bboxContains(area.bbox, now.bbox);
}

function message(walkId: string | null, key: OfflineAreaMessageKey, params: Record<string, string | number> = {}, options: { problem?: boolean; sizes?: string[] } = {}): void {
  set({ message: { walkId, key, params, problem: options.problem ?? true, ...(options.sizes ? { sizes: options.sizes } : {}) } });
}

async function freeStorage(): Promise<number | null> {
  try {
    const estimate = await navigator.storage?.estimate?.();
    return estimate?.quota !== undefined && estimate.usage !== undefined ? Math.max(0, estimate.quota - estimate.usage) : null;
  } catch {
    return null;
  }
}

/**
 * Works out what saving the walk's area would fetch and whether it fits; shows it for the user
 * to confirm (or says why it cannot be saved).
 */
export async function planWalkArea(input: { walkId: string; name: string; points: LonLat[]; areaBBox: BBox | null }): Promise<void> {
  const { walkId } = input;
  if (get().step?.kind === 'saving') return;
  set({ step: { kind: 'planning', walkId }, message: null });
  try {
    const area = walkAreaBBox(input.points, input.areaBBox);
    if (!area) {
      set({ step: null });
      message(walkId, 'offlineNothing');
      return;
    }
    const base = new URL(import.meta.env.BASE_URL, document.baseURI).href;
    const sources = await currentTileSources(mapSources, { base, ownTileJson: 'streets/tiles.json' });
    if (sources.length === 0) {
      set({ step: null });
      message(walkId, 'offlineNoSources');
      return;
    }
    const mapZooms: [number, number] = [OFFLINE_ZOOMS[0], OFFLINE_ZOOMS[1]];
    const ceilingBytes = get().ceilingBytes;
    const used = usedBytes(get().areas);
    const freeBytes = await freeStorage();
    const upperBound = countAreaTiles(area.bbox, sources, mapZooms);
    // An absurdly large area is refused by its count, before its list of tiles is built.
    const plan = upperBound > 0 && upperBound <= MAX_AREA_TILES
      ? planArea(area.bbox, sources, { mapZooms, pixelRatio: window.devicePixelRatio })
      : { urls: [] as string[], estimatedBytes: 0 };
    const saved = new Set(get().areas.flatMap((a) => a.tiles.filter((t) => t.bytes !== null).map((t) => t.url)));
    const alreadySaved = plan.urls.filter((u) => saved.has(u)).length;
    const tileCount = plan.urls.length > 0 ? plan.urls.length : upperBound;
    // Tiles already saved for another area take no more room.
    const neededBytes = plan.urls.length > 0 ? Math.round((plan.estimatedBytes * (plan.urls.length - alreadySaved)) / plan.urls.length) : 0;
    const check = checkCeiling({ tiles: tileCount, neededBytes, usedBytes: used, ceilingBytes, freeBytes });
    if (get().step?.kind !== 'planning' || get().step?.walkId !== walkId) return;
    set({
      step: {
        kind: 'confirm', walkId,
        plan: {
          walkId, name: input.name, basis: area.basis, bbox: area.bbox, mapZooms, urls: plan.urls, alreadySaved,
          estimatedBytes: neededBytes, check, usedBytes: used, ceilingBytes, freeBytes,
        },
      },
    });
  } catch (error) {
    set({ step: null });
    message(walkId, 'offlineError', { reason: error instanceof Error ? error.message : String(error) });
  }
}

/** Closes the plan without saving. */
export function dismissPlan(): void {
  if (get().step?.kind === 'confirm') set({ step: null });
}

/** Hides the last message. */
export function dismissOfflineMessage(): void {
  set({ message: null });
}

/** Starts saving the confirmed plan. */
export async function startSave(): Promise<void> {
  const step = get().step;
  if (step?.kind !== 'confirm' || !step.plan.check.ok || !index || !tiles) return;
  const { plan } = step;
  if (!navigator.onLine) {
    message(plan.walkId, 'offlineOffline');
    return;
  }
  const area: SavedArea = {
    id: crypto.randomUUID(), walkId: plan.walkId, name: plan.name, bbox: plan.bbox, mapZooms: plan.mapZooms,
    tiles: plan.urls.map((url) => ({ url, bytes: null })), complete: false, savedAt: new Date().toISOString(),
  };
  try {
    await index.put(area);
  } catch (error) {
    message(plan.walkId, 'offlineError', { reason: error instanceof Error ? error.message : String(error) });
    return;
  }
  set({ areas: [...get().areas, area] });
  await run(area, 'new');
}

/** Continues a partial area: fetches the tiles it still lacks. */
export async function continueSave(areaId: string): Promise<void> {
  const area = get().areas.find((a) => a.id === areaId);
  if (!area || get().step?.kind === 'saving') return;
  set({ message: null });
  if (!navigator.onLine) {
    message(area.walkId, 'offlineOffline');
    return;
  }
  await run(area, 'continue');
}

/** Stops the save that is running (what happens to its tiles: see the module comment). */
export function cancelSave(): void {
  running?.abort();
}

function replaceArea(area: SavedArea): void {
  set({ areas: get().areas.map((a) => (a.id === area.id ? area : a)) });
}

async function run(area: SavedArea, mode: 'new' | 'continue'): Promise<void> {
  if (!index || !tiles) return;
  const areaIndex = index;
  const tileStore = tiles;
  const controller = new AbortController();
  running = controller;
  const current = area.tiles.map((t) => ({ ...t }));
  const total = current.length;
  let done = current.filter((t) => t.bytes !== null).length;
  let bytes = current.reduce((sum, t) => sum + (t.bytes ?? 0), 0);
  set({ step: { kind: 'saving', walkId: area.walkId, areaId: area.id, done, total, bytes }, message: null });
  // The index is written every so many tiles, so that a page closed mid-way still knows what it saved.
  let writes = Promise.resolve();
  const flush = (snapshot: SavedArea) => { writes = writes.then(() => areaIndex.put(snapshot)).catch(() => undefined); };
  const others = get().areas.filter((a) => a.id !== area.id);
  const limitBytes = Math.max(0, get().ceilingBytes - usedBytes([...others, { tiles: current }]));
  let outcome: SaveOutcome;
  try {
    outcome = await saveTiles(current, {
      store: tileStore,
      signal: controller.signal,
      limitBytes,
      onTile(i, size) {
        current[i]!.bytes = size;
        done += 1;
        bytes += size;
        set({ step: { kind: 'saving', walkId: area.walkId, areaId: area.id, done, total, bytes } });
        if (done % 25 === 0) flush({ ...area, tiles: current.map((t) => ({ ...t })) });
      },
    });
  } catch (error) {
    outcome = { status: 'failed', failure: 'network', detail: error instanceof Error ? error.message : String(error) };
  }
  running = null;
  await writes;
  const complete = current.every((t) => t.bytes !== null);
  const updated: SavedArea = { ...area, tiles: current, complete, savedAt: complete ? new Date().toISOString() : area.savedAt };
  const counts = { done: current.filter((t) => t.bytes !== null).length, total, size: bytes };

  if (outcome.status === 'cancelled' && mode === 'new') {
    await removeArea(updated.id, { quiet: true });
    set({ step: null });
    message(area.walkId, 'offlineCancelled', {}, { problem: false });
    return;
  }
  await areaIndex.put(updated).catch(() => undefined);
  replaceArea(updated);
  set({ step: null });
  if (outcome.status === 'done' || complete) {
    // A new save of the same walk replaces its older one.
    if (mode === 'new') for (const old of get().areas.filter((a) => a.walkId === area.walkId && a.id !== area.id)) await removeArea(old.id, { quiet: true });
    message(area.walkId, 'offlineDone', { tiles: total, size: bytes }, { problem: false, sizes: ['size'] });
  } else if (outcome.status === 'cancelled') {
    message(area.walkId, 'offlineCancelledContinue', counts, { problem: false, sizes: ['size'] });
  } else {
    const key = ({ network: 'offlineNetwork', http: 'offlineHttp', quota: 'offlineQuota', ceiling: 'offlineCeilingHit' } as const)[outcome.failure];
    message(area.walkId, key, { ...counts, detail: outcome.detail, ceiling: get().ceilingBytes }, { sizes: ['size', 'ceiling'] });
  }
}

/**
 * Removes a saved area: its tiles that no other saved area holds, then its entry. `quiet`: no
 * message (a cancelled save, or an older save of the same walk being replaced).
 */
export async function removeArea(areaId: string, options: { quiet?: boolean } = {}): Promise<void> {
  const { areas } = get();
  const area = areas.find((a) => a.id === areaId);
  if (!area || !index || !tiles) return;
  const step = get().step;
  if (step?.kind === 'saving' && step.areaId === areaId && !options.quiet) {
    cancelSave();
    return;
  }
  try {
    await removeTiles(tilesOnlyIn(area, areas), tiles);
    await index.delete(area.id);
  } catch (error) {
    message(area.walkId, 'offlineError', { reason: error instanceof Error ? error.message : String(error) });
    return;
  }
  set({ areas: get().areas.filter((a) => a.id !== areaId) });
  if (!options.quiet) message(area.walkId, 'offlineRemoved', { name: area.name }, { problem: false });
}

/** The margin used around a walk's route and findings (metres), for the interface's text. */
export const OFFLINE_MARGIN_M = AREA_MARGIN_M;

// A handle for the browser tests: a tiny ceiling shows the "full" message without saving 50 MB.
if (typeof window !== 'undefined') {
  const handle = window as unknown as { omradeskartan?: Record<string, unknown> };
  handle.omradeskartan = {
    ...handle.omradeskartan,
    offlineAreas: { setCeiling: (bytes: number) => set({ ceilingBytes: bytes }), store: offlineAreasStore },
  };
}
