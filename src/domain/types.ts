import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';

/** Where a record comes from: one of the seed documents (see data/sources.json) and its section. */
export interface SourceRef {
  /** Document id, "000" … "004". */
  document: string;
  /** Section heading as the document gives it, e.g. "3.2 Spånga-Tensta". */
  section: string;
  /** The document's own words that support the record, quoted as written. */
  quote?: string;
}

export interface SourceDocument {
  id: string;
  file: string;
  title: string;
}

export type AreaGeometry = Polygon | MultiPolygon;

/** A stadsdel (one of Stockholm's 117), from the CC0 open data. */
export interface StadsdelProps {
  id: string;
  /** Display name, e.g. "Hässelby gård". */
  name: string;
  /** Name as written in the open data, e.g. "HÄSSELBY GÅRD". */
  geodataName: string;
  districtId: string;
  /** Geodesic area in km², lakes and sea inside the boundary included. */
  areaKm2: number;
}

/** A stadsdelsområde of the 2017 division, dissolved from its stadsdelar. */
export interface DistrictProps {
  id: string;
  name: string;
  stadsdelIds: string[];
  priorityAreaIds: string[];
  /** Set for districts whose section in document 001 names no geographic priority area. */
  noPriorityArea?: SourceRef;
  /** Later merger, e.g. Älvsjö and Hägersten-Liljeholmen into Hägersten-Älvsjö on 2020-07-01. */
  mergedInto?: { id: string; name: string; date: string };
  areaKm2: number;
}

/** A prioriterat område named in document 001, section 3. */
export interface PriorityAreaProps {
  id: string;
  name: string;
  districtId: string;
  /** The stadsdel the area is, or lies inside. */
  stadsdelId: string;
  /** True when the outline is drawn for this app (no official boundary exists). */
  approximate: boolean;
  note?: string;
  source: SourceRef;
  areaKm2: number;
}

export type StadsdelFeature = Feature<AreaGeometry, StadsdelProps>;
export type DistrictFeature = Feature<AreaGeometry, DistrictProps>;
export type PriorityAreaFeature = Feature<AreaGeometry, PriorityAreaProps>;

/** What the app loads (public/data/areas.json), produced by scripts/build-data.ts. */
export interface AreasBundle {
  /** Division year of the districts. */
  division: string;
  /** [west, south, east, north] in WGS84 degrees. */
  bbox: [number, number, number, number];
  sources: SourceDocument[];
  stadsdelar: FeatureCollection<AreaGeometry, StadsdelProps>;
  districts: FeatureCollection<AreaGeometry, DistrictProps>;
  priorityAreas: FeatureCollection<AreaGeometry, PriorityAreaProps>;
  /** One label point per area, inside the area it names. */
  labels: FeatureCollection<Point, LabelProps>;
}

export interface LabelProps {
  id: string;
  kind: AreaKind;
  name: string;
}

/** What a user can select on the map or in the list. */
export type AreaKind = 'district' | 'stadsdel' | 'priorityArea';
