import * as turf from '@turf/turf';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  INITIATIVE_KIND_ORDER, initiativeKey, initiativesFromFindings, initiativesFromProgramme, nearest,
  type Initiative, type InitiativeKind, type NearbyHit, type NearestOptions,
} from './nearby';
import type { ProgrammeCatalogue } from './programme';
import { buildFake, buildRealAreas, buildRealProgramme, goal, measure } from './programme-fixtures';
import { aFinding, walkDataArb } from './walks/walk-fixtures';

/** A point in Hässelby gård (Hässelby torg). */
const ORIGIN: [number, number] = [17.8437, 59.3664];

/** The position `metres` from ORIGIN towards `bearing` (degrees clockwise from north). */
const at = (metres: number, bearing = 0): [number, number] =>
  turf.destination(ORIGIN, metres, bearing, { units: 'meters' }).geometry.coordinates as [number, number];

const metresTo = (position: [number, number]) => turf.distance(ORIGIN, position, { units: 'meters' });

function initiative(id: string, position: [number, number], over: Partial<Initiative> = {}): Initiative {
  return { kind: 'site', id, title: id, position, ...over };
}

const summary = (hits: NearbyHit[]) => hits.map((h) => `${h.initiative.kind}:${h.initiative.id}`);

describe('nearest', () => {
  it('lists initiatives nearest first, with their distance in metres', () => {
    const list = [initiative('far', at(900)), initiative('near', at(10)), initiative('mid', at(120))];
    const hits = nearest(ORIGIN, list, 1000);
    expect(summary(hits)).toEqual(['site:near', 'site:mid', 'site:far']);
    expect(hits.map((h) => h.distanceM)).toEqual([
      expect.closeTo(10, 3), expect.closeTo(120, 3), expect.closeTo(900, 3),
    ]);
  });

  it('includes an initiative exactly on the radius and leaves out one just beyond it', () => {
    const edge = initiative('edge', at(120, 75));
    const d = metresTo(edge.position);
    expect(summary(nearest(ORIGIN, [edge], d))).toEqual(['site:edge']);
    expect(nearest(ORIGIN, [edge], d - 0.001)).toEqual([]);
    expect(summary(nearest(ORIGIN, [initiative('here', ORIGIN)], 0))).toEqual(['site:here']);
  });

  it('lists an initiative at several positions once, at its nearest position', () => {
    const list = [
      initiative('goal-1', at(900), { kind: 'goal', goalId: 'goal-1' }),
      initiative('goal-1', at(10, 180), { kind: 'goal', goalId: 'goal-1' }),
      initiative('goal-1', at(120), { kind: 'goal', goalId: 'goal-1' }),
      initiative('goal-1|m1', at(500), { kind: 'measure', goalId: 'goal-1' }),
    ];
    const hits = nearest(ORIGIN, list, 1000);
    expect(summary(hits)).toEqual(['goal:goal-1', 'measure:goal-1|m1']);
    expect(hits[0]?.distanceM).toBeCloseTo(10, 3);
    expect(hits[0]?.initiative).toBe(list[1]);
  });

  it('leaves out area-wide initiatives unless asked for them', () => {
    const list = [initiative('district-goal', at(50), { kind: 'goal', areaWide: true, representative: true }), initiative('site', at(60))];
    expect(summary(nearest(ORIGIN, list, 1000))).toEqual(['site:site']);
    expect(summary(nearest(ORIGIN, list, 1000, { includeAreaWide: true }))).toEqual(['goal:district-goal', 'site:site']);
  });

  it('breaks distance ties by kind (goal, measure, site, finding), then title', () => {
    const p = at(30);
    const list = [
      initiative('f', p, { kind: 'finding', title: 'A' }),
      initiative('s2', p, { kind: 'site', title: 'Öst' }),
      initiative('s1', p, { kind: 'site', title: 'Åby' }),
      initiative('m', p, { kind: 'measure', title: 'A' }),
      initiative('g', p, { kind: 'goal', title: 'Z' }),
    ];
    expect(summary(nearest(ORIGIN, list, 100))).toEqual(['goal:g', 'measure:m', 'site:s1', 'site:s2', 'finding:f']);
  });

  it('gives at most `limit` hits', () => {
    const list = [10, 20, 30, 40].map((m) => initiative(`s${m}`, at(m)));
    expect(summary(nearest(ORIGIN, list, 100, { limit: 2 }))).toEqual(['site:s10', 'site:s20']);
    expect(nearest(ORIGIN, list, 100, { limit: 0 })).toEqual([]);
  });

  it('finds nothing for a negative or non-finite radius', () => {
    const list = [initiative('here', ORIGIN)];
    expect(nearest(ORIGIN, list, -1)).toEqual([]);
    expect(nearest(ORIGIN, list, Number.NaN)).toEqual([]);
    expect(nearest(ORIGIN, list, Number.POSITIVE_INFINITY)).toEqual([]);
  });

  it('lists initiatives with the same key once, at the nearest of them, whatever their ids', () => {
    const list = [
      initiative('goal-a', at(300), { kind: 'goal', key: 'goal:d:platssamverkan', title: 'Platssamverkan' }),
      initiative('goal-b', at(20), { kind: 'goal', key: 'goal:d:platssamverkan', title: 'Platssamverkan' }),
      initiative('goal-c', at(20), { kind: 'goal', key: 'goal:d:platssamverkan', title: 'Platssamverkan' }),
      initiative('goal-d', at(40), { kind: 'goal', key: 'goal:other:platssamverkan', title: 'Platssamverkan' }),
    ];
    const hits = nearest(ORIGIN, list, 1000);
    expect(summary(hits)).toEqual(['goal:goal-b', 'goal:goal-d']);
    expect(hits[0]?.distanceM).toBeCloseTo(20, 3);
    expect(initiativeKey(list[0]!)).toBe('goal:d:platssamverkan');
    expect(initiativeKey(initiative('s', ORIGIN))).toBe('site:s');
  });

  /** The reference: every initiative's exact distance, filtered, one per key (default kind and id), sorted. */
  function bruteForce(point: [number, number], list: Initiative[], radiusM: number, options: NearestOptions): NearbyHit[] {
    const best = new Map<string, NearbyHit>();
    for (const i of list) {
      if (i.areaWide && !options.includeAreaWide) continue;
      const distanceM = turf.distance(point, i.position, { units: 'meters' });
      if (distanceM > radiusM) continue;
      const key = i.key ?? `${i.kind}:${i.id}`;
      const earlier = best.get(key);
      if (!earlier || distanceM < earlier.distanceM) best.set(key, { initiative: i, distanceM });
    }
    const kindRank = (k: InitiativeKind) => INITIATIVE_KIND_ORDER.indexOf(k);
    const sorted = [...best.values()].sort((a, b) => a.distanceM - b.distanceM
      || kindRank(a.initiative.kind) - kindRank(b.initiative.kind)
      || a.initiative.title.localeCompare(b.initiative.title, 'sv')
      || (a.initiative.id < b.initiative.id ? -1 : a.initiative.id > b.initiative.id ? 1 : 0));
    return options.limit === undefined ? sorted : sorted.slice(0, options.limit);
  }

  const initiativeArb = (position: fc.Arbitrary<[number, number]>): fc.Arbitrary<Initiative> => fc.record({
    kind: fc.constantFrom(...INITIATIVE_KIND_ORDER),
    // Few ids, so that the same initiative often stands at several positions.
    id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
    title: fc.constantFrom('Trygghet', 'Åby torg', 'Ängen', 'Öppen förskola', 'trygghet'),
    // Sometimes a shared key across different ids (as the programme's same-text records have).
    key: fc.constantFrom('x', 'y'),
    position,
    areaWide: fc.boolean(),
  }, { noNullPrototype: true, requiredKeys: ['kind', 'id', 'title', 'position'] });

  const optionsArb: fc.Arbitrary<NearestOptions> = fc.record({
    includeAreaWide: fc.boolean(),
    limit: fc.nat(12),
  }, { noNullPrototype: true, requiredKeys: [] });

  function check(point: [number, number], list: Initiative[], radiusM: number, options: NearestOptions) {
    const hits = nearest(point, list, radiusM, options);
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.distanceM).toBeGreaterThanOrEqual(hits[i - 1]!.distanceM);
    for (const h of hits) expect(h.distanceM).toBeLessThanOrEqual(radiusM);
    expect(hits).toEqual(bruteForce(point, list, radiusM, options));
  }

  it('is always sorted, within the radius, and equal to filtering and sorting every initiative', () => {
    const around = fc.tuple(fc.double({ min: -0.06, max: 0.06, noNaN: true }), fc.double({ min: -0.03, max: 0.03, noNaN: true }))
      .map(([dx, dy]): [number, number] => [ORIGIN[0] + dx, ORIGIN[1] + dy]);
    fc.assert(fc.property(
      around, fc.array(initiativeArb(around), { maxLength: 40 }), fc.double({ min: 0, max: 5000, noNaN: true }), optionsArb,
      (point, list, radiusM, options) => check(point, list, radiusM, options),
    ), { numRuns: 300 });
  });

  it('agrees with the exact distance right at the radius in every direction (the degree prefilter drops nothing)', () => {
    fc.assert(fc.property(
      fc.double({ min: 1, max: 50_000, noNaN: true }),
      fc.array(fc.tuple(fc.double({ min: 0.98, max: 1.02, noNaN: true }), fc.double({ min: 0, max: 360, noNaN: true })), { minLength: 1, maxLength: 30 }),
      (radiusM, offsets) => {
        const list = offsets.map(([f, bearing], i) => initiative(`s${i}`, at(radiusM * f, bearing)));
        check(ORIGIN, list, radiusM, { includeAreaWide: true });
      },
    ), { numRuns: 300 });
  });
});

