import * as turf from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { areaKm2, circleWithin, dissolve, geometryProblems, quantize, shareOutside, sideOf, STOCKHOLM_BBOX } from './geometry';

/** An axis-aligned square ring in Stockholm, counter-clockwise, [west, south] corner and side in degrees. */
function square(west: number, south: number, side: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [[[west, south], [west + side, south], [west + side, south + side], [west, south + side], [west, south]]],
  };
}

const isClosed = (ring: Position[]) => {
  const first = ring[0];
  const last = ring[ring.length - 1];
  return first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
};

const hasConsecutiveDuplicates = (ring: Position[]) =>
  ring.some((p, i) => i > 0 && p[0] === ring[i - 1]![0] && p[1] === ring[i - 1]![1]);

const relDiff = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));

describe('areaKm2', () => {
  it('gives the geodesic area in km²', () => {
    const g = square(18, 59.3, 0.01);
    expect(areaKm2(g)).toBeCloseTo(turf.area(g) / 1e6, 9);
    // 0.01° × 0.01° at 59.3° N: about 1.112 km × 0.569 km.
    expect(areaKm2(g)).toBeGreaterThan(0.6);
    expect(areaKm2(g)).toBeLessThan(0.66);
  });
});

describe('quantize', () => {
  it('rounds coordinates to 5 decimals, drops the repeated points that creates and keeps rings closed', () => {
    const g: Polygon = {
      type: 'Polygon',
      coordinates: [[
        [18.000001, 59.300001], [18.000004, 59.300002], [18.0100004, 59.3], [18.0100001, 59.3],
        [18.01, 59.31], [18.0, 59.31], [18.000002, 59.299999],
      ]],
    };
    const q = quantize(g);
    expect(q.type).toBe('Polygon');
    const ring = (q as Polygon).coordinates[0]!;
    expect(ring).toEqual([[18, 59.3], [18.01, 59.3], [18.01, 59.31], [18, 59.31], [18, 59.3]]);
    expect(isClosed(ring)).toBe(true);
    expect(hasConsecutiveDuplicates(ring)).toBe(false);
  });

  it('honours the number of decimals', () => {
    const q = quantize(square(18.123456, 59.312345, 0.011111), 3) as Polygon;
    for (const p of q.coordinates[0]!) for (const v of p) expect(Math.round(v * 1000) / 1000).toBe(v);
    expect(isClosed(q.coordinates[0]!)).toBe(true);
  });

  it('keeps holes and drops rings that collapse to fewer than 4 positions', () => {
    const outer = square(18, 59.3, 0.01).coordinates[0]!;
    const hole = [[18.002, 59.302], [18.002, 59.304], [18.004, 59.304], [18.004, 59.302], [18.002, 59.302]];
    const speck = [[18.005, 59.305], [18.005001, 59.305001], [18.005002, 59.305], [18.005, 59.305]];
    const q = quantize({ type: 'Polygon', coordinates: [outer, hole, speck] }) as Polygon;
    expect(q.coordinates).toHaveLength(2);
    expect(q.coordinates[1]).toEqual(hole);
    for (const r of q.coordinates) expect(isClosed(r)).toBe(true);
  });

  it('keeps a MultiPolygon of several parts and its area', () => {
    const m: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [square(18, 59.3, 0.01).coordinates, square(18.05, 59.3, 0.01).coordinates],
    };
    const q = quantize(m);
    expect(q.type).toBe('MultiPolygon');
    expect((q as MultiPolygon).coordinates).toHaveLength(2);
    expect(relDiff(areaKm2(q), areaKm2(m))).toBeLessThan(1e-9);
  });

  it('does not change the input', () => {
    const g = square(18.000001, 59.300001, 0.01);
    const copy = structuredClone(g);
    quantize(g);
    expect(g).toEqual(copy);
  });
});

