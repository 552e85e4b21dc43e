import { describe, expect, it } from 'vitest';
import { exampleRecords, walkSubset } from './walk-subset';
import { aFinding, aWalk } from './walk-fixtures';

const data = {
  walks: [aWalk(), aWalk({ id: 'walk-2', example: true })],
  findings: [aFinding(), aFinding({ id: 'f2', walkId: 'walk-2', example: true }), aFinding({ id: 'f3', walkId: null })],
};

describe('walkSubset / exampleRecords', () => {
  it('takes one walk and its findings, nothing for an unknown walk', () => {
    expect(walkSubset(data, 'walk-1')).toEqual({ walks: [data.walks[0]], findings: [data.findings[0]] });
    expect(walkSubset(data, 'nope')).toEqual({ walks: [], findings: [] });
  });

  it('splits example records from the user\'s own', () => {
    expect(exampleRecords(data).findings.map((f) => f.id)).toEqual(['f2']);
    expect(exampleRecords(data, false).walks.map((w) => w.id)).toEqual(['walk-1']);
  });
});
