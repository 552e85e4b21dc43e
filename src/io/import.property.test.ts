/**
 * Property-based tests (fast-check) of import (issue 6, "Hard to break"): random and malformed
 * input never crashes it, never leaves partial data and always produces a message. geojson.test.ts
 * already feeds importGeoJson random text, random JSON values, random features and one replaced
 * property, and round-trips valid data; these add arbitrary JS values, mutated valid exports
 * (dropped members, swapped coordinates, duplicated features, truncated text, deep nesting), and
 * check every result more strictly: valid codes, non-empty messages, rows that exist, no `value`
 * beside errors, and on success every feature imported.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPosition } from '../domain/walks/coordinates';
import { PROBLEM_CODES } from '../domain/walks/problems';
import type { LonLat, WalkData } from '../domain/walks/types';
import { walkDataArb } from '../domain/walks/walk-fixtures';
import type { ImportResult } from './format';
import { WALK_FORMATS } from './formats';
import { exportGeoJson, importGeoJson } from './geojson';

// ---- checks ----

/** Features in `text` when it is a JSON object with a `features` array, else undefined. */
function featureCount(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    const root: unknown = JSON.parse(text);
    const features = typeof root === 'object' && root !== null ? (root as { features?: unknown }).features : undefined;
    return Array.isArray(features) ? features.length : undefined;
  } catch {
    return undefined;
  }
}

/**
 * All or nothing, and always a message: either `value` with walks and findings (and, for a
 * FeatureCollection, one record per feature) and no errors, or ≥ 1 error, each with a known code
 * and a non-empty message (and a row that exists, a suggestion that is a valid position), and no
 * `value` at all.
 */
function expectAllOrNothing(r: ImportResult, text: unknown, countRecords = true): void {
  expect(typeof r.ok).toBe('boolean');
  const features = featureCount(text);
  if (r.ok) {
    expect(r).not.toHaveProperty('errors');
    expect(Array.isArray(r.value.walks)).toBe(true);
    expect(Array.isArray(r.value.findings)).toBe(true);
    if (countRecords && features !== undefined) expect(r.value.walks.length + r.value.findings.length).toBe(features);
    return;
  }
  expect(r).not.toHaveProperty('value');
  expect(r.errors.length).toBeGreaterThan(0);
  for (const e of r.errors) {
    expect(PROBLEM_CODES).toContain(e.code);
    expect(typeof e.message).toBe('string');
    expect(e.message.trim().length).toBeGreaterThan(0);
    if (e.row !== undefined) {
      expect(Number.isInteger(e.row)).toBe(true);
      expect(e.row).toBeGreaterThanOrEqual(0);
      if (features !== undefined) expect(e.row).toBeLessThan(features);
    }
    if (e.suggestion !== undefined) expect(checkPosition(e.suggestion).ok).toBe(true);
  }
}

/** Runs `importer` on `input`, failing the property (not the runner) when it throws. */
function importSafely(importer: (text: string) => ImportResult, input: unknown): ImportResult {
  let r: ImportResult | undefined;
  expect(() => { r = importer(input as string); }).not.toThrow();
  return r!;
}

// ---- arbitraries ----

/** Any JS value, of every kind fast-check knows. BigInt is left out: JSON.stringify throws on it. */
const anyValue = fc.anything({
  withBoxedValues: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true,
  withObjectString: true, withSparseArray: true, withTypedArray: true, withUnicodeString: true,
});

/** Text made from any value: as JSON where JSON.stringify can, and as JS source (fc.stringify). */
const anyValueText = fc.tuple(anyValue, fc.boolean()).map(([v, asJson]) => (asJson ? JSON.stringify(v) ?? 'undefined' : fc.stringify(v)));

interface LooseFile { type?: unknown; features: { type?: unknown; geometry: { type: string; coordinates: unknown } | null; properties: Record<string, unknown> }[] }

/** Every [container, key] in a JSON tree: each object member and each array element, at any depth. */
function slots(root: unknown): [Record<string, unknown> | unknown[], string | number][] {
  const out: [Record<string, unknown> | unknown[], string | number][] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach((x, i) => { out.push([v, i]); walk(x); });
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) { out.push([v as Record<string, unknown>, k]); walk(x); }
  };
  walk(root);
  return out;
}

