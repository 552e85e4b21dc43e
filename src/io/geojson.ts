import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import { checkPosition } from '../domain/walks/coordinates';
import { problemsFromZod } from '../domain/walks/problems';
import type { Problem, ProblemCode, Result } from '../domain/walks/problems';
import { findingSchema, walkSchema } from '../domain/walks/schema';
import type { Finding, LonLat, Walk, WalkData } from '../domain/walks/types';
import type { FormatContext, ImportResult, WalkFormat } from './format';

/** Largest file import accepts, in bytes of UTF-8 (20 MiB). Check `File.size` before reading, too. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Most features import accepts in one file. */
export const MAX_IMPORT_FEATURES = 50_000;
/** The foreign member that marks a file as ours, and the version this code writes and reads. */
export const GEOJSON_MEMBER = { format: 'walks', version: 1 } as const;

export type WalkFeature = Feature<LineString | null, Omit<Walk, 'route'> & { type: 'walk' }>;
export type FindingFeature = Feature<Point, Omit<Finding, 'position'> & { type: 'finding' }>;
export type WalksFeatureCollection = FeatureCollection<LineString | Point | null> & {
  omradeskartan: typeof GEOJSON_MEMBER;
};

const copy = (p: LonLat): LonLat => [p[0], p[1]];

/**
 * Walks and findings as one GeoJSON FeatureCollection (RFC 7946, WGS84 [lon, lat]): each walk a
 * feature with its route as a LineString (geometry null when none is drawn), each finding a Point;
 * every other field in `properties` (with `type`: "walk" or "finding"), photos inline as data: URLs.
 * The top-level member `omradeskartan` names the format and version. Feature ids are the record ids.
 */
export function toGeoJson(data: WalkData): WalksFeatureCollection {
  const walks: WalkFeature[] = data.walks.map(({ route, ...rest }) => ({
    type: 'Feature',
    id: rest.id,
    geometry: route ? { type: 'LineString', coordinates: route.map(copy) } : null,
    properties: { type: 'walk', ...structuredClone(rest) },
  }));
  const findings: FindingFeature[] = data.findings.map(({ position, ...rest }) => ({
    type: 'Feature',
    id: rest.id,
    geometry: { type: 'Point', coordinates: copy(position) },
    properties: { type: 'finding', ...structuredClone(rest) },
  }));
  return { type: 'FeatureCollection', omradeskartan: { ...GEOJSON_MEMBER }, features: [...walks, ...findings] };
}

/**
 * A short text for a value in a message. A file can nest arrays thousands deep, which
 * JSON.stringify cannot write (it overflows the stack): such values are named by their type.
 */
function describeValue(value: unknown): string {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return JSON.stringify(value).slice(0, 80);
  return Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : typeof value;
}

/** `toGeoJson` as text. */
export function exportGeoJson(data: WalkData): string {
  return JSON.stringify(toGeoJson(data), null, 1);
}

/** Bytes of `text` in UTF-8, counted without encoding it. */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) { bytes += 4; i++; }
    else bytes += 3;
  }
  return bytes;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const geometryName = (g: unknown): string =>
  g === null ? 'null' : isObject(g) && typeof g.type === 'string' ? g.type : typeof g;

const POSITION_CODES = {
  invalid: 'position_invalid', swapped: 'position_swapped', outside: 'position_outside', projected: 'position_projected',
} as const satisfies Record<string, ProblemCode>;

/** Problems of a walk's LineString coordinates: one per kind of problem, naming the first position and the count. */
function routeProblems(row: number, coordinates: unknown): Problem[] {
  if (!Array.isArray(coordinates)) {
    return [{ row, field: 'geometry.coordinates', code: 'required', message: `feature ${row}: a LineString needs coordinates` }];
  }
  if (coordinates.length < 2) {
    return [{ row, field: 'geometry.coordinates', code: 'too_few', message: `feature ${row}: a LineString needs at least 2 positions`, params: { min: 2 } }];
  }
  const byKind = new Map<string, { first: number; count: number; message: string; suggestion?: LonLat }>();
  coordinates.forEach((c, i) => {
    const check = checkPosition(c);
    if (check.ok) return;
    const seen = byKind.get(check.kind);
    if (seen) seen.count++;
    else byKind.set(check.kind, { first: i, count: 1, message: check.message, ...(check.suggestion ? { suggestion: check.suggestion } : {}) });
  });
  return [...byKind.entries()].map(([kind, p]) => ({
    row,
    field: `geometry.coordinates.${p.first}`,
    code: POSITION_CODES[kind as keyof typeof POSITION_CODES],
    message: `feature ${row}: ${p.count} of ${coordinates.length} positions: ${p.message}${p.count > 1 ? ` (first at position ${p.first})` : ''}`,
    ...(p.suggestion ? { suggestion: p.suggestion } : {}),
    params: { count: p.count, total: coordinates.length, first: p.first },
  }));
}

