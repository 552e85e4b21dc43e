import { describe, expect, it } from 'vitest';
import type { FindingStatus } from '../domain/walks/types';
import { findingsInArea, fixedAt, inArea, reportedAt } from './area-findings';

const finding = (id: string, history: [FindingStatus, string][], place = { stadsdelId: 'hasselby-gard', districtId: 'hasselby-vallingby', priorityAreaIds: ['hasselby-gard'] }) => ({
  id, ...place, status: history.at(-1)![0], history: history.map(([status, at]) => ({ status, at })), createdAt: '2026-01-01T00:00:00Z',
});

describe('an area\'s findings', () => {
  const a = finding('a', [['ny', '2026-03-01T10:00:00Z'], ['beslutad', '2026-03-05T10:00:00Z'], ['atgardad', '2026-04-01T10:00:00Z']]);
  const b = finding('b', [['ny', '2026-05-01T10:00:00Z']]);
  const elsewhere = finding('c', [['ny', '2026-06-01T10:00:00Z']], { stadsdelId: 'tensta', districtId: 'spanga-tensta', priorityAreaIds: [] });

  it('finds them by district, stadsdel and priority area', () => {
    expect(inArea(a, { kind: 'district', id: 'hasselby-vallingby' })).toBe(true);
    expect(inArea(a, { kind: 'stadsdel', id: 'hasselby-gard' })).toBe(true);
    expect(inArea(a, { kind: 'priorityArea', id: 'hasselby-gard' })).toBe(true);
    expect(inArea(elsewhere, { kind: 'priorityArea', id: 'hasselby-gard' })).toBe(false);
  });

  it('lists the most recently reported first', () => {
    expect(findingsInArea([a, elsewhere, b], { kind: 'district', id: 'hasselby-vallingby' }).map((f) => f.id)).toEqual(['b', 'a']);
  });

  it('dates the report by the first status and the fix by the last åtgärdad', () => {
    expect(reportedAt(a)).toBe('2026-03-01T10:00:00Z');
    expect(fixedAt(a)).toBe('2026-04-01T10:00:00Z');
    expect(fixedAt(b)).toBeNull();
    const reopened = finding('d', [['ny', '2026-03-01T10:00:00Z'], ['atgardad', '2026-04-01T10:00:00Z'], ['ny', '2026-04-10T10:00:00Z']]);
    expect(fixedAt(reopened)).toBeNull();
    const again = finding('e', [['ny', '2026-03-01T10:00:00Z'], ['atgardad', '2026-04-01T10:00:00Z'], ['ny', '2026-04-10T10:00:00Z'], ['atgardad', '2026-05-02T10:00:00Z']]);
    expect(fixedAt(again)).toBe('2026-05-02T10:00:00Z');
  });
});
