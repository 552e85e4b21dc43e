/**
 * data/sites.json (platssamverkan / platsaktivering sites and LOV3 areas of document 003), built
 * with buildSites on the real areas, places and seed documents; and the errors it gives for
 * broken records.
 */
import * as turf from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { shareOutside } from './geometry';
import { foldName } from './names';
import { buildRealProgramme } from './programme-fixtures';
import type { PlaceRecord } from './programme';
import { buildSites, SITE_STATUSES, type SitesBuildResult, type SitesFile, type SitesOutput } from './sites';
import { documentContains } from './source-text';
import { readDataJson, readStadsdelar } from './test-fixtures';
import type { AreasBundle } from './types';

let areas: AreasBundle;
let places: PlaceRecord[];
let texts: Record<string, string>;
let built: SitesOutput;
/** The raw CC0 stadsdel polygons by folded name, independent of the build. */
let rawStadsdel: Map<string, Feature<Polygon, { name: string }>>;

const sitesJson = () => readDataJson('sites.json') as SitesFile;
const run = (file: unknown): SitesBuildResult => buildSites(file, areas, places, texts);
const errorsOf = (file: unknown): string[] => {
  const r = run(file);
  expect(r.ok, 'the broken file must be rejected').toBe(false);
  return r.ok ? [] : r.errors;
};
const rawPolygonOf = (stadsdelName: string) => {
  const f = rawStadsdel.get(foldName(stadsdelName));
  expect(f, stadsdelName).toBeDefined();
  return f!;
};
const site = (id: string) => {
  const f = built.sites.features.find((s) => s.properties.id === id);
  expect(f, id).toBeDefined();
  return f!;
};

beforeAll(() => {
  const real = buildRealProgramme();
  areas = real.areas;
  places = real.catalogue.places;
  texts = real.documentTexts;
  const raw = readStadsdelar();
  rawStadsdel = new Map(raw.features.map((f) => [foldName(f.properties.name), f]));
  const result = run(sitesJson());
  if (!result.ok) throw new Error(`buildSites failed on data/sites.json:\n${result.errors.join('\n')}`);
  built = result;
});

describe('sites of document 003', () => {
  it('has the five sites the document names, with the status it gives each', () => {
    const statuses = Object.fromEntries(built.sites.features.map((f) => [f.properties.name, f.properties.status]));
    expect(statuses).toEqual({
      'Hässelby torg': 'established',
      'Vällingby centrum': 'started',
      'Åkermyntan': 'starting',
      'Hässelby strand': 'starting',
      'Grimsta': 'explored',
    });
  });

  it('gives every site a known status', () => {
    for (const f of built.sites.features) expect(SITE_STATUSES, f.properties.id).toContain(f.properties.status);
  });

  it('dates only what the document dates: Vällingby centrum since August 2020', () => {
    expect(site('vallingby-centrum').properties.since).toBe('2020-08');
    for (const id of ['hasselby-torg', 'akermyntan', 'hasselby-strand', 'grimsta']) {
      expect(site(id).properties.since, id).toBeUndefined();
    }
    expect(site('akermyntan').properties.planned).toBe('2021');
    expect(site('hasselby-strand').properties.planned).toBe('2021');
  });

  it('links the sites to their places and stadsdelar', () => {
    const link = Object.fromEntries(built.sites.features.map((f) => [f.properties.id, [f.properties.placeId, f.properties.stadsdelId]]));
    expect(link).toEqual({
      'hasselby-torg': ['hasselby-torg', 'hasselby-gard'],
      'vallingby-centrum': ['vallingby-centrum', 'vallingby'],
      akermyntan: ['akermyntans-centrum', 'hasselby-villastad'],
      'hasselby-strand': ['hasselby-strand-centrum', 'hasselby-strand'],
      grimsta: [undefined, 'grimsta'],
    });
    for (const f of built.sites.features) expect(f.properties.districtId, f.properties.id).toBe('hasselby-vallingby');
    // Grimsta has no named place: its explicit position says so.
    expect(site('grimsta').properties.positionNote).toMatch(/pekar inte ut någon plats/);
  });

  it('puts every site inside its stadsdel (real CC0 polygon)', () => {
    for (const f of built.sites.features) {
      expect(turf.booleanPointInPolygon(f.geometry.coordinates, rawPolygonOf(f.properties.stadsdel)), f.properties.id).toBe(true);
    }
  });

  it('quotes only words that occur in the documents, and each site quote names its site', () => {
    for (const f of built.sites.features) {
      const p = f.properties;
      for (const s of [p.source, p.partnersSource, ...p.additionalSources]) {
        expect(documentContains(texts[s.document]!, s.quote), `${p.id}: ${s.quote}`).toBe(true);
      }
      expect(foldName(p.source.quote.replace(/\s+/g, ' ')), p.id).toContain(foldName(p.name));
    }
  });

  it('lists the partners the document names for each site, found in the partner quote', () => {
    expect(site('hasselby-torg').properties.partners).toEqual(
      ['Havafast (fastighetsägarrepresentant)', 'polis', 'representant för näringslivet', 'MTR', 'trafikförvaltningen', 'andra förvaltningar'],
    );
    expect(site('vallingby-centrum').properties.partners).toEqual(['centrumägarna', 'polis', 'förvaltningen', 'fastighetsägare']);
    expect(site('vallingby-centrum').properties.partnersNote).toBe('med flera aktörer');
    expect(site('grimsta').properties.partners).toEqual(['det lokala näringslivet']);
    for (const f of built.sites.features) {
      const p = f.properties;
      expect(p.partnersScope, p.id).toBe('site');
      for (const partner of p.partners) expect(p.partnersSource.quote, `${p.id}: ${partner}`).toContain(partner);
    }
    expect(built.generalPartners.partners).toEqual(['polisen', 'trafikkontoret', 'SL']);
  });

  it('names the LOV3 areas each site lies in', () => {
    expect(site('hasselby-torg').properties.lov3Ids).toEqual(['lov3-hasselby-torg']);
    expect(site('vallingby-centrum').properties.lov3Ids).toEqual(['lov3-vallingby-centrum']);
    expect(site('akermyntan').properties.lov3Ids).toEqual(['lov3-akermyntan']);
    expect(site('hasselby-strand').properties.lov3Ids).toEqual(['lov3-hasselby-strand']);
    expect(site('grimsta').properties.lov3Ids).toEqual([]);
  });
});

