import { beforeAll, describe, expect, it } from 'vitest';
import type { AreasBundle } from '../types';
import { areasOfWalk, everDecided, indicatorFigure, tallyIndicators, walkIndicators } from './indicators';
import type { Finding, WalkData } from './types';
import { aFinding, aWalk, realAreas, withHistory } from './walk-fixtures';

let areas: AreasBundle;
beforeAll(() => {
  areas = realAreas();
});

const HG_PLACE = { stadsdelId: 'hasselby-gard', districtId: 'hasselby-vallingby', priorityAreaIds: ['hasselby-gard'] };
const hgFinding = (id: string, over: Partial<Finding> = {}) =>
  aFinding({ id, walkId: 'hg', position: [17.8435, 59.3667], createdAt: '2021-09-10T19:00:00.000Z', updatedAt: '2021-09-10T19:00:00.000Z', history: [{ status: 'ny', at: '2021-09-10T19:00:00.000Z' }], ...HG_PLACE, ...over });

describe('areasOfWalk', () => {
  it('counts a walk on priority area Hässelby gård for it, its stadsdel and its district', () => {
    expect(areasOfWalk({ kind: 'priorityArea', id: 'hasselby-gard' }, areas)).toEqual([
      { kind: 'priorityArea', id: 'hasselby-gard' }, { kind: 'stadsdel', id: 'hasselby-gard' }, { kind: 'district', id: 'hasselby-vallingby' },
    ]);
  });

  it('counts a walk on Hjulsta torg for priority area Tensta too (the whole stadsdel it lies in)', () => {
    expect(areasOfWalk({ kind: 'priorityArea', id: 'hjulsta-torg' }, areas)).toEqual([
      { kind: 'priorityArea', id: 'hjulsta-torg' }, { kind: 'stadsdel', id: 'tensta' }, { kind: 'district', id: 'spanga-tensta' },
      { kind: 'priorityArea', id: 'tensta' },
    ]);
  });

  it('counts a walk on a stadsdel for its whole-stadsdel priority area but not an approximate one inside it', () => {
    expect(areasOfWalk({ kind: 'stadsdel', id: 'tensta' }, areas)).toEqual([
      { kind: 'stadsdel', id: 'tensta' }, { kind: 'district', id: 'spanga-tensta' }, { kind: 'priorityArea', id: 'tensta' },
    ]);
    expect(areasOfWalk({ kind: 'stadsdel', id: 'hasselby-villastad' }, areas)).toContainEqual({ kind: 'priorityArea', id: 'hasselby-villastad-smedshagen' });
  });

  it('counts an area unknown to the bundle for itself only', () => {
    expect(areasOfWalk({ kind: 'stadsdel', id: 'atlantis' }, areas)).toEqual([{ kind: 'stadsdel', id: 'atlantis' }]);
  });
});

