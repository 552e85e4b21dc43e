/**
 * The map tiles of an area, for saving it for use with no connection: which tiles cover a
 * bounding box at which zooms, how large they will be, and whether they fit under the ceiling.
 * Web Mercator (the scheme MapLibre and every XYZ tile server use); positions are WGS84
 * [lon, lat] and boxes [west, south, east, north] in degrees. Pure: no map library, no browser.
 */

import type { LonLat } from './walks/types';

/** [west, south, east, north] in degrees (WGS84). */
export type BBox = [number, number, number, number];

/** One tile of the XYZ grid (y counted from the north, as MapLibre does). */
export interface TileCoord { z: number; x: number; y: number }

/** The map zooms an offline area covers: street level from a district view to the closest zoom. */
export const OFFLINE_ZOOMS: readonly [number, number] = [13, 17];

/** Margin around a walk's route and findings, in metres: the streets just beyond them too. */
export const AREA_MARGIN_M = 200;

/** Default ceiling for saved tiles, in bytes (50 MB). */
export const DEFAULT_CEILING_BYTES = 50 * 1024 * 1024;

/** An area larger than this many tiles is refused however small the tiles are (a slip, not a walk). */
export const MAX_AREA_TILES = 10_000;

/**
 * Estimated size of one tile when the source does not say (bytes). A city vector tile at z13–14
 * is tens to a few hundred kB; a 256 px raster street tile some tens of kB.
 */
export const DEFAULT_TILE_BYTES = { vector: 80_000, raster: 30_000 } as const;

// Web Mercator stops here; tiles do not reach the poles.
const MAX_LAT = 85.0511287798066;
const METRES_PER_DEGREE_LAT = 111_320;

/** The tile containing a position at zoom z (clamped to the grid). */
export function tileAt([lon, lat]: LonLat, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const clampedLat = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
  const rad = (clampedLat * Math.PI) / 180;
  const x = Math.floor(((lon + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  const clamp = (v: number) => Math.max(0, Math.min(n - 1, v));
  return { x: clamp(x), y: clamp(y) };
}

/** The west/south/east/north edges of a tile, in degrees. */
export function tileBBox({ z, x, y }: TileCoord): BBox {
  const n = 2 ** z;
  const lon = (i: number) => (i / n) * 360 - 180;
  const lat = (j: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * j) / n))) * 180) / Math.PI;
  return [lon(x), lat(y + 1), lon(x + 1), lat(y)];
}

/** The column and row ranges of the tiles covering a box at zoom z (inclusive). */
function tileRange(bbox: BBox, z: number): { x0: number; x1: number; y0: number; y1: number } {
  // A box whose edge lies exactly on a tile edge does not need the tile beyond it (and rounding
  // must not add it): each edge is looked up a hair (1e-9°, 0.1 mm) inside the box.
  const e = 1e-9;
  const nw = tileAt([bbox[0] + e, bbox[3] - e], z);
  const se = tileAt([bbox[2] - e, bbox[1] + e], z);
  return { x0: nw.x, x1: Math.max(nw.x, se.x), y0: nw.y, y1: Math.max(nw.y, se.y) };
}

/** How many tiles cover a box at zoom z. */
export function tileCountAt(bbox: BBox, z: number): number {
  const r = tileRange(bbox, z);
  return (r.x1 - r.x0 + 1) * (r.y1 - r.y0 + 1);
}

/** Every tile covering a box at zoom z, row by row from the north-west. */
export function tilesCovering(bbox: BBox, z: number): TileCoord[] {
  const r = tileRange(bbox, z);
  const tiles: TileCoord[] = [];
  for (let y = r.y0; y <= r.y1; y += 1) for (let x = r.x0; x <= r.x1; x += 1) tiles.push({ z, x, y });
  return tiles;
}

/** The smallest box holding the points, or null when there are none. */
export function pointsBBox(points: readonly LonLat[]): BBox | null {
  if (points.length === 0) return null;
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of points) {
    w = Math.min(w, lon); e = Math.max(e, lon);
    s = Math.min(s, lat); n = Math.max(n, lat);
  }
  return [w, s, e, n];
}

/** The box grown by `marginM` metres on every side (degrees of longitude shrink with latitude). */
export function bboxWithMargin(bbox: BBox, marginM: number): BBox {
  const dLat = marginM / METRES_PER_DEGREE_LAT;
  const midLat = ((bbox[1] + bbox[3]) / 2) * (Math.PI / 180);
  const dLon = marginM / (METRES_PER_DEGREE_LAT * Math.max(Math.cos(midLat), 0.01));
  return [bbox[0] - dLon, Math.max(-MAX_LAT, bbox[1] - dLat), bbox[2] + dLon, Math.min(MAX_LAT, bbox[3] + dLat)];
}

/** The overlap of two boxes, or null when they do not meet. */
export function intersectBBox(a: BBox, b: BBox): BBox | null {
  const box: BBox = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
  return box[0] <= box[2] && box[1] <= box[3] ? box : null;
}

