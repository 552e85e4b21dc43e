/**
 * The real data in data/, built once with buildAreas: districts, areas, the priority areas of
 * document 001 §3, approximate outlines, and spot checks that polygons lie where they should.
 */
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAreas } from './build-areas';
import { shareOutside } from './geometry';
import { foldName, slugify } from './names';
import { documentContains } from './source-text';
import { readRealInputs } from './test-fixtures';
import type { RawStadsdelar } from './test-fixtures';
import type { AreaGeometry, AreasBundle, DistrictFeature, PriorityAreaFeature, StadsdelFeature } from './types';

let bundle: AreasBundle;
let raw: RawStadsdelar;
let texts: Record<string, string>;
let buildErrors: string[] = [];

beforeAll(() => {
  const inputs = readRealInputs();
  raw = structuredClone(inputs.stadsdelar);
  texts = inputs.documentTexts;
  const result = buildAreas(inputs);
  if (result.ok) bundle = result.bundle;
  else buildErrors = result.errors;
});

const km2 = (g: AreaGeometry) => turf.area(g) / 1e6;
const districts = () => bundle.districts.features;
const stadsdelar = () => bundle.stadsdelar.features;
const priorityAreas = () => bundle.priorityAreas.features;

function districtNamed(name: string): DistrictFeature {
  const found = districts().filter((d) => foldName(d.properties.name) === foldName(name));
  expect(found, `district ${name}`).toHaveLength(1);
  return found[0]!;
}

function stadsdelNamed(name: string): StadsdelFeature {
  const found = stadsdelar().filter((s) => foldName(s.properties.geodataName) === foldName(name));
  expect(found, `stadsdel ${name}`).toHaveLength(1);
  return found[0]!;
}

function rawStadsdel(name: string): Feature<Polygon, { name: string }> {
  const found = raw.features.filter((f) => foldName(f.properties.name) === foldName(name));
  expect(found, `geodata stadsdel ${name}`).toHaveLength(1);
  return found[0]!;
}

function parentOf(area: PriorityAreaFeature): StadsdelFeature {
  const found = stadsdelar().filter((s) => s.properties.id === area.properties.stadsdelId);
  expect(found, `parent stadsdel of ${area.properties.id}`).toHaveLength(1);
  return found[0]!;
}

const centroidOf = (g: AreaGeometry | Feature<Polygon | MultiPolygon>) =>
  turf.centroid(g).geometry.coordinates as [number, number];

/** Distance in km from `a` westwards to `b`'s meridian, measured along `b`'s parallel (negative if east). */
function kmWestOf(a: Position, b: Position): number {
  const d = turf.distance([a[0]!, b[1]!], b, { units: 'kilometers' });
  return a[0]! < b[0]! ? d : -d;
}

/** The 14 stadsdelsområden of 2017. */
const DISTRICT_NAMES = [
  'Rinkeby-Kista', 'Spånga-Tensta', 'Hässelby-Vällingby', 'Bromma', 'Kungsholmen', 'Norrmalm', 'Östermalm',
  'Södermalm', 'Enskede-Årsta-Vantör', 'Skarpnäck', 'Farsta', 'Älvsjö', 'Hägersten-Liljeholmen', 'Skärholmen',
];

/** Priority areas per district as section 3 of document 001 names them. */
const EXPECTED_PRIORITY_AREAS: Record<string, string[]> = {
  'Rinkeby-Kista': ['Husby', 'Rinkeby', 'Akalla', 'Kista'],
  'Spånga-Tensta': ['Tensta', 'Hjulsta torg', 'centrala Bromsten', 'Spånga stationsområde'],
  'Hässelby-Vällingby': ['Hässelby gård', 'Hässelby Villastad/Smedshagen', 'Grimsta'],
  Bromma: ['Annedal i Mariehäll', 'Blackeberg', 'Beckomberga'],
  Kungsholmen: ['Hornsberg', 'Östra S:t Göran'],
  Norrmalm: [],
  Östermalm: [],
  Södermalm: [],
  'Enskede-Årsta-Vantör': ['Rågsved', 'Hagsätra', 'Högdalen', 'Östberga'],
  Skarpnäck: ['Bagarmossen', 'Skarpnäcks gård'],
  Farsta: ['Fagersjö', 'Hökarängen'],
  Älvsjö: ['Solberga'],
  'Hägersten-Liljeholmen': ['Liljeholmen'],
  Skärholmen: ['Vårberg', 'östra Vårberg'],
};

/** Places that are smaller than a stadsdel and have no official boundary (DESIGN.md). */
const APPROXIMATE = [
  'Hjulsta torg', 'centrala Bromsten', 'Spånga stationsområde', 'Annedal i Mariehäll', 'Hornsberg',
  'Östra S:t Göran', 'östra Vårberg',
];

