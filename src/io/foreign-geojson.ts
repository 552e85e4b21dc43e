import { foldName } from '../domain/names';
import { checkPosition } from '../domain/walks/coordinates';
import { newFinding, validateFindingInput } from '../domain/walks/new-records';
import type { Problem, ProblemCode, Result } from '../domain/walks/problems';
import { FINDING_CATEGORIES } from '../domain/walks/types';
import type { Finding, FindingCategory, LonLat, ResponsibleKind } from '../domain/walks/types';
import { MAX_IMPORT_FEATURES, readFeatureCollection } from './geojson';

/**
 * GeoJSON written by other tools (QGIS, geojson.io …): a FeatureCollection of Point features with
 * any properties. Such a file cannot be imported as it is (see `isForeignGeoJson` in geojson.ts);
 * the user maps it: which property gives a finding's category (each of its values to one of
 * FINDING_CATEGORIES), which its description (or a fixed text), optionally which its responsible
 * party, and the walk the findings belong to. Then every Point becomes a new finding. Pure: ids
 * and time come from the caller; placing findings in areas is the caller's (the area lookup).
 */

/** One Point feature of the file, with its position checked. */
export interface ForeignPoint {
  /** Index of the feature in `features` (0-based; the UI shows row + 1). */
  row: number;
  position: LonLat;
  properties: Record<string, unknown>;
}

/** What a foreign file holds: its usable points, and the features that cannot become findings. */
export interface ForeignFile {
  /** Features in the file, of any kind. */
  featureCount: number;
  points: ForeignPoint[];
  /** Features that are not Points with a position in Stockholm, one problem each (coded, with row). */
  problems: Problem[];
  /** Names of the properties the points have, in the order they first appear. */
  properties: string[];
}

/** How a foreign file's properties become findings. */
export interface ForeignMapping {
  /** The property whose value gives the category (null: every finding gets `ovrigt`). */
  categoryProperty: string | null;
  /** Category of each value of `categoryProperty` (as `valueText` writes it); a missing value → `guessCategory`. */
  categories: Record<string, FindingCategory>;
  /** The description: a property's value, or the same text for every finding. */
  description: { property: string } | { text: string };
  /** The property naming the responsible party (null: `annan`, no name). */
  responsibleProperty: string | null;
  /** The walk the findings are attached to, or null. */
  walkId: string | null;
}

/** Most properties listed (a file may carry hundreds of attribute columns). */
export const MAX_FOREIGN_PROPERTIES = 100;
/** Longest text `valueText` gives for one value by default. */
const VALUE_TEXT_MAX = 2000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const geometryName = (g: unknown): string =>
  g === null || g === undefined ? 'null' : isObject(g) && typeof g.type === 'string' ? g.type.slice(0, 40) : typeof g;

const POSITION_CODES = {
  invalid: 'position_invalid', swapped: 'position_swapped', outside: 'position_outside', projected: 'position_projected',
} as const satisfies Record<string, ProblemCode>;

/**
 * A property value as text: strings as they are, numbers and booleans written out, null and
 * missing as '', lists and objects as JSON (or '…' when they cannot be written, e.g. nested
 * thousands deep). At most `max` characters.
 */
export function valueText(value: unknown, max = VALUE_TEXT_MAX): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.slice(0, max);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return (JSON.stringify(value) ?? '').slice(0, max);
  } catch {
    return '…';
  }
}

/**
 * Reads a FeatureCollection from another tool. File problems (not JSON, not a FeatureCollection,
 * too large, too many features) fail the whole read; a feature that is not a Point, or whose
 * position is not in Stockholm, is listed in `problems` (a swapped [lat, lon] with the suggested
 * position). Never throws.
 */