describe('LOV3 areas of document 003', () => {
  it('models what the document says: two existing areas to extend and two new ones, applied for in 2021', () => {
    const doc = texts['003']!;
    expect(documentContains(doc, 'ansökan om utvidgning av två befintliga så kallade LOV3-områden och ansöker även om två nya LOV3-områden')).toBe(true);
    expect(built.lov3Application).toMatchObject({ year: '2021', extensions: 2, new: 2 });
    const kinds = Object.fromEntries(built.lov3.features.map((f) => [f.properties.name, f.properties.application]));
    expect(kinds).toEqual({
      'Hässelby torg': 'extension',
      'Vällingby centrum': 'extension',
      'Åkermyntan': 'new',
      'Hässelby strand': 'new',
    });
    for (const f of built.lov3.features) expect(f.properties.applicationYear).toBe('2021');
  });

  it('flags every LOV3 outline approximate and says why', () => {
    for (const f of built.lov3.features) {
      expect(f.properties.approximate, f.properties.id).toBe(true);
      expect(f.properties.note, f.properties.id).toMatch(/ingen avgränsning|varken nuvarande eller sökt avgränsning/);
    }
  });

  it('keeps every LOV3 polygon inside its stadsdel (real CC0 polygon) and around its place', () => {
    for (const f of built.lov3.features) {
      const parent = rawPolygonOf(f.properties.stadsdel).geometry;
      expect(shareOutside(f.geometry, parent), f.properties.id).toBeLessThan(0.005);
      expect(turf.booleanPointInPolygon(f.properties.center, f.geometry), f.properties.id).toBe(true);
      const place = places.find((p) => p.id === f.properties.placeId);
      expect(place?.position, f.properties.id).toEqual(f.properties.center);
      // Clipping to the stadsdel only trims the circle; the area is not empty or a sliver.
      const circleKm2 = Math.PI * (f.properties.radiusM / 1000) ** 2;
      expect(f.properties.areaKm2 / circleKm2, f.properties.id).toBeGreaterThan(0.6);
    }
  });

  it('quotes the sentence that names each place', () => {
    for (const f of built.lov3.features) {
      const q = f.properties.source.quote;
      expect(documentContains(texts['003']!, q), f.properties.id).toBe(true);
      expect(q).toContain(f.properties.name);
    }
  });
});

