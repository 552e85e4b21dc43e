import * as turf from '@turf/turf';
import Flatbush from 'flatbush';
import type { Polygon, Position } from 'geojson';
import type { AreaGeometry, AreasBundle } from '../types';
import type { Finding, FindingPlace, LonLat } from './types';

/** Point-in-polygon assignment of positions to stadsdel, district and priority areas. */
export interface AreaLookup {
  /**
   * Where a WGS84 [lon, lat] position lies. The stadsdel is the first (in bundle order) whose
   * polygon contains the point, boundary included; the district is that stadsdel's district, or,
   * for a point in no stadsdel, the first district polygon containing it; priority areas are all
   * that contain it, in bundle order. Nulls and [] outside every area.
   */
  locate(position: LonLat): FindingPlace;
  /** `locate` for many positions, in order. */
  locateAll(positions: readonly LonLat[]): FindingPlace[];
}

const STADSDEL = 0;
const DISTRICT = 1;
const PRIORITY = 2;

function partsOf(geometry: AreaGeometry): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/**
 * Builds the lookup once from the areas bundle: one Flatbush index over the bounding boxes of
 * every polygon part of every stadsdel, district and priority area, so that a point is tested
 * (turf.booleanPointInPolygon) only against the few polygons whose box holds it. Building takes
 * a few milliseconds; a lookup then costs a few microseconds.
 */
export function createAreaLookup(bundle: Pick<AreasBundle, 'stadsdelar' | 'districts' | 'priorityAreas'>): AreaLookup {
  const layers = [bundle.stadsdelar.features, bundle.districts.features, bundle.priorityAreas.features] as const;
  const entryLayer: number[] = [];
  const entryFeature: number[] = [];
  const entryPolygon: Polygon[] = [];
  const boxes: [number, number, number, number][] = [];
  layers.forEach((features, layer) =>
    features.forEach((feature, featureIndex) => {
      for (const rings of partsOf(feature.geometry)) {
        const outer = rings[0];
        if (!outer || outer.length === 0) continue;
        let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
        for (const [x, y] of outer) {
          if (x! < w) w = x!;
          if (x! > e) e = x!;
          if (y! < s) s = y!;
          if (y! > n) n = y!;
        }
        entryLayer.push(layer);
        entryFeature.push(featureIndex);
        entryPolygon.push({ type: 'Polygon', coordinates: rings });
        boxes.push([w, s, e, n]);
      }
    }),
  );
  const index = new Flatbush(Math.max(boxes.length, 1));
  for (const [w, s, e, n] of boxes) index.add(w, s, e, n);
  if (boxes.length === 0) index.add(0, 0, 0, 0);
  index.finish();

  const stadsdelar = bundle.stadsdelar.features;
  const districts = bundle.districts.features;
  const priorityAreas = bundle.priorityAreas.features;

  const locateExactly = (position: LonLat): FindingPlace => {
    const [x, y] = position;
    if (!Number.isFinite(x) || !Number.isFinite(y) || boxes.length === 0) {
      return { stadsdelId: null, districtId: null, priorityAreaIds: [] };
    }
    let stadsdel = Infinity;
    const districtCandidates: number[] = [];
    const priority = new Set<number>();
    const hits = index.search(x, y, x, y);
    // Stadsdelar first, so that a priority area that is a whole stadsdel needs no test of its own.
    for (const entry of hits) {
      const feature = entryFeature[entry]!;
      if (entryLayer[entry] !== STADSDEL || feature >= stadsdel) continue;
      if (turf.booleanPointInPolygon(position, entryPolygon[entry]!)) stadsdel = feature;
    }
    const stadsdelId = stadsdelar[stadsdel]?.properties.id;
    for (const entry of hits) {
      const layer = entryLayer[entry]!;
      const feature = entryFeature[entry]!;
      if (layer === DISTRICT) { districtCandidates.push(entry); continue; }
      if (layer !== PRIORITY || priority.has(feature)) continue;
      const area = priorityAreas[feature]!.properties;
      // Same polygon as the stadsdel the point lies in: inside without another test.
      if (!area.approximate && area.stadsdelId === stadsdelId) priority.add(feature);
      else if (turf.booleanPointInPolygon(position, entryPolygon[entry]!)) priority.add(feature);
    }
    let districtId: string | null = null;
    const stadsdelFeature = stadsdelar[stadsdel];
    if (stadsdelFeature) districtId = stadsdelFeature.properties.districtId;
    else {
      let best = Infinity;
      for (const entry of districtCandidates) {
        const feature = entryFeature[entry]!;
        if (feature < best && turf.booleanPointInPolygon(position, entryPolygon[entry]!)) best = feature;
      }
      districtId = districts[best]?.properties.id ?? null;
    }
    return {
      stadsdelId: stadsdelFeature?.properties.id ?? null,
      districtId,
      priorityAreaIds: [...priority].sort((a, b) => a - b).map((i) => priorityAreas[i]!.properties.id),
    };
  };

  const grid = boundaryGrid(bundle);
  const cellPlaces: (FindingPlace | undefined)[] = new Array(grid.columns * grid.rows);
  /**
   * Most points fall in a grid cell that no area boundary crosses: every point there lies in the
   * same areas, so the cell's answer is worked out once (at its centre) and reused. Points in a
   * cell that a boundary crosses are tested against the polygons.
   */
  const locate = (position: LonLat): FindingPlace => {
    const cell = grid.cellOf(position[0], position[1]);
    if (cell < 0 || grid.boundary[cell] === 1) return locateExactly(position);
    let place = cellPlaces[cell];
    if (!place) {
      place = locateExactly(grid.centreOf(cell));
      cellPlaces[cell] = place;
    }
    return { stadsdelId: place.stadsdelId, districtId: place.districtId, priorityAreaIds: [...place.priorityAreaIds] };
  };

  return { locate, locateAll: (positions) => positions.map(locate) };
}

