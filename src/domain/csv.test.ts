/**
 * toCsv / parseCsv (semicolons, CRLF, UTF-8 BOM, formula guard) and programmeRows on the real
 * programme: one row per measure, one per goal without measures, and a header.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CSV_SEPARATOR, parseCsv, toCsv } from './csv';
import type { ProgrammeCatalogue } from './programme';
import { PROGRAMME_CSV_HEADER, programmeRows } from './programme-csv';
import { buildRealProgramme } from './programme-fixtures';
import type { AreasBundle } from './types';

const BOM = '\uFEFF';

describe('toCsv / parseCsv', () => {
  const tricky: string[][] = [
    ['plain', 'semi;colon', 'two;;semis', ';'],
    ['"quoted"', 'in "the" middle', '"', '""'],
    ['line\nbreak', 'crlf\r\nbreak', 'cr\ronly', '\n'],
    ['Hässelby gård', 'Vällingby – centrum', 'ÅÄÖ åäö é ü', '€ 79 %'],
    [' leading', 'trailing ', '  both  ', ' '],
    ['', 'empty either side', '', ''],
    ['tab\tinside', "apostrophe's", 'comma, not a separator', 'slut'],
  ];

  it('round-trips tricky cells unchanged', () => {
    expect(parseCsv(toCsv(tricky))).toEqual(tricky);
  });

  it('round-trips rows of different lengths, a lone empty cell and a single row', () => {
    const rows = [['a'], [''], ['b', 'c', 'd'], ['', '']];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
    expect(parseCsv(toCsv([['x;y']]))).toEqual([['x;y']]);
  });

  // No rows must not read back as one row with one empty cell.
  it('round-trips no rows at all', () => {
    expect(parseCsv(toCsv([]))).toEqual([]);
  });

  it('writes a BOM, semicolons and CRLF line ends, ending with CRLF', () => {
    const text = toCsv([['a', 'b'], ['c', 'd']]);
    expect(text.startsWith(BOM)).toBe(true);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(CSV_SEPARATOR).toBe(';');
    expect(text).toBe(`${BOM}a;b\r\nc;d\r\n`);
  });

  it('quotes only what needs quoting, doubling quotes', () => {
    expect(toCsv([['a;b', 'x"y', 'line\nbreak', ' pad', 'plain', 'åäö']])).toBe(`${BOM}"a;b";"x""y";"line\nbreak";" pad";plain;åäö\r\n`);
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    const text = toCsv([['=SUM(A1)', '+1', '-2', '@cmd', 'a=b', '1-2']]);
    const [row] = parseCsv(text);
    expect(row).toEqual(["'=SUM(A1)", "'+1", "'-2", "'@cmd", 'a=b', '1-2']);
    for (const cell of row!) expect(cell).not.toMatch(/^[=+\-@]/);
    expect(text).not.toContain(';=');
    expect(text.slice(1).startsWith('=')).toBe(false);
  });

  it('parseCsv strips a BOM, reads LF and CRLF alike, and tolerates a missing final newline', () => {
    expect(parseCsv(`${BOM}a;b\r\nc;d`)).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseCsv('a;b\nc;d\n')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseCsv('"a;b";"c""d"\r\n')).toEqual([['a;b', 'c"d']]);
    expect(parseCsv('a;\r\n')).toEqual([['a', '']]);
  });
});

describe('programmeRows on the real programme', () => {
  let catalogue: ProgrammeCatalogue;
  let areas: AreasBundle;
  let rows: string[][];
  let names: { district(id: string): string; location(key: string): string };

  beforeAll(() => {
    ({ catalogue, areas } = buildRealProgramme());
    const areaNames = new Map<string, string>([
      ...areas.districts.features.map((f) => [`district:${f.properties.id}`, f.properties.name] as const),
      ...areas.stadsdelar.features.map((f) => [`stadsdel:${f.properties.id}`, f.properties.name] as const),
      ...areas.priorityAreas.features.map((f) => [`priorityArea:${f.properties.id}`, f.properties.name] as const),
      ...catalogue.places.map((p) => [`place:${p.id}`, p.name] as const),
    ]);
    names = {
      district: (id) => areaNames.get(`district:${id}`) ?? `?${id}`,
      location: (key) => areaNames.get(key) ?? `?${key}`,
    };
    rows = programmeRows(catalogue.goals, names);
  });

  it('has the header, then one row per measure and one per goal without measures', () => {
    const goals = catalogue.goals;
    const expected = 1 + goals.reduce((n, g) => n + Math.max(1, g.measures.length), 0);
    expect(rows[0]).toEqual(PROGRAMME_CSV_HEADER);
    expect(rows).toHaveLength(expected);
    expect(rows.every((r) => r.length === PROGRAMME_CSV_HEADER.length)).toBe(true);
    const col = (name: string) => PROGRAMME_CSV_HEADER.indexOf(name);
    // Every (goal, measure) pair once, in the goals' order.
    const pairs = rows.slice(1).map((r) => `${r[col('mål_id')]}|${r[col('åtgärd_id')]}`);
    expect(pairs).toEqual(goals.flatMap((g) => (g.measures.length ? g.measures.map((m) => `${g.id}|${m.id}`) : [`${g.id}|`])));
  });

  it('fills the columns from the goal and measure, and names every location and district', () => {
    const col = (name: string) => PROGRAMME_CSV_HEADER.indexOf(name);
    for (const r of rows.slice(1)) {
      expect(r[col('område')], r[0]).not.toContain('?');
      expect(r[col('stadsdelsområde')], r[0]).not.toContain('?');
    }
    const torg = rows.filter((r) => r[col('mål_id')] === '000-hasselby-torg-tryggt');
    expect(torg.map((r) => r[col('åtgärd_nr')])).toEqual(['1', '2', '3', '4', '5']);
    expect(torg[0]![col('mål')]).toBe('Hässelby torg är tryggt och attraktivt');
    expect(torg[0]![col('period')]).toBe('2017–2021');
    expect(torg[0]![col('stadsdelsområde')]).toBe('Hässelby-Vällingby');
    expect(torg[0]![col('område')]).toContain('Hässelby torg');
    expect(torg[0]![col('samverkan')]).toContain('Trafikkontoret');
    expect(torg[0]![col('rådighet')]).toBe('I samverkan');
    expect(torg[0]![col('källa_dokument')]).toBe('000');
    expect(torg[0]![col('källa_avsnitt')]).toBe('Trygghet och tillgänglighet');
    // A measure with its own place is listed there, not at the goal's locations.
    const grimsta = rows.find((r) => r[col('mål_id')] === '000-idrottsaktiviteter' && r[col('åtgärd_nr')] === '6')!;
    expect(grimsta[col('område')]).toBe('Grimsta IP, Grimsta');
    const other = rows.find((r) => r[col('mål_id')] === '000-idrottsaktiviteter' && r[col('åtgärd_nr')] === '1')!;
    expect(other[col('område')]).toBe('Grimsta IP, Hässelby-Vällingby');
    // In general: a measure's own locations, else its goal's.
    const byId = new Map(catalogue.goals.map((g) => [g.id, g]));
    for (const r of rows.slice(1)) {
      const g = byId.get(r[col('mål_id')]!)!;
      const keys = g.measureLocations[r[col('åtgärd_id')]!] ?? g.locations;
      expect(r[col('område')], `${g.id} ${r[col('åtgärd_id')]}`).toBe(keys.map(names.location).join(', '));
    }
    expect(grimsta[col('åtgärd')]).toBe('Erbjuda idrottsaktiviteter helger och nattetid på Grimsta IP');
  });

  it('survives toCsv → parseCsv unchanged', () => {
    const text = toCsv(rows);
    expect(text.startsWith(BOM)).toBe(true);
    expect(parseCsv(text)).toEqual(rows);
  });
});
