import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../domain/walks/problems';
import type { WalkData } from '../domain/walks/types';
import { aFinding, aWalk, TINY_PNG, walkDataArb, withHistory } from '../domain/walks/walk-fixtures';
import { exportGeoJson, importGeoJson, MAX_IMPORT_BYTES, MAX_IMPORT_FEATURES, toGeoJson } from './geojson';

const sample: WalkData = {
  walks: [aWalk(), aWalk({ id: 'walk-2', route: null, notes: 'Mörkt vid <img src=x onerror=alert(1)>', example: true })],
  findings: [
    withHistory(aFinding({ photo: TINY_PNG, responsible: { kind: 'fastighetsagare', name: 'Svenska Bostäder' }, deadline: '2021-05-01' }), ['beslutad']),
    aFinding({ id: 'finding-2', walkId: null, category: 'klotter', priorityAreaIds: ['tensta', 'hjulsta-torg'] }),
  ],
};

interface LooseFeature { type: string; geometry: { type: string; coordinates: unknown } | null; properties: Record<string, unknown> }
interface LooseFile { type: string; features: LooseFeature[]; omradeskartan?: unknown }

/** The sample exported, as a mutable object, for tests that break one thing. */
const exported = (): LooseFile => JSON.parse(exportGeoJson(sample)) as LooseFile;

function errorsOf(text: string, context = {}): Problem[] {
  const r = importGeoJson(text, context);
  expect(r.ok, 'import should fail').toBe(false);
  return r.ok ? [] : r.errors;
}

describe('exportGeoJson', () => {
  it('writes walks as LineStrings (null without a route) and findings as Points, with type and the format member', () => {
    const fc = toGeoJson(sample);
    expect(fc.omradeskartan).toEqual({ format: 'walks', version: 1 });
    expect(fc.features.map((f) => [f.geometry?.type ?? null, f.properties?.type, f.id])).toEqual([
      ['LineString', 'walk', 'walk-1'], [null, 'walk', 'walk-2'], ['Point', 'finding', 'finding-1'], ['Point', 'finding', 'finding-2'],
    ]);
    expect(fc.features[2]!.geometry).toEqual({ type: 'Point', coordinates: [17.9015, 59.3945] });
    expect(fc.features[2]!.properties!.photo).toEqual(TINY_PNG);
    expect(fc.features[0]!.properties).not.toHaveProperty('route');
    expect(fc.features[2]!.properties).not.toHaveProperty('position');
  });
});