/** One way to break a valid export; `pick`s choose where, modulo what there is. */
type Mutation =
  | { kind: 'drop'; pick: number }
  | { kind: 'swap'; pick: number; at: number }
  | { kind: 'duplicate'; pick: number; to: number }
  | { kind: 'replace'; pick: number; value: unknown };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), pick: fc.nat(), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), pick: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) }),
);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPair = (v: unknown): v is number[] => Array.isArray(v) && v.length >= 2;

/** Positions in features that have a Point or LineString geometry (earlier mutations may have broken some). */
const swappable = (file: LooseFile): { row: number; positions: number[][] }[] =>
  file.features.flatMap((f: unknown, row) => {
    const g = isObject(f) ? f.geometry : undefined;
    if (!isObject(g) || !Array.isArray(g.coordinates)) return [];
    const c: unknown[] = g.coordinates;
    const positions = g.type === 'Point' ? (isPair(c) ? [c] : []) : g.type === 'LineString' ? c.filter(isPair) : [];
    return positions.length > 0 ? [{ row, positions }] : [];
  });

/** Applies `m` to `file` in place; returns, for a swap, where and what the position was. */
function mutate(file: LooseFile, m: Mutation): { row: number; original: LonLat } | undefined {
  if (m.kind === 'drop' || m.kind === 'replace') {
    const all = slots(file);
    if (all.length === 0) return undefined;
    const [container, key] = all[m.pick % all.length]!;
    if (Array.isArray(container)) {
      if (m.kind === 'drop') container.splice(key as number, 1);
      else container[key as number] = m.value;
    } else if (m.kind === 'drop') delete container[key];
    else container[key] = m.value;
    return undefined;
  }
  if (!Array.isArray(file.features) || file.features.length === 0) return undefined;
  if (m.kind === 'duplicate') {
    const copy = structuredClone(file.features[m.pick % file.features.length]!);
    file.features.splice(m.to % (file.features.length + 1), 0, copy);
    return undefined;
  }
  const candidates = swappable(file);
  if (candidates.length === 0) return undefined;
  const { row, positions } = candidates[m.pick % candidates.length]!;
  const position = positions[m.at % positions.length]!;
  const original: LonLat = [position[0]!, position[1]!];
  [position[0], position[1]] = [position[1]!, position[0]!];
  return { row, original };
}

const exportedFile = (data: WalkData): LooseFile => JSON.parse(exportGeoJson(data)) as LooseFile;

const importers = WALK_FORMATS.flatMap((f) => (f.import ? [{ id: f.id, run: f.import.bind(f) }] : []));

// ---- properties ----

describe('import of every format, property-based', () => {
  it('has at least the GeoJSON importer to test', () => {
    expect(importers.map((i) => i.id)).toContain('geojson');
  });

  describe.each(importers)('$id import', ({ run }) => {
    const importer = (text: string) => run(text);

    it('never throws on JSON text (fc.json) and answers all or nothing, with messages', () => {
      fc.assert(fc.property(fc.json({ maxDepth: 4 }), (text) => {
        expectAllOrNothing(importSafely(importer, text), text);
      }), { numRuns: 300 });
    });

    it('never throws on any JS value written as JSON or as JS source', () => {
      fc.assert(fc.property(anyValueText, (text) => {
        expectAllOrNothing(importSafely(importer, text), text);
      }), { numRuns: 300 });
    });

    it('never throws when handed a value that is not text at all', () => {
      fc.assert(fc.property(fc.anything({ withBigInt: true, withMap: true, withTypedArray: true }), (v) => {
        expectAllOrNothing(importSafely(importer, v), v);
      }), { numRuns: 200 });
    });

    it('never throws on a valid export broken 1–3 ways (members dropped or replaced, coordinates swapped, features duplicated)', () => {
      fc.assert(fc.property(walkDataArb, fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (data, mutations) => {
        const file = exportedFile(data);
        for (const m of mutations) mutate(file, m);
        const text = JSON.stringify(file);
        expectAllOrNothing(importSafely(importer, text), text);
      }), { numRuns: 300 });
    });
  });
});

