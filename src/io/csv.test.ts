import { describe, expect, it } from 'vitest';
import { parseCsv } from '../domain/csv';
import type { WalkData } from '../domain/walks/types';
import { aFinding, aWalk, withHistory } from '../domain/walks/walk-fixtures';
import { csvFormat, FINDINGS_CSV_COLUMNS, findingsCsvRows } from './csv';

const data: WalkData = {
  walks: [aWalk()],
  findings: [
    withHistory(aFinding({ responsible: { kind: 'fastighetsagare', name: 'Svenska Bostäder' }, deadline: '2021-05-01', public: true, priorityAreaIds: ['tensta', 'hjulsta-torg'] }), ['beslutad']),
    aFinding({ id: 'finding-2', walkId: null, description: '=HYPERLINK("x"); "citat"\nny rad', stadsdelId: null, districtId: null, priorityAreaIds: [] }),
  ],
};

describe('findings CSV', () => {
  it('keeps who changed the status, and the note, in the history column', () => {
    const f = withHistory(aFinding(), ['beslutad']);
    f.history[1] = { ...f.history[1]!, note: 'Lampan byts', by: { accountId: 'a1', name: 'Anna', organisation: 'Polisen' } };
    expect(findingsCsvRows({ walks: [], findings: [f] })[1]!.at(-1)).toBe('2021-03-04 ny | 2021-03-05 beslutad (Anna, Polisen): Lampan byts');
  });

  it('writes a header and one row per finding with the walk date, status date and position', () => {
    const rows = findingsCsvRows(data);
    expect(rows[0]).toEqual([...FINDINGS_CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual([
      'finding-1', '2021-03-04', 'belysning', 'Trasig lampa i gångtunneln', 'fastighetsagare: Svenska Bostäder', 'medel',
      'beslutad', '2021-03-05', '2021-05-01', 'ja', 'tensta', 'spanga-tensta', 'tensta, hjulsta-torg', '17.9015', '59.3945',
      '2021-03-04 ny | 2021-03-05 beslutad',
    ]);
    expect(rows[2]!.slice(0, 2)).toEqual(['finding-2', '']);
    expect(rows[2]!.slice(9, 13)).toEqual(['nej', '', '', '']);
  });

  it('writes labels and area names from the context', () => {
    const rows = findingsCsvRows(data, {
      label: (kind, v) => (kind === 'category' && v === 'belysning' ? 'Belysning' : kind === 'column' && v === 'kategori' ? 'Category' : undefined),
      areaName: (kind, id) => (kind === 'district' && id === 'spanga-tensta' ? 'Spånga-Tensta' : undefined),
    });
    expect(rows[0]![2]).toBe('Category');
    expect(rows[1]![2]).toBe('Belysning');
    expect(rows[1]![11]).toBe('Spånga-Tensta');
  });

  it('exports text that reads back to the same cells, with the formula guard on a description', () => {
    const back = parseCsv(csvFormat.export(data));
    expect(back[1]).toEqual(findingsCsvRows(data)[1]);
    expect(back[2]![3]).toBe(`'=HYPERLINK("x"); "citat"\nny rad`);
    expect(csvFormat.import).toBeUndefined();
  });
});
