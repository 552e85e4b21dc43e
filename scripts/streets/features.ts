/**
 * OpenStreetMap ways and relations → the street layer's features: lines of class major, minor,
 * service, pedestrian, footway, cycleway or steps (with the street's name when it has one), and
 * building polygons (closed ways, and multipolygon relations with their courtyards). Pure: the
 * node coordinates come in through a lookup.
 */
import type { Feature, LineString, Polygon, Position } from 'geojson';
import type { CollectedRelation, CollectedWay, Tags } from './osm';

export const STREET_CLASSES = ['major', 'minor', 'service', 'pedestrian', 'footway', 'cycleway', 'steps'] as const;
export type StreetClass = (typeof STREET_CLASSES)[number];

const HIGHWAY_CLASS: Record<string, StreetClass> = {
  motorway: 'major', motorway_link: 'major', trunk: 'major', trunk_link: 'major',
  primary: 'major', primary_link: 'major', secondary: 'major', secondary_link: 'major',
  tertiary: 'minor', tertiary_link: 'minor', residential: 'minor', unclassified: 'minor',
  living_street: 'minor', road: 'minor',
  service: 'service',
  pedestrian: 'pedestrian',
  footway: 'footway', path: 'footway', bridleway: 'footway', corridor: 'footway', track: 'footway',
  cycleway: 'cycleway',
  steps: 'steps',
};

/** The class of a way in the street layer, or null when the layer does not draw it. */
export function streetClass(tags: Tags): StreetClass | null {
  const highway = tags.highway;
  if (highway === undefined) return null;
  // A sidewalk mapped as its own way is a footway; a platform, a road under construction or a proposal is not drawn.
  return HIGHWAY_CLASS[highway] ?? null;
}

export function isBuilding(tags: Tags): boolean {
  return tags.building !== undefined && tags.building !== 'no';
}

/** A way the street layer draws: a street or path, or a building. */
export function wantedWay(tags: Tags): boolean {
  return streetClass(tags) !== null || isBuilding(tags);
}

/** A relation the street layer draws: a building made of several ways (outer walls, courtyards). */
export function wantedRelation(tags: Tags): boolean {
  return tags.type === 'multipolygon' && isBuilding(tags);
}

export interface StreetProps {
  class: StreetClass;
  name?: string;
}

export type StreetLine = Feature<LineString, StreetProps>;
export type Building = Feature<Polygon, Record<string, never>>;

export type Lookup = (id: number) => [number, number] | undefined;

/** The way's nodes as coordinates, split where a node is missing (outside the area read): runs of two or more. */
export function wayLines(refs: number[], lookup: Lookup): Position[][] {
  const lines: Position[][] = [];
  let run: Position[] = [];
  for (const ref of refs) {
    const c = lookup(ref);
    if (c) {
      const last = run[run.length - 1];
      if (!last || last[0] !== c[0] || last[1] !== c[1]) run.push(c);
    } else {
      if (run.length >= 2) lines.push(run);
      run = [];
    }
  }
  if (run.length >= 2) lines.push(run);
  return lines;
}

/** Twice the signed area (lon/lat plane): positive when counter-clockwise. */
function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j]![0]! - ring[i]![0]!) * (ring[i]![1]! + ring[j]![1]!);
  }
  return sum;
}

/** The ring wound as GeoJSON (RFC 7946) wants it: outer counter-clockwise, holes clockwise. */
export function wind(ring: Position[], outer: boolean): Position[] {
  const ccw = signedArea(ring) > 0;
  return ccw === outer ? ring : [...ring].reverse();
}

/** A closed ring of the way's nodes, or null when it is not closed or a node is missing. */
export function closedRing(refs: number[], lookup: Lookup): Position[] | null {
  if (refs.length < 4 || refs[0] !== refs[refs.length - 1]) return null;
  const ring: Position[] = [];
  for (const ref of refs) {
    const c = lookup(ref);
    if (!c) return null;
    ring.push(c);
  }
  return ring;
}

