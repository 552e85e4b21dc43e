import { describe, expect, it } from 'vitest';
import { CityOutline } from './city-outline';

// A 10 × 10 square with a 2 × 2 hole (a lake that is not part of the city, say) at 4–6.
const outline = new CityOutline({
  type: 'Polygon',
  coordinates: [
    [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
    [[4, 4], [4, 6], [6, 6], [6, 4], [4, 4]],
  ],
});

describe('CityOutline', () => {
  it('knows inside, outside and the hole', () => {
    expect(outline.contains([1, 1])).toBe(true);
    expect(outline.contains([5, 5])).toBe(false);
    expect(outline.contains([11, 5])).toBe(false);
    expect(outline.contains([-1, 5])).toBe(false);
    expect(outline.bbox).toEqual([0, 0, 10, 10]);
  });

  it('keeps a line inside whole, drops one outside', () => {
    expect(outline.clipLine([[1, 1], [2, 2], [3, 1]])).toEqual([[[1, 1], [2, 2], [3, 1]]]);
    expect(outline.clipLine([[11, 1], [12, 2]])).toEqual([]);
  });

  it('cuts a line where it leaves the city', () => {
    expect(outline.clipLine([[8, 1], [12, 1]])).toEqual([[[8, 1], [10, 1]]]);
    expect(outline.clipLine([[-2, 2], [2, 2], [2, 3]])).toEqual([[[0, 2], [2, 2], [2, 3]]]);
  });

  it('makes two pieces of a line that crosses the hole, and of one that leaves and comes back', () => {
    expect(outline.clipLine([[3, 5], [7, 5]])).toEqual([[[3, 5], [4, 5]], [[6, 5], [7, 5]]]);
    expect(outline.clipLine([[9, 1], [11, 2], [9, 3]])).toEqual([[[9, 1], [10, 1.5]], [[10, 2.5], [9, 3]]]);
  });

  it('keeps a building whose centre is inside', () => {
    expect(outline.keepsPolygon([[[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]]])).toBe(true);
    expect(outline.keepsPolygon([[[9.5, 1], [10.2, 1], [10.2, 2], [9.5, 2], [9.5, 1]]])).toBe(true);
    expect(outline.keepsPolygon([[[9.9, 1], [11, 1], [11, 2], [9.9, 2], [9.9, 1]]])).toBe(false);
    expect(outline.keepsPolygon([[[4.5, 4.5], [5, 4.5], [5, 5], [4.5, 4.5]]])).toBe(false);
  });

  it('works on a multipolygon (islands)', () => {
    const islands = new CityOutline({
      type: 'MultiPolygon',
      coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]], [[[2, 0], [3, 0], [3, 1], [2, 1], [2, 0]]]],
    });
    expect(islands.clipLine([[0.5, 0.5], [2.5, 0.5]])).toEqual([[[0.5, 0.5], [1, 0.5]], [[2, 0.5], [2.5, 0.5]]]);
  });
});
