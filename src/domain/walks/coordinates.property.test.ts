/**
 * Property-based tests (fast-check) of checkPosition: any value at all is answered, never thrown
 * on, and only positions inside Stockholm pass (issue 6, "Hard to break"). Examples are in
 * coordinates.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STOCKHOLM_BBOX } from '../geometry';
import { checkPosition } from './coordinates';
import type { PositionCheck } from './coordinates';

const [W, S, E, N] = STOCKHOLM_BBOX;

/** Any value, with every kind fast-check knows (sparse arrays, typed arrays, boxed values, Map, Set …). */
const anyValue = fc.anything({
  withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true,
  withObjectString: true, withSparseArray: true, withTypedArray: true, withUnicodeString: true,
});

/** Numbers of every kind: NaN, ±Infinity, −0, huge, and plenty in and around Stockholm either way round. */
const anyNumber = fc.oneof(
  fc.double(),
  fc.double({ min: W - 0.5, max: E + 0.5 }),
  fc.double({ min: S - 0.5, max: N + 0.5 }),
  fc.constantFrom(W, E, S, N, 0, -0, 180, -180, 90, -90, 6_580_000, 674_032),
);

/** Values shaped like positions: arrays of 0–4 numbers or other things. */
const positionLike = fc.oneof(
  fc.tuple(anyNumber, anyNumber),
  fc.tuple(anyNumber, anyNumber, anyNumber),
  fc.array(fc.oneof(anyNumber, anyValue), { maxLength: 4 }),
);

const stockholm = fc.tuple(fc.double({ min: W, max: E, noNaN: true }), fc.double({ min: S, max: N, noNaN: true }));

const isInside = (v: unknown): boolean =>
  Array.isArray(v) && v.length >= 2 && v.length <= 3
  && typeof v[0] === 'number' && typeof v[1] === 'number'
  && v[0] >= W && v[0] <= E && v[1] >= S && v[1] <= N;

/** What every answer must look like, whatever the input. */
function expectWellFormed(r: PositionCheck): void {
  if (r.ok) {
    expect(r.value).toHaveLength(2);
    expect(r.value.every(Number.isFinite)).toBe(true);
    return;
  }
  expect(['invalid', 'swapped', 'outside', 'projected']).toContain(r.kind);
  expect(typeof r.message).toBe('string');
  expect(r.message.length).toBeGreaterThan(0);
  if (r.kind === 'swapped') expect(r.suggestion && checkPosition(r.suggestion).ok).toBe(true);
  else expect(r.suggestion).toBeUndefined();
}

describe('checkPosition, property-based', () => {
  it('never throws on any value, and answers ok or a kind with a message', () => {
    fc.assert(fc.property(fc.oneof(anyValue, positionLike), (v) => {
      let r: PositionCheck | undefined;
      expect(() => { r = checkPosition(v); }).not.toThrow();
      expectWellFormed(r!);
    }), { numRuns: 1000 });
  });

  it('is ok exactly for 2–3 numbers whose first two lie in STOCKHOLM_BBOX, and then gives those two', () => {
    fc.assert(fc.property(positionLike, (v) => {
      const r = checkPosition(v);
      expect(r.ok).toBe(isInside(v));
      if (r.ok) expect(r.value).toEqual([(v as number[])[0], (v as number[])[1]]);
    }), { numRuns: 1000 });
  });

  it('accepts every position in Stockholm, with or without altitude', () => {
    fc.assert(fc.property(stockholm, fc.option(fc.double(), { nil: undefined }), ([lon, lat], alt) => {
      expect(checkPosition(alt === undefined ? [lon, lat] : [lon, lat, alt])).toEqual({ ok: true, value: [lon, lat] });
    }), { numRuns: 500 });
  });

  it('rejects a Stockholm position written [lat, lon] as swapped, suggesting exactly the position', () => {
    fc.assert(fc.property(stockholm, (p) => {
      const r = checkPosition([p[1], p[0]]);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.kind).toBe('swapped');
      expect(r.suggestion).toEqual(p);
      expect(checkPosition(r.suggestion)).toEqual({ ok: true, value: p });
    }), { numRuns: 500 });
  });

  it('says outside only for valid degrees, and invalid for anything beyond ±180 / ±90 that is no SWEREF 99 position', () => {
    fc.assert(fc.property(fc.tuple(anyNumber, anyNumber), ([lon, lat]) => {
      const r = checkPosition([lon, lat]);
      if (!r.ok && r.kind === 'outside') {
        expect(Math.abs(lon)).toBeLessThanOrEqual(180);
        expect(Math.abs(lat)).toBeLessThanOrEqual(90);
        expect(r.message).toMatch(/\d+ km outside Stockholm/);
      }
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) expect(r).toMatchObject({ ok: false, kind: 'invalid' });
    }), { numRuns: 1000 });
  });
});