describe('real data: build and districts', () => {
  it('builds without errors', () => {
    expect(buildErrors).toEqual([]);
    expect(bundle).toBeDefined();
  });

  it('has 117 geodata stadsdelar with distinct names, all in the bundle', () => {
    expect(raw.features).toHaveLength(117);
    const names = raw.features.map((f) => foldName(f.properties.name));
    expect(new Set(names).size).toBe(117);
    expect(stadsdelar()).toHaveLength(117);
    expect(stadsdelar().map((s) => foldName(s.properties.geodataName)).sort()).toEqual([...names].sort());
  });

  it('assigns every geodata stadsdel to exactly one district', () => {
    const districtIds = new Set(districts().map((d) => d.properties.id));
    for (const f of raw.features) {
      const s = stadsdelNamed(f.properties.name);
      expect(districtIds.has(s.properties.districtId), `${f.properties.name} → ${s.properties.districtId}`).toBe(true);
      const listedIn = districts().filter((d) => d.properties.stadsdelIds.includes(s.properties.id));
      expect(listedIn.map((d) => d.properties.id), f.properties.name).toEqual([s.properties.districtId]);
    }
    const listed = districts().flatMap((d) => d.properties.stadsdelIds);
    expect(listed).toHaveLength(117);
    expect(new Set(listed).size).toBe(117);
  });

  it('has the 14 districts of 2017 with their names', () => {
    expect(bundle.division).toBe('2017');
    expect(districts().map((d) => d.properties.name).sort()).toEqual([...DISTRICT_NAMES].sort());
    for (const d of districts()) {
      expect(d.id).toBe(d.properties.id);
      expect(d.properties.id).toBe(slugify(d.properties.name));
      expect(d.properties.stadsdelIds.length, d.properties.name).toBeGreaterThan(0);
    }
  });

  it('records the 2020 merger of Älvsjö and Hägersten-Liljeholmen into Hägersten-Älvsjö, and no other', () => {
    const merged = ['Älvsjö', 'Hägersten-Liljeholmen'];
    for (const d of districts()) {
      const m = d.properties.mergedInto;
      if (merged.some((n) => foldName(n) === foldName(d.properties.name))) {
        expect(m, d.properties.name).toBeDefined();
        expect(m!.name).toBe('Hägersten-Älvsjö');
        expect(m!.id).toBe(slugify('Hägersten-Älvsjö'));
        expect(m!.date).toBe('2020-07-01');
      } else {
        expect(m, d.properties.name).toBeUndefined();
      }
    }
  });
});

describe('real data: areas', () => {
  it('district areas add up to the stadsdel areas and to the municipality', () => {
    const districtSum = districts().reduce((sum, d) => sum + km2(d.geometry), 0);
    const stadsdelSum = stadsdelar().reduce((sum, s) => sum + km2(s.geometry), 0);
    expect(Math.abs(districtSum - stadsdelSum) / stadsdelSum).toBeLessThan(0.001);

    // Independently: the union of the 117 raw polygons, without the code under test.
    const municipality = turf.union(turf.featureCollection(raw.features));
    expect(municipality).not.toBeNull();
    const municipalityKm2 = turf.area(municipality!) / 1e6;
    expect(Math.abs(districtSum - municipalityKm2) / municipalityKm2).toBeLessThan(0.005);

    // Stockholm municipality, water included, is about 215 km².
    expect(districtSum).toBeGreaterThan(210);
    expect(districtSum).toBeLessThan(220);
  });

  it('each district is the sum of its own stadsdelar', () => {
    for (const d of districts()) {
      const own = stadsdelar().filter((s) => s.properties.districtId === d.properties.id);
      expect(own.map((s) => s.properties.id).sort()).toEqual([...d.properties.stadsdelIds].sort());
      const sum = own.reduce((acc, s) => acc + km2(s.geometry), 0);
      expect(Math.abs(km2(d.geometry) - sum) / sum, d.properties.name).toBeLessThan(0.002);
    }
  });

  it('stores areaKm2 that matches each geometry', () => {
    const all: (StadsdelFeature | DistrictFeature | PriorityAreaFeature)[] = [...stadsdelar(), ...districts(), ...priorityAreas()];
    for (const f of all) {
      expect(Math.abs(f.properties.areaKm2 - km2(f.geometry)), String(f.id)).toBeLessThan(0.002 * km2(f.geometry) + 0.001);
    }
  });

  it('makes each district one contiguous polygon', () => {
    for (const d of districts()) {
      expect(d.geometry.type, d.properties.name).toBe('Polygon');
      expect(turf.kinks(turf.feature(d.geometry) as Feature<Polygon>).features, d.properties.name).toHaveLength(0);
    }
  });

  it('computes a bbox around all stadsdelar', () => {
    const [w, s, e, n] = turf.bbox(turf.featureCollection(raw.features));
    const [bw, bs, be, bn] = bundle.bbox;
    for (const [got, want] of [[bw, w], [bs, s], [be, e], [bn, n]] as const) expect(Math.abs(got - want)).toBeLessThan(1e-4);
  });
});

