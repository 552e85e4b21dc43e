import * as turf from '@turf/turf';
import type { Feature, Position } from 'geojson';
import type { AreaGeometry } from './types';

/** Stockholm municipality with a margin, [west, south, east, north] in WGS84 degrees. */
export const STOCKHOLM_BBOX: [number, number, number, number] = [17.7, 59.2, 18.25, 59.45];

/** Geodesic area in km². */
export function areaKm2(geometry: AreaGeometry): number {
  return turf.area(geometry) / 1e6;
}

function polygonsOf(geometry: AreaGeometry): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/**
 * Rounds coordinates to `decimals` places (5 ≈ 1 m at Stockholm's latitude) and drops the
 * repeated positions that rounding creates, keeping every ring closed.
 */
export function quantize(geometry: AreaGeometry, decimals = 5): AreaGeometry {
  const f = 10 ** decimals;
  const ring = (r: Position[]): Position[] => {
    const out: Position[] = [];
    for (const p of r) {
      const q = [Math.round(p[0]! * f) / f, Math.round(p[1]! * f) / f];
      const last = out[out.length - 1];
      if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
    }
    return out;
  };
  const polys = polygonsOf(geometry)
    .map((rings) => rings.map(ring).filter((r) => r.length >= 4))
    .filter((rings) => rings.length > 0);
  return geometry.type === 'Polygon' || polys.length === 1
    ? { type: 'Polygon', coordinates: polys[0] ?? [] }
    : { type: 'MultiPolygon', coordinates: polys };
}

/**
 * What is wrong with a polygon's rings, one sentence each; empty when nothing is.
 * Checks closure, ring length, coordinates inside Stockholm and self-intersection.
 */
export function geometryProblems(geometry: AreaGeometry): string[] {
  // Files are read as they are: check the nesting before walking it.
  const isPosition = (p: unknown) => Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number';
  const isRing = (r: unknown) => Array.isArray(r) && r.every(isPosition);
  const isPolygon = (rings: unknown) => Array.isArray(rings) && rings.every(isRing);
  const shapeOk = geometry?.type === 'Polygon' ? isPolygon(geometry.coordinates)
    : geometry?.type === 'MultiPolygon' && Array.isArray(geometry.coordinates) && geometry.coordinates.every(isPolygon);
  if (!shapeOk) return [`not a Polygon or MultiPolygon of [lon, lat] number positions`];
  const problems: string[] = [];
  const [w, s, e, n] = STOCKHOLM_BBOX;
  polygonsOf(geometry).forEach((rings, pi) =>
    rings.forEach((r, ri) => {
      const where = `polygon ${pi} ring ${ri}`;
      if (r.length < 4) problems.push(`${where} has ${r.length} positions (at least 4 needed)`);
      const first = r[0];
      const last = r[r.length - 1];
      if (!first || !last || first[0] !== last[0] || first[1] !== last[1]) problems.push(`${where} is not closed`);
      const outside = r.find(([x, y]) => !(x! >= w && x! <= e && y! >= s && y! <= n));
      if (outside) problems.push(`${where} has position [${outside.join(', ')}] outside Stockholm (lon/lat order expected)`);
    }),
  );
  if (problems.length === 0) {
    const kinks = turf.kinks(turf.feature(geometry) as Feature<AreaGeometry>);
    if (kinks.features.length > 0) {
      const at = kinks.features[0]!.geometry.coordinates.map((c) => c.toFixed(5)).join(', ');
      problems.push(`ring intersects itself (${kinks.features.length} crossing(s), first at ${at})`);
    }
  }
  return problems;
}

/** Share (0–1) of `inner`'s area that lies outside `outer`. */
export function shareOutside(inner: AreaGeometry, outer: AreaGeometry): number {
  const rest = turf.difference(turf.featureCollection([turf.feature(inner), turf.feature(outer)]));
  return rest ? turf.area(rest) / turf.area(inner) : 0;
}

/** Holes smaller than this (m²) in a union are slivers between neighbouring source polygons. */
const SLIVER_M2 = 1000;

/** The union of polygons, as one Polygon or MultiPolygon, without sliver holes. */
export function dissolve(geometries: AreaGeometry[]): AreaGeometry {
  if (geometries.length === 1) return geometries[0]!;
  const merged = turf.union(turf.featureCollection(geometries.map((g) => turf.feature(g))));
  if (!merged) throw new Error('union of the polygons is empty');
  const keep = (rings: Position[][]) =>
    rings.filter((r, i) => i === 0 || turf.area(turf.polygon([r])) >= SLIVER_M2);
  const g = merged.geometry;
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: keep(g.coordinates) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map(keep) };
}

/** The part of `parent` inside a circle of `radiusM` metres around `center` (lon, lat). */
export function circleWithin(parent: AreaGeometry, center: [number, number], radiusM: number): AreaGeometry | null {
  const circle = turf.circle(center, radiusM / 1000, { steps: 48, units: 'kilometers' });
  return turf.intersect(turf.featureCollection([circle, turf.feature(parent)]))?.geometry ?? null;
}

/** The part of `parent` on one side of the meridian or parallel through its centroid. */
export function sideOf(parent: AreaGeometry, side: 'north' | 'south' | 'east' | 'west'): AreaGeometry | null {
  const [cx, cy] = turf.centroid(parent).geometry.coordinates as [number, number];
  const [w, s, e, n] = turf.bbox(parent);
  const box: [number, number, number, number] =
    side === 'east' ? [cx, s, e, n] : side === 'west' ? [w, s, cx, n] : side === 'north' ? [w, cy, e, n] : [w, s, e, cy];
  return turf.intersect(turf.featureCollection([turf.bboxPolygon(box), turf.feature(parent)]))?.geometry ?? null;
}

/** A point inside the area for its label: the centroid when it lies inside, else a point on the surface. */
export function labelPoint(geometry: AreaGeometry): [number, number] {
  const round = ([x, y]: number[]): [number, number] => [Math.round(x! * 1e5) / 1e5, Math.round(y! * 1e5) / 1e5];
  const inside = (q: [number, number]) => turf.booleanPointInPolygon(q, geometry);
  const c = round(turf.centroid(geometry).geometry.coordinates);
  // Rounding (to about 1 m) can move a point near the edge outside: test the rounded point.
  if (inside(c)) return c;
  const [px, py] = round(turf.pointOnFeature(geometry).geometry.coordinates);
  const step = 1e-5;
  for (const dx of [0, -step, step]) for (const dy of [0, -step, step]) {
    const q = round([px + dx, py + dy]);
    if (inside(q)) return q;
  }
  // A sliver narrower than the rounding: a vertex of the outline (on the boundary, so inside).
  const vertex = polygonsOf(geometry)[0]?.[0]?.[0];
  return vertex ? round(vertex) : [px, py];
}
