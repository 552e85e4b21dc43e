/**
 * filterGoals / goalMatches, partnerNames and periodYears: on four synthetic goals built on the
 * real areas (so area keys are what buildProgramme derives), and free-text search on the real
 * programme data.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { GoalRecord } from './programme';
import { filterGoals, goalMatches, partnerNames, periodYears, type ProgrammeFilter } from './programme-filter';
import { buildFake, buildRealAreas, buildRealProgramme, goal, measure } from './programme-fixtures';

let fake: GoalRecord[];
let real: GoalRecord[];

beforeAll(() => {
  const { areas } = buildRealAreas();
  fake = buildFake(areas, [
    // A: Hässelby torg, trygghet, 2017–2021.
    goal('a-torg', {
      areas: [{ kind: 'priorityArea', id: 'hasselby-gard' }], places: ['torget'], period: { from: 2017, to: 2021 },
      partners: ['Trafikkontoret', 'Polisen'],
      measures: [measure('m1', 'Upprustning av områden i nära anslutning till torget')],
    }),
    // B: Grimsta (through a place), barn och unga, 2016–2019.
    goal('b-idrott', {
      theme: 'Barn och unga', text: 'Flickor och pojkar deltar i idrottsaktiviteter',
      areas: [{ kind: 'district', id: 'hasselby-vallingby' }], places: ['idrottsplatsen'], period: { from: 2016, to: 2019 },
      partners: ['trafikkontoret'],
      measures: [measure('m1', 'Organisera läxhjälpsverksamhet')],
    }),
    // C: Hjulsta torg in Spånga-Tensta, trygghet, no period.
    goal('c-hjulsta', {
      districtId: 'spanga-tensta', text: 'Hjulsta torg är levande',
      areas: [{ kind: 'district', id: 'spanga-tensta' }], places: ['hjulsta-mitt'], partners: ['Fastighetsägarna'],
    }),
    // D: district-wide arbete, 2017–2019, with a measure on the torg.
    goal('d-arbete', {
      theme: 'Arbete och försörjning', text: 'Kvinnor och män är självförsörjande', period: { from: 2017, to: 2019 },
      measures: [measure('m1', 'Korttidsutbildade får stöd till fortsatt utbildning', { places: ['torget'] })],
    }),
  ]).goals;
  real = buildRealProgramme().catalogue.goals;
});

const ids = (filter: ProgrammeFilter, goals = fake) => filterGoals(goals, filter).map((g) => g.id).sort();

describe('filterGoals: each filter alone', () => {
  it('no filter keeps every goal, in order', () => {
    expect(filterGoals(fake, {}).map((g) => g.id)).toEqual(['a-torg', 'b-idrott', 'c-hjulsta', 'd-arbete']);
  });

  it('district', () => {
    expect(ids({ districtId: 'hasselby-vallingby' })).toEqual(['a-torg', 'b-idrott', 'd-arbete']);
    expect(ids({ districtId: 'spanga-tensta' })).toEqual(['c-hjulsta']);
    expect(ids({ districtId: 'bromma' })).toEqual([]);
  });

  it('priority area, through the goal\'s areas, its places and its measures\' places', () => {
    expect(ids({ priorityAreaId: 'hasselby-gard' })).toEqual(['a-torg', 'd-arbete']);
    expect(ids({ priorityAreaId: 'grimsta' })).toEqual(['b-idrott']);
    expect(ids({ priorityAreaId: 'hjulsta-torg' })).toEqual(['c-hjulsta']);
    expect(ids({ priorityAreaId: 'tensta' })).toEqual(['c-hjulsta']);
    expect(ids({ priorityAreaId: 'hasselby-villastad-smedshagen' })).toEqual([]);
  });

  it('theme family', () => {
    expect(ids({ family: 'trygghet' })).toEqual(['a-torg', 'c-hjulsta']);
    expect(ids({ family: 'barn-unga' })).toEqual(['b-idrott']);
    expect(ids({ family: 'arbete' })).toEqual(['d-arbete']);
    expect(ids({ family: 'halsa' })).toEqual([]);
  });

  it('year: a goal is shown for the years of its period, boundaries included; a goal without period for any year', () => {
    expect(ids({ year: 2015 })).toEqual(['c-hjulsta']);
    expect(ids({ year: 2016 })).toEqual(['b-idrott', 'c-hjulsta']);
    expect(ids({ year: 2017 })).toEqual(['a-torg', 'b-idrott', 'c-hjulsta', 'd-arbete']);
    expect(ids({ year: 2018 })).toEqual(['a-torg', 'b-idrott', 'c-hjulsta', 'd-arbete']);
    expect(ids({ year: 2019 })).toEqual(['a-torg', 'b-idrott', 'c-hjulsta', 'd-arbete']);
    expect(ids({ year: 2020 })).toEqual(['a-torg', 'c-hjulsta']);
    expect(ids({ year: 2021 })).toEqual(['a-torg', 'c-hjulsta']);
    expect(ids({ year: 2022 })).toEqual(['c-hjulsta']);
  });

  it('partner, folded: case and diacritics do not matter, but the whole name must match', () => {
    expect(ids({ partner: 'trafikkontoret' })).toEqual(['a-torg', 'b-idrott']);
    expect(ids({ partner: 'Trafikkontoret' })).toEqual(['a-torg', 'b-idrott']);
    expect(ids({ partner: 'TRAFIKKONTORET' })).toEqual(['a-torg', 'b-idrott']);
    expect(ids({ partner: 'fastighetsagarna' })).toEqual(['c-hjulsta']);
    expect(ids({ partner: 'Trafik' })).toEqual([]);
  });

  it('free text: case- and diacritic-insensitive, in goal, measure and partner texts', () => {
    expect(ids({ query: 'hasselby' })).toEqual(['a-torg']);
    expect(ids({ query: 'HÄSSELBY TORG' })).toEqual(['a-torg']);
    expect(ids({ query: 'laxhjalp' })).toEqual(['b-idrott']); // measure text
    expect(ids({ query: 'Korttidsutbildade' })).toEqual(['d-arbete']); // measure text
    expect(ids({ query: 'polisen' })).toEqual(['a-torg']); // partner
    expect(ids({ query: '  torg   ' })).toEqual(['a-torg', 'c-hjulsta']);
  });

  it('free text: every word must match, somewhere in the goal', () => {
    expect(ids({ query: 'hjulsta levande' })).toEqual(['c-hjulsta']);
    expect(ids({ query: 'torg idrottsaktiviteter' })).toEqual([]);
    expect(ids({ query: 'attraktivt upprustning' })).toEqual(['a-torg']); // goal text + measure text
    expect(ids({ query: 'rymdstation' })).toEqual([]);
  });
});

describe('filterGoals: filters combined (all must hold)', () => {
  it.each<[ProgrammeFilter, string[]]>([
    [{ districtId: 'hasselby-vallingby', family: 'trygghet' }, ['a-torg']],
    [{ districtId: 'hasselby-vallingby', year: 2020 }, ['a-torg']],
    [{ districtId: 'hasselby-vallingby', family: 'trygghet', year: 2020, partner: 'polisen' }, ['a-torg']],
    [{ districtId: 'hasselby-vallingby', family: 'trygghet', year: 2020, partner: 'fastighetsägarna' }, []],
    [{ priorityAreaId: 'grimsta', year: 2019 }, ['b-idrott']],
    [{ priorityAreaId: 'grimsta', year: 2020 }, []],
    [{ family: 'trygghet', year: 2030 }, ['c-hjulsta']],
    [{ partner: 'trafikkontoret', query: 'idrott' }, ['b-idrott']],
    [{ priorityAreaId: 'hasselby-gard', query: 'utbildning' }, ['d-arbete']],
    [{ districtId: 'spanga-tensta', query: 'hasselby' }, []],
  ])('%j', (filter, expected) => {
    expect(ids(filter)).toEqual(expected);
    for (const g of fake) expect(goalMatches(g, filter)).toBe(expected.includes(g.id));
  });
});

describe('partnerNames and periodYears', () => {
  it('partnerNames: distinct case-insensitively, first spelling kept, Swedish order', () => {
    expect(partnerNames(fake)).toEqual(['Fastighetsägarna', 'Polisen', 'Trafikkontoret']);
    expect(partnerNames([])).toEqual([]);
    const loose = [
      { partners: ['Trafikkontoret', 'Polisen'] },
      { partners: ['TRAFIKKONTORET', 'polisen', 'Fastighetsägarna'] },
      { partners: ['fastighetsagarna', 'Äldreförvaltningen', 'Arbetsförmedlingen'] },
    ] as unknown as GoalRecord[];
    expect(partnerNames(loose)).toEqual(['Arbetsförmedlingen', 'Fastighetsägarna', 'Polisen', 'Trafikkontoret', 'Äldreförvaltningen']);
  });

  it('periodYears: every year some period covers, ascending, no duplicates', () => {
    expect(periodYears(fake)).toEqual([2016, 2017, 2018, 2019, 2020, 2021]);
    expect(periodYears(fake.filter((g) => g.id === 'c-hjulsta'))).toEqual([]);
  });

  it('on the real data: partner names are distinct when folded; years are ascending and contiguous per period', () => {
    const names = partnerNames(real);
    const folded = names.map((n) => n.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim());
    expect(new Set(folded).size).toBe(names.length);
    expect(names.length).toBeGreaterThan(10);
    const years = periodYears(real);
    expect(years).toEqual([...years].sort((a, b) => a - b));
    for (const g of real) if (g.period) for (let y = g.period.from; y <= g.period.to; y++) expect(years).toContain(y);
  });
});

describe('free text on the real programme', () => {
  it('"hasselby" finds the goals that write "Hässelby"', () => {
    const found = ids({ query: 'hasselby' }, real);
    expect(found).toContain('000-hasselby-torg-tryggt');
    expect(found.length).toBeGreaterThan(1);
    expect(found).toEqual(ids({ query: 'Hässelby' }, real));
  });

  it('"HÄSSELBY TORG" finds "Hässelby torg är tryggt och attraktivt"', () => {
    const found = filterGoals(real, { query: 'HÄSSELBY TORG' });
    expect(found.map((g) => g.text)).toContain('Hässelby torg är tryggt och attraktivt');
  });

  it('a word of a measure finds its goal', () => {
    // "Erbjuda idrottsaktiviteter helger och nattetid på Grimsta IP" is measure 6 of 000-idrottsaktiviteter.
    expect(ids({ query: 'nattetid grimsta' }, real)).toContain('000-idrottsaktiviteter');
    const g = real.find((x) => x.id === '000-idrottsaktiviteter')!;
    expect(g.text).not.toMatch(/nattetid/i);
  });

  it('year and district on the real data: 000-hasselby-torg-tryggt (2017–2021) is in 2017 and 2021, not 2016 or 2022', () => {
    const f = (year: number) => ids({ districtId: 'hasselby-vallingby', year }, real).includes('000-hasselby-torg-tryggt');
    expect([f(2016), f(2017), f(2021), f(2022)]).toEqual([false, true, true, false]);
  });
});