/**
 * Joins node lists end to end into closed rings (the outer or inner ways of a multipolygon, which
 * may each be a part of a ring). Lists that do not close are dropped.
 */
export function assembleRings(parts: number[][]): number[][] {
  const rings: number[][] = [];
  const open: number[][] = [];
  for (const p of parts) {
    if (p.length < 2) continue;
    if (p.length >= 4 && p[0] === p[p.length - 1]) rings.push(p);
    else open.push([...p]);
  }
  while (open.length > 0) {
    const current = open.pop()!;
    let joined = true;
    while (joined && current[0] !== current[current.length - 1]) {
      joined = false;
      const tail = current[current.length - 1];
      const head = current[0];
      for (let i = 0; i < open.length; i++) {
        const o = open[i]!;
        if (o[0] === tail) current.push(...o.slice(1));
        else if (o[o.length - 1] === tail) current.push(...[...o].reverse().slice(1));
        else if (o[o.length - 1] === head) current.unshift(...o.slice(0, -1));
        else if (o[0] === head) current.unshift(...[...o].reverse().slice(0, -1));
        else continue;
        open.splice(i, 1);
        joined = true;
        break;
      }
    }
    if (current.length >= 4 && current[0] === current[current.length - 1]) rings.push(current);
  }
  return rings;
}

function pointInRing([x, y]: Position, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if ((yi > y!) !== (yj > y!) && x! < ((xj - xi) * (y! - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Polygons of a building multipolygon: each outer ring with the inner rings that lie in it. */
export function multipolygonBuildings(relation: CollectedRelation, ways: Map<number, CollectedWay>, lookup: Lookup): Polygon[] {
  const partsOf = (role: (r: string) => boolean) => relation.members
    .filter((m) => m.type === 'way' && role(m.role))
    .map((m) => ways.get(m.ref)?.refs)
    .filter((r): r is number[] => r !== undefined);
  const toCoords = (refs: number[]) => closedRing(refs, lookup);
  const outers = assembleRings(partsOf((r) => r === 'outer' || r === '')).map(toCoords).filter((r): r is Position[] => r !== null);
  const inners = assembleRings(partsOf((r) => r === 'inner')).map(toCoords).filter((r): r is Position[] => r !== null);
  const polygons = outers.map((o) => [wind(o, true)]);
  for (const inner of inners) {
    const home = polygons.find((p) => pointInRing(inner[0]!, p[0]!));
    if (home) home.push(wind(inner, false));
  }
  return polygons.map((coordinates) => ({ type: 'Polygon', coordinates }));
}

export interface StreetFeatures {
  lines: StreetLine[];
  buildings: Building[];
}

/** Every street line and building of the collected ways and relations. */
export function osmToFeatures(ways: Map<number, CollectedWay>, relations: Iterable<CollectedRelation>, lookup: Lookup): StreetFeatures {
  const lines: StreetLine[] = [];
  const buildings: Building[] = [];
  for (const way of ways.values()) {
    const tags = way.tags;
    if (!tags) continue;
    const cls = streetClass(tags);
    if (cls) {
      const properties: StreetProps = { class: cls };
      const name = tags.name?.trim();
      if (name) properties.name = name;
      // A pedestrian area (a square) is drawn by its outline, like a pedestrian street.
      for (const coordinates of wayLines(way.refs, lookup)) {
        lines.push({ type: 'Feature', properties: { ...properties }, geometry: { type: 'LineString', coordinates } });
      }
    } else if (isBuilding(tags)) {
      const ring = closedRing(way.refs, lookup);
      if (ring) buildings.push({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [wind(ring, true)] } });
    }
  }
  for (const relation of relations) {
    for (const geometry of multipolygonBuildings(relation, ways, lookup)) {
      buildings.push({ type: 'Feature', properties: {}, geometry });
    }
  }
  return { lines, buildings };
}
