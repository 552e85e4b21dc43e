import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRealProgramme, type RealProgramme } from './programme-fixtures';
import {
  areaSearchEntries, boundedEditDistance, createSearchIndex, search, typoBudget,
  type SearchEntry, type SearchIndex,
} from './search';

let realProgramme: RealProgramme;
let realEntries: SearchEntry[];
let real: SearchIndex;

beforeAll(() => {
  realProgramme = buildRealProgramme();
  const { areas, catalogue } = realProgramme;
  realEntries = areaSearchEntries(areas, catalogue.places);
  real = createSearchIndex(realEntries);
});

/** An index of plain entries of one kind ('place' unless given as "kind:name"). */
function indexOf(...names: string[]): SearchIndex {
  return createSearchIndex(names.map((n, i) => {
    const [kind, name] = n.includes(':') ? n.split(':') as [string, string] : ['place', n];
    return { kind, id: `e${i}`, name };
  }));
}

const names = (index: SearchIndex, query: string, limit?: number) => search(index, query, limit).map((h) => h.entry.name);
const top = (query: string) => search(real, query)[0];

describe('search: what matches', () => {
  it('finds nothing for an empty, blank or punctuation-only query', () => {
    expect(search(real, '')).toEqual([]);
    expect(search(real, '   \t ')).toEqual([]);
    expect(search(real, ' - / ')).toEqual([]);
  });

  it('ignores case and diacritics', () => {
    for (const q of ['hasselby gard', 'HÄSSELBY GÅRD', 'Hässelby  Gård', 'hässelby-gård']) {
      const hit = top(q);
      expect(hit?.entry.name, q).toBe('Hässelby gård');
      expect(hit?.match, q).toBe('exact');
    }
  });

  it('forgives small typos', () => {
    expect(top('vallinby')).toMatchObject({ entry: { name: 'Vällingby' }, match: 'fuzzy' });
    expect(top('tensat')).toMatchObject({ entry: { name: 'Tensta' }, match: 'fuzzy' });
    expect(top('hasselby grd')).toMatchObject({ entry: { name: 'Hässelby gård' }, match: 'fuzzy' });
    expect(top('skarholmn')?.entry.name).toBe('Skärholmen');
  });

  it('allows no typo in 1–3 characters, one in 4–6 and two in 7 or more', () => {
    expect([1, 2, 3, 4, 6, 7, 20].map(typoBudget)).toEqual([0, 0, 0, 1, 1, 2, 2]);
    const kista = indexOf('Kista');
    expect(names(kista, 'kst')).toEqual([]);
    expect(names(kista, 'ksta')).toEqual(['Kista']);
    const tensta = indexOf('Tensta');
    expect(names(tensta, 'tensat')).toEqual(['Tensta']);
    expect(names(tensta, 'tansat')).toEqual([]);
    const vallingby = indexOf('Vällingby');
    expect(names(vallingby, 'valingbi')).toEqual(['Vällingby']);
    expect(names(vallingby, 'valinbi')).toEqual([]);
  });

  it('forgives a typo in a name still being typed', () => {
    expect(names(indexOf('Vällingby'), 'valin')).toEqual(['Vällingby']);
    expect(names(indexOf('Skärholmen'), 'skarhol')).toEqual(['Skärholmen']);
    expect(names(indexOf('Skärholmen'), 'skrahol')).toEqual(['Skärholmen']);
  });

  it('needs every word of a multi-word query to match some word of the name', () => {
    expect(top('villastad smed')?.entry.name).toBe('Hässelby villastad/Smedshagen');
    expect(search(real, 'gård hässelby').slice(0, 2).map((h) => [h.entry.name, h.match]))
      .toEqual([['Hässelby gård', 'word-prefix'], ['Hässelby gård', 'word-prefix']]);
    expect(names(indexOf('Hässelby gård', 'Hässelby strand'), 'hasselby xyzzy')).toEqual([]);
    expect(names(indexOf('Hässelby gård', 'Hässelby strand'), 'hasselby stran')).toEqual(['Hässelby strand']);
  });

  it('finds a name by an alias and says which name matched', () => {
    const hit = top('smedshagen');
    expect(hit).toMatchObject({ entry: { kind: 'priorityArea', name: 'Hässelby villastad/Smedshagen' }, match: 'exact', matchedName: 'Smedshagen' });
  });

  it('finds inside a word only from 3 characters on', () => {
    const index = indexOf('Tensta', 'Farsta');
    expect(names(index, 'st')).toEqual([]);
    expect(names(index, 'sta')).toEqual(['Farsta', 'Tensta']);
    expect(search(index, 'sta').every((h) => h.match === 'substring')).toBe(true);
  });

  it('lists each entry once, at most `limit`, eight by default', () => {
    const hits = search(real, 'a');
    expect(hits).toHaveLength(8);
    expect(search(real, 'a', 3)).toHaveLength(3);
    expect(search(real, 'a', 0)).toEqual([]);
    const all = search(real, 'hasselby', 1000);
    expect(new Set(all.map((h) => h.entry)).size).toBe(all.length);
  });
});

