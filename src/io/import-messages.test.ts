import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from '../domain/walks/problems';
import { aFinding, aWalk } from '../domain/walks/walk-fixtures';
import { translate, type MessageKey } from '../i18n/strings';
import { readForeignGeoJson } from './foreign-geojson';
import { exportGeoJson, importGeoJson } from './geojson';
import { importProblemLines, type Translate } from './import-messages';

const sv: Translate = (key, params) => translate('sv', key, params);
const en: Translate = (key, params) => translate('en', key, params);

interface LooseFile { features: { geometry: { coordinates: unknown } | null; properties: Record<string, unknown> }[] }
const exported = (): LooseFile => JSON.parse(exportGeoJson({ walks: [aWalk()], findings: [aFinding(), aFinding({ id: 'finding-2' })] })) as LooseFile;

function linesOf(text: string, t: Translate): string[] {
  const r = importGeoJson(text);
  expect(r.ok).toBe(false);
  return r.ok ? [] : importProblemLines(r.errors, t);
}

describe('importProblemLines', () => {
  it('has a Swedish and an English message for every problem code', () => {
    for (const code of PROBLEM_CODES) {
      const key = `importProblem_${code}` as MessageKey;
      expect(translate('sv', key)).not.toBe(translate('en', key));
    }
  });

  it('numbers features from 1 in file order, in Swedish, with the suggested position, and says it once', () => {
    const file = exported();
    file.features[2]!.geometry!.coordinates = [59.3945, 17.9015];
    const lines = linesOf(JSON.stringify(file), sv);
    expect(lines).toEqual([
      'Objekt 3: koordinaterna är omkastade: [latitud, longitud] i stället för [longitud, latitud]. Menade du [17.9015, 59.3945]?',
    ]);
    expect(linesOf(JSON.stringify(file), en)[0]).toMatch(/^Feature 3: the coordinates are swapped/);
  });

  it('never shows the English log message or the 0-based index', () => {
    const file = exported();
    delete file.features[1]!.properties.description;
    file.features[2]!.properties.category = 'sopor';
    file.features[0]!.properties.date = '2021-02-30';
    const lines = linesOf(JSON.stringify(file), sv);
    expect(lines).toEqual([
      'Objekt 1: properties.date ska vara ett datum skrivet ÅÅÅÅ-MM-DD',
      'Objekt 2: properties.description saknas',
      expect.stringMatching(/^Objekt 3: properties\.category har ett okänt värde; tillåtna är belysning, vegetation, .*ovrigt$/),
    ]);
    for (const line of lines) expect(line).not.toMatch(/feature|is required|must/);
  });

  it('puts all missing fields of one feature in one line', () => {
    const text = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [17.9, 59.39] }, properties: { type: 'finding', id: 'x' } }] });
    const lines = linesOf(text, sv);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Objekt 1: properties\.walkId, properties\.category, .* saknas$/);
  });

  it('drops a line that says the same thing twice', () => {
    const p = { row: 4, field: 'properties.id', code: 'duplicate_id' as const, message: 'm', params: { id: 'a', first: 0 } };
    expect(importProblemLines([p, { ...p }], sv)).toEqual(['Objekt 5: id ”a” används redan av objekt 1']);
  });

  it('says how many positions of a line are wrong, numbered from 1', () => {
    const file = exported();
    const route = file.features[0]!.geometry!.coordinates as number[][];
    file.features[0]!.geometry!.coordinates = route.map(([x, y]) => [y, x]);
    expect(linesOf(JSON.stringify(file), sv)[0]).toMatch(/^Objekt 1: 3 av 3 punkter i linjen, den första är punkt 1: koordinaterna är omkastade/);
  });

  it('names the file itself without a feature number', () => {
    expect(linesOf('{"type":', sv)).toEqual(['Filen är inte giltig JSON (den kan vara avkortad, eller inte vara GeoJSON).']);
    expect(linesOf('{"type":"FeatureCollection","features":[],"omradeskartan":{"format":"walks","version":9}}', en))
      .toEqual(['The file was written by another version of Områdeskartan and cannot be read here.']);
  });

  it('renders the problems of a foreign file the same way', () => {
    const r = readForeignGeoJson(JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [17.9, 59.39] } },
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [59.39, 17.9] } },
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [] } },
      ],
    }));
    expect(r.ok && importProblemLines(r.value.problems, sv)).toEqual([
      'Objekt 2: koordinaterna är omkastade: [latitud, longitud] i stället för [longitud, latitud]. Menade du [17.9, 59.39]?',
      'Objekt 3: ett fynd ska vara en punkt (Point), inte Polygon',
    ]);
  });

  it('shows at most max lines, the last saying how many more', () => {
    const many = Array.from({ length: 60 }, (_, row) => ({ row, code: 'not_a_feature' as const, message: 'm' }));
    const lines = importProblemLines(many, sv, 50);
    expect(lines).toHaveLength(50);
    expect(lines[49]).toBe('… och 11 problem till.');
  });
});
