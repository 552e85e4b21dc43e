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

  const locate = (position: LonLat): FindingPlace => {
    const [x, y] = position;
    if (!Number.isFinite(x) || !Number.isFinite(y) || boxes.length === 0) {
      return { stadsdelId: null, districtId: null, priorityAreaIds: [] };
    }
    let stadsdel = Infinity;
    const districtCandidates: number[] = [];
    const priority = new Set<number>();
    for (const entry of index.search(x, y, x, y)) {
      const layer = entryLayer[entry]!;
      const feature = entryFeature[entry]!;
      if (layer === DISTRICT) { districtCandidates.push(entry); continue; }
      if (layer === STADSDEL && feature >= stadsdel) continue;
      if (layer === PRIORITY && priority.has(feature)) continue;
      if (!turf.booleanPointInPolygon(position, entryPolygon[entry]!)) continue;
      if (layer === STADSDEL) stadsdel = feature;
      else priority.add(feature);
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

  return { locate, locateAll: (positions) => positions.map(locate) };
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
