import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findingSchema } from '../domain/walks/schema';
import { aWalk } from '../domain/walks/walk-fixtures';
import {
  defaultMapping, distinctValues, guessCategory, guessResponsible, mapForeignFindings, readForeignGeoJson, valueText,
  type ForeignFile, type ForeignMapping,
} from './foreign-geojson';
import { exportGeoJson, importGeoJson, isForeignGeoJson } from './geojson';

/** A file as geojson.io writes it: Points with whatever properties the user typed. */
const geojsonIo = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const point = (coordinates: unknown, properties: unknown = {}) => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates } });

const THREE = geojsonIo([
  point([17.843, 59.3667], { name: 'Trasig lampa', typ: 'belysning' }),
  point([17.8445, 59.3661], { name: 'Klotter på tunneln', typ: 'Graffiti' }),
  point([17.8455, 59.3656], { name: 'Buskar skymmer sikten', typ: 'buskar' }),
]);

function read(text: string): ForeignFile {
  const r = readForeignGeoJson(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

let counter = 0;
const options = { now: '2024-05-02T10:00:00.000Z', newId: () => `id-${++counter}` };

describe('isForeignGeoJson and importGeoJson on a file from another tool', () => {
  it('recognises a FeatureCollection with no walk or finding as foreign, and our exports (even empty) as ours', () => {
    expect(isForeignGeoJson(JSON.parse(THREE))).toBe(true);
    expect(isForeignGeoJson(JSON.parse(exportGeoJson({ walks: [aWalk()], findings: [] })))).toBe(false);
    expect(isForeignGeoJson(JSON.parse(exportGeoJson({ walks: [], findings: [] })))).toBe(false);
    expect(isForeignGeoJson({ type: 'FeatureCollection', features: [] })).toBe(false);
    expect(isForeignGeoJson({ type: 'FeatureCollection', features: [point([17.8, 59.3], { type: 'finding' }), point([17.8, 59.3])] })).toBe(false);
  });

  it('answers one file problem, foreign_geojson, instead of one refusal per feature', () => {
    const r = importGeoJson(THREE);
    expect(r).toEqual({ ok: false, errors: [expect.objectContaining({ code: 'foreign_geojson', params: { count: 3 } })] });
    expect(r.ok ? [] : r.errors[0]).not.toHaveProperty('row');
  });
});

describe('readForeignGeoJson', () => {
  it('lists the points, their property names in order of appearance, and counts the features', () => {
    const file = read(THREE);
    expect(file.featureCount).toBe(3);
    expect(file.points.map((p) => p.row)).toEqual([0, 1, 2]);
    expect(file.points[0]!.position).toEqual([17.843, 59.3667]);
    expect(file.properties).toEqual(['name', 'typ']);
    expect(file.problems).toEqual([]);
  });

  it('lists a feature that is not a Point, one without geometry, a non-feature and bad positions as problems with their row', () => {
    const file = read(geojsonIo([
      point([17.843, 59.3667], { name: 'ok' }),
      point([59.3661, 17.8445], { name: 'swapped' }),
      { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[17.84, 59.36], [17.85, 59.37]] } },
      { type: 'Feature', properties: {}, geometry: null },
      'not a feature',
      point([11.97, 57.71]),
      point([674000, 6580000]),
      point(['x', 1]),
    ]));
    expect(file.points.map((p) => p.row)).toEqual([0]);
    expect(file.problems).toEqual([
      expect.objectContaining({ row: 1, field: 'geometry.coordinates', code: 'position_swapped', suggestion: [17.8445, 59.3661] }),
      expect.objectContaining({ row: 2, field: 'geometry.type', code: 'wrong_geometry', params: { record: 'finding', actual: 'LineString' } }),
      expect.objectContaining({ row: 3, field: 'geometry', code: 'required' }),
      expect.objectContaining({ row: 4, code: 'not_a_feature' }),
      expect.objectContaining({ row: 5, code: 'position_outside' }),
      expect.objectContaining({ row: 6, code: 'position_projected' }),
      expect.objectContaining({ row: 7, code: 'position_invalid' }),
    ]);
  });

  it('fails the whole file when it is not JSON or not a FeatureCollection', () => {
    expect(readForeignGeoJson('{"type":')).toMatchObject({ ok: false, errors: [{ code: 'malformed_json' }] });
    expect(readForeignGeoJson('{"type":"Feature"}')).toMatchObject({ ok: false, errors: [{ code: 'not_feature_collection' }] });
  });

  it('never throws on random JSON or random features', () => {
    fc.assert(fc.property(fc.json({ maxDepth: 4 }), (text) => {
      const r = readForeignGeoJson(text);
      expect(typeof r.ok).toBe('boolean');
    }), { numRuns: 200 });
    fc.assert(fc.property(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }), (features) => {
      const r = readForeignGeoJson(JSON.stringify({ type: 'FeatureCollection', features }));
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.points.length + r.value.problems.length).toBe(features.length);
      const mapped = mapForeignFindings(r.value, defaultMapping(r.value), options);
      expect(typeof mapped.ok).toBe('boolean');
    }), { numRuns: 200 });
  });
});

