import { describe, expect, it } from 'vitest';
import type { ResidentReport } from './reports';
import { highlightedForWalk, inWalkArea, isPlannedWalk, plannedWalksFor, protocolReportRows, stopCandidates, withStop } from './report-stops';
import type { Walk } from './walks/types';

function report(id: string, over: Partial<ResidentReport> = {}): ResidentReport {
  return {
    id, position: [17.84, 59.366], category: 'belysning', description: `text ${id}`, times: ['kvall'], photo: null, wantsUpdates: false,
    status: 'inkommen', declineReason: null, findingId: null, mergedIntoReportId: null, walkId: null, source: 'web',
    createdAt: '2026-11-01T18:00:00Z', decidedAt: null,
    stadsdelId: 'hasselby-gard', districtId: 'hasselby-vallingby', priorityAreaIds: ['hasselby-gard'], ...over,
  };
}

function walk(id: string, over: Partial<Walk> = {}): Walk {
  return {
    id, date: '2026-12-10', time: '18:00', area: { kind: 'priorityArea', id: 'hasselby-gard' }, organiser: 'SDF', participants: [], notes: '',
    route: null, createdAt: '2026-11-01T10:00:00Z', updatedAt: '2026-11-01T10:00:00Z', revision: 1, ...over,
  };
}

describe('which reports a walk may take as stops', () => {
  it('a walk is planned from its date on', () => {
    expect(isPlannedWalk({ date: '2026-12-10' }, '2026-12-10')).toBe(true);
    expect(isPlannedWalk({ date: '2026-12-11' }, '2026-12-10')).toBe(true);
    expect(isPlannedWalk({ date: '2026-12-09' }, '2026-12-10')).toBe(false);
  });

  it('a report is in the walk’s priority area, or in its stadsdel', () => {
    const r = report('a', { stadsdelId: 'tensta', priorityAreaIds: ['hjulsta-torg'] });
    expect(inWalkArea(r, { kind: 'priorityArea', id: 'hjulsta-torg' })).toBe(true);
    expect(inWalkArea(r, { kind: 'priorityArea', id: 'tensta' })).toBe(false);
    expect(inWalkArea(r, { kind: 'stadsdel', id: 'tensta' })).toBe(true);
    expect(inWalkArea(r, { kind: 'stadsdel', id: 'hjulsta' })).toBe(false);
  });

  it('lists pending reports in the area, longest waiting first, after the chosen stops in their order', () => {
    const reports = [
      report('new', { createdAt: '2026-11-05T10:00:00Z' }),
      report('old', { createdAt: '2026-10-01T10:00:00Z' }),
      report('elsewhere', { stadsdelId: 'grimsta', priorityAreaIds: ['grimsta'] }),
      report('declined', { status: 'avbojd' }),
      report('accepted-stop', { status: 'accepterad', stadsdelId: 'grimsta', priorityAreaIds: [] }),
      report('stop', { createdAt: '2026-11-09T10:00:00Z' }),
    ];
    const { candidates, missingIds } = stopCandidates(walk('w', { reportIds: ['stop', 'accepted-stop', 'gone'] }), reports);
    expect(candidates.map((c) => [c.report.id, c.chosen])).toEqual([
      ['stop', true], ['accepted-stop', true], ['old', false], ['new', false],
    ]);
    expect(missingIds).toEqual(['gone']);
  });

  it('a walk without stops has none chosen', () => {
    expect(stopCandidates(walk('w'), [report('a')]).candidates).toEqual([{ report: report('a'), chosen: false }]);
  });

  it('highlights the stops always, the candidates only while the walk is planned', () => {
    const reports = [report('a'), report('b'), report('far', { priorityAreaIds: [] })];
    expect([...highlightedForWalk(walk('w', { reportIds: ['b'] }), reports, '2026-12-01')].sort()).toEqual(['a', 'b']);
    expect([...highlightedForWalk(walk('w', { reportIds: ['b'] }), reports, '2026-12-20')]).toEqual(['b']);
  });

  it('adds and removes a stop, each id once, order kept', () => {
    expect(withStop(undefined, 'a', true)).toEqual(['a']);
    expect(withStop(['a', 'b'], 'a', true)).toEqual(['b', 'a']);
    expect(withStop(['a', 'b'], 'c', true)).toEqual(['a', 'b', 'c']);
    expect(withStop(['a', 'b'], 'a', false)).toEqual(['b']);
    expect(withStop(['a'], 'x', false)).toEqual(['a']);
  });
});

describe('the walks a report can be accepted onto', () => {
  it('planned walks of the report’s district, those of its area first, then by date and time', () => {
    const district = (w: Walk) => (w.area.id === 'tensta' ? 'spanga-tensta' : 'hasselby-vallingby');
    const walks = [
      walk('past', { date: '2026-11-01' }),
      walk('other-area-early', { date: '2026-12-02', area: { kind: 'priorityArea', id: 'grimsta' } }),
      walk('late', { date: '2026-12-20' }),
      walk('early', { date: '2026-12-05', time: '19:00' }),
      walk('early-first', { date: '2026-12-05', time: '17:00' }),
      walk('other-district', { area: { kind: 'stadsdel', id: 'tensta' } }),
      walk('example', { example: true }),
    ];
    const choices = plannedWalksFor(report('r'), walks, district, '2026-12-01');
    expect(choices.map((c) => [c.walk.id, c.inArea])).toEqual([
      ['early-first', true], ['early', true], ['late', true], ['other-area-early', false],
    ]);
  });

  it('none for a report outside every district', () => {
    expect(plannedWalksFor(report('r', { districtId: null }), [walk('w')], () => null, '2026-12-01')).toEqual([]);
  });
});

describe('the protocol’s list of reports a walk looked at', () => {
  it('stops first, then reports that became findings on the walk, each once, with the finding’s number', () => {
    const reports = new Map([
      ['s1', report('s1', { description: 'Mörk gångtunnel' })],
      ['s2', report('s2', { status: 'accepterad', category: 'klotter', description: 'Klotter på muren' })],
    ]);
    const findings = [
      { id: 'f1', reportId: undefined, category: 'trafik' as const, description: 'Bil' },
      { id: 'f2', reportId: 's2', category: 'klotter' as const, description: 'Klotter på muren (redigerat)' },
      { id: 'f3', reportId: 'r9', category: 'vegetation' as const, description: 'Buskage' },
    ];
    expect(protocolReportRows({ reportIds: ['s1', 's2'] }, findings, reports)).toEqual([
      { reportId: 's1', category: 'belysning', text: 'Mörk gångtunnel', stop: true, findingId: null, findingNumber: null, status: 'inkommen' },
      { reportId: 's2', category: 'klotter', text: 'Klotter på muren', stop: true, findingId: 'f2', findingNumber: 2, status: 'accepterad' },
      { reportId: 'r9', category: 'vegetation', text: 'Buskage', stop: false, findingId: 'f3', findingNumber: 3, status: null },
    ]);
  });

  it('a stop that is not known shows its id only', () => {
    expect(protocolReportRows({ reportIds: ['x'] }, [], new Map())).toEqual([
      { reportId: 'x', category: null, text: null, stop: true, findingId: null, findingNumber: null, status: null },
    ]);
  });
});
