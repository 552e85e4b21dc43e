import * as turf from '@turf/turf';
import type { FeatureCollection, Point } from 'geojson';
import { foldName } from './names';
import { documentContains } from './source-text';
import {
  placesFileSchema, programmeFileSchema, type AreaRef, type Goal, type Place,
} from './programme-schema';
import { themeFamily, type ThemeFamily } from './theme-family';
import type { AreaKind, AreasBundle } from './types';

/** A goal as the app uses it: the record plus what is derived from the areas data. */
export interface GoalRecord extends Goal {
  document: string;
  family: ThemeFamily;
  /** Areas the goal itself concerns, directly or through its places, as "kind:id" keys. */
  ownAreaKeys: string[];
  /** Areas of the goal and of its measures together; what filtering by area uses. */
  areaKeys: string[];
  /** Areas of each measure that names its own; the others share the goal's. */
  measureAreaKeys: Record<string, string[]>;
  /** Where the goal is placed, as declared: "place:grimsta-ip", "priorityArea:tensta", "district:bromma" … */
  locations: string[];
  /** The same for measures that name their own areas or places. */
  measureLocations: Record<string, string[]>;
}

export interface PlaceRecord extends Place {
  stadsdelId: string;
  districtId: string;
  /** Priority areas the place lies in (point in polygon). */
  priorityAreaIds: string[];
}

/** One point on the map: a goal or measure at one of its locations. */
export interface ProgrammePointProps {
  /** Unique per point: `${goalId}|${measureId ?? ''}|${locationKey}`. */
  key: string;
  goalId: string;
  measureId: string;
  kind: 'goal' | 'measure';
  family: ThemeFamily;
  /** "place:grimsta-ip" or "priorityArea:tensta" … */
  location: string;
}

export interface ProgrammeCatalogue {
  goals: GoalRecord[];
  places: PlaceRecord[];
  partnersByDistrict: { districtId: string; partners: string[]; source: Goal['source'] }[];
  points: FeatureCollection<Point, ProgrammePointProps>;
}

export type ProgrammeBuildResult = { ok: true; catalogue: ProgrammeCatalogue } | { ok: false; errors: string[] };

export const areaKey = (kind: AreaKind, id: string) => `${kind}:${id}`;

/** "2017–2021", or "2017" for a single year; empty when the document states no period. */
export function formatPeriod(period: Goal['period']): string {
  if (!period) return '';
  return period.from === period.to ? String(period.from) : `${period.from}–${period.to}`;
}

/** Largest distance (m) between two files' positions for what they call the same place (a nature reserve is large). */
const SAME_PLACE_M = 1000;

/**
 * Validates and joins the programme files and place files with the areas: resolves every area
 * reference, locates every place in its stadsdel, district and priority areas (point in polygon),
 * and lays out one map point per goal or measure and location.
 */
