/**
 * The street layer's build: OpenStreetMap extracts (.osm XML or .osm.pbf) → features clipped to the
 * city → a z/x/y folder of vector tiles with its tiles.json. Used by `npm run streets` and its tests.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FeatureCollection, Polygon } from 'geojson';
import { dissolve } from '../../src/domain/geometry';
import { CityOutline } from './city-outline';
import { osmToFeatures, wantedRelation, wantedWay, type Building, type StreetLine } from './features';
import { OsmCollector, type BBox } from './osm';
import { readOsmPbf } from './read-osm-pbf';
import { readOsmXml } from './read-osm-xml';
import { MAX_ZOOM, MIN_ZOOM, featureBounds, makeTiles, tileJson, type ZoomStats } from './tiles';

export type OsmFormat = 'xml' | 'pbf';

/** Nodes this far (degrees) beyond the outline's box are read too, so that lines leaving the city are cut at its edge. */
const NODE_MARGIN = 0.01;

/** What kind of OSM file this is, by its first bytes (not its name); a sentence saying why not otherwise. */
export function detectFormat(path: string): OsmFormat | string {
  if (!existsSync(path)) return `${path}: no such file`;
  let stat;
  try {
    stat = statSync(path);
  } catch (e) {
    return `${path}: cannot be read (${(e as Error).message})`;
  }
  if (stat.isDirectory()) return `${path}: is a folder, not an OpenStreetMap extract`;
  const head = Buffer.alloc(64);
  let n = 0;
  try {
    const fd = openSync(path, 'r');
    n = readSync(fd, head, 0, head.length, 0);
    closeSync(fd);
  } catch (e) {
    return `${path}: cannot be read (${(e as Error).message})`;
  }
  if (n === 0) return `${path}: is empty`;
  const bytes = head.subarray(0, n);
  if (bytes.includes(Buffer.from('OSMHeader'))) return 'pbf';
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return `${path}: is gzip-compressed; decompress it first (gunzip)`;
  if (bytes[0] === 0x42 && bytes[1] === 0x5a && bytes[2] === 0x68) return `${path}: is bzip2-compressed; decompress it first (bunzip2)`;
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('<?xml') || text.startsWith('<osm')) return 'xml';
  return `${path}: is neither OpenStreetMap XML (.osm) nor PBF (.osm.pbf)`;
}

/** The city outline: the stadsdel polygons of GEODATA_DIR, dissolved. */
export function loadCityOutline(stadsdelarPath: string): CityOutline {
  const collection = JSON.parse(readFileSync(stadsdelarPath, 'utf8')) as FeatureCollection<Polygon>;
  return new CityOutline(dissolve(collection.features.map((f) => f.geometry)));
}

export interface StreetsResult {
  lines: number;
  buildings: number;
  bounds: BBox;
  zooms: Record<number, ZoomStats & { gzipBytes: number }>;
  tileCount: number;
  bytes: number;
  gzipBytes: number;
  /** Seconds spent reading, making features, and tiling and writing. */
  seconds: { read: number; features: number; tiles: number };
  read: { nodes: number; ways: number; relations: number };
}

