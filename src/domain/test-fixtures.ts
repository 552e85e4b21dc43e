/**
 * Test helpers: the real inputs in data/ and in GEODATA_DIR (the CC0 stadsdel polygons, which the
 * repository does not copy), read the way scripts/build-data.ts reads them.
 * Only imported by *.test.ts files.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, Polygon } from 'geojson';
import { geodataPath } from '../../scripts/geodata';
import type { AreaInputs } from './build-areas';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DATA_DIR = join(REPO_ROOT, 'data');

export function readDataJson(name: string): unknown {
  return JSON.parse(readFileSync(join(DATA_DIR, name), 'utf8'));
}

/** The CC0 stadsdel polygons as Stockholms stad publishes them (GEODATA_DIR/stockholm-stadsdelar/stadsdelar.geojson). */
export function readStadsdelar(): RawStadsdelar {
  return JSON.parse(readFileSync(geodataPath('stadsdelar'), 'utf8')) as RawStadsdelar;
}

/** The seed documents' text by id ("000" … "004"), from data/seeds/. */
export function readDocumentTexts(): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const file of readdirSync(join(DATA_DIR, 'seeds'))) {
    if (file.endsWith('.txt')) texts[file.slice(0, 3)] = readFileSync(join(DATA_DIR, 'seeds', file), 'utf8');
  }
  return texts;
}

export type RawStadsdelar = FeatureCollection<Polygon, { name: string }>;

/** A fresh copy of every input the build takes, read from data/ and GEODATA_DIR. */
export function readRealInputs(): AreaInputs {
  return {
    sources: readDataJson('sources.json'),
    districts: readDataJson('districts.json'),
    priorityAreas: readDataJson('priority-areas.json'),
    stadsdelar: readStadsdelar(),
    documentTexts: readDocumentTexts(),
  };
}

/** Loose shapes of the hand-edited files, for tests that modify copies of them. */
export interface DistrictsJson {
  division: string;
  districts: {
    id: string;
    name: string;
    stadsdelar: (string | { name: string; geodataName: string })[];
    mergedInto?: { id: string; name: string; date: string };
  }[];
}

export interface PriorityAreaJson {
  id: string;
  name: string;
  districtId: string;
  kind: string;
  stadsdel: string;
  outline?: { type: 'circle'; center: [number, number]; radiusM: number } | { type: 'part'; side: string };
  note?: string;
  source: { document: string; section: string; quote?: string };
}

export interface PriorityAreasJson {
  noPriorityArea: { districtId: string; source: { document: string; section: string; quote?: string } }[];
  priorityAreas: PriorityAreaJson[];
}