export function buildProgramme(
  files: { name: string; content: unknown }[],
  placeFiles: { name: string; content: unknown }[],
  areas: AreasBundle,
  /** Full text of each source document by id; every quoted text must occur in its document. */
  documentTexts: Record<string, string>,
): ProgrammeBuildResult {
  const errors: string[] = [];
  const quoted = (document: string, at: string, text: string) => {
    if (!documentContains(documentTexts[document] ?? '', text)) errors.push(`${at}: text not found in document ${document}: "${text.slice(0, 100)}"`);
  };
  const stadsdelar = new Map(areas.stadsdelar.features.map((f) => [f.properties.id, f]));
  const stadsdelByName = new Map(areas.stadsdelar.features.map((f) => [foldName(f.properties.name), f]));
  const priorityAreas = new Map(areas.priorityAreas.features.map((f) => [f.properties.id, f]));
  const districts = new Set(areas.districts.features.map((f) => f.properties.id));
  const labels = new Map(areas.labels.features.map((f) => [areaKey(f.properties.kind, f.properties.id), f.geometry.coordinates as [number, number]]));

  // Places, merged across files by id.
  const places = new Map<string, PlaceRecord>();
  for (const file of placeFiles) {
    const parsed = placesFileSchema.safeParse(file.content);
    if (!parsed.success) {
      errors.push(...parsed.error.issues.map((i) => `${file.name}: ${i.path.join('.')}: ${i.message}`));
      continue;
    }
    for (const p of parsed.data.places) {
      const where = `${file.name}: place "${p.id}"`;
      const stadsdel = stadsdelByName.get(foldName(p.stadsdel));
      if (!stadsdel) {
        errors.push(`${where}: unknown stadsdel "${p.stadsdel}"`);
        continue;
      }
      if (!turf.booleanPointInPolygon(p.position, stadsdel)) {
        errors.push(`${where}: position [${p.position.join(', ')}] is not inside ${stadsdel.properties.name}`);
        continue;
      }
      const earlier = places.get(p.id);
      if (earlier) {
        const apart = turf.distance(earlier.position, p.position, { units: 'meters' });
        if (earlier.stadsdelId !== stadsdel.properties.id || apart > SAME_PLACE_M) {
          errors.push(`${where}: differs from the place of the same id in another file (${earlier.stadsdel}, ${apart.toFixed(0)} m apart)`);
        } else {
          earlier.sources.push(...p.sources);
        }
        continue;
      }
      const inAreas = areas.priorityAreas.features
        .filter((a) => a.properties.districtId === stadsdel.properties.districtId && turf.booleanPointInPolygon(p.position, a))
        .map((a) => a.properties.id);
      places.set(p.id, {
        ...p, sources: [...p.sources], stadsdelId: stadsdel.properties.id,
        districtId: stadsdel.properties.districtId, priorityAreaIds: inAreas,
      });
    }
  }

  // The areas an area reference or a place stands for, for counting per area.
  const expandRef = (ref: AreaRef): string[] => {
    if (ref.kind === 'district') return [areaKey('district', ref.id)];
    if (ref.kind === 'stadsdel') {
      const s = stadsdelar.get(ref.id)!;
      const same = areas.priorityAreas.features.filter((a) => !a.properties.approximate && a.properties.stadsdelId === ref.id);
      return [areaKey('stadsdel', ref.id), areaKey('district', s.properties.districtId), ...same.map((a) => areaKey('priorityArea', a.properties.id))];
    }
    // A place inside a stadsdel also lies in the priority area that is that whole stadsdel.
    const a = priorityAreas.get(ref.id)!;
    return [...new Set([areaKey('priorityArea', ref.id), ...expandRef({ kind: 'stadsdel', id: a.properties.stadsdelId })])];
  };
  const expandPlace = (p: PlaceRecord): string[] => [
    areaKey('stadsdel', p.stadsdelId), areaKey('district', p.districtId), ...p.priorityAreaIds.map((id) => areaKey('priorityArea', id)),
  ];

  const goals: GoalRecord[] = [];
  const ids = new Set<string>();
  const partnersByDistrict: ProgrammeCatalogue['partnersByDistrict'] = [];
  const points: ProgrammeCatalogue['points']['features'] = [];
  for (const file of files) {
    const parsed = programmeFileSchema.safeParse(file.content);
    if (!parsed.success) {
      errors.push(...parsed.error.issues.map((i) => `${file.name}: ${i.path.join('.')}: ${i.message}`));
      continue;
    }
    partnersByDistrict.push(...(parsed.data.partnersByDistrict ?? []));
    for (const g of parsed.data.goals) {
      const where = `${file.name}: goal "${g.id}"`;
      if (ids.has(g.id)) errors.push(`${where}: id occurs twice`);
      ids.add(g.id);
      if (!districts.has(g.districtId)) errors.push(`${where}: unknown district "${g.districtId}"`);
      const refsOk = (refs: AreaRef[] | undefined, at: string) =>
        (refs ?? []).every((r) => {
          const known = r.kind === 'district' ? districts.has(r.id) : r.kind === 'stadsdel' ? stadsdelar.has(r.id) : priorityAreas.has(r.id);
          if (!known) errors.push(`${at}: unknown ${r.kind} "${r.id}"`);
          return known;
        });
      const placesOk = (refs: string[] | undefined, at: string) =>
        (refs ?? []).every((id) => {
          if (!places.has(id)) errors.push(`${at}: unknown place "${id}"`);
          return places.has(id);
        });
      const doc = parsed.data.document;
      quoted(doc, where, g.text);
      if (g.dialogue) quoted(doc, `${where} dialogue`, g.dialogue);
      for (const m of g.measures) quoted(doc, `${where} measure "${m.id}"`, m.text);
      for (const i of g.indicators) quoted(doc, `${where} indicator "${i.id}"`, i.text);
      for (const p of g.partners) quoted(doc, `${where} partner`, p);
      const localIds = [...g.measures.map((m) => m.id), ...g.indicators.map((i) => i.id)];
      if (new Set(localIds).size !== localIds.length) errors.push(`${where}: a measure or indicator id occurs twice`);
      if (!refsOk(g.areas, where) || !placesOk(g.places, where)) continue;
      const measuresOk = g.measures.every((m) => refsOk(m.areas, `${where} measure "${m.id}"`) && placesOk(m.places, `${where} measure "${m.id}"`));
      if (!measuresOk) continue;

      const family = themeFamily(g.theme);
      const locationsOf = (refs: AreaRef[], placeIds: string[]) => [
        ...placeIds.map((id) => ({ location: `place:${id}`, at: places.get(id)!.position, keys: expandPlace(places.get(id)!) })),
        ...refs.map((r) => ({ location: areaKey(r.kind, r.id), at: labels.get(areaKey(r.kind, r.id))!, keys: expandRef(r) })),
      ];
      const goalLocations = locationsOf(g.areas, g.places);
      const ownAreaKeys = [...new Set(goalLocations.flatMap((l) => l.keys))];
      const areaKeys = new Set(ownAreaKeys);
      const measureAreaKeys: Record<string, string[]> = {};
      const measureLocationKeys: Record<string, string[]> = {};
      for (const l of goalLocations) {
        points.push(turf.point(l.at, { key: `${g.id}||${l.location}`, goalId: g.id, measureId: '', kind: 'goal', family, location: l.location }));
      }
      for (const m of g.measures) {
        if (!m.areas?.length && !m.places?.length) continue;
        const measureLocations = locationsOf(m.areas ?? [], m.places ?? []);
        measureAreaKeys[m.id] = [...new Set(measureLocations.flatMap((l) => l.keys))];
        measureLocationKeys[m.id] = measureLocations.map((l) => l.location);
        for (const l of measureLocations) {
          l.keys.forEach((k) => areaKeys.add(k));
          points.push(turf.point(l.at, { key: `${g.id}|${m.id}|${l.location}`, goalId: g.id, measureId: m.id, kind: 'measure', family, location: l.location }));
        }
      }
      goals.push({
        ...g, document: parsed.data.document, family, ownAreaKeys, areaKeys: [...areaKeys], measureAreaKeys,
        locations: goalLocations.map((l) => l.location), measureLocations: measureLocationKeys,
      });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    catalogue: {
      goals,
      places: [...places.values()],
      partnersByDistrict,
      points: turf.featureCollection(points),
    },
  };
}
