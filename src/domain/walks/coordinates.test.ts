import { describe, expect, it } from 'vitest';
import { checkPosition } from './coordinates';

describe('checkPosition', () => {
  it('accepts [lon, lat] in Stockholm and returns a copy', () => {
    const input = [18.07, 59.33];
    const r = checkPosition(input);
    expect(r).toEqual({ ok: true, value: [18.07, 59.33] });
    expect(r.ok && r.value).not.toBe(input);
  });

  it('drops a third number (altitude)', () => {
    expect(checkPosition([18.07, 59.33, 21])).toEqual({ ok: true, value: [18.07, 59.33] });
  });

  it('recognises [lat, lon] and suggests the swapped position', () => {
    const r = checkPosition([59.33, 18.07]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.kind).toBe('swapped');
    expect(r.suggestion).toEqual([18.07, 59.33]);
  });

  it('says outside for a valid position elsewhere, with no suggestion', () => {
    const r = checkPosition([11.97, 57.71]); // Göteborg
    expect(r).toMatchObject({ ok: false, kind: 'outside' });
    expect(r.ok || r.suggestion).toBeUndefined();
    expect(r.ok || r.message).toMatch(/\d+ km outside Stockholm/);
  });

  it('says outside just beyond the bounding box', () => {
    expect(checkPosition([18.26, 59.33])).toMatchObject({ ok: false, kind: 'outside' });
  });

  it('recognises SWEREF 99 metres', () => {
    expect(checkPosition([674032, 6580821])).toMatchObject({ ok: false, kind: 'projected' });
    expect(checkPosition([153000, 6580000])).toMatchObject({ ok: false, kind: 'projected' });
  });

  it.each([
    ['NaN', [Number.NaN, 59.3]],
    ['Infinity', [18, Number.POSITIVE_INFINITY]],
    ['a string', ['18.07', 59.33]],
    ['one number', [18.07]],
    ['four numbers', [18, 59, 0, 0]],
    ['not an array', { lon: 18, lat: 59 }],
    ['null', null],
    ['out of range', [200, 59.3]],
  ])('says invalid for %s', (_, value) => {
    expect(checkPosition(value)).toMatchObject({ ok: false, kind: 'invalid' });
  });
});