describe('guessing', () => {
  it('maps obvious values to categories, otherwise ovrigt', () => {
    expect(['belysning', 'Belysning', 'lighting', 'Light', 'Trasig lampa', 'Gatubelysning'].map(guessCategory)).toEqual(Array(6).fill('belysning'));
    expect(guessCategory('Graffiti')).toBe('klotter');
    expect(guessCategory('Klotter/skadegörelse')).toBe('klotter');
    expect(guessCategory('nedskräpning')).toBe('nedskrapning');
    expect(guessCategory('Buskar')).toBe('vegetation');
    expect(guessCategory('trafik')).toBe('trafik');
    expect(guessCategory('Gångväg')).toBe('gangvag');
    expect(guessCategory('otrygg-plats')).toBe('otrygg-plats');
    expect(guessCategory('Otrygg passage/plats')).toBe('otrygg-plats');
    expect(guessCategory('annat')).toBe('ovrigt');
    expect(guessCategory('')).toBe('ovrigt');
    expect(guessCategory('42')).toBe('ovrigt');
  });

  it('maps obvious responsible parties, otherwise annan with the name', () => {
    expect(guessResponsible('Trafikkontoret')).toEqual({ kind: 'trafikkontoret' });
    expect(guessResponsible('polisen')).toEqual({ kind: 'polisen' });
    expect(guessResponsible('SL')).toEqual({ kind: 'sl' });
    expect(guessResponsible('Stadsdelsförvaltningen')).toEqual({ kind: 'sdf' });
    expect(guessResponsible(' Svenska  Bostäder ')).toEqual({ kind: 'annan', name: 'Svenska Bostäder' });
    expect(guessResponsible('')).toEqual({ kind: 'annan' });
  });

  it('picks the category and description properties by their names, and maps each value', () => {
    const file = read(THREE);
    expect(defaultMapping(file)).toEqual({
      categoryProperty: 'typ',
      categories: { belysning: 'belysning', Graffiti: 'klotter', buskar: 'vegetation' },
      description: { property: 'name' },
      responsibleProperty: null,
      walkId: null,
    });
  });

  it('falls back to a text property for the description, or to a fixed text', () => {
    expect(defaultMapping(read(geojsonIo([point([17.843, 59.3667], { id: 3, rubrik: 'Mörk gång' })]))).description).toEqual({ property: 'rubrik' });
    expect(defaultMapping(read(geojsonIo([point([17.843, 59.3667], { id: 3 })]))).description).toEqual({ text: '' });
  });

  it('counts the distinct values of a property, blank and missing as one empty value', () => {
    const file = read(geojsonIo([point([17.843, 59.3667], { t: 'a' }), point([17.843, 59.3667], { t: 'a ' }), point([17.843, 59.3667], {}), point([17.843, 59.3667], { t: null })]));
    expect(distinctValues(file.points, 't')).toEqual([{ value: 'a', count: 2 }, { value: '', count: 2 }]);
  });

  it('writes values as text, never throwing', () => {
    expect(valueText(null)).toBe('');
    expect(valueText(3.5)).toBe('3.5');
    expect(valueText(false)).toBe('false');
    expect(valueText({ a: [1] })).toBe('{"a":[1]}');
    expect(valueText('x'.repeat(3000))).toHaveLength(2000);
    const deep: unknown[] = [];
    let cur = deep;
    for (let i = 0; i < 20000; i++) { const next: unknown[] = []; cur.push(next); cur = next; }
    expect(() => valueText(deep)).not.toThrow();
  });
});