/** Grid cell size in degrees: about 110 m × 110 m at Stockholm's latitude. */
const CELL_LON = 0.002;
const CELL_LAT = 0.001;

/**
 * A grid over the stadsdelar in which every cell that a stadsdel or priority-area edge touches is
 * marked (by the edge's bounding box, so the marking errs on the safe side). Districts are unions
 * of stadsdelar and add no boundaries of their own.
 */
function boundaryGrid(bundle: Pick<AreasBundle, 'stadsdelar' | 'priorityAreas'>) {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  const features = [...bundle.stadsdelar.features, ...bundle.priorityAreas.features];
  for (const f of features) for (const rings of partsOf(f.geometry)) for (const [x, y] of rings[0] ?? []) {
    if (x! < w) w = x!;
    if (x! > e) e = x!;
    if (y! < s) s = y!;
    if (y! > n) n = y!;
  }
  const columns = Number.isFinite(w) ? Math.floor((e - w) / CELL_LON) + 1 : 0;
  const rows = Number.isFinite(s) ? Math.floor((n - s) / CELL_LAT) + 1 : 0;
  const boundary = new Uint8Array(columns * rows);
  const column = (x: number) => Math.floor((x - w) / CELL_LON);
  const row = (y: number) => Math.floor((y - s) / CELL_LAT);
  for (const f of features) {
    for (const rings of partsOf(f.geometry)) {
      for (const ring of rings) {
        for (let i = 1; i < ring.length; i++) {
          const [ax, ay] = ring[i - 1]!;
          const [bx, by] = ring[i]!;
          const c0 = Math.max(0, column(Math.min(ax!, bx!)));
          const c1 = Math.min(columns - 1, column(Math.max(ax!, bx!)));
          const r0 = Math.max(0, row(Math.min(ay!, by!)));
          const r1 = Math.min(rows - 1, row(Math.max(ay!, by!)));
          for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) boundary[r * columns + c] = 1;
        }
      }
    }
  }
  return {
    columns,
    rows,
    boundary,
    /** The cell of a position, or -1 outside the grid (or for a position that is not finite). */
    cellOf(x: number, y: number): number {
      const c = column(x);
      const r = row(y);
      return c >= 0 && c < columns && r >= 0 && r < rows ? r * columns + c : -1;
    },
    centreOf(cell: number): LonLat {
      const c = cell % columns;
      const r = (cell - c) / columns;
      return [w + (c + 0.5) * CELL_LON, s + (r + 0.5) * CELL_LAT];
    },
  };
}

/** True when two places name the same areas. */
export function samePlace(a: FindingPlace, b: FindingPlace): boolean {
  return a.stadsdelId === b.stadsdelId && a.districtId === b.districtId
    && a.priorityAreaIds.length === b.priorityAreaIds.length && a.priorityAreaIds.every((id, i) => id === b.priorityAreaIds[i]);
}

/**
 * Places findings anew (after an import, or when the areas data changed). Returns the findings,
 * each replaced by a copy with its new place where that differs (the others are returned as they
 * are), and the ids of those that changed. Pure; `updatedAt` and `revision` are left alone.
 */
export function relocateFindings(findings: readonly Finding[], lookup: AreaLookup): { findings: Finding[]; changed: string[] } {
  const changed: string[] = [];
  const out = findings.map((f) => {
    const place = lookup.locate(f.position);
    if (samePlace(f, place)) return f;
    changed.push(f.id);
    return { ...f, ...place };
  });
  return { findings: out, changed };
}