describe('tallyIndicators', () => {
  const data: WalkData = {
    walks: [
      aWalk({ id: 'hg', date: '2021-09-10', area: { kind: 'priorityArea', id: 'hasselby-gard' } }),
      aWalk({ id: 'hg2', date: '2021-11-02', area: { kind: 'stadsdel', id: 'hasselby-gard' } }),
      aWalk({ id: 'old', date: '2020-10-01', area: { kind: 'priorityArea', id: 'hasselby-gard' } }),
      aWalk({ id: 'demo', date: '2021-05-01', area: { kind: 'priorityArea', id: 'hasselby-gard' }, example: true }),
    ],
    findings: [
      withHistory(hgFinding('done'), ['beslutad', 'atgardad']),
      withHistory(hgFinding('ongoing', { category: 'vegetation' }), ['beslutad', 'pagar']),
      withHistory(hgFinding('dropped-after-decision'), ['beslutad', 'avslutad']),
      withHistory(hgFinding('dropped', { category: 'klotter' }), ['avslutad']),
      hgFinding('new', { category: 'klotter' }),
      withHistory(hgFinding('reopened'), ['beslutad', 'atgardad', 'ny']),
      hgFinding('demo-finding', { example: true }),
      // 23:30 UTC on New Year's Eve is 2022 in Stockholm.
      hgFinding('next-year', { createdAt: '2021-12-31T23:30:00.000Z', history: [{ status: 'ny', at: '2021-12-31T23:30:00.000Z' }] }),
    ],
  };

  it('counts walks for the priority area, its stadsdel and district, by year, without example walks', () => {
    const table = tallyIndicators(data, areas);
    expect(table.get({ kind: 'priorityArea', id: 'hasselby-gard' }, 2021).walks).toBe(2);
    expect(table.get({ kind: 'stadsdel', id: 'hasselby-gard' }, 2021).walks).toBe(2);
    expect(table.get({ kind: 'district', id: 'hasselby-vallingby' }, 2021).walks).toBe(2);
    expect(table.get({ kind: 'district', id: 'hasselby-vallingby' }, 2020).walks).toBe(1);
    expect(table.get({ kind: 'district', id: 'spanga-tensta' }, 2021).walks).toBe(0);
    expect(table.years()).toEqual([2020, 2021, 2022]);
  });

  it('counts findings by category and the share of decided actions that are done', () => {
    const f = walkIndicators(data, areas, { kind: 'stadsdel', id: 'hasselby-gard' }, 2021);
    expect(f.findings).toBe(6);
    expect(f.findingsByCategory).toEqual({ belysning: 3, vegetation: 1, klotter: 2, nedskrapning: 0, trafik: 0, gangvag: 0, 'otrygg-plats': 0, ovrigt: 0 });
    // Decided: done, ongoing, dropped-after-decision, reopened (not "dropped", not "new"); done now: 1.
    expect(f.decided).toBe(4);
    expect(f.decidedDone).toBe(1);
    expect(f.shareDone).toBe(0.25);
  });

  it('includes example records when asked', () => {
    const table = tallyIndicators(data, areas, { includeExamples: true });
    expect(table.get({ kind: 'priorityArea', id: 'hasselby-gard' }, 2021).walks).toBe(3);
    expect(table.get({ kind: 'priorityArea', id: 'hasselby-gard' }, 2021).findings).toBe(7);
  });

  it('gives zeros and a null share for an area with nothing recorded', () => {
    expect(walkIndicators(data, areas, { kind: 'priorityArea', id: 'tensta' }, 2021)).toEqual({
      walks: 0, findings: 0, decided: 0, decidedDone: 0, shareDone: null,
      findingsByCategory: { belysning: 0, vegetation: 0, klotter: 0, nedskrapning: 0, trafik: 0, gangvag: 0, 'otrygg-plats': 0, ovrigt: 0 },
    });
  });

  it('gives a null share when findings exist but none was decided', () => {
    const f = walkIndicators({ walks: [], findings: [hgFinding('n')] }, areas, { kind: 'district', id: 'hasselby-vallingby' }, 2021);
    expect(f).toMatchObject({ findings: 1, decided: 0, shareDone: null });
  });

  it('returns copies, so a caller cannot change the table', () => {
    const table = tallyIndicators(data, areas);
    table.get({ kind: 'stadsdel', id: 'hasselby-gard' }, 2021).findingsByCategory.belysning = 99;
    expect(table.get({ kind: 'stadsdel', id: 'hasselby-gard' }, 2021).findingsByCategory.belysning).toBe(3);
  });
});

describe('everDecided / indicatorFigure', () => {
  it('treats ny → avslutad as never decided', () => {
    expect(everDecided(withHistory(aFinding(), ['avslutad']))).toBe(false);
    expect(everDecided(withHistory(aFinding(), ['beslutad', 'avslutad']))).toBe(true);
  });

  it('recognises the programme indicators of document 000 by their text', () => {
    expect(indicatorFigure('Antal trygghetsvandringar')).toBe('walks');
    expect(indicatorFigure('Aktiviteter som beslutats utifrån trygghetvandringar är genomförda')).toBe('shareDone');
    expect(indicatorFigure('Antal genomförda vuxenvandringar')).toBeNull();
  });
});