describe('mapForeignFindings', () => {
  const mapping = (over: Partial<ForeignMapping> = {}): ForeignMapping => ({ ...defaultMapping(read(THREE)), ...over });

  it('makes one valid new finding per point: new id, status ny, medel, internal, annan, on the chosen walk', () => {
    const r = mapForeignFindings(read(THREE), mapping({ walkId: 'walk-1' }), { ...options, walkIds: ['walk-1'] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((f) => [f.category, f.description])).toEqual([
      ['belysning', 'Trasig lampa'], ['klotter', 'Klotter på tunneln'], ['vegetation', 'Buskar skymmer sikten'],
    ]);
    for (const f of r.value) {
      expect(findingSchema.safeParse(f).success).toBe(true);
      expect(f).toMatchObject({
        walkId: 'walk-1', status: 'ny', history: [{ status: 'ny', at: options.now }], priority: 'medel', public: false,
        responsible: { kind: 'annan' }, deadline: null, photo: null, revision: 0, createdAt: options.now,
      });
    }
    expect(new Set(r.value.map((f) => f.id)).size).toBe(3);
    expect(r.value[0]!.position).toEqual([17.843, 59.3667]);
  });

  it('follows the user’s choice per value, a fixed description, no category property, and a responsible property', () => {
    const text = geojsonIo([point([17.843, 59.3667], { typ: 'belysning', vem: 'Trafikkontoret' }), point([17.843, 59.3667], { typ: 'x', vem: 'Bostadsbolaget AB' })]);
    const file = read(text);
    const r = mapForeignFindings(file, {
      categoryProperty: 'typ', categories: { belysning: 'trafik', x: 'klotter' }, description: { text: ' Från QGIS ' }, responsibleProperty: 'vem', walkId: null,
    }, options);
    expect(r.ok && r.value.map((f) => [f.category, f.description, f.responsible, f.walkId])).toEqual([
      ['trafik', 'Från QGIS', { kind: 'trafikkontoret' }, null],
      ['klotter', 'Från QGIS', { kind: 'annan', name: 'Bostadsbolaget AB' }, null],
    ]);
    const none = mapForeignFindings(file, { categoryProperty: null, categories: {}, description: { text: 'x' }, responsibleProperty: null, walkId: null }, options);
    expect(none.ok && none.value.map((f) => f.category)).toEqual(['ovrigt', 'ovrigt']);
  });

  it('imports nothing when any feature has a problem, and names the property of an empty or too long description', () => {
    const text = geojsonIo([
      point([17.843, 59.3667], { name: 'ok' }),
      point([17.843, 59.3667], { name: '  ' }),
      point([17.843, 59.3667], { name: 'x'.repeat(2001) }),
      point([59.3667, 17.843], { name: 'swapped' }),
    ]);
    const r = mapForeignFindings(read(text), { categoryProperty: null, categories: {}, description: { property: 'name' }, responsibleProperty: null, walkId: null }, options);
    expect(r).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({ row: 1, field: 'properties.name', code: 'required' }),
        expect.objectContaining({ row: 2, field: 'properties.name', code: 'too_long', params: { max: 2000 } }),
        expect.objectContaining({ row: 3, code: 'position_swapped', suggestion: [17.843, 59.3667] }),
      ],
    });
  });

  it('refuses a file without points and a walk that is not stored', () => {
    const empty = read(geojsonIo([]));
    expect(mapForeignFindings(empty, mapping(), options)).toMatchObject({ ok: false, errors: [{ code: 'too_few' }] });
    expect(mapForeignFindings(read(THREE), mapping({ walkId: 'gone' }), { ...options, walkIds: ['walk-1'] }))
      .toMatchObject({ ok: false, errors: [{ code: 'unknown_walk', params: { walkId: 'gone' } }] });
  });
});
