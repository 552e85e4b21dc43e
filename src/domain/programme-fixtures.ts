/**
 * Test helpers for the programme content: the real programme and place files read the way
 * scripts/build-data.ts reads them, and small synthetic goals and places (on the real areas)
 * quoted from a small fake document. Only imported by *.test.ts files.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildAreas } from './build-areas';
import { buildProgramme, type ProgrammeCatalogue } from './programme';
import type { Goal, Measure, Place } from './programme-schema';
import { DATA_DIR, readDataJson, readRealInputs } from './test-fixtures';
import type { AreasBundle } from './types';

export interface InputFile {
  name: string;
  content: unknown;
}

/** The real areas bundle, built from data/ with buildAreas; throws naming every problem. */
export function buildRealAreas(): { areas: AreasBundle; documentTexts: Record<string, string> } {
  const inputs = readRealInputs();
  const result = buildAreas(inputs);
  if (!result.ok) throw new Error(`buildAreas failed:\n${result.errors.join('\n')}`);
  return { areas: result.bundle, documentTexts: inputs.documentTexts };
}

/** data/<dir>/*.json in name order, named as build-data.ts names them ("programme/000.json"). */
export function readJsonDir(dir: 'programme' | 'places'): InputFile[] {
  return readdirSync(join(DATA_DIR, dir)).filter((f) => f.endsWith('.json')).sort()
    .map((f) => ({ name: `${dir}/${f}`, content: readDataJson(join(dir, f)) }));
}

export interface RealProgramme {
  areas: AreasBundle;
  documentTexts: Record<string, string>;
  catalogue: ProgrammeCatalogue;
  /** The raw programme files, as parsed JSON. */
  files: InputFile[];
}

/** The real programme built on the real areas; throws naming every problem. */
export function buildRealProgramme(): RealProgramme {
  const { areas, documentTexts } = buildRealAreas();
  const files = readJsonDir('programme');
  const result = buildProgramme(files, readJsonDir('places'), areas, documentTexts);
  if (!result.ok) throw new Error(`buildProgramme failed on data/ (${result.errors.length}):\n${result.errors.join('\n')}`);
  return { areas, documentTexts, catalogue: result.catalogue, files };
}

/** The id of the fake document the synthetic records quote. */
export const FAKE_DOC = '900';

/** The fake document: every text the synthetic records below quote, and a few more. */
export const FAKE_DOC_TEXT = `
Lokalt utvecklingsprogram (testdokument)

Trygghet och tillgänglighet
Hässelby torg är tryggt och
attraktivt
1. Upprustning av områden i nära anslutning till torget
2. Genomföra trygghets-
vandringar vid idrottsplatsen
3. Utöka utbudet av kultur- och fritidsaktiviteter på torget
Antal genomförda trygghetsvandringar
Trafikkontoret
Polisen
Fastighetsägarna

Barn och unga
Flickor och pojkar deltar i idrottsaktiviteter
1. Erbjuda spontanidrott på idrottsplatsen
2. Organisera läxhjälpsverksamhet

Arbete och försörjning
Kvinnor och män är självförsörjande
1. Korttidsutbildade får stöd till fortsatt utbildning

Tensta är en trygg stadsdel
Hjulsta torg är levande
Öka andelen barn som går i förskola
I samverkan med trafikkontoret
`;

export const fakeDocumentTexts = (): Record<string, string> => ({ [FAKE_DOC]: FAKE_DOC_TEXT });

/** A valid goal of the fake document in Hässelby-Vällingby, district-wide unless overridden. */
export function goal(id: string, over: Partial<Goal> = {}): Goal {
  return {
    id,
    kind: 'goal',
    districtId: 'hasselby-vallingby',
    theme: 'Trygghet och tillgänglighet',
    level: 'Mål',
    text: 'Hässelby torg är tryggt och attraktivt',
    measures: [],
    indicators: [],
    partners: [],
    areas: [{ kind: 'district', id: 'hasselby-vallingby' }],
    places: [],
    source: { document: FAKE_DOC, section: 'Trygghet och tillgänglighet' },
    ...over,
  };
}

export function measure(id: string, text: string, over: Partial<Measure> = {}): Measure {
  return { id, text, ...over };
}

export function programmeFile(goals: Goal[], name = `programme/${FAKE_DOC}.json`, document = FAKE_DOC): InputFile {
  return { name, content: { document, goals } };
}

/** Positions checked against the real stadsdel polygons (see programme.test.ts). */
export const POS = {
  /** Hässelby torg, in Hässelby gård. */
  hasselbyTorg: [17.8437, 59.3664] as [number, number],
  /** Grimsta IP, in Grimsta. */
  grimstaIp: [17.8517, 59.3622] as [number, number],
  /** The centre of the approximate Hjulsta torg circle, in Tensta. */
  hjulstaTorg: [17.8875, 59.3963] as [number, number],
  /** Järvadalen on the Tensta side, well outside the Hjulsta torg circle. */
  tenstaJarvadalen: [17.9115, 59.3925] as [number, number],
};

export function place(id: string, stadsdel: string, position: [number, number], over: Partial<Place> = {}): Place {
  return {
    id,
    name: id,
    category: 'annat',
    stadsdel,
    position,
    positionNote: 'testläge',
    sources: [{ document: FAKE_DOC, section: 'Test' }],
    ...over,
  };
}

export function placesFile(places: Place[], name = `places/${FAKE_DOC}.json`, document = FAKE_DOC): InputFile {
  return { name, content: { document, places } };
}

/** The synthetic places most tests use. */
export const fakePlaces = (): Place[] => [
  place('torget', 'Hässelby gård', POS.hasselbyTorg),
  place('idrottsplatsen', 'Grimsta', POS.grimstaIp),
  place('hjulsta-mitt', 'Tensta', POS.hjulstaTorg),
  place('tensta-parken', 'Tensta', POS.tenstaJarvadalen),
];

/** buildProgramme on synthetic files and the given areas; throws when it reports errors. */
export function buildFake(areas: AreasBundle, goals: Goal[], places: Place[] = fakePlaces()): ProgrammeCatalogue {
  const result = buildProgramme([programmeFile(goals)], [placesFile(places)], areas, fakeDocumentTexts());
  if (!result.ok) throw new Error(`buildProgramme failed on synthetic data:\n${result.errors.join('\n')}`);
  return result.catalogue;
}
