import * as turf from '@turf/turf';
import type { FeatureCollection, Polygon } from 'geojson';
import { documentContains } from './source-text';
import { areaKm2, circleWithin, labelPoint, dissolve, geometryProblems, quantize, shareOutside, sideOf } from './geometry';
import { foldName, slugify } from './names';
import {
  describeIssues, districtsFileSchema, priorityAreasFileSchema, sourcesFileSchema,
} from './schema';
import type {
  AreaGeometry, AreaKind, AreasBundle, DistrictFeature, LabelProps, PriorityAreaFeature, StadsdelFeature,
} from './types';

export interface AreaInputs {
  sources: unknown;
  districts: unknown;
  priorityAreas: unknown;
  /** The CC0 stadsdelar: polygons with property `name`. */
  stadsdelar: FeatureCollection<Polygon, { name: string }>;
  /** Full text of each source document by id, to check quotes against. */
  documentTexts: Record<string, string>;
}

export type BuildResult = { ok: true; bundle: AreasBundle } | { ok: false; errors: string[] };

/** Largest share of an approximate area that may lie outside its stadsdel (rounding only). */
const MAX_OUTSIDE_SHARE = 0.005;
/** Largest share of an outline circle that may fall outside its stadsdel before clipping. */
const MAX_CIRCLE_OUTSIDE_SHARE = 0.4;

/**
 * Validates data/ and turns it into the bundle the app loads: stadsdelar with their district,
 * districts dissolved from their stadsdelar, priority areas with their outline. Every problem is
 * reported with the file and record it concerns; nothing is built when there is one.
 */
