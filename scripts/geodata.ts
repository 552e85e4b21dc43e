/**
 * Where the geodata that the project does not own is read from: the CC0 stadsdel and water
 * polygons of Stockholms stad and the OpenStreetMap samples. They live in the shared folder beside
 * the repository (`../shared/geodata`), or wherever GEODATA_DIR points; the repository keeps no
 * copy of them and nothing made from them.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** GEODATA_DIR (relative to the repository root when not absolute), else ../shared/geodata. */
export function geodataDir(env: Record<string, string | undefined> = process.env, root: string = REPO_ROOT): string {
  const setting = env.GEODATA_DIR?.trim();
  if (!setting) return resolve(root, '..', 'shared', 'geodata');
  return isAbsolute(setting) ? setting : resolve(root, setting);
}

/** The files, relative to GEODATA_DIR, with their public source. */
export const GEODATA_FILES = {
  stadsdelar: {
    path: 'stockholm-stadsdelar/stadsdelar.geojson',
    what: 'the 117 stadsdel polygons (WGS84, CC0)',
  },
  vatten: {
    path: 'stockholm-stadsdelar/vatten.geojson',
    what: 'water (one MultiPolygon, WGS84, CC0)',
  },
  licence: {
    path: 'stockholm-stadsdelar/LICENSE',
    what: 'the CC0 1.0 licence of the two files above',
  },
  osmSamples: {
    path: 'osm-samples',
    what: 'three small OpenStreetMap extracts of Stockholm (ODbL), test fixtures for the street layer',
  },
} as const;

export type GeodataName = keyof typeof GEODATA_FILES;

const SOURCES: Record<GeodataName, string> = {
  stadsdelar:
    'Stockholms stad, öppna data ("Stadskarta", layer Adm_area; https://dataportalen.stockholm.se), ' +
    'as converted to GeoJSON in the public repository KTHHealthData/stockholm-stadsdelar',
  vatten:
    'Stockholms stad, öppna data ("Stadskarta", layer Vatten_area; https://dataportalen.stockholm.se), ' +
    'as converted in KTHHealthData/stockholm-stadsdelar, simplified to about 3 m',
  licence: 'CC0 1.0 Universal (https://creativecommons.org/publicdomain/zero/1.0/legalcode)',
  osmSamples: 'OpenStreetMap (© OpenStreetMap contributors, ODbL); see osm-samples/README.md in the shared folder',
};

/** The absolute path of one geodata file. */
export function geodataPath(name: GeodataName, dir: string = geodataDir()): string {
  return join(dir, GEODATA_FILES[name].path);
}

/** The names among `names` whose file is missing in `dir`. */
export function missingGeodata(
  names: readonly GeodataName[], dir: string = geodataDir(), exists: (path: string) => boolean = existsSync,
): GeodataName[] {
  return names.filter((n) => !exists(geodataPath(n, dir)));
}

/** A message for the command line naming each missing file, the folder looked in and where to get it. */
export function missingGeodataMessage(missing: readonly GeodataName[], dir: string): string {
  const lines = [
    `Geodata missing: ${missing.length} file(s) not found in GEODATA_DIR ${dir}`,
    ...missing.flatMap((n) => [
      `  - ${GEODATA_FILES[n].path}: ${GEODATA_FILES[n].what}`,
      `      source: ${SOURCES[n]}`,
    ]),
    'The repository keeps no copy of these files. Put the shared folder beside the repository ' +
      '(../shared/geodata) or set GEODATA_DIR to the folder that holds them.',
  ];
  return lines.join('\n');
}

/** Exits with the message above when any of `names` is missing; returns GEODATA_DIR otherwise. */
export function requireGeodata(names: readonly GeodataName[], dir: string = geodataDir()): string {
  const missing = missingGeodata(names, dir);
  if (missing.length > 0) {
    console.error(missingGeodataMessage(missing, dir));
    process.exit(1);
  }
  return dir;
}
