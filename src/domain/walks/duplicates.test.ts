import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { nearbyOpenSameCategory } from './duplicates';
import type { LonLat } from './types';
import { aFinding, withHistory } from './walk-fixtures';

const HERE: LonLat = [17.9015, 59.3945];
const at = (metres: number, bearing = 45): LonLat => turf.destination(HERE, metres, bearing, { units: 'meters' }).geometry.coordinates as LonLat;

describe('nearbyOpenSameCategory', () => {
  it('suggests an open finding of the same category 24 m away, not one 26 m away', () => {
    const near = aFinding({ id: 'near', position: at(24) });
    const far = aFinding({ id: 'far', position: at(26, 200) });
    const hits = nearbyOpenSameCategory([far, near], { position: HERE, category: 'belysning' });
    expect(hits.map((h) => h.finding.id)).toEqual(['near']);
    expect(hits[0]!.distanceM).toBeCloseTo(24, 1);
  });

  it('ignores another category', () => {
    expect(nearbyOpenSameCategory([aFinding({ position: at(5), category: 'klotter' })], { position: HERE, category: 'belysning' })).toEqual([]);
  });

  it('ignores closed findings', () => {
    const done = withHistory(aFinding({ position: at(5) }), ['beslutad', 'atgardad']);
    const dropped = withHistory(aFinding({ position: at(5) }), ['avslutad']);
    expect(nearbyOpenSameCategory([done, dropped], { position: HERE, category: 'belysning' })).toEqual([]);
  });

  it('returns nearest first, counts decided and ongoing ones as open, and skips the candidate itself', () => {
    const a = aFinding({ id: 'a', position: at(20, 90) });
    const b = withHistory(aFinding({ id: 'b', position: at(3, 180) }), ['beslutad', 'pagar']);
    const self = aFinding({ id: 'self', position: HERE });
    const hits = nearbyOpenSameCategory([a, self, b], { position: HERE, category: 'belysning', id: 'self' });
    expect(hits.map((h) => h.finding.id)).toEqual(['b', 'a']);
  });

  it('takes another radius', () => {
    expect(nearbyOpenSameCategory([aFinding({ position: at(40) })], { position: HERE, category: 'belysning' }, 50)).toHaveLength(1);
  });
});
