/**
 * Property-based tests (fast-check) of the geometry functions: random valid polygons around
 * Stockholm, and malformed polygon-shaped input, must never crash them (issue 6, "Hard to break").
 * The example-based tests are in geometry.test.ts.
 */
import * as turf from '@turf/turf';
import fc from 'fast-check';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { areaKm2, geometryProblems, labelPoint, quantize, STOCKHOLM_BBOX } from './geometry';
import type { AreaGeometry } from './types';

// ---- arbitraries ----

/** Radius (degrees) of a ring's vertices: mostly ordinary, sometimes so small that rounding collapses it. */
const radius = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: 0.0005, max: 0.03, noNaN: true }) },
  { weight: 1, arbitrary: fc.double({ min: 1e-7, max: 1e-4, noNaN: true }) },
);

interface Star { cx: number; cy: number; ring: Position[]; holeRoom: number }

/**
 * A simple (non-self-intersecting) closed ring of n = 3–24 vertices around a centre: vertex i at
 * angle (i + jitter) × 360°/n, each at its own distance, so the ring is star-shaped around the
 * centre. With n ≥ 12 no angular gap reaches 60°, so every edge keeps at least
 * cos 60° = ½ of the smallest radius from the centre: `holeRoom`, the radius a hole may use.
 * Orientation is random; latitudes are squeezed by ½ (an affine map keeps all this true).
 */
const starArb = (center: fc.Arbitrary<[number, number]>, r: fc.Arbitrary<number>): fc.Arbitrary<Star> =>
  fc.integer({ min: 3, max: 24 }).chain((n) =>
    fc.tuple(
      center,
      fc.array(fc.tuple(fc.integer({ min: 0, max: Math.floor(3600 / n) - 1 }), r), { minLength: n, maxLength: n }),
      fc.boolean(),
    ).map(([[cx, cy], vertices, clockwise]) => {
      const step = Math.floor(3600 / n);
      const open = vertices.map(([jitter, radius], i): Position => {
        const t = ((i * step + jitter) / 1800) * Math.PI;
        return [cx + radius * Math.cos(t), cy + radius * Math.sin(t) * 0.5];
      });
      if (clockwise) open.reverse();
      const holeRoom = n >= 12 ? Math.min(...vertices.map(([, radius]) => radius)) * 0.5 : 0;
      return { cx, cy, ring: [...open, [...open[0]!]], holeRoom };
    }));

const stockholmCenter = fc.tuple(
  fc.double({ min: 17.75, max: 18.2, noNaN: true }),
  fc.double({ min: 59.25, max: 59.4, noNaN: true }),
);

/** The outer ring and, when there is room, a hole: a smaller star around the same centre. */
const withHole = (outer: Star): fc.Arbitrary<Position[][]> =>
  outer.holeRoom === 0
    ? fc.constant<Position[][]>([outer.ring])
    : starArb(fc.constant([outer.cx, outer.cy]), fc.double({ min: 0.05, max: 0.9, noNaN: true }).map((k) => k * outer.holeRoom))
      .map((hole) => [outer.ring, hole.ring]);

const polygonRingsArb = (r: fc.Arbitrary<number>): fc.Arbitrary<Position[][]> =>
  starArb(stockholmCenter, r).chain((outer) => fc.oneof(fc.constant<Position[][]>([outer.ring]), withHole(outer)));

/** A valid Polygon, or a MultiPolygon of 2–3 such polygons in disjoint boxes side by side. */
const validGeometryArb = (r: fc.Arbitrary<number> = radius): fc.Arbitrary<AreaGeometry> =>
  fc.oneof(
    polygonRingsArb(r).map((coordinates): Polygon => ({ type: 'Polygon', coordinates })),
    fc.array(polygonRingsArb(r), { minLength: 2, maxLength: 3 }).map((parts): MultiPolygon => ({
      type: 'MultiPolygon',
      // Move part i so its centre is 0.1° × i east of the first's: radii ≤ 0.03° keep them apart.
      coordinates: parts.map((rings, i) => {
        const [x0, y0] = parts[0]![0]![0]!;
        const [xi, yi] = rings[0]![0]!;
        const dx = x0! - xi! + 0.1 * i;
        const dy = y0! - yi!;
        return rings.map((ring) => ring.map(([x, y]) => [x! + dx, y! + dy]));
      }),
    })),
  );

// ---- helpers ----

const ringsOf = (g: AreaGeometry): Position[][] => (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat());

const closed = (ring: Position[]): boolean => {
  const first = ring[0];
  const last = ring[ring.length - 1];
  return first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
};

/** Decimals the number is written with (as JSON.stringify writes it). */
function decimalsOf(x: number): number {
  const s = String(x);
  const e = /e([+-]\d+)$/.exec(s);
  const mantissa = e ? s.slice(0, e.index) : s;
  const dot = mantissa.indexOf('.');
  const digits = dot < 0 ? 0 : mantissa.length - dot - 1;
  return Math.max(0, digits - (e ? Number(e[1]) : 0));
}