/** True when `inner` lies wholly inside `outer`. */
export function bboxContains(outer: BBox, inner: BBox): boolean {
  return inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3];
}

/** What an offline area of a walk is drawn around. */
export type AreaBasis = 'route' | 'area';

/**
 * The box to save for a walk: the extent of its route and findings grown by `marginM` metres,
 * or the box of its priority area or stadsdel when it has neither (null when that is unknown too).
 */
export function walkAreaBBox(points: readonly LonLat[], areaBBox: BBox | null, marginM = AREA_MARGIN_M): { bbox: BBox; basis: AreaBasis } | null {
  const extent = pointsBBox(points);
  if (extent) return { bbox: bboxWithMargin(extent, marginM), basis: 'route' };
  return areaBBox ? { bbox: areaBBox, basis: 'area' } : null;
}

/** A tiled source as the map uses it: what an offline save fetches from. */
export interface TileSourceSpec {
  /** The map's source id (or a name for a source the map does not show yet). */
  id: string;
  kind: 'vector' | 'raster';
  /** URL templates with {z}/{x}/{y} (and MapLibre's {ratio}, {quadkey}, {prefix}, {bbox-epsg-3857}), absolute. */
  templates: string[];
  minzoom: number;
  maxzoom: number;
  /** Pixel size of a tile: 512 for vector tiles, usually 256 for raster. */
  tileSize: number;
  scheme: 'xyz' | 'tms';
  /** Where the source has tiles; none are fetched outside it. */
  bounds?: BBox;
  /** Expected bytes per tile (from the source's own figures when it gives them). */
  bytesPerTile: number;
}

/**
 * The tile zooms a source is fetched at while the map shows zooms `mapZooms`: MapLibre loads a
 * 256 px tile one zoom deeper than a 512 px one, and past the source's maxzoom it stretches the
 * maxzoom tiles. Null when the source draws nothing at those zooms.
 */
export function sourceZooms(source: Pick<TileSourceSpec, 'minzoom' | 'maxzoom' | 'tileSize'>, mapZooms: readonly [number, number] = OFFLINE_ZOOMS): [number, number] | null {
  const offset = Math.round(Math.log2(512 / source.tileSize));
  const from = Math.max(mapZooms[0] + offset, source.minzoom);
  const to = Math.min(mapZooms[1] + offset, source.maxzoom);
  return from <= to ? [from, to] : null;
}

const MERCATOR_HALF = 20037508.342789244;

/** A tile's URL from a source's templates, exactly as MapLibre builds it (so that a saved copy is found again). */
export function tileUrl(templates: readonly string[], { z, x, y }: TileCoord, options: { scheme?: 'xyz' | 'tms'; pixelRatio?: number } = {}): string {
  const template = templates[(x + y) % templates.length]!;
  let quadkey = '';
  for (let i = z; i > 0; i -= 1) {
    const mask = 1 << (i - 1);
    quadkey += (x & mask ? 1 : 0) + (y & mask ? 2 : 0);
  }
  const extent = (2 * MERCATOR_HALF) / 2 ** z;
  const fromBottom = 2 ** z - y - 1;
  const bbox3857 = `${-MERCATOR_HALF + x * extent},${-MERCATOR_HALF + fromBottom * extent},${-MERCATOR_HALF + (x + 1) * extent},${-MERCATOR_HALF + (fromBottom + 1) * extent}`;
  return template
    .replace(/{prefix}/g, (x % 16).toString(16) + (y % 16).toString(16))
    .replace(/{z}/g, String(z))
    .replace(/{x}/g, String(x))
    .replace(/{y}/g, String(options.scheme === 'tms' ? 2 ** z - y - 1 : y))
    .replace(/{ratio}/g, (options.pixelRatio ?? 1) > 1 ? '@2x' : '')
    .replace(/{quadkey}/g, quadkey)
    .replace(/{bbox-epsg-3857}/g, bbox3857);
}

/** What one source contributes to an area. */
export interface SourcePlan {
  sourceId: string;
  zooms: [number, number] | null;
  tiles: number;
  estimatedBytes: number;
}

/** The tiles to fetch for an area, and how much that is expected to be. */
export interface AreaPlan {
  bbox: BBox;
  /** Map zooms covered. */
  mapZooms: [number, number];
  /** Distinct tile URLs, every source's tiles in order of zoom. */
  urls: string[];
  perSource: SourcePlan[];
  estimatedBytes: number;
}

/**
 * The tiles covering `bbox` for every source at the zooms the map shows in `mapZooms`, clipped to
 * each source's bounds. A URL that two sources share is fetched (and counted) once.
 */