describe('real data: priority areas of document 001 §3', () => {
  it('has every named priority area in its district, and no others', () => {
    let expectedCount = 0;
    for (const [districtName, names] of Object.entries(EXPECTED_PRIORITY_AREAS)) {
      const d = districtNamed(districtName);
      const own = priorityAreas().filter((a) => a.properties.districtId === d.properties.id);
      expect(own.map((a) => foldName(a.properties.name)).sort(), districtName).toEqual(names.map(foldName).sort());
      expect([...d.properties.priorityAreaIds].sort(), districtName).toEqual(own.map((a) => a.properties.id).sort());
      expectedCount += names.length;
    }
    expect(priorityAreas()).toHaveLength(expectedCount);
    expect(new Set(priorityAreas().map((a) => a.properties.id)).size).toBe(expectedCount);
  });

  it('gives Norrmalm, Östermalm and Södermalm no priority area and a sourced noPriorityArea', () => {
    const text001 = texts['001'];
    expect(text001).toBeDefined();
    for (const d of districts()) {
      const expected = Object.entries(EXPECTED_PRIORITY_AREAS).find(([n]) => foldName(n) === foldName(d.properties.name));
      expect(expected, d.properties.name).toBeDefined();
      const none = expected![1].length === 0;
      const source = d.properties.noPriorityArea;
      if (!none) {
        expect(source, d.properties.name).toBeUndefined();
        continue;
      }
      expect(d.properties.priorityAreaIds, d.properties.name).toEqual([]);
      expect(source, d.properties.name).toBeDefined();
      expect(source!.document).toBe('001');
      expect(foldName(source!.section), d.properties.name).toContain(foldName(d.properties.name));
      expect(source!.quote, d.properties.name).toBeTruthy();
      expect(documentContains(text001!, source!.quote!), d.properties.name).toBe(true);
    }
    expect(districts().filter((d) => d.properties.noPriorityArea)).toHaveLength(3);
  });

  it('quotes every priority area from its document, in the section of its district, naming it', () => {
    for (const a of priorityAreas()) {
      const { source } = a.properties;
      const text = texts[source.document];
      expect(text, `${a.properties.id}: document ${source.document}`).toBeDefined();
      expect(source.quote, a.properties.id).toBeTruthy();
      expect(documentContains(text!, source.quote!), `${a.properties.id}: "${source.quote}"`).toBe(true);
      expect(source.document, a.properties.id).toBe('001');
      const district = districts().find((d) => d.properties.id === a.properties.districtId)!;
      expect(source.section, a.properties.id).toMatch(/^3\.\d+ /);
      expect(foldName(source.section), a.properties.id).toContain(foldName(district.properties.name));
      expect(foldName(source.quote!), a.properties.id).toContain(foldName(a.properties.name));
    }
  });

  it('lists every source document with its seed text', () => {
    expect(bundle.sources.map((s) => s.id).sort()).toEqual(Object.keys(texts).sort());
    for (const s of bundle.sources) expect(s.file.slice(0, 3)).toBe(s.id);
  });

  it('puts each priority area in a stadsdel of its own district', () => {
    for (const a of priorityAreas()) {
      expect(parentOf(a).properties.districtId, a.properties.id).toBe(a.properties.districtId);
    }
  });
});