// ---- properties ----

describe('quantize, property-based', () => {
  it('never throws, keeps every ring closed with ≥ 4 positions and writes at most 5 decimals', () => {
    fc.assert(fc.property(validGeometryArb(), (g) => {
      const q = quantize(g);
      expect(['Polygon', 'MultiPolygon']).toContain(q.type);
      const rings = ringsOf(q);
      expect(rings.length).toBeLessThanOrEqual(ringsOf(g).length);
      for (const ring of rings) {
        expect(closed(ring)).toBe(true);
        expect(ring.length).toBeGreaterThanOrEqual(4);
        for (const p of ring) {
          expect(p).toHaveLength(2);
          expect(decimalsOf(p[0]!)).toBeLessThanOrEqual(5);
          expect(decimalsOf(p[1]!)).toBeLessThanOrEqual(5);
        }
        expect(ring.some((p, i) => i > 0 && p[0] === ring[i - 1]![0] && p[1] === ring[i - 1]![1])).toBe(false);
      }
      if (q.type === 'MultiPolygon') for (const part of q.coordinates) expect(part.length).toBeGreaterThan(0);
    }), { numRuns: 300 });
  });

  it('keeps every ring, and the area within rounding, when neighbouring vertices lie > 1e-5° apart', () => {
    const apart = (g: AreaGeometry) => ringsOf(g).every((r) =>
      r.every((p, i) => i === 0 || Math.max(Math.abs(p[0]! - r[i - 1]![0]!), Math.abs(p[1]! - r[i - 1]![1]!)) > 1e-5));
    fc.assert(fc.property(validGeometryArb().filter(apart), (g) => {
      const q = quantize(g);
      expect(ringsOf(q).map((r) => r.length)).toEqual(ringsOf(g).map((r) => r.length));
      // Each vertex moves ≤ 0.5e-5° per axis (< 0.7 m here), so the area changes by < perimeter × 1 m.
      const perimeterM = ringsOf(g).reduce((s, r) => s + turf.length(turf.lineString(r), { units: 'meters' }), 0);
      expect(Math.abs(areaKm2(q) - areaKm2(g)) * 1e6).toBeLessThanOrEqual(perimeterM * 1);
    }), { numRuns: 200 });
  });

  it('honours other numbers of decimals (0–7), dropping collapsed rings, and is idempotent', () => {
    fc.assert(fc.property(validGeometryArb(), fc.integer({ min: 0, max: 7 }), (g, decimals) => {
      const q = quantize(g, decimals);
      for (const ring of ringsOf(q)) {
        expect(closed(ring)).toBe(true);
        expect(ring.length).toBeGreaterThanOrEqual(4);
        for (const [x, y] of ring) expect(Math.max(decimalsOf(x!), decimalsOf(y!))).toBeLessThanOrEqual(decimals);
      }
      expect(quantize(q, decimals)).toEqual(q);
    }), { numRuns: 200 });
  });

  it('does not change its input', () => {
    fc.assert(fc.property(validGeometryArb(), (g) => {
      const before = structuredClone(g);
      quantize(g);
      expect(g).toEqual(before);
    }), { numRuns: 100 });
  });
});

describe('areaKm2, property-based', () => {
  it('is finite and ≥ 0 for valid polygons of either orientation, with or without holes', () => {
    fc.assert(fc.property(validGeometryArb(), (g) => {
      const a = areaKm2(g);
      expect(Number.isFinite(a)).toBe(true);
      expect(a).toBeGreaterThanOrEqual(0);
    }), { numRuns: 300 });
  });

  it('of a MultiPolygon is the sum of its parts, and a hole takes its area off', () => {
    fc.assert(fc.property(validGeometryArb(), (g) => {
      const parts = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      const sum = parts.reduce((s, rings) => s + areaKm2({ type: 'Polygon', coordinates: rings }), 0);
      expect(areaKm2(g)).toBeCloseTo(sum, 9);
      for (const rings of parts) {
        const outerOnly = areaKm2({ type: 'Polygon', coordinates: [rings[0]!] });
        const holes = rings.slice(1).reduce((s, r) => s + areaKm2({ type: 'Polygon', coordinates: [r] }), 0);
        expect(areaKm2({ type: 'Polygon', coordinates: rings })).toBeCloseTo(outerOnly - holes, 9);
      }
    }), { numRuns: 200 });
  });
});