/** Reads the extracts, keeps what lies in the city, and returns the features (for the build and its tests). */
export function readStreets(files: string[], outline: CityOutline): { lines: StreetLine[]; buildings: Building[]; collector: OsmCollector; readSeconds: number; featureSeconds: number } {
  const [w, s, e, n] = outline.bbox;
  const collector = new OsmCollector([w - NODE_MARGIN, s - NODE_MARGIN, e + NODE_MARGIN, n + NODE_MARGIN], wantedWay, wantedRelation);
  const t0 = performance.now();
  for (const file of files) {
    const format = detectFormat(file);
    if (format !== 'xml' && format !== 'pbf') throw new Error(format);
    try {
      if (format === 'pbf') readOsmPbf(file, collector);
      else readOsmXml(file, collector);
    } catch (err) {
      throw new Error(`${file}: cannot be read as OpenStreetMap ${format === 'pbf' ? 'PBF' : 'XML'}: ${(err as Error).message}`);
    }
  }
  const t1 = performance.now();
  const lookup = (id: number) => collector.nodes.get(id);
  const all = osmToFeatures(collector.ways, collector.relations.values(), lookup);
  const lines: StreetLine[] = [];
  for (const line of all.lines) {
    for (const coordinates of outline.clipLine(line.geometry.coordinates)) {
      lines.push({ type: 'Feature', properties: line.properties, geometry: { type: 'LineString', coordinates } });
    }
  }
  const buildings = all.buildings.filter((b) => outline.keepsPolygon(b.geometry.coordinates));
  return { lines, buildings, collector, readSeconds: (t1 - t0) / 1000, featureSeconds: (performance.now() - t1) / 1000 };
}

/** Refuses to replace a folder that is not a street layer (so that --out never deletes something else). */
function checkReplaceable(outDir: string): void {
  if (!existsSync(outDir)) return;
  if (!statSync(outDir).isDirectory()) throw new Error(`--out ${outDir}: exists and is not a folder`);
  const entries = readdirSync(outDir);
  if (entries.length > 0 && !entries.includes('tiles.json')) {
    throw new Error(`--out ${outDir}: the folder holds other files (no tiles.json); choose an empty or new folder`);
  }
}

/**
 * Builds the street layer from `files` into `outDir` ({z}/{x}/{y}.pbf and tiles.json). The new
 * layer is written beside it first and then takes the old one's place.
 */
export function buildStreets(files: string[], outDir: string, outline: CityOutline): StreetsResult {
  const target = resolve(outDir);
  checkReplaceable(target);
  const { lines, buildings, collector, readSeconds, featureSeconds } = readStreets(files, outline);
  const bounds = featureBounds(lines, buildings);
  if (!bounds) {
    throw new Error(`nothing to draw: none of the ${collector.counts.ways} ways of ${files.map((f) => basename(f)).join(', ')} ` +
      'is a street, path or building inside the city (is it an extract of Stockholm?)');
  }

  const t2 = performance.now();
  const staging = `${target}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const zooms: StreetsResult['zooms'] = {};
  for (let z = MIN_ZOOM; z <= MAX_ZOOM; z++) zooms[z] = { tileCount: 0, bytes: 0, gzipBytes: 0 };
  const madeDirs = new Set<string>();
  try {
    for (const tile of makeTiles(lines, buildings, bounds)) {
      const dir = join(staging, String(tile.z), String(tile.x));
      if (!madeDirs.has(dir)) {
        mkdirSync(dir, { recursive: true });
        madeDirs.add(dir);
      }
      writeFileSync(join(dir, `${tile.y}.pbf`), tile.bytes);
      const stats = zooms[tile.z]!;
      stats.tileCount += 1;
      stats.bytes += tile.bytes.length;
      if (tile.bytes.length > 0) stats.gzipBytes += gzipSync(tile.bytes).length;
    }
    const json = tileJson({
      bounds,
      zooms: Object.fromEntries(Object.entries(zooms).map(([z, s]) => [z, { tileCount: s.tileCount, bytes: s.bytes }])),
      sources: files.map((f) => basename(f)),
    });
    writeFileSync(join(staging, 'tiles.json'), `${JSON.stringify(json, null, 2)}\n`);
    mkdirSync(dirname(target), { recursive: true });
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  const all = Object.values(zooms);
  return {
    lines: lines.length,
    buildings: buildings.length,
    bounds,
    zooms,
    tileCount: all.reduce((s, z) => s + z.tileCount, 0),
    bytes: all.reduce((s, z) => s + z.bytes, 0),
    gzipBytes: all.reduce((s, z) => s + z.gzipBytes, 0),
    seconds: { read: readSeconds, features: featureSeconds, tiles: (performance.now() - t2) / 1000 },
    read: collector.counts,
  };
}