describe('initiativesFromFindings', () => {
  it('takes only public findings', () => {
    const findings = [
      aFinding({ id: 'internal', public: false, position: ORIGIN }),
      aFinding({ id: 'public', public: true, position: at(40), description: '  Trasig lampa vid torget ' }),
    ];
    const list = initiativesFromFindings(findings);
    expect(list).toEqual([{ kind: 'finding', id: 'public', title: 'Trasig lampa vid torget', position: at(40) }]);
    expect(summary(nearest(ORIGIN, list, 10_000, { includeAreaWide: true }))).toEqual(['finding:public']);
  });

  it('never lets an internal finding through', () => {
    fc.assert(fc.property(walkDataArb, ({ findings }) => {
      const ids = initiativesFromFindings(findings).map((i) => i.id);
      expect(ids).toEqual(findings.filter((f) => f.public).map((f) => f.id));
    }), { numRuns: 200 });
  });

  it('titles a finding without description by its category', () => {
    expect(initiativesFromFindings([aFinding({ public: true, description: ' ' })])[0]?.title).toBe('belysning');
  });
});

describe('initiativesFromProgramme', () => {
  let fake: ProgrammeCatalogue;

  beforeAll(() => {
    fake = buildFake(buildRealAreas().areas, [
      goal('district-wide', { text: 'Kvinnor och män är självförsörjande' }),
      goal('at-places', {
        theme: 'Barn och unga', text: 'Flickor och pojkar deltar i idrottsaktiviteter',
        areas: [{ kind: 'priorityArea', id: 'hasselby-gard' }], places: ['torget', 'idrottsplatsen'],
        measures: [
          measure('m1', 'Organisera läxhjälpsverksamhet'),
          measure('m2', 'Erbjuda spontanidrott på idrottsplatsen', { places: ['idrottsplatsen'] }),
        ],
      }),
    ]);
  });

  it('makes one initiative per goal or measure point, titled with its text', () => {
    const list = initiativesFromProgramme(fake);
    expect(list).toHaveLength(fake.points.features.length);
    expect(list.map((i) => [i.kind, i.id, i.location, i.title])).toEqual([
      ['goal', 'district-wide', 'district:hasselby-vallingby', 'Kvinnor och män är självförsörjande'],
      ['goal', 'at-places', 'place:torget', 'Flickor och pojkar deltar i idrottsaktiviteter'],
      ['goal', 'at-places', 'place:idrottsplatsen', 'Flickor och pojkar deltar i idrottsaktiviteter'],
      ['goal', 'at-places', 'priorityArea:hasselby-gard', 'Flickor och pojkar deltar i idrottsaktiviteter'],
      ['measure', 'at-places|m2', 'place:idrottsplatsen', 'Erbjuda spontanidrott på idrottsplatsen'],
    ]);
    expect(list.every((i) => i.goalId === i.id.split('|')[0])).toBe(true);
    expect(list.find((i) => i.kind === 'measure')?.measureId).toBe('m2');
  });

  it('flags district points area-wide and area label points representative', () => {
    const flags = initiativesFromProgramme(fake).map((i) => [i.location, i.areaWide ?? false, i.representative ?? false]);
    expect(flags).toEqual([
      ['district:hasselby-vallingby', true, true],
      ['place:torget', false, false],
      ['place:idrottsplatsen', false, false],
      ['priorityArea:hasselby-gard', false, true],
      ['place:idrottsplatsen', false, false],
    ]);
  });

  it('near Hässelby torg lists the goal once, at the torg, and not the district-wide goal', () => {
    const hits = nearest(ORIGIN, initiativesFromProgramme(fake), 2000);
    expect(hits.map((h) => [h.initiative.id, h.initiative.location])).toEqual([
      ['at-places', 'place:torget'],
      ['at-places|m2', 'place:idrottsplatsen'],
    ]);
  });

  it('keys goals and measures by district and folded text, so that records saying the same are one initiative', () => {
    const catalogue = buildFake(buildRealAreas().areas, [
      goal('first', { text: 'Hässelby torg är tryggt och attraktivt', places: ['torget'] }),
      goal('second', { text: 'Hässelby torg är tryggt och attraktivt', places: ['torget'], measures: [measure('m1', 'Organisera läxhjälpsverksamhet', { places: ['torget'] })] }),
    ]);
    const list = initiativesFromProgramme(catalogue).filter((i) => i.location === 'place:torget');
    expect(list.map((i) => [i.id, i.key])).toEqual([
      ['first', 'goal:hasselby-vallingby:hasselby torg ar tryggt och attraktivt'],
      ['second', 'goal:hasselby-vallingby:hasselby torg ar tryggt och attraktivt'],
      ['second|m1', 'measure:hasselby-vallingby:organisera laxhjalpsverksamhet'],
    ]);
    expect(summary(nearest(ORIGIN, list, 500))).toEqual(['goal:first', 'measure:second|m1']);
  });

  it('near Hässelby torg in the real programme lists each initiative once (Platssamverkan is two goals of document 003)', () => {
    const { catalogue } = buildRealProgramme();
    // Why there were two rows: two goal records share the text, under the council's goals 1.2 and 2.1.
    expect(catalogue.goals.filter((g) => g.text === 'Platssamverkan').map((g) => g.id)).toEqual(['003-platssamverkan-1-2', '003-platssamverkan-2-1']);
    const hits = nearest(ORIGIN, initiativesFromProgramme(catalogue), 2000);
    const rows = hits.map((h) => `${h.initiative.kind} · ${h.initiative.title}`);
    expect(rows.filter((r) => r === 'goal · Platssamverkan')).toHaveLength(1);
    expect(new Set(rows).size).toBe(rows.length);
    expect(hits.find((h) => h.initiative.title === 'Platssamverkan')?.initiative.id).toBe('003-platssamverkan-1-2');
  });

  it('covers every point of the real programme', () => {
    const { catalogue } = buildRealProgramme();
    const list = initiativesFromProgramme(catalogue);
    expect(list).toHaveLength(catalogue.points.features.length);
    expect(list.every((i) => i.title.length > 0)).toBe(true);
    expect(list.filter((i) => i.areaWide).every((i) => i.location?.startsWith('district:'))).toBe(true);
  });
});
