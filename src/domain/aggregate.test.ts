/**
 * countByArea and classBreaks: synthetic goals built on the real areas (so the area keys are what
 * buildProgramme derives), and sums over the real programme.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { classBreaks, countByArea } from './aggregate';
import type { GoalRecord } from './programme';
import { buildFake, buildRealAreas, buildRealProgramme, goal, measure } from './programme-fixtures';
import { THEME_FAMILIES } from './theme-family';
import type { AreaKind, AreasBundle } from './types';

let areas: AreasBundle;
let fake: GoalRecord[];
let real: GoalRecord[];

const idsOf = (kind: AreaKind) =>
  (kind === 'district' ? areas.districts : kind === 'stadsdel' ? areas.stadsdelar : areas.priorityAreas).features.map((f) => f.properties.id);

beforeAll(() => {
  areas = buildRealAreas().areas;
  fake = buildFake(areas, [
    // Spans two priority areas (two stadsdelar) of one district.
    goal('two-areas', { areas: [{ kind: 'priorityArea', id: 'hasselby-gard' }, { kind: 'priorityArea', id: 'grimsta' }] }),
    // Placed at Hässelby gård; one measure there (no own location), one in Grimsta, one at the torg.
    goal('measures', {
      theme: 'Barn och unga', text: 'Flickor och pojkar deltar i idrottsaktiviteter',
      areas: [{ kind: 'priorityArea', id: 'hasselby-gard' }],
      measures: [
        measure('m1', 'Organisera läxhjälpsverksamhet'),
        measure('m2', 'Erbjuda spontanidrott på idrottsplatsen', { places: ['idrottsplatsen'] }),
        measure('m3', 'Upprustning av områden i nära anslutning till torget', { places: ['torget'] }),
      ],
    }),
    // In Spånga-Tensta, at Hjulsta torg.
    goal('hjulsta', {
      districtId: 'spanga-tensta', text: 'Hjulsta torg är levande', theme: 'Arbete och försörjning',
      areas: [{ kind: 'district', id: 'spanga-tensta' }], places: ['hjulsta-mitt'],
      measures: [measure('m1', 'Korttidsutbildade får stöd till fortsatt utbildning')],
    }),
  ]).goals;
  real = buildRealProgramme().catalogue.goals;
});

describe('countByArea', () => {
  it('every area asked for is present; an area with nothing in it gets zeros', () => {
    for (const kind of ['district', 'stadsdel', 'priorityArea'] as const) {
      const counts = countByArea(fake, kind, idsOf(kind));
      expect([...counts.keys()]).toEqual(idsOf(kind));
    }
    const solberga = countByArea(fake, 'priorityArea', idsOf('priorityArea')).get('solberga')!;
    expect(solberga).toEqual({ goals: 0, measures: 0, byFamily: Object.fromEntries(THEME_FAMILIES.map((f) => [f, 0])) });
    expect(countByArea([], 'district', ['bromma']).get('bromma')!.goals).toBe(0);
  });

  it('areas not asked for are not added', () => {
    const counts = countByArea(fake, 'priorityArea', ['solberga']);
    expect([...counts.keys()]).toEqual(['solberga']);
  });

  it('a goal spanning several areas counts once in each, and once (not twice) in their shared district', () => {
    const only = fake.filter((g) => g.id === 'two-areas');
    const pa = countByArea(only, 'priorityArea', idsOf('priorityArea'));
    expect(pa.get('hasselby-gard')!.goals).toBe(1);
    expect(pa.get('grimsta')!.goals).toBe(1);
    expect(pa.get('hasselby-villastad-smedshagen')!.goals).toBe(0);
    const sd = countByArea(only, 'stadsdel', idsOf('stadsdel'));
    expect(sd.get('hasselby-gard')!.goals).toBe(1);
    expect(sd.get('grimsta')!.goals).toBe(1);
    const d = countByArea(only, 'district', idsOf('district'));
    expect(d.get('hasselby-vallingby')!.goals).toBe(1);
    expect(d.get('hasselby-vallingby')!.byFamily.trygghet).toBe(1);
    expect([...d.values()].reduce((n, c) => n + c.goals, 0)).toBe(1);
  });

  it('measures count at their own location when they have one, else at the goal\'s', () => {
    const only = fake.filter((g) => g.id === 'measures');
    const pa = countByArea(only, 'priorityArea', idsOf('priorityArea'));
    expect(pa.get('hasselby-gard')).toMatchObject({ goals: 1, measures: 2 }); // m1 (goal's), m3 (torget)
    expect(pa.get('grimsta')).toMatchObject({ goals: 0, measures: 1 }); // m2 (idrottsplatsen)
    const d = countByArea(only, 'district', idsOf('district'));
    expect(d.get('hasselby-vallingby')).toMatchObject({ goals: 1, measures: 3 });
  });

  it('a place at Hjulsta torg counts in both Hjulsta torg and Tensta, goal and measure', () => {
    const pa = countByArea(fake, 'priorityArea', idsOf('priorityArea'));
    expect(pa.get('hjulsta-torg')).toMatchObject({ goals: 1, measures: 1 });
    expect(pa.get('tensta')).toMatchObject({ goals: 1, measures: 1 });
    expect(pa.get('hjulsta-torg')!.byFamily.arbete).toBe(1);
  });

  it('totals over districts on the synthetic goals', () => {
    const d = countByArea(fake, 'district', idsOf('district'));
    expect(d.get('hasselby-vallingby')).toMatchObject({ goals: 2, measures: 3 });
    expect(d.get('spanga-tensta')).toMatchObject({ goals: 1, measures: 1 });
  });

  it('byFamily sums to goals for every area of every kind (synthetic and real data)', () => {
    for (const goals of [fake, real]) {
      for (const kind of ['district', 'stadsdel', 'priorityArea'] as const) {
        for (const [id, c] of countByArea(goals, kind, idsOf(kind))) {
          expect(Object.values(c.byFamily).reduce((a, b) => a + b, 0), `${kind}:${id}`).toBe(c.goals);
        }
      }
    }
  });

  it('real data: every goal counts in its own district, and every measure exactly once there', () => {
    const d = countByArea(real, 'district', idsOf('district'));
    for (const g of real) expect(g.ownAreaKeys, g.id).toContain(`district:${g.districtId}`);
    for (const districtId of idsOf('district')) {
      const inDistrict = real.filter((g) => g.districtId === districtId);
      const c = d.get(districtId)!;
      expect(c.goals, districtId).toBeGreaterThanOrEqual(inDistrict.length);
      expect(c.measures, districtId).toBeGreaterThanOrEqual(inDistrict.reduce((n, g) => n + g.measures.length, 0));
    }
    // Districts are disjoint and every measure lies in some district: the district sums are at least
    // the totals, and equal them unless a goal reaches into another district.
    const totalGoals = [...d.values()].reduce((n, c) => n + c.goals, 0);
    const totalMeasures = [...d.values()].reduce((n, c) => n + c.measures, 0);
    expect(totalGoals).toBeGreaterThanOrEqual(real.length);
    expect(totalMeasures).toBeGreaterThanOrEqual(real.reduce((n, g) => n + g.measures.length, 0));
  });
});

describe('classBreaks', () => {
  it('all zeros (or nothing) gives no breaks', () => {
    expect(classBreaks([])).toEqual([]);
    expect(classBreaks([0, 0, 0])).toEqual([]);
  });

  it('simple cases', () => {
    expect(classBreaks([0, 0, 3])).toEqual([3]);
    expect(classBreaks([5, 5, 5, 5])).toEqual([5]);
    expect(classBreaks(Array.from({ length: 100 }, (_, i) => i + 1))).toEqual([20, 40, 60, 80, 100]);
    expect(classBreaks(Array.from({ length: 100 }, (_, i) => i + 1), 3)).toEqual([34, 67, 100]);
    expect(classBreaks([1, 2], 5)).toEqual([1, 2]);
  });

  it('does not change its input', () => {
    const values = [3, 0, 1, 2];
    classBreaks(values);
    expect(values).toEqual([3, 0, 1, 2]);
  });

  it('strictly increasing, last break = max, at most maxClasses, first break ≥ the smallest non-zero (many integer inputs)', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let run = 0; run < 500; run++) {
      const n = 1 + Math.floor(rand() * 40);
      const spread = [1, 3, 10, 200][run % 4]!;
      const values = Array.from({ length: n }, () => (rand() < 0.3 ? 0 : Math.floor(rand() * spread)));
      const maxClasses = 1 + (run % 7);
      const breaks = classBreaks(values, maxClasses);
      const nonZero = values.filter((v) => v > 0);
      if (nonZero.length === 0) {
        expect(breaks).toEqual([]);
        continue;
      }
      const msg = `${JSON.stringify(values)} max ${maxClasses} → ${JSON.stringify(breaks)}`;
      expect(breaks.length, msg).toBeGreaterThanOrEqual(1);
      expect(breaks.length, msg).toBeLessThanOrEqual(maxClasses);
      for (let i = 1; i < breaks.length; i++) expect(breaks[i]!, msg).toBeGreaterThan(breaks[i - 1]!);
      expect(breaks[breaks.length - 1], msg).toBe(Math.max(...values));
      expect(breaks[0]!, msg).toBeGreaterThanOrEqual(Math.min(...nonZero));
    }
  });

  it('on the real counts per priority area and per district', () => {
    for (const kind of ['priorityArea', 'district'] as const) {
      const values = [...countByArea(real, kind, idsOf(kind)).values()].map((c) => c.goals);
      const breaks = classBreaks(values);
      expect(breaks.length).toBeGreaterThan(0);
      expect(breaks.length).toBeLessThanOrEqual(5);
      expect(breaks[breaks.length - 1]).toBe(Math.max(...values));
    }
  });
});