describe('importGeoJson', () => {
  it('reads back exactly what was exported, photo included', () => {
    expect(importGeoJson(exportGeoJson(sample))).toStrictEqual({ ok: true, value: sample });
  });

  it('reads an empty FeatureCollection without the format member', () => {
    expect(importGeoJson('{"type":"FeatureCollection","features":[]}')).toEqual({ ok: true, value: { walks: [], findings: [] } });
  });

  it('rejects malformed JSON', () => {
    expect(errorsOf('{"type": "FeatureCollection", "features": [')).toMatchObject([{ code: 'malformed_json' }]);
  });

  it.each([
    ['an array', '[]'],
    ['a Feature', '{"type":"Feature","geometry":null,"properties":{}}'],
    ['features that are no array', '{"type":"FeatureCollection","features":{}}'],
  ])('rejects %s as not a FeatureCollection', (_, text) => {
    expect(errorsOf(text)).toMatchObject([{ code: 'not_feature_collection' }]);
  });

  it('rejects a file of a newer format version', () => {
    const file = exported();
    file.omradeskartan = { format: 'walks', version: 2 };
    expect(errorsOf(JSON.stringify(file))).toMatchObject([{ code: 'unsupported_format' }]);
  });

  it('rejects a file over 20 MB before parsing it', () => {
    const text = `{"type":"FeatureCollection","features":[],"pad":"${'x'.repeat(MAX_IMPORT_BYTES)}"}`;
    const errors = errorsOf(text);
    expect(errors).toMatchObject([{ code: 'file_too_large' }]);
    expect(errors[0]!.message).toMatch(/20 MB/);
  });

  it('counts multi-byte characters towards the size', () => {
    const text = `{"type":"FeatureCollection","features":[],"pad":"${'å'.repeat(MAX_IMPORT_BYTES / 2)}"}`;
    expect(text.length).toBeLessThan(MAX_IMPORT_BYTES);
    expect(errorsOf(text)).toMatchObject([{ code: 'file_too_large' }]);
  });

  it('rejects more than 50 000 features', () => {
    const features = Array.from({ length: MAX_IMPORT_FEATURES + 1 }, () => ({ type: 'Feature', geometry: null, properties: {} }));
    const errors = errorsOf(JSON.stringify({ type: 'FeatureCollection', features }));
    expect(errors).toMatchObject([{ code: 'too_many_features' }]);
    expect(errors[0]!.message).toContain('50001');
  });

  it('rejects wrong geometry types with the feature index', () => {
    const file = exported();
    file.features[0]!.geometry = { type: 'Point', coordinates: [17.9, 59.39] };
    file.features[3]!.geometry = { type: 'LineString', coordinates: [[17.9, 59.39], [17.91, 59.39]] };
    const errors = errorsOf(JSON.stringify(file));
    expect(errors).toEqual([
      expect.objectContaining({ row: 0, field: 'geometry.type', code: 'wrong_geometry' }),
      expect.objectContaining({ row: 3, field: 'geometry.type', code: 'wrong_geometry' }),
    ]);
    expect(errors[0]!.message).toMatch(/LineString or null, not Point/);
  });

  it('rejects a finding without geometry', () => {
    const file = exported();
    file.features[2]!.geometry = null;
    expect(errorsOf(JSON.stringify(file))).toEqual([expect.objectContaining({ row: 2, field: 'geometry', code: 'required' })]);
  });

  it('reports a finding with swapped coordinates and suggests the fix', () => {
    const file = exported();
    file.features[3]!.geometry!.coordinates = [59.3945, 17.9015];
    expect(errorsOf(JSON.stringify(file))).toEqual([
      expect.objectContaining({ row: 3, field: 'geometry.coordinates', code: 'position_swapped', suggestion: [17.9015, 59.3945] }),
    ]);
  });

  it('reports a route with every position swapped once, with the count', () => {
    const file = exported();
    file.features[0]!.geometry!.coordinates = (file.features[0]!.geometry!.coordinates as number[][]).map(([x, y]) => [y, x]);
    const errors = errorsOf(JSON.stringify(file));
    expect(errors).toEqual([expect.objectContaining({ row: 0, field: 'geometry.coordinates.0', code: 'position_swapped', suggestion: [17.899, 59.394] })]);
    expect(errors[0]!.message).toContain('3 of 3 positions');
  });

  it('reports positions outside Stockholm', () => {
    const file = exported();
    file.features[2]!.geometry!.coordinates = [11.97, 57.71];
    expect(errorsOf(JSON.stringify(file))).toEqual([expect.objectContaining({ row: 2, field: 'geometry.coordinates', code: 'position_outside' })]);
  });

  it('reports missing and invalid fields with their path', () => {
    const file = exported();
    delete file.features[2]!.properties.description;
    file.features[1]!.properties.date = '2021-02-30';
    file.features[3]!.properties.revision = -1;
    const errors = errorsOf(JSON.stringify(file));
    expect(errors).toEqual([
      expect.objectContaining({ row: 1, field: 'properties.date', code: 'invalid_date' }),
      expect.objectContaining({ row: 2, field: 'properties.description', code: 'required' }),
      expect.objectContaining({ row: 3, field: 'properties.revision', code: 'invalid' }),
    ]);
    expect(errors[1]!.message).toBe('feature 2: properties.description is required');
  });

  it('reports an unknown category and an unknown status', () => {
    const file = exported();
    file.features[2]!.properties.category = 'sopor';
    file.features[3]!.properties.status = 'klar';
    expect(errorsOf(JSON.stringify(file))).toEqual([
      expect.objectContaining({ row: 2, field: 'properties.category', code: 'unknown_value' }),
      expect.objectContaining({ row: 3, field: 'properties.status', code: 'unknown_value' }),
    ]);
  });

  it('reports a status that does not match its history', () => {
    const file = exported();
    file.features[2]!.properties.status = 'atgardad';
    expect(errorsOf(JSON.stringify(file))).toEqual([expect.objectContaining({ row: 2, field: 'properties.status', code: 'history_mismatch' })]);
  });

  it('reports a feature of unknown record type and one that is no feature', () => {
    const file = exported();
    file.features[1]!.properties.type = 'site';
    file.features.push('hello' as never);
    expect(errorsOf(JSON.stringify(file))).toEqual([
      expect.objectContaining({ row: 1, field: 'properties.type', code: 'unknown_record_type' }),
      expect.objectContaining({ row: 4, code: 'not_a_feature' }),
    ]);
  });

  it('reports a finding whose walk is neither in the file nor stored', () => {
    const file = exported();
    file.features.splice(0, 1);
    expect(errorsOf(JSON.stringify(file))).toEqual([expect.objectContaining({ row: 1, field: 'properties.walkId', code: 'unknown_walk' })]);
  });

  it('accepts a finding whose walk is stored already', () => {
    const file = exported();
    file.features.splice(0, 1);
    const r = importGeoJson(JSON.stringify(file), { existing: { walks: [aWalk()], findings: [] } });
    expect(r.ok && r.value.findings.map((f) => f.id)).toEqual(['finding-1', 'finding-2']);
  });

  it('reports a duplicate id', () => {
    const file = exported();
    file.features.push(structuredClone(file.features[3]!));
    expect(errorsOf(JSON.stringify(file))).toEqual([expect.objectContaining({ row: 4, code: 'duplicate_id' })]);
  });

  it('is all or nothing: one bad feature among good ones yields only errors', () => {
    const file = exported();
    file.features[3]!.properties.description = '';
    const r = importGeoJson(JSON.stringify(file));
    expect(r).toEqual({ ok: false, errors: [expect.objectContaining({ row: 3, field: 'properties.description', code: 'required' })] });
    expect(r).not.toHaveProperty('value');
  });

  it('drops unknown properties and a third coordinate', () => {
    const file = exported();
    file.features[2]!.properties.colour = 'red';
    file.features[2]!.geometry!.coordinates = [17.9015, 59.3945, 12];
    const r = importGeoJson(JSON.stringify(file));
    expect(r.ok && r.value.findings[0]).toStrictEqual(sample.findings[0]);
  });
});