describe('importGeoJson on broken valid exports, property-based', () => {
  it('reports a swapped coordinate as position_swapped on its feature, suggesting the original position', () => {
    fc.assert(fc.property(walkDataArb, fc.nat(), fc.nat(), (data, pick, at) => {
      const file = exportedFile(data);
      const swapped = mutate(file, { kind: 'swap', pick, at });
      fc.pre(swapped !== undefined);
      const r = importGeoJson(JSON.stringify(file));
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r).not.toHaveProperty('value');
      const problem = r.errors.find((e) => e.code === 'position_swapped');
      expect(problem).toBeDefined();
      expect(problem!.row).toBe(swapped!.row);
      expect(problem!.field).toMatch(/^geometry\.coordinates/);
      expect(problem!.suggestion).toEqual(swapped!.original);
      expect(problem!.message.length).toBeGreaterThan(0);
    }), { numRuns: 300 });
  });

  it('reports a duplicated feature as duplicate_id on the later copy, and imports nothing', () => {
    fc.assert(fc.property(walkDataArb, fc.nat(), fc.nat(), (data, pick, to) => {
      const file = exportedFile(data);
      fc.pre(file.features.length > 0);
      const from = pick % file.features.length;
      const at = to % (file.features.length + 1);
      mutate(file, { kind: 'duplicate', pick: from, to: at });
      const original = from < at ? from : from + 1;
      const r = importGeoJson(JSON.stringify(file));
      expect(r).toMatchObject({ ok: false });
      expect(r).not.toHaveProperty('value');
      if (!r.ok) expect(r.errors).toContainEqual(expect.objectContaining({ code: 'duplicate_id', row: Math.max(original, at) }));
    }), { numRuns: 200 });
  });

  it('rejects a valid export truncated anywhere as malformed JSON, with one message', () => {
    fc.assert(fc.property(walkDataArb, fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (data, cut) => {
      const text = exportGeoJson(data);
      const r = importGeoJson(text.slice(0, Math.floor(cut * text.length)));
      expect(r).toMatchObject({ ok: false, errors: [{ code: 'malformed_json' }] });
      expect(r).not.toHaveProperty('value');
      expectAllOrNothing(r, undefined);
    }), { numRuns: 300 });
  });

  it('imports every record or none when one member is dropped', () => {
    fc.assert(fc.property(walkDataArb, fc.nat(), (data, pick) => {
      const file = exportedFile(data);
      mutate(file, { kind: 'drop', pick });
      const text = JSON.stringify(file);
      expectAllOrNothing(importGeoJson(text), text);
    }), { numRuns: 300 });
  });

  /** A valid export with one value (any member or element, at any depth) replaced by `depth` nested arrays. */
  const deeplyNested = (data: WalkData, pick: number, depth: number): string => {
    const file = exportedFile(data);
    mutate(file, { kind: 'replace', pick, value: '\u0000DEEP\u0000' });
    return JSON.stringify(file).replace('"\\u0000DEEP\\u0000"', '['.repeat(depth) + ']'.repeat(depth));
  };

  it('never throws on deeply nested arrays (up to 20 000 levels) in a member whose value it does not print', () => {
    fc.assert(fc.property(walkDataArb, fc.nat(), fc.integer({ min: 1, max: 20_000 }), (data, pick, depth) => {
      const text = deeplyNested(data, pick, depth);
      fc.pre(!/"(type|format|version)":\[\[/.test(text));
      expectAllOrNothing(importSafely(importGeoJson, text), text);
    }), { numRuns: 100 });
  });

  // Regression: a value nested thousands of arrays deep in properties.type or the format member
  // once made a message's JSON.stringify overflow the stack, so import threw.
  it('never throws on deeply nested arrays anywhere in a valid export', () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const examples: [string][] = [
      [`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{"type":${deep}}}]}`],
      [`{"type":"FeatureCollection","omradeskartan":{"format":"walks","version":${deep}},"features":[]}`],
    ];
    const text = fc.tuple(walkDataArb, fc.nat(), fc.integer({ min: 1, max: 20_000 })).map(([d, p, n]) => deeplyNested(d, p, n));
    fc.assert(fc.property(text, (t) => {
      expectAllOrNothing(importSafely(importGeoJson, t), t);
    }), { numRuns: 100, examples });
  });
});