/** Moves zod's record paths to where they are in the file: properties.*, or geometry.coordinates. */
function inFile(problems: Problem[], row: number, geometryField: 'route' | 'position'): Problem[] {
  return problems.map((p) => {
    const field = p.field ?? '';
    const inGeometry = field === geometryField || field.startsWith(`${geometryField}.`);
    const mapped = inGeometry ? `geometry.coordinates${field.slice(geometryField.length)}` : `properties${field ? `.${field}` : ''}`;
    return { ...p, row, field: mapped, message: `feature ${row}: ${field ? p.message.replace(field, mapped) : p.message}` };
  });
}

const fileProblem = <T = WalkData>(code: ProblemCode, message: string, params?: Problem['params']): Result<T> =>
  ({ ok: false, errors: [{ code, message, ...(params ? { params } : {}) }] });

/**
 * True for a FeatureCollection written by another tool (QGIS, geojson.io …): it has features, no
 * `omradeskartan` member, and no feature says it is a walk or a finding (`properties.type`).
 * Such a file is not refused feature by feature; `importGeoJson` answers one `foreign_geojson`
 * problem, and `readForeignGeoJson` (foreign-geojson.ts) previews it for mapping to findings.
 */
export function isForeignGeoJson(root: unknown): boolean {
  if (!isObject(root) || root.type !== 'FeatureCollection' || !Array.isArray(root.features) || root.omradeskartan !== undefined) return false;
  const features: unknown[] = root.features;
  const ours = (f: unknown) => isObject(f) && isObject(f.properties) && (f.properties.type === 'walk' || f.properties.type === 'finding');
  return features.some((f) => isObject(f) && f.type === 'Feature') && !features.some(ours);
}

/**
 * The first checks of any GeoJSON import: text, size (MAX_IMPORT_BYTES), JSON, and a
 * FeatureCollection (an object with a `features` array). The parsed root, or one file problem.
 */
