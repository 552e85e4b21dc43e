/**
 * Property-based tests (fast-check) of createAreaLookup on the real areas bundle: the indexed
 * lookup must give exactly what testing every polygon gives, also around Stockholm and on the
 * areas' own boundaries, and must answer any number without throwing (issue 6, "Hard to break").
 * area-lookup.test.ts compares 2 000 fixed random points inside the box; these go further.
 */
import * as turf from '@turf/turf';
import fc from 'fast-check';
import type { Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { STOCKHOLM_BBOX } from '../geometry';
import type { AreaGeometry, AreasBundle } from '../types';
import { createAreaLookup } from './area-lookup';
import type { AreaLookup } from './area-lookup';
import type { FindingPlace, LonLat } from './types';
import { realAreas } from './walk-fixtures';

let bundle: AreasBundle;
let lookup: AreaLookup;
/** Every vertex of every stadsdel, district and priority area polygon (holes included). */
let vertices: LonLat[];
/** Every edge of those rings, as [from, to]. */
let edges: [LonLat, LonLat][];

const partsOf = (g: AreaGeometry): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

beforeAll(() => {
  bundle = realAreas();
  lookup = createAreaLookup(bundle);
  vertices = [];
  edges = [];
  for (const f of [...bundle.stadsdelar.features, ...bundle.districts.features, ...bundle.priorityAreas.features]) {
    for (const ring of partsOf(f.geometry).flat()) {
      ring.forEach((p, i) => {
        vertices.push([p[0]!, p[1]!]);
        const q = ring[i + 1];
        if (q) edges.push([[p[0]!, p[1]!], [q[0]!, q[1]!]]);
      });
    }
  }
});

/** The rule of AreaLookup.locate, by testing every polygon of the bundle with Turf. */
function bruteForce(p: LonLat): FindingPlace {
  let stadsdelId: string | null = null;
  let districtId: string | null = null;
  for (const f of bundle.stadsdelar.features) {
    if (turf.booleanPointInPolygon(p, f)) { stadsdelId = f.properties.id; districtId = f.properties.districtId; break; }
  }
  if (stadsdelId === null) {
    for (const f of bundle.districts.features) {
      if (turf.booleanPointInPolygon(p, f)) { districtId = f.properties.id; break; }
    }
  }
  const priorityAreaIds: string[] = [];
  for (const f of bundle.priorityAreas.features) if (turf.booleanPointInPolygon(p, f)) priorityAreaIds.push(f.properties.id);
  return { stadsdelId, districtId, priorityAreaIds };
}

const [W, S, E, N] = STOCKHOLM_BBOX;
const MARGIN = 0.15;

/** Anywhere in the Stockholm box and a margin of 0.15° around it. */
const aroundStockholm: fc.Arbitrary<LonLat> = fc.tuple(
  fc.double({ min: W - MARGIN, max: E + MARGIN, noNaN: true }),
  fc.double({ min: S - MARGIN, max: N + MARGIN, noNaN: true }),
);

/** A tiny offset: none, a hair (1e-12°), or up to about a metre. */
const nudge = fc.oneof(fc.constant(0), fc.constantFrom(1e-12, -1e-12, 1e-9, -1e-9), fc.double({ min: -1e-5, max: 1e-5, noNaN: true }));

/** On or right next to a vertex of an area: where areas meet and rounding bites. */
const nearVertex = fc.tuple(fc.nat(), nudge, nudge).map(([i, dx, dy]): LonLat => {
  const [x, y] = vertices[i % vertices.length]!;
  return [x + dx, y + dy];
});

/** On (as floating point allows) or next to an edge of an area: shared boundaries between neighbours. */
const nearEdge = fc.tuple(fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), nudge, nudge).map(([i, t, dx, dy]): LonLat => {
  const [[x0, y0], [x1, y1]] = edges[i % edges.length]!;
  return [x0 + t * (x1 - x0) + dx, y0 + t * (y1 - y0) + dy];
});

describe('createAreaLookup on the real bundle, property-based', () => {
  it('agrees with testing every polygon, for points in and around the Stockholm box', () => {
    fc.assert(fc.property(aroundStockholm, (p) => {
      expect(lookup.locate(p)).toEqual(bruteForce(p));
    }), { numRuns: 400 });
  });

  it('agrees with testing every polygon, on and next to the areas\u2019 vertices and edges', () => {
    fc.assert(fc.property(fc.oneof(nearVertex, nearEdge), (p) => {
      expect(lookup.locate(p)).toEqual(bruteForce(p));
    }), { numRuns: 400 });
  });

  it('names a district whenever it names a stadsdel, and that stadsdel\u2019s own district', () => {
    const districtOf = new Map(bundle.stadsdelar.features.map((f) => [f.properties.id, f.properties.districtId]));
    fc.assert(fc.property(fc.oneof(aroundStockholm, nearVertex, nearEdge), (p) => {
      const place = lookup.locate(p);
      if (place.stadsdelId !== null) expect(place.districtId).toBe(districtOf.get(place.stadsdelId));
      expect(new Set(place.priorityAreaIds).size).toBe(place.priorityAreaIds.length);
    }), { numRuns: 300 });
  });

  it('locateAll is locate on each position, in order', () => {
    fc.assert(fc.property(fc.array(fc.oneof(aroundStockholm, nearVertex), { maxLength: 20 }), (ps) => {
      expect(lookup.locateAll(ps)).toEqual(ps.map((p) => lookup.locate(p)));
    }), { numRuns: 50 });
  });

  it('never throws on any numbers (NaN, ±Infinity, out of range), giving nulls and [] outside every area', () => {
    const nowhere: FindingPlace = { stadsdelId: null, districtId: null, priorityAreaIds: [] };
    const anyNumber = fc.oneof(fc.double(), fc.constantFrom(Number.NaN, Infinity, -Infinity, Number.MAX_VALUE, -Number.MAX_VALUE, 1e300, -0));
    fc.assert(fc.property(anyNumber, anyNumber, (x, y) => {
      let place: FindingPlace | undefined;
      expect(() => { place = lookup.locate([x, y]); }).not.toThrow();
      const outsideAll = !Number.isFinite(x) || !Number.isFinite(y) || x < W - 1 || x > E + 1 || y < S - 1 || y > N + 1;
      if (outsideAll) expect(place).toEqual(nowhere);
      else expect(place).toEqual(bruteForce([x, y]));
    }), { numRuns: 1000 });
  });

  it('never throws on position arrays of the wrong length or with non-numbers (as JavaScript callers may pass)', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.double(), fc.anything()), { maxLength: 4 }), (v) => {
      expect(() => lookup.locate(v as unknown as LonLat)).not.toThrow();
    }), { numRuns: 300 });
  });
});