describe('real data: approximate and whole-stadsdel priority areas', () => {
  const isApproximateName = (name: string) => APPROXIMATE.some((n) => foldName(n) === foldName(name));

  it('flags exactly the smaller places as approximate', () => {
    for (const a of priorityAreas()) {
      expect(a.properties.approximate, a.properties.name).toBe(isApproximateName(a.properties.name));
      if (a.properties.approximate) expect(a.properties.note, a.properties.name).toBeTruthy();
    }
    expect(priorityAreas().filter((a) => a.properties.approximate)).toHaveLength(APPROXIMATE.length);
  });

  it('keeps approximate areas inside their stadsdel, smaller than it', () => {
    for (const a of priorityAreas().filter((p) => p.properties.approximate)) {
      const parent = parentOf(a);
      const area = km2(a.geometry);
      expect(area, a.properties.id).toBeGreaterThan(0);
      expect(area, a.properties.id).toBeLessThan(km2(parent.geometry));
      expect(shareOutside(a.geometry, parent.geometry), a.properties.id).toBeLessThan(0.005);
      // Independently of shareOutside: the outline's centre of mass lies in the parent.
      expect(turf.booleanPointInPolygon(turf.centerOfMass(a.geometry), parent.geometry), a.properties.id).toBe(true);
    }
  });

  it('gives whole-stadsdel areas exactly the geometry of their stadsdel', () => {
    for (const a of priorityAreas().filter((p) => !p.properties.approximate)) {
      const parent = parentOf(a);
      expect(a.geometry, a.properties.id).toEqual(parent.geometry);
      // Where the area is named like a stadsdel, it is that stadsdel.
      if (raw.features.some((f) => foldName(f.properties.name) === foldName(a.properties.name))) {
        expect(foldName(parent.properties.geodataName), a.properties.id).toBe(foldName(a.properties.name));
      }
    }
  });

  it('uses the raw geodata polygon (to rounding) for a whole-stadsdel area', () => {
    const tensta = priorityAreas().find((a) => foldName(a.properties.name) === 'tensta')!;
    const rawArea = turf.area(rawStadsdel('TENSTA')) / 1e6;
    expect(Math.abs(km2(tensta.geometry) - rawArea) / rawArea).toBeLessThan(0.001);
  });
});

describe('real data: polygons lie where they should', () => {
  const GAMLA_STAN = 'GAMLA STAN';

  it('puts Hässelby gård west of Vällingby and more than 10 km west of Gamla stan', () => {
    const hasselby = centroidOf(rawStadsdel('HÄSSELBY GÅRD'));
    const vallingby = centroidOf(rawStadsdel('VÄLLINGBY'));
    const gamlaStan = centroidOf(rawStadsdel(GAMLA_STAN));
    expect(hasselby[0]).toBeLessThan(vallingby[0]);
    expect(kmWestOf(hasselby, gamlaStan)).toBeGreaterThan(10);
    // The same holds for the built polygons.
    expect(centroidOf(stadsdelNamed('HÄSSELBY GÅRD').geometry)[0]).toBeLessThan(centroidOf(stadsdelNamed('VÄLLINGBY').geometry)[0]);
  });

  it('puts Stortorget in Gamla stan and in no other stadsdel', () => {
    const stortorget = turf.point([18.071, 59.3251]);
    const containing = raw.features.filter((f) => turf.booleanPointInPolygon(stortorget, f));
    expect(containing.map((f) => f.properties.name)).toEqual([GAMLA_STAN]);
    expect(turf.booleanPointInPolygon(stortorget, stadsdelNamed(GAMLA_STAN).geometry)).toBe(true);
    expect(turf.booleanPointInPolygon(stortorget, districtNamed('Södermalm').geometry)).toBe(true);
  });

  it('puts Tensta centrum in Tensta and in the Tensta priority area', () => {
    const tenstaCentrum = turf.point([17.9013, 59.3945]);
    expect(turf.booleanPointInPolygon(tenstaCentrum, rawStadsdel('TENSTA'))).toBe(true);
    expect(turf.booleanPointInPolygon(tenstaCentrum, stadsdelNamed('TENSTA').geometry)).toBe(true);
    const area = priorityAreas().find((a) => foldName(a.properties.name) === 'tensta');
    expect(area).toBeDefined();
    expect(turf.booleanPointInPolygon(tenstaCentrum, area!.geometry)).toBe(true);
    expect(turf.booleanPointInPolygon(tenstaCentrum, districtNamed('Spånga-Tensta').geometry)).toBe(true);
  });

  it('puts Skärholmen south-west of the city centre', () => {
    const centre = centroidOf(rawStadsdel(GAMLA_STAN));
    const skarholmen = centroidOf(rawStadsdel('SKÄRHOLMEN'));
    const bearing = turf.bearing(centre, skarholmen);
    expect(bearing).toBeGreaterThan(-180);
    expect(bearing).toBeLessThan(-90);
    expect(turf.distance(centre, skarholmen, { units: 'kilometers' })).toBeGreaterThan(5);
  });

  it('keeps every polygon inside the Stockholm area', () => {
    // Stockholm municipality lies within about 17.75–18.20 E, 59.22–59.43 N.
    const [w, s, e, n] = bundle.bbox;
    expect(w).toBeGreaterThan(17.7);
    expect(e).toBeLessThan(18.25);
    expect(s).toBeGreaterThan(59.2);
    expect(n).toBeLessThan(59.45);
  });
});
