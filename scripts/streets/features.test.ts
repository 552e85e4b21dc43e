import { describe, expect, it } from 'vitest';
import {
  assembleRings, closedRing, multipolygonBuildings, osmToFeatures, streetClass, wantedRelation, wantedWay, wayLines, wind,
} from './features';
import type { CollectedWay } from './osm';

/** Nodes 1…n on a small grid around Östermalm: node i at (18.07 + x·1e-4, 59.337 + y·1e-4). */
const grid: Record<number, [number, number]> = {};
for (let x = 0; x < 10; x++) for (let y = 0; y < 10; y++) grid[1 + x * 10 + y] = [18.07 + x * 1e-4, 59.337 + y * 1e-4];
const lookup = (id: number) => grid[id];
const node = (x: number, y: number) => 1 + x * 10 + y;

describe('streetClass', () => {
  it.each([
    ['motorway', 'major'], ['trunk_link', 'major'], ['primary', 'major'], ['secondary', 'major'],
    ['tertiary', 'minor'], ['residential', 'minor'], ['unclassified', 'minor'], ['living_street', 'minor'],
    ['service', 'service'], ['pedestrian', 'pedestrian'],
    ['footway', 'footway'], ['path', 'footway'], ['bridleway', 'footway'], ['corridor', 'footway'], ['track', 'footway'],
    ['cycleway', 'cycleway'], ['steps', 'steps'],
  ])('highway=%s is %s', (highway, cls) => {
    expect(streetClass({ highway })).toBe(cls);
  });

  it('draws no platform, proposal, construction or untagged way', () => {
    for (const highway of ['platform', 'proposed', 'construction', 'bus_stop', 'elevator']) expect(streetClass({ highway })).toBeNull();
    expect(streetClass({ building: 'yes' })).toBeNull();
  });

  it('keeps streets, paths and buildings, and building multipolygons', () => {
    expect(wantedWay({ highway: 'steps' })).toBe(true);
    expect(wantedWay({ building: 'apartments' })).toBe(true);
    expect(wantedWay({ building: 'no', highway: 'platform' })).toBe(false);
    expect(wantedWay({ landuse: 'grass' })).toBe(false);
    expect(wantedRelation({ type: 'multipolygon', building: 'yes' })).toBe(true);
    expect(wantedRelation({ type: 'multipolygon', landuse: 'grass' })).toBe(false);
    expect(wantedRelation({ type: 'route', building: 'yes' })).toBe(false);
  });
});

describe('ways to geometry', () => {
  it('splits a way where its nodes are missing and drops pieces of one node', () => {
    expect(wayLines([node(0, 0), node(1, 0), 999, node(2, 0), 998, node(3, 0), node(4, 0)], lookup)).toEqual([
      [grid[node(0, 0)], grid[node(1, 0)]],
      [grid[node(3, 0)], grid[node(4, 0)]],
    ]);
  });

  it('makes a ring of a closed way only', () => {
    const square = [node(0, 0), node(1, 0), node(1, 1), node(0, 1), node(0, 0)];
    expect(closedRing(square, lookup)).toHaveLength(5);
    expect(closedRing(square.slice(0, 4), lookup)).toBeNull();
    expect(closedRing([node(0, 0), 999, node(1, 1), node(0, 0)], lookup)).toBeNull();
  });

  it('winds outer rings counter-clockwise and holes clockwise', () => {
    const cw = [[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]];
    expect(wind(cw, true)).toEqual([...cw].reverse());
    expect(wind(cw, false)).toEqual(cw);
  });

  it('joins the parts of a ring in any direction', () => {
    const a = [1, 2, 3];
    const b = [5, 4, 3]; // reversed
    const c = [5, 6, 1];
    const rings = assembleRings([a, b, c, [7, 8]]);
    expect(rings).toHaveLength(1);
    const ring = rings[0]!;
    expect(ring[0]).toBe(ring[ring.length - 1]);
    expect(new Set(ring)).toEqual(new Set([1, 2, 3, 4, 5, 6]));
  });

  it('makes a building multipolygon with its courtyard', () => {
    const outerNorth = [node(0, 0), node(5, 0), node(5, 5)];
    const outerSouth = [node(5, 5), node(0, 5), node(0, 0)];
    const court = [node(2, 2), node(3, 2), node(3, 3), node(2, 3), node(2, 2)];
    const ways = new Map<number, CollectedWay>([[1, { refs: outerNorth }], [2, { refs: outerSouth }], [3, { refs: court }]]);
    const [polygon, ...more] = multipolygonBuildings({
      id: 9, tags: { type: 'multipolygon', building: 'yes' },
      members: [{ type: 'way', ref: 1, role: 'outer' }, { type: 'way', ref: 3, role: 'inner' }, { type: 'way', ref: 2, role: 'outer' }],
    }, ways, lookup);
    expect(more).toEqual([]);
    expect(polygon!.coordinates).toHaveLength(2);
    expect(polygon!.coordinates[1]).toHaveLength(5);
  });
});

describe('osmToFeatures', () => {
  it('turns streets into lines with class and name, buildings into polygons', () => {
    const ways = new Map<number, CollectedWay>([
      [1, { refs: [node(0, 0), node(1, 0), node(2, 0)], tags: { highway: 'residential', name: 'Sturegatan' } }],
      [2, { refs: [node(0, 1), node(0, 2)], tags: { highway: 'steps' } }],
      [3, { refs: [node(4, 4), node(5, 4), node(5, 5), node(4, 5), node(4, 4)], tags: { building: 'yes' } }],
      [4, { refs: [node(6, 6), node(7, 7)] }], // a member of some relation, not drawn by itself
      [5, { refs: [node(8, 8), node(9, 9)], tags: { highway: 'platform' } }],
    ]);
    const { lines, buildings } = osmToFeatures(ways, [], lookup);
    expect(lines.map((l) => l.properties)).toEqual([{ class: 'minor', name: 'Sturegatan' }, { class: 'steps' }]);
    expect(lines[0]!.geometry.coordinates).toHaveLength(3);
    expect(buildings).toHaveLength(1);
    expect(buildings[0]!.geometry.type).toBe('Polygon');
  });
});