describe('buildSites rejects broken records, naming them', () => {
  it('an unknown place id', () => {
    const file = sitesJson();
    file.sites.find((s) => s.id === 'vallingby-centrum')!.placeId = 'vallingby-torget';
    expect(errorsOf(file)).toEqual([expect.stringMatching(/site "vallingby-centrum": unknown place "vallingby-torget"/)]);
  });

  it('an unknown place id of a LOV3 area', () => {
    const file = sitesJson();
    file.lov3.areas.find((a) => a.id === 'lov3-akermyntan')!.placeId = 'akermyntan';
    const errors = errorsOf(file);
    expect(errors).toContainEqual(expect.stringMatching(/LOV3 area "lov3-akermyntan": unknown place "akermyntan"/));
  });

  it('a quote that is not in the document', () => {
    const file = sitesJson();
    file.sites.find((s) => s.id === 'grimsta')!.source.quote = 'I Grimsta är platssamverkan väl etablerad.';
    expect(errorsOf(file)).toEqual([expect.stringMatching(/site "grimsta": quote not found in document 003/)]);
  });

  it('a LOV3 quote that is not in the document, and one that does not name the area', () => {
    const file = sitesJson();
    file.lov3.areas.find((a) => a.id === 'lov3-hasselby-strand')!.source.quote = 'Ordningsvakter patrullerar i Hässelby strand.';
    file.lov3.areas.find((a) => a.id === 'lov3-hasselby-torg')!.source.quote = file.lov3.application.source.quote;
    const errors = errorsOf(file);
    expect(errors).toContainEqual(expect.stringMatching(/LOV3 area "lov3-hasselby-strand": quote not found in document 003/));
    expect(errors).toContainEqual(expect.stringMatching(/LOV3 area "lov3-hasselby-torg": the quote does not mention "Hässelby torg"/));
  });

  it('a position outside the stadsdel', () => {
    const file = sitesJson();
    file.sites.find((s) => s.id === 'grimsta')!.position = [17.872, 59.3633]; // Vällingby centrum
    expect(errorsOf(file)).toEqual([expect.stringMatching(/site "grimsta": position \[17\.872, 59\.3633\] is not inside its stadsdel Grimsta/)]);
  });

  it('a place in another stadsdel than the record says', () => {
    const file = sitesJson();
    file.sites.find((s) => s.id === 'hasselby-torg')!.stadsdel = 'Vällingby';
    expect(errorsOf(file)).toEqual([expect.stringMatching(/site "hasselby-torg": place "hasselby-torg" is in Hässelby gård, not in Vällingby/)]);
  });

  it('a LOV3 centre outside its stadsdel', () => {
    const file = sitesJson();
    const area = file.lov3.areas.find((a) => a.id === 'lov3-vallingby-centrum')!;
    delete area.placeId;
    area.outline.center = [17.8437, 59.3664]; // Hässelby torg, in Hässelby gård
    expect(errorsOf(file)).toContainEqual(expect.stringMatching(/LOV3 area "lov3-vallingby-centrum": position \[17\.8437, 59\.3664\] is not inside its stadsdel Vällingby/));
  });

  it('an unknown status, by the site id', () => {
    const file = sitesJson() as unknown as { sites: { id: string; status: string }[] };
    file.sites.find((s) => s.id === 'grimsta')!.status = 'planned';
    expect(errorsOf(file)).toEqual([expect.stringMatching(/^sites\.json: site "grimsta": status: /)]);
  });

  it('a partner the partner quote does not name', () => {
    const file = sitesJson();
    file.sites.find((s) => s.id === 'hasselby-torg')!.partners.push('SL');
    expect(errorsOf(file)).toEqual([expect.stringMatching(/site "hasselby-torg": partner "SL" does not occur in the partnersSource quote/)]);
  });

  it('a site with both or neither of placeId and position', () => {
    const file = sitesJson();
    file.sites.find((s) => s.id === 'grimsta')!.placeId = 'grimsta-ip';
    const errors = errorsOf(file);
    expect(errors).toContainEqual(expect.stringMatching(/site "grimsta": placeId: give exactly one of placeId and position/));
  });

  it('LOV3 areas that do not add up to the applications the document describes', () => {
    const file = sitesJson();
    file.lov3.areas.find((a) => a.id === 'lov3-akermyntan')!.application = 'extension';
    expect(errorsOf(file)).toEqual([
      expect.stringMatching(/lov3: 3 area\(s\) with application "extension", but lov3\.application\.extensions says 2/),
      expect.stringMatching(/lov3: 1 area\(s\) with application "new", but lov3\.application\.new says 2/),
    ]);
  });

  it('a LOV3 area not flagged approximate', () => {
    const file = sitesJson() as unknown as { lov3: { areas: { id: string; approximate: boolean }[] } };
    file.lov3.areas.find((a) => a.id === 'lov3-hasselby-strand')!.approximate = false;
    expect(errorsOf(file)).toEqual([expect.stringMatching(/^sites\.json: LOV3 area "lov3-hasselby-strand": approximate: /)]);
  });
});
