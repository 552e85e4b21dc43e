/**
 * buildProgramme on small synthetic goals and places, built on the REAL areas bundle and quoting
 * a small fake document: validation errors, merging of places across files, the areas a goal
 * and its places resolve to (point in polygon), and the map points laid out.
 */
import * as turf from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProgramme, type GoalRecord } from './programme';
import {
  buildFake, buildRealAreas, fakeDocumentTexts, fakePlaces, goal, measure, place, placesFile, POS, programmeFile,
} from './programme-fixtures';
import type { Goal, Place } from './programme-schema';
import type { AreasBundle } from './types';

let areas: AreasBundle;

beforeAll(() => {
  areas = buildRealAreas().areas;
});

const build = (goals: Goal[], places: Place[] = fakePlaces(), extraPlaceFiles: ReturnType<typeof placesFile>[] = []) =>
  buildProgramme([programmeFile(goals)], [placesFile(places), ...extraPlaceFiles], areas, fakeDocumentTexts());

function errorsOf(goals: Goal[], places?: Place[], extra?: ReturnType<typeof placesFile>[]): string[] {
  const result = build(goals, places, extra);
  expect(result.ok, 'build should fail').toBe(false);
  return result.ok ? [] : result.errors;
}

const stadsdel = (id: string) => areas.stadsdelar.features.find((f) => f.properties.id === id)!;
const priorityArea = (id: string) => areas.priorityAreas.features.find((f) => f.properties.id === id)!;
const sorted = (xs: string[]) => [...xs].sort();