describe('labelPoint, property-based', () => {
  // build-areas.ts calls labelPoint on quantized geometries (5 decimals); so do these properties.
  const quantizedArb = validGeometryArb().map((g) => quantize(g)).filter((q) => ringsOf(q).length > 0);

  it('is rounded to 5 decimals and lies in the polygon, or at most 1 m outside it ', () => {
    fc.assert(fc.property(quantizedArb, (q) => {
      const p = labelPoint(q);
      expect(p.every(Number.isFinite)).toBe(true);
      expect(Math.max(decimalsOf(p[0]), decimalsOf(p[1]))).toBeLessThanOrEqual(5);
      if (!turf.booleanPointInPolygon(p, q)) {
        expect(turf.pointToPolygonDistance(p, q, { units: 'meters' })).toBeLessThanOrEqual(1);
      }
    }), { numRuns: 300 });
  });

  // Regression: rounding a centroid near a narrow edge once put the label outside, e.g.
  //   {type:'Polygon', coordinates:[[[17.75,59.25],[17.73969,59.24995],[17.74999,59.24999],[17.75001,59.25],[17.75,59.25]]]}
  it('lies in the polygon, boundary included', () => {
    const sliver: AreaGeometry = {
      type: 'Polygon',
      coordinates: [[[17.75, 59.25], [17.73969, 59.24995], [17.74999, 59.24999], [17.75001, 59.25], [17.75, 59.25]]],
    };
    fc.assert(fc.property(quantizedArb, (q) => {
      expect(turf.booleanPointInPolygon(labelPoint(q), q)).toBe(true);
    }), { numRuns: 300, examples: [[sliver]] });
  });
});

describe('geometryProblems, property-based', () => {
  const isListOfSentences = (r: unknown) =>
    Array.isArray(r) && r.every((s) => typeof s === 'string' && s.length > 0);

  it('finds nothing wrong with a valid polygon inside Stockholm', () => {
    const [w, s, e, n] = STOCKHOLM_BBOX;
    const inside = (g: AreaGeometry) => ringsOf(g).every((r) => r.every(([x, y]) => x! > w && x! < e && y! > s && y! < n));
    fc.assert(fc.property(validGeometryArb(fc.double({ min: 0.002, max: 0.03, noNaN: true })).filter(inside), (g) => {
      expect(geometryProblems(g)).toEqual([]);
    }), { numRuns: 150 });
  });

  it('names every ring that is short, open or outside Stockholm', () => {
    fc.assert(fc.property(validGeometryArb(), fc.nat(), fc.constantFrom('drop-last', 'truncate', 'swap'), (g, pick, damage) => {
      const broken = structuredClone(g);
      const rings = ringsOf(broken);
      const ring = rings[pick % rings.length]!;
      if (damage === 'drop-last') ring.pop();
      else if (damage === 'truncate') ring.splice(3);
      else for (const p of ring) p.reverse();
      const problems = geometryProblems(broken);
      expect(isListOfSentences(problems)).toBe(true);
      expect(problems.length).toBeGreaterThan(0);
    }), { numRuns: 200 });
  });

  /** Rings of positions that are arrays of 0–3 arbitrary numbers (NaN, ±Infinity, huge …). */
  const numericJunk = fc.array(
    fc.array(fc.array(fc.oneof(fc.double(), fc.double({ min: 17, max: 19 }), fc.double({ min: 59, max: 60 })), { maxLength: 3 }), { maxLength: 8 }),
    { maxLength: 3 },
  );

  it('never throws on rings of arbitrary numbers (NaN, ±Infinity, 0–3 per position, 0–8 positions), and returns sentences', () => {
    fc.assert(fc.property(
      fc.oneof(
        numericJunk.map((coordinates) => ({ type: 'Polygon', coordinates })),
        fc.array(numericJunk, { maxLength: 3 }).map((coordinates) => ({ type: 'MultiPolygon', coordinates })),
      ),
      (g) => {
        let result: unknown;
        expect(() => { result = geometryProblems(g as AreaGeometry); }).not.toThrow();
        expect(isListOfSentences(result)).toBe(true);
      },
    ), { numRuns: 300 });
  });

  // Regression: malformed nesting ({type:'Polygon', coordinates:{}}, {type:'MultiPolygon'},
  // coordinates [null] or [[1,2]]) once threw a TypeError instead of returning a problem.
  it('never throws on arbitrary values where rings and positions belong', () => {
    const junk = fc.anything({ maxDepth: 3 });
    const position = fc.oneof(fc.tuple(fc.double(), fc.double()), junk);
    const ring = fc.oneof(fc.array(position, { maxLength: 6 }), junk);
    const rings = fc.oneof(fc.array(ring, { maxLength: 3 }), junk);
    fc.assert(fc.property(
      fc.oneof(
        rings.map((coordinates) => ({ type: 'Polygon', coordinates })),
        fc.oneof(fc.array(rings, { maxLength: 3 }), junk).map((coordinates) => ({ type: 'MultiPolygon', coordinates })),
      ),
      (g) => {
        let result: unknown;
        expect(() => { result = geometryProblems(g as AreaGeometry); }).not.toThrow();
        expect(isListOfSentences(result)).toBe(true);
      },
    ), { numRuns: 300 });
  });
});
