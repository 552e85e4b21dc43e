/**
 * Street features → Mapbox Vector Tiles (z12–z14; MapLibre overzooms them to z18) and the
 * TileJSON that describes them. Cut with @maplibre/geojson-vt, encoded with @maplibre/vt-pbf:
 * the same libraries MapLibre uses for GeoJSON sources.
 */
import { GeoJSONVT, type GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Position } from 'geojson';
import type { Building, StreetClass, StreetLine } from './features';
import type { BBox } from './osm';

export const MIN_ZOOM = 12;
export const MAX_ZOOM = 14;
export const EXTENT = 4096;
export const ATTRIBUTION = '<a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">© OpenStreetMap contributors (ODbL)</a>';

/** The classes drawn at z12 (a district's overview): streets only, no paths, service roads or buildings. */
const OVERVIEW_CLASSES = new Set<StreetClass>(['major', 'minor']);
/** Buildings are in the z14 tiles only (shown from z14 up, overzoomed). */
export const BUILDING_MIN_ZOOM = 14;

export interface Tile {
  z: number;
  x: number;
  y: number;
  /** Uncompressed MVT; empty (no layers) where the area has nothing to draw. */
  bytes: Uint8Array;
}

/** Tile column and row that contain a point. */
export function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return [Math.min(n - 1, Math.max(0, x)), Math.min(n - 1, Math.max(0, y))];
}

/** The bounding box of the features, or null when there are none. */
export function featureBounds(lines: StreetLine[], buildings: Building[]): BBox | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const add = (p: Position) => {
    w = Math.min(w, p[0]!);
    e = Math.max(e, p[0]!);
    s = Math.min(s, p[1]!);
    n = Math.max(n, p[1]!);
  };
  for (const l of lines) l.geometry.coordinates.forEach(add);
  for (const b of buildings) b.geometry.coordinates[0]!.forEach(add);
  return w === Infinity ? null : [w, s, e, n];
}

const index = (features: (StreetLine | Building)[]) =>
  new GeoJSONVT({ type: 'FeatureCollection', features }, { maxZoom: MAX_ZOOM, indexMaxZoom: 5, extent: EXTENT, buffer: 64, tolerance: 3 });

const nonEmpty = (tile: GeoJSONVTTile | null): tile is GeoJSONVTTile => tile !== null && tile.features.length > 0;

/**
 * Every tile from MIN_ZOOM to MAX_ZOOM over `bounds` (one for each z/x/y, so that a map or an
 * offline download never meets a missing tile inside the bounds; those with nothing are empty).
 */
export function* makeTiles(lines: StreetLine[], buildings: Building[], bounds: BBox): Generator<Tile> {
  const overview = index(lines.filter((l) => OVERVIEW_CLASSES.has(l.properties.class)));
  const streets = index(lines);
  const houses = index(buildings);
  for (let z = MIN_ZOOM; z <= MAX_ZOOM; z++) {
    const [x0, y0] = tileOf(bounds[0], bounds[3], z);
    const [x1, y1] = tileOf(bounds[2], bounds[1], z);
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const layers: Record<string, GeoJSONVTTile> = {};
        const transportation = (z === MIN_ZOOM ? overview : streets).getTile(z, x, y);
        if (nonEmpty(transportation)) layers.transportation = transportation;
        if (z >= BUILDING_MIN_ZOOM) {
          const building = houses.getTile(z, x, y);
          if (nonEmpty(building)) layers.building = building;
        }
        const bytes = Object.keys(layers).length > 0 ? fromGeojsonVt(layers, { version: 2, extent: EXTENT }) : new Uint8Array(0);
        yield { z, x, y, bytes };
      }
    }
  }
}

export interface ZoomStats {
  tileCount: number;
  bytes: number;
}

/** TileJSON 3.0.0 of the tiles, with their count and bytes so that the app can estimate a download. */
export function tileJson(options: {
  bounds: BBox;
  zooms: Record<number, ZoomStats>;
  sources: string[];
}): Record<string, unknown> {
  const [w, s, e, n] = options.bounds.map((v) => Math.round(v * 1e6) / 1e6) as BBox;
  const stats = Object.values(options.zooms);
  const fields = { class: 'major, minor, service, pedestrian, footway, cycleway or steps', name: 'String (the street\'s name, where it has one)' };
  return {
    tilejson: '3.0.0',
    name: 'Områdeskartan streets',
    description: 'Streets, footpaths, cycle paths, steps, buildings and street names of Stockholm from OpenStreetMap, ' +
      'clipped to the city (the stadsdel polygons). A layer of its own (ODbL), apart from the CC0 city data.',
    version: '1.0.0',
    attribution: ATTRIBUTION,
    scheme: 'xyz',
    format: 'pbf',
    tiles: ['streets/{z}/{x}/{y}.pbf'],
    minzoom: MIN_ZOOM,
    maxzoom: MAX_ZOOM,
    bounds: [w, s, e, n],
    center: [Math.round(((w + e) / 2) * 1e6) / 1e6, Math.round(((s + n) / 2) * 1e6) / 1e6, MAX_ZOOM],
    vector_layers: [
      { id: 'transportation', description: 'LineString. Classes major and minor from z12, all from z13.', minzoom: MIN_ZOOM, maxzoom: MAX_ZOOM, fields },
      { id: 'building', description: 'Polygon, no properties.', minzoom: BUILDING_MIN_ZOOM, maxzoom: MAX_ZOOM, fields: {} },
    ],
    tileCount: stats.reduce((sum, z) => sum + z.tileCount, 0),
    bytes: stats.reduce((sum, z) => sum + z.bytes, 0),
    zooms: options.zooms,
    sources: options.sources,
  };
}