export function readFeatureCollection(text: string): Result<Record<string, unknown> & { features: unknown[] }> {
  if (typeof text !== 'string') return fileProblem('malformed_json', 'the file is not text');
  const bytes = utf8Bytes(text);
  if (bytes > MAX_IMPORT_BYTES) {
    return fileProblem('file_too_large', `the file is ${(bytes / 1024 / 1024).toFixed(1)} MB; at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB can be imported`,
      { size: (bytes / 1024 / 1024).toFixed(1), max: MAX_IMPORT_BYTES / 1024 / 1024 });
  }
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    return fileProblem('malformed_json', `the file is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!isObject(root) || root.type !== 'FeatureCollection' || !Array.isArray(root.features)) {
    return fileProblem('not_feature_collection', 'the file is not a GeoJSON FeatureCollection (an object with "type": "FeatureCollection" and a "features" array)');
  }
  return { ok: true, value: root as Record<string, unknown> & { features: unknown[] } };
}

/**
 * Reads a file written by `exportGeoJson` (or by hand in the same shape). Validated in full first:
 * size (MAX_IMPORT_BYTES), JSON, FeatureCollection, MAX_IMPORT_FEATURES, the `omradeskartan`
 * member (optional; when present it must name format "walks" version 1), that the file is ours (a
 * file from another tool, see `isForeignGeoJson`, gets one `foreign_geojson` problem), each feature's record
 * type, geometry type, positions (swapped [lat, lon] come with a suggestion), fields, categories,
 * statuses and status history, duplicate ids, and that a finding's walkId names a walk in the
 * file or in `context.existing`. Every problem carries `row`, the feature's index in `features`
 * (0-based; the UI numbers features from 1), except for problems with the file as a whole; `params`
 * carry what a translated message needs. All or nothing: either every record, or
 * only problems. Never throws. Findings keep the places written in the file (see `relocateFindings`).
 */
export function importGeoJson(text: string, context: FormatContext = {}): ImportResult {
  const read = readFeatureCollection(text);
  if (!read.ok) return read;
  const root = read.value;
  const member = root.omradeskartan;
  if (member !== undefined && (!isObject(member) || member.format !== GEOJSON_MEMBER.format || member.version !== GEOJSON_MEMBER.version)) {
    const version = isObject(member) ? describeValue(member.version) : 'none';
    const format = isObject(member) ? describeValue(member.format) : 'none';
    return fileProblem('unsupported_format', `the file says format ${format} version ${version}; this app reads format "walks" version ${GEOJSON_MEMBER.version}`,
      { format, version });
  }
  const features: unknown[] = root.features;
  if (features.length > MAX_IMPORT_FEATURES) {
    return fileProblem('too_many_features', `the file has ${features.length} features; at most ${MAX_IMPORT_FEATURES} can be imported at once`,
      { count: features.length, max: MAX_IMPORT_FEATURES });
  }
  if (isForeignGeoJson(root)) {
    return fileProblem('foreign_geojson', 'the file is GeoJSON from another tool: no feature is a walk or a finding of this app; map its properties to findings first',
      { count: features.length });
  }

  const errors: Problem[] = [];
  const walks: Walk[] = [];
  const findings: { row: number; finding: Finding }[] = [];
  const walkRows = new Map<string, number>();
  const findingRows = new Map<string, number>();

  features.forEach((feature, row) => {
    if (!isObject(feature) || feature.type !== 'Feature') {
      errors.push({ row, code: 'not_a_feature', message: `feature ${row} is not a GeoJSON Feature` });
      return;
    }
    const props = feature.properties;
    if (!isObject(props)) {
      errors.push({ row, field: 'properties', code: props === undefined || props === null ? 'required' : 'invalid_type', message: `feature ${row} has no properties object` });
      return;
    }
    const geometry = feature.geometry;
    if (props.type === 'walk') {
      let route: LonLat[] | null = null;
      let geometryOk = true;
      if (geometry === undefined) {
        errors.push({ row, field: 'geometry', code: 'required', message: `feature ${row}: geometry is required (a LineString, or null for a walk without a route)` });
        geometryOk = false;
      } else if (geometry !== null) {
        if (!isObject(geometry) || geometry.type !== 'LineString') {
          errors.push({
            row, field: 'geometry.type', code: 'wrong_geometry', params: { record: 'walk', actual: geometryName(geometry) },
            message: `feature ${row}: a walk's geometry must be a LineString or null, not ${geometryName(geometry)}`,
          });
          geometryOk = false;
        } else {
          const problems = routeProblems(row, geometry.coordinates);
          errors.push(...problems);
          geometryOk = problems.length === 0;
          if (geometryOk) route = geometry.coordinates as LonLat[];
        }
      }
      const parsed = walkSchema.safeParse({ ...props, route }, { reportInput: true });
      if (!parsed.success) errors.push(...inFile(problemsFromZod(parsed.error), row, 'route'));
      else if (geometryOk) {
        const id = parsed.data.id;
        const first = walkRows.get(id);
        if (first !== undefined) errors.push({ row, field: 'properties.id', code: 'duplicate_id', params: { id, first }, message: `feature ${row}: walk id "${id}" is also used by feature ${first}` });
        else { walkRows.set(id, row); walks.push(parsed.data); }
      }
    } else if (props.type === 'finding') {
      if (!isObject(geometry) || geometry.type !== 'Point') {
        errors.push({
          row, field: geometry === undefined || geometry === null ? 'geometry' : 'geometry.type',
          code: geometry === undefined || geometry === null ? 'required' : 'wrong_geometry',
          params: { record: 'finding', actual: geometry === undefined ? 'missing' : geometryName(geometry) },
          message: `feature ${row}: a finding's geometry must be a Point, not ${geometry === undefined ? 'missing' : geometryName(geometry)}`,
        });
      }
      const position = isObject(geometry) && geometry.type === 'Point' ? geometry.coordinates : [18.07, 59.33];
      const parsed = findingSchema.safeParse({ ...props, position }, { reportInput: true });
      if (!parsed.success) errors.push(...inFile(problemsFromZod(parsed.error), row, 'position'));
      else if (isObject(geometry) && geometry.type === 'Point') {
        const id = parsed.data.id;
        const first = findingRows.get(id);
        if (first !== undefined) errors.push({ row, field: 'properties.id', code: 'duplicate_id', params: { id, first }, message: `feature ${row}: finding id "${id}" is also used by feature ${first}` });
        else { findingRows.set(id, row); findings.push({ row, finding: parsed.data }); }
      }
    } else {
      errors.push({
        row, field: 'properties.type', code: props.type === undefined ? 'required' : 'unknown_record_type',
        params: { value: props.type === undefined ? 'missing' : describeValue(props.type) },
        message: `feature ${row}: properties.type must be "walk" or "finding", not ${props.type === undefined ? 'missing' : describeValue(props.type)}`,
      });
    }
  });

  // Walks in the file count as known even when invalid: their own problems say what is wrong.
  const known = new Set(context.existing?.walks.map((w) => w.id) ?? []);
  for (const f of features) {
    if (isObject(f) && isObject(f.properties) && f.properties.type === 'walk' && typeof f.properties.id === 'string') known.add(f.properties.id);
  }
  for (const { row, finding } of findings) {
    if (finding.walkId !== null && !known.has(finding.walkId)) {
      errors.push({ row, field: 'properties.walkId', code: 'unknown_walk', params: { walkId: finding.walkId }, message: `feature ${row}: walkId "${finding.walkId}" names no walk in the file or among the stored walks` });
    }
  }
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => (a.row ?? -1) - (b.row ?? -1)) };
  return { ok: true, value: { walks, findings: findings.map((f) => f.finding) } };
}

/** GeoJSON: lossless export and validated import of walks and findings. */
export const geojsonFormat: WalkFormat = {
  id: 'geojson',
  label: 'GeoJSON',
  extension: 'geojson',
  mime: 'application/geo+json',
  export: (data) => exportGeoJson(data),
  import: (text, context) => importGeoJson(text, context),
};