export function buildAreas(input: AreaInputs): BuildResult {
  const errors: string[] = [];
  const sources = sourcesFileSchema.safeParse(input.sources);
  const districtsFile = districtsFileSchema.safeParse(input.districts);
  const areasFile = priorityAreasFileSchema.safeParse(input.priorityAreas);
  if (!sources.success) errors.push(...describeIssues('sources.json', sources.error));
  if (!districtsFile.success) errors.push(...describeIssues('districts.json', districtsFile.error));
  if (!areasFile.success) errors.push(...describeIssues('priority-areas.json', areasFile.error));
  if (!sources.success || !districtsFile.success || !areasFile.success) return { ok: false, errors };

  const documentIds = new Set(sources.data.documents.map((d) => d.id));
  const checkSource = (where: string, source: { document: string; quote?: string | undefined }) => {
    if (!documentIds.has(source.document)) errors.push(`${where}: unknown source document "${source.document}"`);
    else if (source.quote !== undefined) {
      const text = input.documentTexts[source.document];
      if (text === undefined) errors.push(`${where}: text of document ${source.document} is missing`);
      else if (!documentContains(text, source.quote)) errors.push(`${where}: quote not found in document ${source.document}: "${source.quote}"`);
    }
  };

  // Geodata stadsdelar by folded name.
  const geodata = new Map<string, { name: string; geometry: AreaGeometry }>();
  for (const [i, f] of input.stadsdelar.features.entries()) {
    const name = f.properties?.name;
    if (typeof name !== 'string' || !f.geometry) {
      errors.push(`stadsdelar.geojson: feature ${i} has no name or no geometry`);
      continue;
    }
    for (const p of geometryProblems(f.geometry)) errors.push(`stadsdelar.geojson: ${name}: ${p}`);
    if (geodata.has(foldName(name))) errors.push(`stadsdelar.geojson: ${name} occurs twice`);
    geodata.set(foldName(name), { name, geometry: f.geometry });
  }

  // Assign stadsdelar to districts.
  const stadsdelar: StadsdelFeature[] = [];
  const stadsdelByFold = new Map<string, StadsdelFeature>();
  const assignedTo = new Map<string, string>();
  const districtIds = new Set<string>();
  for (const d of districtsFile.data.districts) {
    if (districtIds.has(d.id)) errors.push(`districts.json: district id "${d.id}" occurs twice`);
    districtIds.add(d.id);
    for (const entry of d.stadsdelar) {
      const name = typeof entry === 'string' ? entry : entry.name;
      const key = foldName(typeof entry === 'string' ? entry : entry.geodataName);
      const geo = geodata.get(key);
      if (!geo) {
        errors.push(`districts.json: district "${d.id}" names unknown stadsdel "${name}"`);
        continue;
      }
      const earlier = assignedTo.get(key);
      if (earlier) {
        errors.push(`districts.json: stadsdel "${name}" is in two districts, "${earlier}" and "${d.id}"`);
        continue;
      }
      assignedTo.set(key, d.id);
      const geometry = quantize(geo.geometry);
      const feature: StadsdelFeature = {
        type: 'Feature',
        id: slugify(name),
        geometry,
        properties: { id: slugify(name), name, geodataName: geo.name, districtId: d.id, areaKm2: round(areaKm2(geo.geometry), 3) },
      };
      stadsdelar.push(feature);
      stadsdelByFold.set(foldName(name), feature);
    }
  }
  for (const [key, geo] of geodata) {
    if (!assignedTo.has(key)) errors.push(`districts.json: stadsdel "${geo.name}" is in no district`);
  }

  // Priority areas.
  const priorityAreas: PriorityAreaFeature[] = [];
  const areaIds = new Set<string>();
  for (const a of areasFile.data.priorityAreas) {
    const where = `priority-areas.json: "${a.id}"`;
    if (areaIds.has(a.id)) errors.push(`${where}: id occurs twice`);
    areaIds.add(a.id);
    checkSource(where, a.source);
    if (!districtIds.has(a.districtId)) errors.push(`${where}: unknown district "${a.districtId}"`);
    const parent = stadsdelByFold.get(foldName(a.stadsdel));
    if (!parent) {
      errors.push(`${where}: unknown stadsdel "${a.stadsdel}"`);
      continue;
    }
    if (parent.properties.districtId !== a.districtId) {
      errors.push(`${where}: stadsdel "${a.stadsdel}" belongs to "${parent.properties.districtId}", not "${a.districtId}"`);
    }
    let geometry: AreaGeometry | null = parent.geometry;
    if (a.kind === 'approximate') {
      if (a.outline.type === 'circle') {
        // Clipping alone would hide a misplaced circle: the recipe itself must sit in the stadsdel.
        const circle = turf.circle(a.outline.center, a.outline.radiusM / 1000, { steps: 48, units: 'kilometers' }).geometry;
        if (!turf.booleanPointInPolygon(a.outline.center, parent.geometry)) {
          errors.push(`${where}: outline centre [${a.outline.center.join(', ')}] lies outside its stadsdel "${a.stadsdel}"`);
          continue;
        }
        const outsideCircle = shareOutside(circle, parent.geometry);
        if (outsideCircle > MAX_CIRCLE_OUTSIDE_SHARE) {
          errors.push(`${where}: ${(outsideCircle * 100).toFixed(0)} % of the outline circle lies outside its stadsdel "${a.stadsdel}"`);
          continue;
        }
      }
      geometry = a.outline.type === 'circle'
        ? circleWithin(parent.geometry, a.outline.center, a.outline.radiusM)
        : sideOf(parent.geometry, a.outline.side);
      if (!geometry) {
        errors.push(`${where}: outline does not overlap stadsdel "${a.stadsdel}"`);
        continue;
      }
      geometry = quantize(geometry);
      for (const p of geometryProblems(geometry)) errors.push(`${where}: ${p}`);
      const outside = shareOutside(geometry, parent.geometry);
      if (outside > MAX_OUTSIDE_SHARE) {
        errors.push(`${where}: ${(outside * 100).toFixed(1)} % of the area lies outside its stadsdel "${a.stadsdel}"`);
      }
    }
    priorityAreas.push({
      type: 'Feature',
      id: a.id,
      geometry,
      properties: {
        id: a.id, name: a.name, districtId: a.districtId, stadsdelId: parent.properties.id,
        approximate: a.kind === 'approximate', ...(a.note ? { note: a.note } : {}),
        source: a.source, areaKm2: round(areaKm2(geometry), 3),
      },
    });
  }

  const noArea = new Map(areasFile.data.noPriorityArea.map((n) => [n.districtId, n.source]));
  for (const [id, source] of noArea) {
    const where = `priority-areas.json: noPriorityArea "${id}"`;
    if (!districtIds.has(id)) errors.push(`${where}: unknown district`);
    checkSource(where, source);
    if (priorityAreas.some((a) => a.properties.districtId === id)) errors.push(`${where}: the district also has priority areas`);
  }

  if (errors.length > 0) return { ok: false, errors };

  const districts: DistrictFeature[] = districtsFile.data.districts.map((d) => {
    const own = stadsdelar.filter((s) => s.properties.districtId === d.id);
    const geometry = quantize(dissolve(own.map((s) => s.geometry)));
    const noPriorityArea = noArea.get(d.id);
    const priorityAreaIds = priorityAreas.filter((a) => a.properties.districtId === d.id).map((a) => a.properties.id);
    if (priorityAreaIds.length === 0 && !noPriorityArea) {
      errors.push(`priority-areas.json: district "${d.id}" has no priority area and no noPriorityArea entry saying so`);
    }
    return {
      type: 'Feature',
      id: d.id,
      geometry,
      properties: {
        id: d.id, name: d.name, stadsdelIds: own.map((s) => s.properties.id), priorityAreaIds,
        ...(noPriorityArea ? { noPriorityArea } : {}),
        ...(d.mergedInto ? { mergedInto: d.mergedInto } : {}),
        areaKm2: round(areaKm2(geometry), 3),
      },
    };
  });
  if (errors.length > 0) return { ok: false, errors };

  const all = turf.featureCollection(stadsdelar);
  const label = (kind: AreaKind, f: { geometry: AreaGeometry; properties: { id: string; name: string } }) =>
    turf.point<LabelProps>(labelPoint(f.geometry), { id: f.properties.id, kind, name: f.properties.name });
  return {
    ok: true,
    bundle: {
      division: districtsFile.data.division,
      bbox: turf.bbox(all).map((v) => round(v, 5)) as [number, number, number, number],
      sources: sources.data.documents,
      stadsdelar: all,
      districts: turf.featureCollection(districts),
      priorityAreas: turf.featureCollection(priorityAreas),
      labels: turf.featureCollection([
        ...districts.map((f) => label('district', f)),
        ...stadsdelar.map((f) => label('stadsdel', f)),
        ...priorityAreas.map((f) => label('priorityArea', f)),
      ]),
    },
  };
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