describe('importGeoJson, property-based', () => {
  const expectDataOrErrors = (text: string) => {
    const r = importGeoJson(text);
    if (r.ok) expect(Array.isArray(r.value.walks) && Array.isArray(r.value.findings)).toBe(true);
    else {
      expect(r.errors.length).toBeGreaterThan(0);
      for (const e of r.errors) expect(typeof e.message).toBe('string');
    }
  };

  it('never throws on random text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), expectDataOrErrors), { numRuns: 300 });
  });

  it('never throws on random JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => expectDataOrErrors(JSON.stringify(v))), { numRuns: 300 });
  });

  it('never throws on random JSON in a FeatureCollection or a feature', () => {
    fc.assert(fc.property(fc.array(fc.jsonValue(), { maxLength: 5 }), fc.jsonValue(), fc.jsonValue(), (features, properties, geometry) => {
      expectDataOrErrors(JSON.stringify({ type: 'FeatureCollection', features }));
      expectDataOrErrors(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry, properties }] }));
    }), { numRuns: 300 });
  });

  it('never throws when one property of a valid file is replaced by random JSON, and names the row when it fails', () => {
    const keys = ['id', 'walkId', 'category', 'description', 'photo', 'responsible', 'priority', 'status', 'history', 'deadline', 'public', 'createdAt', 'revision', 'priorityAreaIds', 'type', 'date', 'time', 'area', 'participants', 'route'];
    fc.assert(fc.property(fc.nat(3), fc.constantFrom(...keys), fc.jsonValue(), (row, key, value) => {
      const file = exported();
      file.features[row]!.properties[key] = value;
      const r = importGeoJson(JSON.stringify(file));
      if (!r.ok) {
        expect(r.errors.length).toBeGreaterThan(0);
        expect(r.errors.every((e) => typeof e.row === 'number')).toBe(true);
      }
    }), { numRuns: 500 });
  });

  it('round-trips random valid data without loss', () => {
    fc.assert(fc.property(walkDataArb, (data) => {
      expect(importGeoJson(exportGeoJson(data))).toStrictEqual({ ok: true, value: data });
    }), { numRuns: 300 });
  });
});
