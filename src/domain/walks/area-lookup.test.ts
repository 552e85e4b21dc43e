import * as turf from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import { STOCKHOLM_BBOX } from '../geometry';
import type { AreasBundle } from '../types';
import { createAreaLookup, relocateFindings } from './area-lookup';
import type { AreaLookup } from './area-lookup';
import type { FindingPlace, LonLat } from './types';
import { aFinding, realAreas } from './walk-fixtures';

let bundle: AreasBundle;
let lookup: AreaLookup;

beforeAll(() => {
  bundle = realAreas();
  lookup = createAreaLookup(bundle);
});

/** The same rule as the lookup, by testing every polygon: what the index must reproduce. */
function bruteForce(p: LonLat): FindingPlace {
  const stadsdel = bundle.stadsdelar.features.find((f) => turf.booleanPointInPolygon(p, f));
  const district = stadsdel
    ? stadsdel.properties.districtId
    : bundle.districts.features.find((f) => turf.booleanPointInPolygon(p, f))?.properties.id ?? null;
  return {
    stadsdelId: stadsdel?.properties.id ?? null,
    districtId: district,
    priorityAreaIds: bundle.priorityAreas.features.filter((f) => turf.booleanPointInPolygon(p, f)).map((f) => f.properties.id),
  };
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('createAreaLookup', () => {
  it('places a point in Tensta centrum in stadsdel Tensta, district Spånga-Tensta, priority area Tensta', () => {
    expect(lookup.locate([17.9015, 59.3945])).toEqual({ stadsdelId: 'tensta', districtId: 'spanga-tensta', priorityAreaIds: ['tensta'] });
  });

  it('adds Hjulsta torg for a point inside its circle', () => {
    const place = lookup.locate([17.8875, 59.3963]);
    expect(place.stadsdelId).toBe('tensta');
    expect(place.priorityAreaIds).toEqual(expect.arrayContaining(['tensta', 'hjulsta-torg']));
    expect(place.priorityAreaIds).toHaveLength(2);
  });

  it('places a point in Hässelby gård', () => {
    expect(lookup.locate([17.8435, 59.3667])).toEqual({ stadsdelId: 'hasselby-gard', districtId: 'hasselby-vallingby', priorityAreaIds: ['hasselby-gard'] });
  });

  it('places a point in a stadsdel that is no priority area with an empty list', () => {
    expect(lookup.locate([18.0686, 59.3293])).toMatchObject({ stadsdelId: 'norrmalm', districtId: 'norrmalm', priorityAreaIds: [] });
  });

  it('gives nulls and [] for a point in the sea outside Stockholm', () => {
    expect(lookup.locate([18.6, 59.35])).toEqual({ stadsdelId: null, districtId: null, priorityAreaIds: [] });
  });

  it('gives nulls for NaN', () => {
    expect(lookup.locate([Number.NaN, 59.3])).toEqual({ stadsdelId: null, districtId: null, priorityAreaIds: [] });
  });

  it('agrees with testing every polygon on 2 000 random points in the Stockholm box', () => {
    const rnd = random(20210304);
    const [w, s, e, n] = STOCKHOLM_BBOX;
    const points: LonLat[] = Array.from({ length: 2000 }, () => [w + rnd() * (e - w), s + rnd() * (n - s)]);
    const found = lookup.locateAll(points);
    const expected = points.map(bruteForce);
    expect(found).toEqual(expected);
    // The sample must exercise the interesting cases, or the comparison proves little.
    expect(found.filter((p) => p.stadsdelId === null).length).toBeGreaterThan(50);
    expect(found.filter((p) => p.priorityAreaIds.length > 0).length).toBeGreaterThan(50);
  });
});

describe('relocateFindings', () => {
  it('replaces the place of findings whose place is stale and reports them', () => {
    const right = aFinding({ id: 'a' });
    const stale = aFinding({ id: 'b', position: [17.8435, 59.3667] });
    const r = relocateFindings([right, stale], lookup);
    expect(r.changed).toEqual(['b']);
    expect(r.findings[0]).toBe(right);
    expect(r.findings[1]).toMatchObject({ id: 'b', stadsdelId: 'hasselby-gard', districtId: 'hasselby-vallingby', priorityAreaIds: ['hasselby-gard'] });
  });
});