export function planArea(bbox: BBox, sources: readonly TileSourceSpec[], options: { mapZooms?: [number, number]; pixelRatio?: number } = {}): AreaPlan {
  const mapZooms = options.mapZooms ?? [OFFLINE_ZOOMS[0], OFFLINE_ZOOMS[1]];
  const seen = new Set<string>();
  const urls: string[] = [];
  const perSource: SourcePlan[] = [];
  let estimatedBytes = 0;
  for (const source of sources) {
    const zooms = sourceZooms(source, mapZooms);
    const box = source.bounds ? intersectBBox(bbox, source.bounds) : bbox;
    let tiles = 0;
    if (zooms && box && source.templates.length > 0) {
      for (let z = zooms[0]; z <= zooms[1]; z += 1) {
        for (const tile of tilesCovering(box, z)) {
          const url = tileUrl(source.templates, tile, { scheme: source.scheme, pixelRatio: options.pixelRatio });
          if (seen.has(url)) continue;
          seen.add(url);
          urls.push(url);
          tiles += 1;
        }
      }
    }
    const bytes = tiles * source.bytesPerTile;
    estimatedBytes += bytes;
    perSource.push({ sourceId: source.id, zooms: box ? zooms : null, tiles, estimatedBytes: bytes });
  }
  return { bbox, mapZooms, urls, perSource, estimatedBytes };
}

/**
 * How many tiles `planArea` would list, without listing them (to refuse a huge area before
 * building its list). Counts shared URLs twice, so it is an upper bound.
 */
export function countAreaTiles(bbox: BBox, sources: readonly TileSourceSpec[], mapZooms: [number, number] = [OFFLINE_ZOOMS[0], OFFLINE_ZOOMS[1]]): number {
  let count = 0;
  for (const source of sources) {
    const zooms = sourceZooms(source, mapZooms);
    const box = source.bounds ? intersectBBox(bbox, source.bounds) : bbox;
    if (!zooms || !box) continue;
    for (let z = zooms[0]; z <= zooms[1]; z += 1) count += tileCountAt(box, z);
  }
  return count;
}

/** Bytes per tile from a TileJSON that states its total `bytes` and `tileCount` (else the default for its kind). */
export function bytesPerTile(tileJson: { bytes?: unknown; tileCount?: unknown }, kind: 'vector' | 'raster'): number {
  const { bytes, tileCount } = tileJson;
  if (typeof bytes === 'number' && typeof tileCount === 'number' && bytes > 0 && tileCount > 0) return Math.ceil(bytes / tileCount);
  return DEFAULT_TILE_BYTES[kind];
}

/** A saved tile and its size in bytes (null while it is not saved yet). */
export interface SavedTile { url: string; bytes: number | null }

/** Bytes the saved areas take together; a tile that several areas share is counted once. */
export function usedBytes(areas: readonly { tiles: readonly SavedTile[] }[]): number {
  const sizes = new Map<string, number>();
  for (const area of areas) for (const t of area.tiles) if (t.bytes !== null) sizes.set(t.url, t.bytes);
  let total = 0;
  for (const b of sizes.values()) total += b;
  return total;
}

/** The tiles of `area` that no other area holds: what removing it frees. */
export function tilesOnlyIn<T extends { id: string; tiles: readonly SavedTile[] }>(area: T, all: readonly T[]): string[] {
  const elsewhere = new Set<string>();
  for (const other of all) if (other.id !== area.id) for (const t of other.tiles) elsewhere.add(t.url);
  return area.tiles.map((t) => t.url).filter((u) => !elsewhere.has(u));
}

/** Whether a save may start, and why not. */
export type CeilingCheck =
  | { ok: true }
  | { ok: false; reason: 'ceiling'; usedBytes: number; neededBytes: number; ceilingBytes: number }
  | { ok: false; reason: 'storage'; neededBytes: number; freeBytes: number }
  | { ok: false; reason: 'too-many-tiles'; tiles: number; maxTiles: number }
  | { ok: false; reason: 'nothing'; };

/**
 * May an area of `tiles` tiles and about `neededBytes` bytes be saved next to `usedBytes` already
 * saved? Refused when it would pass the ceiling, when the browser reports less free storage than
 * it needs (`freeBytes`, when known), when it has no tiles, or when it has absurdly many.
 */
export function checkCeiling(input: { tiles: number; neededBytes: number; usedBytes: number; ceilingBytes: number; freeBytes?: number | null; maxTiles?: number }): CeilingCheck {
  const maxTiles = input.maxTiles ?? MAX_AREA_TILES;
  if (input.tiles === 0) return { ok: false, reason: 'nothing' };
  if (input.tiles > maxTiles) return { ok: false, reason: 'too-many-tiles', tiles: input.tiles, maxTiles };
  if (input.usedBytes + input.neededBytes > input.ceilingBytes) {
    return { ok: false, reason: 'ceiling', usedBytes: input.usedBytes, neededBytes: input.neededBytes, ceilingBytes: input.ceilingBytes };
  }
  if (input.freeBytes !== undefined && input.freeBytes !== null && input.neededBytes > input.freeBytes) {
    return { ok: false, reason: 'storage', neededBytes: input.neededBytes, freeBytes: input.freeBytes };
  }
  return { ok: true };
}