export function readForeignGeoJson(text: string): Result<ForeignFile> {
  const read = readFeatureCollection(text);
  if (!read.ok) return read;
  const features = read.value.features;
  if (features.length > MAX_IMPORT_FEATURES) {
    return {
      ok: false,
      errors: [{
        code: 'too_many_features', params: { count: features.length, max: MAX_IMPORT_FEATURES },
        message: `the file has ${features.length} features; at most ${MAX_IMPORT_FEATURES} can be imported at once`,
      }],
    };
  }
  const points: ForeignPoint[] = [];
  const problems: Problem[] = [];
  const names = new Set<string>();
  features.forEach((feature, row) => {
    if (!isObject(feature) || feature.type !== 'Feature') {
      problems.push({ row, code: 'not_a_feature', message: `feature ${row} is not a GeoJSON Feature` });
      return;
    }
    const geometry = feature.geometry;
    if (!isObject(geometry)) {
      problems.push({ row, field: 'geometry', code: 'required', message: `feature ${row} has no geometry; a finding needs a Point` });
      return;
    }
    if (geometry.type !== 'Point') {
      problems.push({
        row, field: 'geometry.type', code: 'wrong_geometry', params: { record: 'finding', actual: geometryName(geometry) },
        message: `feature ${row}: only Points can become findings, not ${geometryName(geometry)}`,
      });
      return;
    }
    const check = checkPosition(geometry.coordinates);
    if (!check.ok) {
      problems.push({
        row, field: 'geometry.coordinates', code: POSITION_CODES[check.kind], message: `feature ${row}: ${check.message}`,
        ...(check.suggestion ? { suggestion: check.suggestion } : {}),
      });
      return;
    }
    const properties = isObject(feature.properties) ? feature.properties : {};
    for (const name of Object.keys(properties)) if (names.size < MAX_FOREIGN_PROPERTIES) names.add(name);
    points.push({ row, position: check.value, properties });
  });
  return { ok: true, value: { featureCount: features.length, points, problems, properties: [...names] } };
}

/** Each distinct value of `property` among the points (as `valueText`), with how many points have it, in order of first appearance. */
export function distinctValues(points: readonly ForeignPoint[], property: string): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const p of points) {
    const v = valueText(p.properties[property]).trim();
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts].map(([value, count]) => ({ value, count }));
}

/** Words (folded, see `foldName`) a value starts a word with, per category; the first category that matches wins. */
const CATEGORY_WORDS: readonly [FindingCategory, readonly string[]][] = [
  ['belysning', ['belysning', 'gatubelysning', 'lighting', 'light', 'lamp', 'ljus', 'gatlykta', 'streetlight', 'morker', 'mork', 'dark']],
  ['klotter', ['klotter', 'graffiti', 'skadegorelse', 'vandalism']],
  ['nedskrapning', ['nedskrapning', 'skrap', 'sopor', 'litter', 'trash', 'garbage', 'rubbish', 'waste']],
  ['vegetation', ['vegetation', 'buske', 'buskar', 'busk', 'trad', 'tree', 'bush', 'hack', 'sly', 'skymd', 'sikt', 'overgrown']],
  ['trafik', ['trafik', 'traffic', 'hastighet', 'speed', 'overgangsstalle', 'crossing', 'bilar', 'biltrafik']],
  ['gangvag', ['gangvag', 'gangvagar', 'trottoar', 'tillganglighet', 'footpath', 'sidewalk', 'pavement', 'path', 'accessibility', 'kantsten']],
  ['otrygg-plats', ['otrygg', 'otrygghet', 'unsafe', 'tunnel', 'gangtunnel', 'underpass', 'passage']],
  ['ovrigt', ['ovrigt', 'other', 'misc']],
];

/**
 * The category an obvious value names: a category's own code or label ("belysning", "Klotter"),
 * or a word starting the way a category's words do ("Lighting", "light", "trasig lampa" → belysning);
 * otherwise `ovrigt`. Case and diacritics do not matter.
 */
export function guessCategory(value: string): FindingCategory {
  const folded = foldName(value);
  if (folded === '') return 'ovrigt';
  const exact = FINDING_CATEGORIES.find((c) => c === folded || c.replace('-', ' ') === folded);
  if (exact) return exact;
  const words = folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  for (const [category, stems] of CATEGORY_WORDS) {
    if (words.some((w) => stems.some((s) => w.startsWith(s)))) return category;
  }
  return 'ovrigt';
}

/** The responsible party a value names ("Trafikkontoret", "Polisen", "SL" …); anything else is `annan` with the value as its name. */
export function guessResponsible(value: string): { kind: ResponsibleKind; name?: string } {
  const text = value.replace(/\s+/g, ' ').trim().slice(0, 200);
  const folded = foldName(text);
  if (folded === '') return { kind: 'annan' };
  if (/^(sdf|stadsdelsforvaltning|stadsdelsnamnd)/.test(folded)) return { kind: 'sdf' };
  if (/^(trafikkontoret|tk$)/.test(folded)) return { kind: 'trafikkontoret' };
  if (/^(sl|trafikforvaltningen)$/.test(folded)) return { kind: 'sl' };
  if (/^(polis|police)/.test(folded)) return { kind: 'polisen' };
  if (/^(fastighetsagare|property owner|landlord)$/.test(folded)) return { kind: 'fastighetsagare' };
  return { kind: 'annan', name: text };
}