describe('the synthetic fixtures', () => {
  it('build without errors on the real areas (so each error below comes from its own change)', () => {
    const result = build([goal('g-ok', { places: ['torget'], measures: [measure('m1', 'Upprustning av områden i nära anslutning till torget')] })]);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('places lie where the tests assume', () => {
    expect(turf.booleanPointInPolygon(POS.hasselbyTorg, stadsdel('hasselby-gard'))).toBe(true);
    expect(turf.booleanPointInPolygon(POS.grimstaIp, stadsdel('grimsta'))).toBe(true);
    expect(turf.booleanPointInPolygon(POS.hjulstaTorg, priorityArea('hjulsta-torg'))).toBe(true);
    expect(turf.booleanPointInPolygon(POS.tenstaJarvadalen, stadsdel('tensta'))).toBe(true);
    expect(turf.booleanPointInPolygon(POS.tenstaJarvadalen, priorityArea('hjulsta-torg'))).toBe(false);
  });
});

describe('buildProgramme: unknown references are errors naming the goal', () => {
  it.each([
    ['stadsdel', 'ingenstans'],
    ['priorityArea', 'ingenstans'],
    ['district', 'ingenstans'],
  ] as const)('unknown %s in a goal\'s areas', (kind, id) => {
    const errors = errorsOf([goal('g-ok'), goal('g-bad', { areas: [{ kind, id }] })]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('"g-bad"');
    expect(errors[0]).toContain(`unknown ${kind} "${id}"`);
  });

  it('unknown area in a measure names the goal and the measure', () => {
    const errors = errorsOf([goal('g-bad', {
      measures: [measure('m1', 'Upprustning av områden i nära anslutning till torget', { areas: [{ kind: 'priorityArea', id: 'atlantis' }] })],
    })]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/"g-bad".*"m1".*unknown priorityArea "atlantis"/);
  });

  it('unknown goal district is an error', () => {
    const errors = errorsOf([goal('g-bad', { districtId: 'ingenstans' })]);
    expect(errors.some((e) => e.includes('"g-bad"') && e.includes('unknown district "ingenstans"'))).toBe(true);
  });

  it('an unknown place id is an error, in a goal and in a measure', () => {
    expect(errorsOf([goal('g-bad', { places: ['inget-torg'] })])).toEqual([expect.stringMatching(/"g-bad".*unknown place "inget-torg"/)]);
    const errors = errorsOf([goal('g-bad2', {
      measures: [measure('m1', 'Erbjuda spontanidrott på idrottsplatsen', { places: ['ingen-plan'] })],
    })]);
    expect(errors).toEqual([expect.stringMatching(/"g-bad2".*"m1".*unknown place "ingen-plan"/)]);
  });

  it('a goal text not in the document is an error naming the goal', () => {
    const errors = errorsOf([goal('g-bad', { text: 'Ett mål som inget dokument säger' })]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('"g-bad"');
    expect(errors[0]).toContain('text not found in document 900');
  });

  it('measure, indicator and partner texts not in the document are errors', () => {
    const errors = errorsOf([goal('g-bad', {
      measures: [measure('m1', 'Bygga en rymdstation')],
      indicators: [{ id: 'i1', text: 'Antal rymdstationer' }],
      partners: ['Rymdstyrelsen'],
    })]);
    expect(errors).toHaveLength(3);
    expect(errors.every((e) => e.includes('"g-bad"'))).toBe(true);
  });

  it('texts broken over lines and hyphenated in the document are found', () => {
    // "Hässelby torg är tryggt och\nattraktivt" and "trygghets-\nvandringar" in the fake document.
    const result = build([goal('g-ok', { measures: [measure('m2', 'Genomföra trygghetsvandringar vid idrottsplatsen')] })]);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('the same goal id twice is an error', () => {
    expect(errorsOf([goal('g-twice'), goal('g-twice')])).toEqual([expect.stringMatching(/"g-twice".*id occurs twice/)]);
  });

  it('a goal that fails the schema is an error naming its file', () => {
    const result = buildProgramme([programmeFile([{ ...goal('g'), areas: [] }])], [], areas, fakeDocumentTexts());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/^programme\/900\.json: goals\.0\.areas/);
  });
});

describe('buildProgramme: places', () => {
  it('a place outside its stated stadsdel is an error', () => {
    const errors = errorsOf([goal('g')], [place('torget', 'Grimsta', POS.hasselbyTorg)]);
    expect(errors).toEqual([expect.stringMatching(/"torget".*not inside Grimsta/)]);
  });

  it('a place in an unknown stadsdel is an error', () => {
    expect(errorsOf([goal('g')], [place('torget', 'Atlantis', POS.hasselbyTorg)])).toEqual([expect.stringMatching(/"torget".*unknown stadsdel "Atlantis"/)]);
  });

  // The tolerance is SAME_PLACE_M in programme.ts (1000 m since a nature reserve was placed 352 m
  // apart by two files), compared with ">": exactly 1 km apart is the boundary, so 1.5 km is used.
  it('the same place id in two files 1.5 km apart is an error naming the place and the distance', () => {
    const a = POS.tenstaJarvadalen;
    const b = turf.destination(a, 1.5, 290).geometry.coordinates as [number, number];
    expect(turf.booleanPointInPolygon(b, stadsdel('tensta')), 'precondition: both inside Tensta').toBe(true);
    const errors = errorsOf([goal('g')], [place('parken', 'Tensta', a)], [placesFile([place('parken', 'Tensta', b)], 'places/901.json', '901')]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/places\/901\.json: place "parken".*1500 m apart/);
  });

  it('the same place id in two files in different stadsdelar is an error, however close', () => {
    const a = POS.hasselbyTorg;
    const grimsta = place('torget', 'Grimsta', POS.grimstaIp);
    const errors = errorsOf([goal('g')], [place('torget', 'Hässelby gård', a)], [placesFile([grimsta], 'places/901.json', '901')]);
    expect(errors).toEqual([expect.stringMatching(/places\/901\.json: place "torget": differs/)]);
  });

  it('the same place id in two files 50 m apart is merged, keeping both sources', () => {
    const a = POS.hasselbyTorg;
    const b = turf.destination(a, 0.05, 90).geometry.coordinates as [number, number];
    expect(turf.booleanPointInPolygon(b, stadsdel('hasselby-gard'))).toBe(true);
    const second = place('torget', 'Hässelby gård', b, { sources: [{ document: '901', section: 'Annat avsnitt' }] });
    const result = build([goal('g', { places: ['torget'] })], [place('torget', 'Hässelby gård', a)], [placesFile([second], 'places/901.json', '901')]);
    expect(result.ok ? [] : result.errors).toEqual([]);
    if (!result.ok) return;
    const merged = result.catalogue.places.filter((p) => p.id === 'torget');
    expect(merged).toHaveLength(1);
    expect(merged[0]!.position).toEqual(a);
    expect(merged[0]!.sources.map((s) => s.document)).toEqual(['900', '901']);
  });

  it('a place is located in its stadsdel, district and the priority areas it lies in', () => {
    const catalogue = buildFake(areas, [goal('g')]);
    const byId = new Map(catalogue.places.map((p) => [p.id, p]));
    expect(byId.get('torget')).toMatchObject({ stadsdelId: 'hasselby-gard', districtId: 'hasselby-vallingby', priorityAreaIds: ['hasselby-gard'] });
    expect(byId.get('idrottsplatsen')).toMatchObject({ stadsdelId: 'grimsta', districtId: 'hasselby-vallingby', priorityAreaIds: ['grimsta'] });
    expect(byId.get('tensta-parken')).toMatchObject({ stadsdelId: 'tensta', districtId: 'spanga-tensta', priorityAreaIds: ['tensta'] });
    // Hjulsta torg lies inside the stadsdel Tensta, which is itself a priority area: a place on
    // the torg is in both.
    expect(sorted(byId.get('hjulsta-mitt')!.priorityAreaIds)).toEqual(['hjulsta-torg', 'tensta']);
  });
});

describe('buildProgramme: the areas of a goal', () => {
  let goals: Map<string, GoalRecord>;

  beforeAll(() => {
    const catalogue = buildFake(areas, [
      goal('two-areas', { areas: [{ kind: 'priorityArea', id: 'hasselby-gard' }, { kind: 'priorityArea', id: 'grimsta' }] }),
      goal('district-wide'),
      goal('at-hjulsta', {
        districtId: 'spanga-tensta', text: 'Hjulsta torg är levande',
        areas: [{ kind: 'district', id: 'spanga-tensta' }], places: ['hjulsta-mitt'],
      }),
      goal('in-tensta-park', {
        districtId: 'spanga-tensta', text: 'Tensta är en trygg stadsdel',
        areas: [{ kind: 'district', id: 'spanga-tensta' }], places: ['tensta-parken'],
      }),
      goal('ref-hjulsta', {
        districtId: 'spanga-tensta', text: 'Hjulsta torg är levande', areas: [{ kind: 'priorityArea', id: 'hjulsta-torg' }],
      }),
      goal('ref-stadsdel-tensta', {
        districtId: 'spanga-tensta', text: 'Tensta är en trygg stadsdel', areas: [{ kind: 'stadsdel', id: 'tensta' }],
      }),
      goal('with-measures', {
        theme: 'Barn och unga', text: 'Flickor och pojkar deltar i idrottsaktiviteter',
        areas: [{ kind: 'priorityArea', id: 'hasselby-gard' }], places: ['torget'],
        measures: [
          measure('m1', 'Erbjuda spontanidrott på idrottsplatsen', { places: ['idrottsplatsen'] }),
          measure('m2', 'Organisera läxhjälpsverksamhet'),
          measure('m3', 'Genomföra trygghetsvandringar vid idrottsplatsen', { areas: [{ kind: 'stadsdel', id: 'grimsta' }], places: ['idrottsplatsen'] }),
        ],
      }),
    ]);
    goals = new Map(catalogue.goals.map((g) => [g.id, g]));
  });

  it('two priority areas: both priority areas, both stadsdelar and the district, each exactly once', () => {
    const keys = goals.get('two-areas')!.ownAreaKeys;
    expect(sorted(keys)).toEqual(sorted([
      'priorityArea:hasselby-gard', 'priorityArea:grimsta', 'stadsdel:hasselby-gard', 'stadsdel:grimsta', 'district:hasselby-vallingby',
    ]));
    expect(new Set(keys).size).toBe(keys.length);
    expect(goals.get('two-areas')!.locations).toEqual(['priorityArea:hasselby-gard', 'priorityArea:grimsta']);
  });

  it('a district-wide goal concerns only its district, no stadsdel or priority area', () => {
    expect(goals.get('district-wide')!.ownAreaKeys).toEqual(['district:hasselby-vallingby']);
  });

  it('a goal with a place inside Hjulsta torg counts in Hjulsta torg and in Tensta', () => {
    const keys = goals.get('at-hjulsta')!.ownAreaKeys;
    expect(keys).toContain('priorityArea:hjulsta-torg');
    expect(keys).toContain('priorityArea:tensta');
    expect(keys).toContain('stadsdel:tensta');
    expect(keys.filter((k) => k === 'district:spanga-tensta')).toHaveLength(1);
    expect(goals.get('at-hjulsta')!.locations).toEqual(['place:hjulsta-mitt', 'district:spanga-tensta']);
  });

  it('a goal with a place in Tensta outside the Hjulsta torg circle counts in Tensta only', () => {
    const keys = goals.get('in-tensta-park')!.ownAreaKeys;
    expect(keys).toContain('priorityArea:tensta');
    expect(keys).not.toContain('priorityArea:hjulsta-torg');
  });

  it('a goal that names the stadsdel Tensta counts in the priority area Tensta but not in the smaller Hjulsta torg', () => {
    const keys = goals.get('ref-stadsdel-tensta')!.ownAreaKeys;
    expect(sorted(keys)).toEqual(['district:spanga-tensta', 'priorityArea:tensta', 'stadsdel:tensta']);
  });

  // Hjulsta torg lies inside Tensta, so a goal naming it also counts in the priority area Tensta
  // (as a place on the torg does). Same for östra Vårberg / Vårberg.
  it('a goal that names the priority area Hjulsta torg also counts in the priority area Tensta that contains it', () => {
    const keys = goals.get('ref-hjulsta')!.ownAreaKeys;
    expect(keys).toContain('priorityArea:hjulsta-torg');
    expect(keys).toContain('stadsdel:tensta');
    expect(keys).toContain('priorityArea:tensta');
  });

  it('measures with their own location get their own area keys; areaKeys joins goal and measures', () => {
    const g = goals.get('with-measures')!;
    expect(sorted(g.ownAreaKeys)).toEqual(sorted(['priorityArea:hasselby-gard', 'stadsdel:hasselby-gard', 'district:hasselby-vallingby']));
    expect(sorted(g.measureAreaKeys.m1!)).toEqual(sorted(['stadsdel:grimsta', 'district:hasselby-vallingby', 'priorityArea:grimsta']));
    expect(g.measureAreaKeys.m2).toBeUndefined();
    expect(g.measureLocations).toEqual({ m1: ['place:idrottsplatsen'], m3: ['place:idrottsplatsen', 'stadsdel:grimsta'] });
    expect(sorted(g.areaKeys)).toEqual(sorted([...g.ownAreaKeys, 'stadsdel:grimsta', 'priorityArea:grimsta']));
    expect(new Set(g.areaKeys).size).toBe(g.areaKeys.length);
    expect(g.family).toBe('barn-unga');
    expect(g.document).toBe('900');
  });
});

describe('buildProgramme: map points', () => {
  it('one goal point per location, one measure point per measure location, none for measures without their own', () => {
    const catalogue = buildFake(areas, [
      goal('g1', {
        areas: [{ kind: 'priorityArea', id: 'hasselby-gard' }, { kind: 'priorityArea', id: 'grimsta' }], places: ['torget'],
        measures: [
          measure('m1', 'Upprustning av områden i nära anslutning till torget'),
          measure('m2', 'Genomföra trygghetsvandringar vid idrottsplatsen', { places: ['idrottsplatsen'], areas: [{ kind: 'stadsdel', id: 'grimsta' }] }),
          measure('m3', 'Utöka utbudet av kultur- och fritidsaktiviteter på torget', { places: ['torget'] }),
        ],
      }),
      goal('g2', { text: 'Kvinnor och män är självförsörjande', theme: 'Arbete och försörjning', measures: [measure('m1', 'Korttidsutbildade får stöd till fortsatt utbildning')] }),
    ]);
    const points = catalogue.points.features.map((f) => f.properties);
    const summary = points.map((p) => `${p.kind} ${p.goalId}|${p.measureId}|${p.location}`).sort();
    expect(summary).toEqual([
      'goal g1||place:torget',
      'goal g1||priorityArea:grimsta',
      'goal g1||priorityArea:hasselby-gard',
      'goal g2||district:hasselby-vallingby',
      'measure g1|m2|place:idrottsplatsen',
      'measure g1|m2|stadsdel:grimsta',
      'measure g1|m3|place:torget',
    ].sort());
    expect(new Set(points.map((p) => p.key)).size).toBe(points.length);
    expect(points.find((p) => p.goalId === 'g2')!.family).toBe('arbete');

    // Points stand at the place, or at the area's label point (which lies inside the area).
    const at = (loc: string, kind = 'goal') => catalogue.points.features.find((f) => f.properties.location === loc && f.properties.kind === kind)!.geometry.coordinates;
    expect(at('place:torget')).toEqual(POS.hasselbyTorg);
    expect(turf.booleanPointInPolygon(at('priorityArea:grimsta'), priorityArea('grimsta'))).toBe(true);
    expect(turf.booleanPointInPolygon(at('stadsdel:grimsta', 'measure'), stadsdel('grimsta'))).toBe(true);
  });

  it('a goal rejected for a bad reference lays out no points and the build fails', () => {
    const result = build([goal('g', { places: ['saknas'] })]);
    expect(result.ok).toBe(false);
  });
});
