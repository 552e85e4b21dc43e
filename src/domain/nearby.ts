import * as turf from '@turf/turf';
import { foldName } from './names';
import type { ProgrammeCatalogue } from './programme';
import type { Finding } from './walks/types';

/**
 * "Nära mig": what is being done near a point. Goals and measures of the programmes, collaboration
 * sites and public safety-walk findings become initiatives with a position; `nearest` lists those
 * within a radius, nearest first.
 */

export type InitiativeKind = 'goal' | 'measure' | 'site' | 'finding';

/** Something being done at a place. The same initiative may occur at several positions (same key). */
export interface Initiative {
  kind: InitiativeKind;
  /** Goal: the goal id; measure: "goalId|measureId"; site and finding: their own id. */
  id: string;
  /**
   * What makes two entries the same initiative, listed once by `nearest` (see initiativeKey);
   * `${kind}:${id}` when absent. Programme entries share it across records that say the same thing.
   */
  key?: string;
  /** for goal/measure: the goal id */
  goalId?: string;
  /** For a measure: its id within the goal. */
  measureId?: string;
  /** For goal/measure: where the point stands, "place:grimsta-ip", "priorityArea:tensta", "district:bromma" … */
  location?: string;
  title: string;
  /** WGS84 [lon, lat]. */
  position: [number, number];
  /** Placed on a whole district's label point: the position stands for the district, not a spot in it. */
  areaWide?: boolean;
  /** Placed on an area's label point (district, stadsdel or priority area) rather than at a named place. */
  representative?: boolean;
}

export interface NearbyHit {
  initiative: Initiative;
  /** Great-circle distance from the query point, in metres. */
  distanceM: number;
}

export interface NearestOptions {
  /** Include area-wide initiatives (district label points); default false. */
  includeAreaWide?: boolean;
  /** At most this many hits; default all. */
  limit?: number;
}

/** Tie order when two initiatives are equally far away. */
export const INITIATIVE_KIND_ORDER: readonly InitiativeKind[] = ['goal', 'measure', 'site', 'finding'];

/** The identity `nearest` lists an initiative once by: its `key`, else its kind and id. */
export function initiativeKey(initiative: Initiative): string {
  return initiative.key ?? `${initiative.kind}:${initiative.id}`;
}

/**
 * One initiative per goal or measure point of the catalogue, titled with the goal's or the
 * measure's text. Points on an area's label point are `representative`; on a district's, also
 * `areaWide`. Points whose goal or measure the catalogue lacks are skipped.
 *
 * Goals (and measures) of one district with the same text are one initiative to the reader, keyed
 * by district and folded text: document 003 names "Platssamverkan" as a goal under two of the
 * council's goals (1.2 and 2.1), and documents 000 and 001 repeat measures word for word.
 */
export function initiativesFromProgramme(catalogue: ProgrammeCatalogue): Initiative[] {
  const goals = new Map(catalogue.goals.map((g) => [g.id, g]));
  const out: Initiative[] = [];
  for (const point of catalogue.points.features) {
    const p = point.properties;
    const goal = goals.get(p.goalId);
    if (!goal) continue;
    const [lon, lat] = point.geometry.coordinates;
    if (lon === undefined || lat === undefined) continue;
    const flags = {
      ...(p.location.startsWith('district:') ? { areaWide: true } : {}),
      ...(p.location.startsWith('place:') ? {} : { representative: true }),
    };
    const key = (kind: InitiativeKind, text: string) => `${kind}:${goal.districtId}:${foldName(text)}`;
    if (p.kind === 'goal') {
      out.push({ kind: 'goal', id: goal.id, key: key('goal', goal.text), goalId: goal.id, location: p.location, title: goal.text, position: [lon, lat], ...flags });
    } else {
      const measure = goal.measures.find((m) => m.id === p.measureId);
      if (!measure) continue;
      out.push({
        kind: 'measure', id: `${goal.id}|${measure.id}`, key: key('measure', measure.text), goalId: goal.id, measureId: measure.id,
        location: p.location, title: measure.text, position: [lon, lat], ...flags,
      });
    }
  }
  return out;
}

/**
 * One initiative per public finding, titled with its description (its category when the
 * description is empty). Findings not marked public are never included.
 */
export function initiativesFromFindings(findings: readonly Finding[]): Initiative[] {
  return findings
    .filter((f) => f.public === true)
    .map((f) => ({ kind: 'finding', id: f.id, title: f.description.trim() || f.category, position: [f.position[0], f.position[1]] }));
}

const collator = new Intl.Collator('sv');

/** Metres per degree of latitude on the sphere turf.distance uses (radius 6 371 008.8 m). */
const M_PER_DEG_LAT = (6_371_008.8 * Math.PI) / 180;

/** Orders hits by distance, then kind (goal < measure < site < finding), then title (Swedish), then id. */
export function compareNearby(a: NearbyHit, b: NearbyHit): number {
  return a.distanceM - b.distanceM
    || INITIATIVE_KIND_ORDER.indexOf(a.initiative.kind) - INITIATIVE_KIND_ORDER.indexOf(b.initiative.kind)
    || collator.compare(a.initiative.title, b.initiative.title)
    || (a.initiative.id < b.initiative.id ? -1 : a.initiative.id > b.initiative.id ? 1 : 0);
}

/**
 * Initiatives within `radiusM` metres of `point` (WGS84 [lon, lat]), the boundary included,
 * nearest first (see compareNearby). An initiative at several positions or in several records
 * (same initiativeKey) is listed once, at its nearest position (the first given when equally near). Area-wide initiatives are left out unless asked for.
 * A negative or non-finite radius finds nothing.
 */
export function nearest(
  point: [number, number],
  initiatives: readonly Initiative[],
  radiusM: number,
  options: NearestOptions = {},
): NearbyHit[] {
  if (!(radiusM >= 0) || !Number.isFinite(radiusM)) return [];
  const [lon, lat] = point;
  // A box in degrees that holds the whole circle (1 % to spare for the sphere's curvature), to
  // skip the exact distance for most initiatives. Near the poles or across ±180° only latitude is used.
  const dLat = (radiusM / M_PER_DEG_LAT) * 1.01;
  const maxAbsLat = Math.abs(lat) + dLat;
  const dLon = maxAbsLat < 89 ? dLat / Math.cos((maxAbsLat * Math.PI) / 180) : Infinity;
  const checkLon = Number.isFinite(dLon) && lon - dLon > -180 && lon + dLon < 180;

  const best = new Map<string, NearbyHit>();
  for (const initiative of initiatives) {
    if (initiative.areaWide && !options.includeAreaWide) continue;
    const [x, y] = initiative.position;
    if (Math.abs(y - lat) > dLat || (checkLon && Math.abs(x - lon) > dLon)) continue;
    const distanceM = turf.distance(point, initiative.position, { units: 'meters' });
    if (!(distanceM <= radiusM)) continue;
    const key = initiativeKey(initiative);
    const earlier = best.get(key);
    if (!earlier || distanceM < earlier.distanceM) best.set(key, { initiative, distanceM });
  }
  const hits = [...best.values()].sort(compareNearby);
  return options.limit === undefined ? hits : hits.slice(0, Math.max(0, options.limit));
}