describe('search: ranking', () => {
  it('ranks exact > prefix > word-prefix > substring > fuzzy', () => {
    const index = indexOf('Gord', 'Vingårdsparken', 'Hässelby gård', 'Gårdsstånga', 'Gård');
    expect(search(index, 'gård').map((h) => [h.entry.name, h.match])).toEqual([
      ['Gård', 'exact'],
      ['Gårdsstånga', 'prefix'],
      ['Hässelby gård', 'word-prefix'],
      ['Vingårdsparken', 'substring'],
      ['Gord', 'fuzzy'],
    ]);
    const scores = search(index, 'gård').map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('finds names where a later word starts with the query, priority areas first', () => {
    const hits = search(real, 'gård').filter((h) => h.match === 'word-prefix');
    expect(hits.map((h) => `${h.entry.kind} ${h.entry.name}`)).toEqual([
      'priorityArea Hässelby gård',
      'priorityArea Skarpnäcks gård',
      'stadsdel Enskede gård',
      'stadsdel Hässelby gård',
      'stadsdel Skarpnäcks gård',
    ]);
  });

  it('puts fewer typo edits first within the fuzzy class', () => {
    const index = indexOf('Valingbi', 'Vallingbi');
    expect(search(index, 'vallingby').map((h) => [h.entry.name, h.score])).toEqual([['Vallingbi', 99], ['Valingbi', 98]]);
  });

  it('orders kinds priority area, stadsdel, district, place, others by default, or as asked', () => {
    // Same name throughout, so only the kind order (and then the given order) decides.
    const entries: SearchEntry[] = ['site', 'place', 'district', 'stadsdel', 'priorityArea', 'finding']
      .map((kind) => ({ kind, id: kind, name: 'Hässelby gård' }));
    expect(search(createSearchIndex(entries), 'hässelby gård').map((h) => h.entry.kind))
      .toEqual(['priorityArea', 'stadsdel', 'district', 'place', 'site', 'finding']);
    expect(search(createSearchIndex(entries, { kindOrder: ['place', 'site'] }), 'hässelby gård').map((h) => h.entry.kind))
      .toEqual(['place', 'site', 'district', 'stadsdel', 'priorityArea', 'finding']);
  });

  it('then puts shorter names first, then Swedish alphabetical order', () => {
    expect(names(indexOf('Östra Vårberg', 'Östermalm', 'Östberga'), 'ö')).toEqual(['Östberga', 'Östermalm', 'Östra Vårberg']);
    // Swedish: z < å < ä < ö (code points would put ä before å).
    expect(names(indexOf('Örby', 'Ärby', 'Årby', 'Zrby'), 'rby')).toEqual(['Zrby', 'Årby', 'Ärby', 'Örby']);
  });

  it('is fast: 1 000 entries, one query well under the bound', () => {
    const syllables = ['hä', 'ss', 'el', 'by', 'gå', 'rd', 'ten', 'sta', 'vä', 'll', 'ing', 'ska', 'rp', 'nä', 'ck', 'ö', 'ster', 'ma', 'lm', 'berg'];
    const suffixes = ['', ' gård', ' strand', ' centrum', 's torg', ' naturreservat', ' IP', 'skolan'];
    const random = fc.sample(fc.tuple(fc.array(fc.constantFrom(...syllables), { minLength: 2, maxLength: 4 }), fc.constantFrom(...suffixes)), { numRuns: 1000 - realEntries.length, seed: 42 });
    const entries = [
      ...realEntries,
      ...random.map(([parts, suffix], i): SearchEntry => {
        const name = parts.join('') + suffix;
        return { kind: 'place', id: `syn-${i}`, name: name[0]!.toLocaleUpperCase('sv') + name.slice(1) };
      }),
    ];
    expect(entries).toHaveLength(1000);
    const started = performance.now();
    const index = createSearchIndex(entries);
    const indexMs = performance.now() - started;
    const queries = ['hasselby gard', 'vallinby', 'tensat', 'hasselby grd', 'gård', 'smedshagen', 'ö', 'skarpnacks gard centrum', 'naturreservat'];
    for (const q of queries) search(index, q);
    const rounds = 20;
    const perQuery: Record<string, number> = {};
    for (const q of queries) {
      const t0 = performance.now();
      for (let r = 0; r < rounds; r++) search(index, q);
      perQuery[q] = (performance.now() - t0) / rounds;
    }
    const worst = Math.max(...Object.values(perQuery));
    console.log(`search over 1000 entries: index ${indexMs.toFixed(2)} ms; per query (mean of ${rounds}) ${Object.entries(perQuery).map(([q, ms]) => `"${q}" ${ms.toFixed(3)} ms`).join(', ')}; worst ${worst.toFixed(3)} ms`);
    expect(worst).toBeLessThan(20);
  });
});

describe('areaSearchEntries', () => {
  it('has every district, stadsdel, priority area and place, with context', () => {
    const { areas, catalogue } = realProgramme;
    const count = (kind: string) => realEntries.filter((e) => e.kind === kind).length;
    expect(count('district')).toBe(areas.districts.features.length);
    expect(count('stadsdel')).toBe(areas.stadsdelar.features.length);
    expect(count('priorityArea')).toBe(areas.priorityAreas.features.length);
    expect(count('place')).toBe(catalogue.places.length);
    expect(realEntries.find((e) => e.kind === 'stadsdel' && e.id === 'hasselby-gard')?.context).toBe('Hässelby-Vällingby');
    expect(realEntries.find((e) => e.kind === 'place' && e.name === 'Grimsta IP')?.context).toBe('Grimsta');
    expect(realEntries.find((e) => e.name === 'Hässelby villastad/Smedshagen')?.aliases).toEqual(['Hässelby villastad', 'Smedshagen']);
    expect(realEntries.find((e) => e.name === 'Tensta')?.aliases).toBeUndefined();
  });

  it('tells entries with the same name and context apart only by kind, which the suggestion therefore shows', () => {
    const kindsByText = new Map<string, string[]>();
    for (const e of realEntries) {
      const text = `${e.name} · ${e.context ?? ''}`;
      kindsByText.set(text, [...(kindsByText.get(text) ?? []), e.kind]);
    }
    for (const kinds of kindsByText.values()) expect(new Set(kinds).size).toBe(kinds.length);
    expect(kindsByText.get('Tensta · Spånga-Tensta')).toEqual(['priorityArea', 'stadsdel']);
    const tensta = search(real, 'Tensta').filter((h) => h.entry.name === 'Tensta');
    expect(tensta.map((h) => h.entry.kind)).toEqual(['priorityArea', 'stadsdel']);
  });
});

/** Optimal string alignment distance, the whole table, as the reference. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

describe('boundedEditDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent transpositions', () => {
    expect(boundedEditDistance('tensat', 'tensta', 2).full).toBe(1);
    expect(boundedEditDistance('vallinby', 'vallingby', 2).full).toBe(1);
    expect(boundedEditDistance('valin', 'vallingby', 2)).toEqual({ full: 3, prefix: 1 });
    expect(boundedEditDistance('abc', 'abc', 0)).toEqual({ full: 0, prefix: 0 });
    expect(boundedEditDistance('abcdef', 'ab', 2)).toEqual({ full: 3, prefix: 3 });
  });

  it('equals the full-table distance, capped at k + 1, for the whole word and its best prefix', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 9 });
    fc.assert(fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, k) => {
      const cap = (d: number) => Math.min(d, k + 1);
      let prefix = Infinity;
      for (let j = 0; j <= b.length; j++) prefix = Math.min(prefix, osa(a, b.slice(0, j)));
      expect(boundedEditDistance(a, b, k)).toEqual({ full: cap(osa(a, b)), prefix: cap(prefix) });
    }), { numRuns: 2000 });
  });
});
