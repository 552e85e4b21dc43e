import { describe, expect, it } from 'vitest';
import type { Account, Viewer } from './accounts';
import { daysWaiting, decidedReports, moderatesAny, pendingGroups, resolveDuplicates } from './report-queue';
import type { ResidentReport } from './reports';

function report(id: string, over: Partial<ResidentReport> = {}): ResidentReport {
  return {
    id, position: [17.84, 59.366], category: 'belysning', description: id, times: ['natt'], photo: null, wantsUpdates: false,
    status: 'inkommen', declineReason: null, findingId: null, mergedIntoReportId: null, walkId: null, source: 'web',
    createdAt: '2026-11-01T18:00:00Z', decidedAt: null, stadsdelId: null, districtId: 'hasselby-vallingby', priorityAreaIds: [], ...over,
  };
}

const account = (over: Partial<Account>): Viewer => ({
  kind: 'account',
  account: { id: 'a', email: 'a@example.se', name: 'A', role: 'member', organisationId: null, districtIds: [], disabled: false, ...over },
});

describe('who has a moderation queue', () => {
  it('a member of a district council and an admin; not a member without districts, a responsible party, the public, a disabled account', () => {
    expect(moderatesAny(account({ districtIds: ['bromma'] }))).toBe(true);
    expect(moderatesAny(account({ role: 'admin' }))).toBe(true);
    expect(moderatesAny(account({ districtIds: [] }))).toBe(false);
    expect(moderatesAny(account({ role: 'responsible', organisationId: 'o', districtIds: ['bromma'] }))).toBe(false);
    expect(moderatesAny(account({ districtIds: ['bromma'], disabled: true }))).toBe(false);
    expect(moderatesAny({ kind: 'public' })).toBe(false);
    expect(moderatesAny(null)).toBe(false);
  });
});

describe('the queue', () => {
  const names: Record<string, string> = { 'hasselby-vallingby': 'Hässelby-Vällingby', bromma: 'Bromma', 'alvsjo': 'Älvsjö' };
  it('groups pending reports by district name (Swedish order, none last), longest waiting first', () => {
    const groups = pendingGroups([
      report('hv-new', { createdAt: '2026-11-03T10:00:00Z' }),
      report('hv-old', { createdAt: '2026-10-03T10:00:00Z' }),
      report('nowhere', { districtId: null }),
      report('b', { districtId: 'bromma' }),
      report('a', { districtId: 'alvsjo' }),
      report('done', { status: 'avbojd' }),
    ], (id) => names[id] ?? id);
    expect(groups.map((g) => [g.districtId, g.reports.map((r) => r.id)])).toEqual([
      ['bromma', ['b']], ['hasselby-vallingby', ['hv-old', 'hv-new']], ['alvsjo', ['a']], [null, ['nowhere']],
    ]);
  });

  it('decided reports, latest decision first', () => {
    const list = decidedReports([
      report('p'),
      report('d1', { status: 'avbojd', decidedAt: '2026-11-02T10:00:00Z' }),
      report('d2', { status: 'accepterad', decidedAt: '2026-11-04T10:00:00Z' }),
      report('d3', { status: 'sammanslagen', decidedAt: '2026-11-03T10:00:00Z' }),
    ]);
    expect(list.map((r) => r.id)).toEqual(['d2', 'd3', 'd1']);
  });

  it('counts whole days waited', () => {
    expect(daysWaiting('2026-11-01T18:00:00Z', '2026-11-01T23:00:00Z')).toBe(0);
    expect(daysWaiting('2026-11-01T18:00:00Z', '2026-11-04T18:00:01Z')).toBe(3);
    expect(daysWaiting('x', '2026-11-04T18:00:01Z')).toBe(0);
  });

  it('resolves each possible duplicate to the finding or report this browser has, nearest first', () => {
    const resolved = resolveDuplicates(
      [{ kind: 'report', id: 'r2', distanceM: 12 }, { kind: 'finding', id: 'f1', distanceM: 4 }, { kind: 'finding', id: 'unseen', distanceM: 20 }],
      [report('r2')],
      [{ id: 'f1' }],
    );
    expect(resolved.map((d) => [d.kind, d.duplicate.id, d.record?.id ?? null])).toEqual([
      ['finding', 'f1', 'f1'], ['report', 'r2', 'r2'], ['finding', 'unseen', null],
    ]);
  });
});