describe('dissolve', () => {
  it('merges two adjacent squares into one polygon whose area is their sum', () => {
    const a = square(18, 59.3, 0.01);
    const b = square(18.01, 59.3, 0.01);
    const d = dissolve([a, b]);
    expect(d.type).toBe('Polygon');
    expect((d as Polygon).coordinates).toHaveLength(1);
    expect(relDiff(areaKm2(d), areaKm2(a) + areaKm2(b))).toBeLessThan(1e-6);
    // The union is the 0.02° × 0.01° rectangle.
    expect(turf.bbox(d).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([18, 59.3, 18.02, 59.31]);
  });

  it('keeps separate polygons apart as a MultiPolygon', () => {
    const d = dissolve([square(18, 59.3, 0.01), square(18.05, 59.3, 0.01)]);
    expect(d.type).toBe('MultiPolygon');
    expect((d as MultiPolygon).coordinates).toHaveLength(2);
  });

  it('counts overlapping parts once', () => {
    const a = square(18, 59.3, 0.01);
    const b = square(18.005, 59.3, 0.01);
    expect(relDiff(areaKm2(dissolve([a, b])), areaKm2(square(18, 59.3, 0.01)) * 1.5)).toBeLessThan(0.01);
  });

  it('removes a sliver hole between neighbours and keeps a real one', () => {
    // A frame of four bars around a 0.001° × 0.001° gap (~6 000 m²: kept) …
    const frame = (gap: number): Polygon[] => {
      const [x0, y0, s] = [18, 59.3, 0.01];
      const a = x0 + s / 2 - gap / 2;
      const b = x0 + s / 2 + gap / 2;
      const c = y0 + s / 2 - gap / 2;
      const d = y0 + s / 2 + gap / 2;
      const rect = (w: number, so: number, e: number, n: number): Polygon => ({
        type: 'Polygon', coordinates: [[[w, so], [e, so], [e, n], [w, n], [w, so]]],
      });
      return [rect(x0, y0, x0 + s, c), rect(x0, d, x0 + s, y0 + s), rect(x0, c, a, d), rect(b, c, x0 + s, d)];
    };
    const withHole = dissolve(frame(0.001)) as Polygon;
    expect(withHole.type).toBe('Polygon');
    expect(withHole.coordinates).toHaveLength(2);
    // … and around a 0.0001° × 0.0001° gap (~60 m²: a sliver, removed).
    const withSliver = dissolve(frame(0.0001)) as Polygon;
    expect(withSliver.type).toBe('Polygon');
    expect(withSliver.coordinates).toHaveLength(1);
  });
});

describe('geometryProblems', () => {
  it('finds nothing wrong with a closed square in Stockholm', () => {
    expect(geometryProblems(square(18, 59.3, 0.01))).toEqual([]);
  });

  it('finds a self-intersecting bow-tie', () => {
    const bowTie: Polygon = { type: 'Polygon', coordinates: [[[18, 59.3], [18.01, 59.31], [18.01, 59.3], [18, 59.31], [18, 59.3]]] };
    const problems = geometryProblems(bowTie);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/intersects itself/);
  });

  it('finds an unclosed ring and a too-short ring', () => {
    const open: Polygon = { type: 'Polygon', coordinates: [[[18, 59.3], [18.01, 59.3], [18.01, 59.31], [18, 59.31]]] };
    expect(geometryProblems(open).join('\n')).toMatch(/not closed/);
    const short: Polygon = { type: 'Polygon', coordinates: [[[18, 59.3], [18.01, 59.3], [18, 59.3]]] };
    expect(geometryProblems(short).join('\n')).toMatch(/at least 4/);
  });

  it('finds lat/lon swapped', () => {
    const swapped = square(18, 59.3, 0.01);
    swapped.coordinates = swapped.coordinates.map((r) => r.map(([x, y]) => [y!, x!]));
    expect(geometryProblems(swapped).join('\n')).toMatch(/outside Stockholm/);
  });

  it('has a bbox that contains Stockholm city', () => {
    const [w, s, e, n] = STOCKHOLM_BBOX;
    // Stortorget, Akalla, Hässelby strand, Farsta strand.
    for (const [x, y] of [[18.071, 59.325], [17.913, 59.415], [17.83, 59.36], [18.1, 59.235]] as const) {
      expect(x >= w && x <= e && y >= s && y <= n).toBe(true);
    }
  });
});

describe('shareOutside', () => {
  it('is 0 for a polygon inside another, ½ for one half outside, 1 for one disjoint', () => {
    const outer = square(18, 59.3, 0.02);
    expect(shareOutside(square(18.005, 59.305, 0.005), outer)).toBe(0);
    expect(shareOutside(square(18.015, 59.305, 0.01), outer)).toBeCloseTo(0.5, 2);
    expect(shareOutside(square(18.1, 59.3, 0.01), outer)).toBeCloseTo(1, 6);
  });
});

describe('circleWithin and sideOf', () => {
  const parent = square(18, 59.3, 0.02);

  it('clips a circle to its parent', () => {
    const inside = circleWithin(parent, [18.01, 59.31], 200);
    expect(inside).not.toBeNull();
    expect(areaKm2(inside!)).toBeCloseTo(Math.PI * 0.2 * 0.2, 2);
    const onEdge = circleWithin(parent, [18.02, 59.31], 200);
    expect(onEdge).not.toBeNull();
    expect(areaKm2(onEdge!) / areaKm2(inside!)).toBeCloseTo(0.5, 1);
    expect(shareOutside(onEdge!, parent)).toBeLessThan(0.005);
    expect(circleWithin(parent, [18.1, 59.31], 200)).toBeNull();
  });

  it('gives the part of a polygon on one side of its centroid', () => {
    const [cx, cy] = turf.centroid(parent).geometry.coordinates as [number, number];
    const east = sideOf(parent, 'east')!;
    const west = sideOf(parent, 'west')!;
    const north = sideOf(parent, 'north')!;
    expect(turf.bbox(east)[0]).toBeCloseTo(cx, 9);
    expect(turf.bbox(west)[2]).toBeCloseTo(cx, 9);
    expect(turf.bbox(north)[1]).toBeCloseTo(cy, 9);
    expect(relDiff(areaKm2(east) + areaKm2(west), areaKm2(parent))).toBeLessThan(1e-6);
    expect(shareOutside(east, parent)).toBeLessThan(0.005);
  });
});