const pick = (names: readonly string[], wanted: readonly string[]): string | null => {
  for (const w of wanted) {
    const hit = names.find((n) => foldName(n) === w);
    if (hit !== undefined) return hit;
  }
  return null;
};

/** A default mapping: category from a property named like one (category, kategori, typ, type …), values by `guessCategory`; description from description, beskrivning, name, namn …; no responsible, no walk. */
export function defaultMapping(file: ForeignFile): ForeignMapping {
  const categoryProperty = pick(file.properties, ['category', 'kategori', 'typ', 'type', 'kind', 'class', 'klass', 'problem', 'tema', 'theme']);
  const descriptionProperty = pick(file.properties, ['description', 'beskrivning', 'desc', 'name', 'namn', 'title', 'titel', 'comment', 'kommentar', 'text', 'notes', 'note', 'anteckning'])
    ?? file.properties.find((p) => p !== categoryProperty && file.points.some((pt) => typeof pt.properties[p] === 'string'))
    ?? null;
  const responsibleProperty = pick(file.properties, ['responsible', 'ansvarig', 'ansvar', 'owner', 'agare']);
  return {
    categoryProperty,
    categories: categoryProperty ? categoryDefaults(file.points, categoryProperty) : {},
    description: descriptionProperty ? { property: descriptionProperty } : { text: '' },
    responsibleProperty,
    walkId: null,
  };
}

/** `guessCategory` for every distinct value of `property`. */
export function categoryDefaults(points: readonly ForeignPoint[], property: string): Record<string, FindingCategory> {
  return Object.fromEntries(distinctValues(points, property).map(({ value }) => [value, guessCategory(value)]));
}

/**
 * The file's points as new findings, or every problem: the file's own (features that are not
 * usable Points) and each finding that would not be valid (an empty or too long description, a
 * too long responsible name), numbered by the feature it comes from. All or nothing. Each finding:
 * id from `newId`, status ny at `now`, priority medel, internal, no deadline, responsible `annan`
 * unless `responsibleProperty` names one, placed nowhere (NO_PLACE) until the caller locates it.
 */
export function mapForeignFindings(
  file: ForeignFile, mapping: ForeignMapping, options: { now: string; newId: () => string; walkIds?: readonly string[] },
): Result<Finding[]> {
  const errors: Problem[] = [...file.problems];
  if (mapping.walkId !== null && options.walkIds && !options.walkIds.includes(mapping.walkId)) {
    errors.push({ code: 'unknown_walk', params: { walkId: mapping.walkId }, message: `walk "${mapping.walkId}" is not stored` });
  }
  const findings: Finding[] = [];
  for (const point of file.points) {
    const categoryValue = mapping.categoryProperty === null ? '' : valueText(point.properties[mapping.categoryProperty]).trim();
    const category = mapping.categoryProperty === null ? 'ovrigt' : mapping.categories[categoryValue] ?? guessCategory(categoryValue);
    // Not cut short: a description longer than DESCRIPTION_MAX is a problem to see, not to lose silently.
    const description = 'property' in mapping.description ? valueText(point.properties[mapping.description.property], Infinity) : mapping.description.text;
    const responsible = mapping.responsibleProperty === null ? { kind: 'annan' as const } : guessResponsible(valueText(point.properties[mapping.responsibleProperty]));
    const valid = validateFindingInput({ walkId: mapping.walkId, position: point.position, category, description, responsible });
    if (!valid.ok) {
      for (const e of valid.errors) {
        const field = e.field === 'description' && 'property' in mapping.description ? `properties.${mapping.description.property}`
          : e.field?.startsWith('responsible') && mapping.responsibleProperty !== null ? `properties.${mapping.responsibleProperty}`
            : e.field;
        errors.push({ ...e, row: point.row, ...(field ? { field } : {}), message: `feature ${point.row}: ${e.message}` });
      }
      continue;
    }
    findings.push(newFinding(valid.value, options.now, options.newId()));
  }
  if (file.points.length === 0 && errors.length === 0) {
    errors.push({ code: 'too_few', field: 'features', params: { min: 1 }, message: 'the file has no Point features' });
  }
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => (a.row ?? -1) - (b.row ?? -1)) };
  return { ok: true, value: findings };
}
