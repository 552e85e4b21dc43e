/**
 * The street layer built from the three OpenStreetMap samples of the shared folder (read at run
 * time; nothing made from them is kept), decoded again as MapLibre decodes it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import type { Position } from 'geojson';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, geodataPath } from '../geodata';
import { buildStreets, detectFormat, loadCityOutline, type StreetsResult } from './build';
import type { CityOutline } from './city-outline';
import { tileOf } from './tiles';

const samples = geodataPath('osmSamples');
const sampleFiles = ['ostermalm.osm', 'fruangen.osm', 'sodermalm.osm.pbf'].map((f) => join(samples, f));
const tmp = mkdtempSync(join(tmpdir(), 'omr-streets-'));
const out = join(tmp, 'streets');
let outline: CityOutline;
let result: StreetsResult;

beforeAll(() => {
  outline = loadCityOutline(geodataPath('stadsdelar'));
  result = buildStreets(sampleFiles, out, outline);
}, 60_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Decoded {
  layer: string;
  type: number;
  properties: Record<string, unknown>;
  coordinates: Position[];
}

function decode(z: number, x: number, y: number): Decoded[] {
  const bytes = readFileSync(join(out, String(z), String(x), `${y}.pbf`));
  const tile = new VectorTile(new PbfReader(bytes));
  const features: Decoded[] = [];
  for (const [name, layer] of Object.entries(tile.layers)) {
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i);
      const geojson = f.toGeoJSON(x, y, z);
      const g = geojson.geometry;
      const coordinates = g.type === 'LineString' ? g.coordinates
        : g.type === 'MultiLineString' || g.type === 'Polygon' ? g.coordinates.flat()
          : g.type === 'MultiPolygon' ? g.coordinates.flat(2) : [];
      features.push({ layer: name, type: f.type, properties: f.properties, coordinates });
    }
  }
  return features;
}

function allTiles(): [number, number, number][] {
  const tiles: [number, number, number][] = [];
  for (const z of readdirSync(out).filter((d) => /^\d+$/.test(d))) {
    for (const x of readdirSync(join(out, z))) {
      for (const y of readdirSync(join(out, z, x))) tiles.push([Number(z), Number(x), Number(y.replace('.pbf', ''))]);
    }
  }
  return tiles;
}

// A point in the Östermalm sample, by Stureplan.
const STUREPLAN: [number, number] = [18.0735, 59.3365];

describe('the street layer built from the samples', () => {
  it('writes tiles.json (TileJSON 3.0.0) with the contract the app and the offline download rely on', () => {
    const json = JSON.parse(readFileSync(join(out, 'tiles.json'), 'utf8'));
    expect(json.tilejson).toBe('3.0.0');
    expect(json.tiles).toEqual(['streets/{z}/{x}/{y}.pbf']);
    expect([json.minzoom, json.maxzoom]).toEqual([12, 14]);
    expect(json.attribution).toContain('© OpenStreetMap contributors (ODbL)');
    expect(json.attribution).toContain('https://www.openstreetmap.org/copyright');
    expect(json.vector_layers.map((l: { id: string }) => l.id)).toEqual(['transportation', 'building']);
    const [w, s, e, n] = json.bounds as number[];
    expect(w).toBeLessThan(STUREPLAN[0]);
    expect(e).toBeGreaterThan(STUREPLAN[0]);
    expect(s).toBeLessThan(STUREPLAN[1]);
    expect(n).toBeGreaterThan(STUREPLAN[1]);
    // Fruängen (south-west) and Östermalm (north-east) are both inside.
    expect(w).toBeLessThan(17.97);
    expect(n).toBeGreaterThan(59.34);
    const tiles = allTiles();
    expect(json.tileCount).toBe(tiles.length);
    expect(json.bytes).toBe(tiles.reduce((sum, [z, x, y]) => sum + statSync(join(out, String(z), String(x), `${y}.pbf`)).size, 0));
    expect(json.tileCount).toBe(result.tileCount);
    expect(Object.keys(json.zooms)).toEqual(['12', '13', '14']);
  });

  it('has a tile with streets at z12, z13 and z14 over Östermalm', () => {
    for (const z of [12, 13, 14]) {
      const [x, y] = tileOf(STUREPLAN[0], STUREPLAN[1], z);
      expect(existsSync(join(out, String(z), String(x), `${y}.pbf`)), `z${z}`).toBe(true);
      const transportation = decode(z, x, y).filter((f) => f.layer === 'transportation');
      expect(transportation.length, `z${z}`).toBeGreaterThan(z === 12 ? 10 : 100);
      expect(transportation.every((f) => f.type === 2)).toBe(true);
    }
  });

  it('has footways, steps and named streets of Östermalm at z14, and buildings as polygons', () => {
    const [x, y] = tileOf(STUREPLAN[0], STUREPLAN[1], 14);
    const features = decode(14, x, y);
    const streets = features.filter((f) => f.layer === 'transportation');
    const classes = new Set(streets.map((f) => f.properties.class));
    for (const c of ['footway', 'steps', 'minor', 'major', 'pedestrian']) expect(classes, c).toContain(c);
    const names = new Set(streets.map((f) => f.properties.name));
    for (const name of ['Birger Jarlsgatan', 'Sturegatan', 'Karlavägen', 'Engelbrektsgatan']) expect(names, name).toContain(name);
    const buildings = features.filter((f) => f.layer === 'building');
    expect(buildings.length).toBeGreaterThan(50);
    expect(buildings.every((f) => f.type === 3)).toBe(true);
    expect(buildings.every((f) => Object.keys(f.properties).length === 0)).toBe(true);
  });

  it('keeps z12 to streets (no paths, service roads or buildings) and z13 without buildings', () => {
    const [x12, y12] = tileOf(STUREPLAN[0], STUREPLAN[1], 12);
    expect(new Set(decode(12, x12, y12).map((f) => f.properties.class))).toEqual(new Set(['major', 'minor']));
    const [x13, y13] = tileOf(STUREPLAN[0], STUREPLAN[1], 13);
    const z13 = decode(13, x13, y13);
    expect(z13.some((f) => f.layer === 'building')).toBe(false);
    expect(z13.some((f) => f.properties.class === 'footway')).toBe(true);
  });

  it('puts nothing outside the city', () => {
    const [w, s, e, n] = outline.bbox;
    const eps = 1e-4; // tile coordinates are quantised to 1/4096 of a tile
    let count = 0;
    for (const [z, x, y] of allTiles()) {
      for (const f of decode(z, x, y)) {
        for (const [lon, lat] of f.coordinates) {
          count += 1;
          if (!(lon! > w - eps && lon! < e + eps && lat! > s - eps && lat! < n + eps)) throw new Error(`z${z}/${x}/${y}: ${lon}, ${lat} outside`);
        }
      }
    }
    expect(count).toBeGreaterThan(10_000);
    expect(result.lines).toBeGreaterThan(1000);
    expect(result.buildings).toBeGreaterThan(300);
  });

  it('cuts a street that leaves the city at the city boundary', () => {
    const inside: [number, number] = [18.03, 59.335]; // Kungsholmen
    const outside: [number, number] = [18.19, 59.367]; // Lidingö, another municipality
    expect(outline.contains(inside)).toBe(true);
    expect(outline.contains(outside)).toBe(false);
    const osm = `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6">
 <node id="1" lat="${inside[1]}" lon="${inside[0]}"/>
 <node id="2" lat="${outside[1]}" lon="${outside[0]}"/>
 <node id="3" lat="${outside[1]}" lon="${outside[0] + 0.001}"/>
 <way id="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="primary"/><tag k="name" v="Långa vägen"/></way>
 <way id="2"><nd ref="2"/><nd ref="3"/><tag k="highway" v="footway"/></way>
</osm>`;
    const dir = join(tmp, 'cut');
    mkdirSync(dir);
    writeFileSync(join(dir, 'cut.osm'), osm);
    const r = buildStreets([join(dir, 'cut.osm')], join(dir, 'streets'), outline);
    expect(r.lines).toBe(1);
    expect(r.bounds[0]).toBeCloseTo(inside[0], 5);
    expect(r.bounds[2]).toBeLessThan(outside[0] - 0.01);
    expect(outline.contains([r.bounds[2] - 1e-4, r.bounds[3] - 1e-4])).toBe(true);
  });

  it('replaces an earlier build but never a folder of other files', () => {
    const again = buildStreets([sampleFiles[2]!], out, outline);
    expect(JSON.parse(readFileSync(join(out, 'tiles.json'), 'utf8')).sources).toEqual(['sodermalm.osm.pbf']);
    expect(again.tileCount).toBeLessThan(result.tileCount);
    const other = join(tmp, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'keep.txt'), 'mine');
    expect(() => buildStreets([sampleFiles[2]!], other, outline)).toThrow(/other files/);
    expect(readFileSync(join(other, 'keep.txt'), 'utf8')).toBe('mine');
  });
});

describe('files the build cannot use', () => {
  it('says which file and why', () => {
    const dir = join(tmp, 'bad');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'empty.osm'), '');
    writeFileSync(join(dir, 'text.osm'), 'hello');
    writeFileSync(join(dir, 'zipped.osm.gz'), Buffer.from([0x1f, 0x8b, 8, 0]));
    expect(detectFormat(join(dir, 'nope.osm'))).toMatch(/nope\.osm: no such file/);
    expect(detectFormat(join(dir, 'empty.osm'))).toMatch(/is empty/);
    expect(detectFormat(join(dir, 'text.osm'))).toMatch(/neither OpenStreetMap XML/);
    expect(detectFormat(join(dir, 'zipped.osm.gz'))).toMatch(/gzip/);
    expect(detectFormat(dir)).toMatch(/is a folder/);
    expect(detectFormat(sampleFiles[0]!)).toBe('xml');
    expect(detectFormat(sampleFiles[2]!)).toBe('pbf');
  });

  it('npm run streets names each missing file and exits 1', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-streets.ts', '--out', join(tmp, 'cli'), 'missing-a.osm.pbf', sampleFiles[0]!, 'missing-b.osm'], {
      cwd: REPO_ROOT, encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('2 of the 3 file(s) cannot be used');
    expect(run.stderr).toMatch(/missing-a\.osm\.pbf: no such file/);
    expect(run.stderr).toMatch(/missing-b\.osm: no such file/);
    expect(existsSync(join(tmp, 'cli'))).toBe(false);
  });
});
