import { foldName } from './names';
import type { PlaceRecord } from './programme';
import type { AreasBundle } from './types';

/**
 * Name search for "Nära mig": districts, stadsdelar, priority areas, named places and anything
 * else given as entries. Forgiving of case, diacritics and small typos; ranked so that what the
 * user most likely means comes first.
 */

/** Something that can be found by name. */
export interface SearchEntry {
  /** 'priorityArea', 'stadsdel', 'district', 'place', or any other kind the caller uses. */
  kind: string;
  id: string;
  name: string;
  /** extra names, e.g. 'Hässelby Villastad/Smedshagen' → 'Smedshagen' */
  aliases?: string[];
  /** shown under the name, e.g. the district */
  context?: string;
}

/** How a hit matched, best first. */
export type SearchMatch = 'exact' | 'prefix' | 'word-prefix' | 'substring' | 'fuzzy';

export interface SearchHit {
  entry: SearchEntry;
  /** Relevance, higher is better: the match class (exact 500 … fuzzy 100) less the number of typo edits. */
  score: number;
  match: SearchMatch;
  /** The name or alias that matched, as the entry writes it. */
  matchedName: string;
}

/** Kinds in the order they rank when all else is equal; kinds not listed come after, alike. */
export const DEFAULT_KIND_ORDER: readonly string[] = ['priorityArea', 'stadsdel', 'district', 'place'];

export interface SearchIndexOptions {
  /** Replaces DEFAULT_KIND_ORDER. */
  kindOrder?: readonly string[];
}

interface IndexedName {
  /** As written, for SearchHit.matchedName. */
  original: string;
  /** Folded words joined by single spaces: "Enskede-Årsta-Vantör" → "enskede arsta vantor". */
  compact: string;
  words: string[];
}

interface IndexedEntry {
  entry: SearchEntry;
  names: IndexedName[];
  kindRank: number;
}

/** Entries with their names folded and split once, in the order given. Immutable. */
export interface SearchIndex {
  readonly entries: readonly IndexedEntry[];
}

const MATCH_BASE: Record<SearchMatch, number> = { exact: 500, prefix: 400, 'word-prefix': 300, substring: 200, fuzzy: 100 };

/** Queries shorter than this match only at the start of a word, never inside one ("a" is in nearly every name). */
const MIN_SUBSTRING_LENGTH = 3;

const collator = new Intl.Collator('sv');

/** Folded words of a text: split on anything that is neither letter nor digit ("S:t", "-", "/"). */
function wordsOf(text: string): string[] {
  return foldName(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

function indexName(original: string): IndexedName {
  const words = wordsOf(original);
  return { original, compact: words.join(' '), words };
}

/** Folds and splits every name and alias once; entries without any letter or digit in their names are kept but never match. */
export function createSearchIndex(entries: SearchEntry[], options: SearchIndexOptions = {}): SearchIndex {
  const kindOrder = options.kindOrder ?? DEFAULT_KIND_ORDER;
  return {
    entries: entries.map((entry) => {
      const rank = kindOrder.indexOf(entry.kind);
      return {
        entry,
        names: [entry.name, ...(entry.aliases ?? [])].map(indexName).filter((n) => n.words.length > 0),
        kindRank: rank === -1 ? kindOrder.length : rank,
      };
    }),
  };
}

/** Typo edits tolerated for a query (word) of `length` characters: none up to 3, one up to 6, then two. */
export function typoBudget(length: number): number {
  return length <= 3 ? 0 : length <= 6 ? 1 : 2;
}

// Three rolling rows of the edit-distance table, grown as needed and shared by all calls.
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Damerau–Levenshtein distance (optimal string alignment: insertions, deletions, substitutions
 * and transpositions of adjacent characters) from `a` to all of `b` and to its best prefix,
 * computed only within `k` edits: any value above `k` is returned as `k + 1`.
 */
export function boundedEditDistance(a: string, b: string, k: number): { full: number; prefix: number } {
  const m = a.length;
  const n = b.length;
  const over = k + 1;
  if (m - n > k) return { full: over, prefix: over };
  if (rows[0].length < n + 2) rows = [new Int32Array(n + 2), new Int32Array(n + 2), new Int32Array(n + 2)];
  let [before, prev, cur] = rows;
  for (let j = 0; j <= n; j++) prev[j] = j <= k ? j : over;
  for (let i = 1; i <= m; i++) {
    // Cells further than k from the diagonal are at least k + 1 away, so they are left at `over`.
    const lo = Math.max(1, i - k);
    const hi = Math.min(n, i + k);
    cur[0] = i <= k ? i : over;
    if (lo > 1) cur[lo - 1] = over;
    if (hi < n) cur[hi + 1] = over;
    let rowMin = cur[0]!;
    const ai = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const cost = ai === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        d = Math.min(d, before[j - 2]! + 1);
      }
      if (d > over) d = over;
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > k) return { full: over, prefix: over };
    [before, prev, cur] = [prev, cur, before];
  }
  // `prev` now holds row m.
  let prefix = over;
  for (let j = Math.max(0, m - k); j <= Math.min(n, m + k); j++) prefix = Math.min(prefix, prev[j]!);
  return { full: n - m <= k ? prev[n]! : over, prefix };
}

interface Query {
  compact: string;
  words: string[];
  wholeBudget: number;
  wordBudgets: number[];
}

/** The best match of a query on one name, or null. Edits are 0 unless the match is fuzzy. */
function matchName(q: Query, name: IndexedName): { match: SearchMatch; edits: number } | null {
  const { compact } = name;
  if (compact === q.compact) return { match: 'exact', edits: 0 };
  if (compact.startsWith(q.compact)) return { match: 'prefix', edits: 0 };

  // Every query word must match some word of the name, exactly, as its start, or within its typo budget.
  let wordEdits = 0;
  for (let i = 0; i < q.words.length && wordEdits !== Infinity; i++) {
    const qw = q.words[i]!;
    const budget = q.wordBudgets[i]!;
    let best = Infinity;
    for (const w of name.words) {
      if (w.startsWith(qw)) {
        best = 0;
        break;
      }
      if (budget > 0) {
        const d = boundedEditDistance(qw, w, budget);
        const edits = Math.min(d.full, d.prefix);
        if (edits <= budget && edits < best) best = edits;
      }
    }
    wordEdits = best === Infinity ? Infinity : wordEdits + best;
  }
  if (wordEdits === 0) return { match: 'word-prefix', edits: 0 };
  if (q.compact.length >= MIN_SUBSTRING_LENGTH && compact.includes(q.compact)) return { match: 'substring', edits: 0 };

  // The whole query against the whole name catches typos in short words ("hasselby grd") and in word breaks.
  let wholeEdits = Infinity;
  if (q.wholeBudget > 0) {
    const d = boundedEditDistance(q.compact, compact, q.wholeBudget);
    const edits = Math.min(d.full, d.prefix);
    if (edits <= q.wholeBudget) wholeEdits = edits;
  }
  const edits = Math.min(wordEdits, wholeEdits);
  return edits === Infinity ? null : { match: 'fuzzy', edits };
}

/**
 * Entries whose name or an alias matches `query`, best first, at most `limit`, each entry once.
 *
 * Classes rank exact > prefix > word-prefix (every query word starts a word of the name, e.g.
 * "gård" → "Hässelby gård") > substring (queries of 3 or more characters) > fuzzy (typos: one edit
 * in 4–6 characters, two in longer, per query word or over the whole query). Within a class:
 * fewer edits, then the index's kind order, then the shorter name, then Swedish alphabetical order.
 * A query without letters or digits finds nothing.
 */
export function search(index: SearchIndex, query: string, limit = 8): SearchHit[] {
  const words = wordsOf(query);
  if (words.length === 0 || limit <= 0) return [];
  const compact = words.join(' ');
  const q: Query = { compact, words, wholeBudget: typoBudget(compact.length), wordBudgets: words.map((w) => typoBudget(w.length)) };

  const found: { hit: SearchHit; kindRank: number }[] = [];
  for (const indexed of index.entries) {
    let best: { match: SearchMatch; edits: number; name: IndexedName } | null = null;
    let bestScore = -Infinity;
    for (const name of indexed.names) {
      const m = matchName(q, name);
      if (!m) continue;
      const score = MATCH_BASE[m.match] - m.edits;
      if (score > bestScore) {
        best = { ...m, name };
        bestScore = score;
      }
    }
    if (best) {
      found.push({ hit: { entry: indexed.entry, score: bestScore, match: best.match, matchedName: best.name.original }, kindRank: indexed.kindRank });
    }
  }
  found.sort((a, b) =>
    b.hit.score - a.hit.score
    || a.kindRank - b.kindRank
    || a.hit.entry.name.length - b.hit.entry.name.length
    || collator.compare(a.hit.entry.name, b.hit.entry.name));
  return found.slice(0, limit).map((f) => f.hit);
}

/** The parts of a name written "A/B" ("Hässelby villastad/Smedshagen" → both), when there are several. */
function slashParts(name: string): string[] {
  const parts = name.split('/').map((p) => p.trim()).filter((p) => p.length > 0);
  return parts.length > 1 ? parts : [];
}

/**
 * Search entries for every district, stadsdel and priority area of the bundle and for the given
 * named places. Context is the district's name (for a place, its stadsdel's); names written
 * "A/B" get each part as an alias.
 */
export function areaSearchEntries(areas: AreasBundle, places: readonly PlaceRecord[] = []): SearchEntry[] {
  const districtNames = new Map(areas.districts.features.map((f) => [f.properties.id, f.properties.name]));
  const entry = (kind: string, id: string, name: string, context: string | undefined): SearchEntry => {
    const aliases = slashParts(name);
    return { kind, id, name, ...(aliases.length > 0 ? { aliases } : {}), ...(context ? { context } : {}) };
  };
  return [
    ...areas.priorityAreas.features.map((f) => entry('priorityArea', f.properties.id, f.properties.name, districtNames.get(f.properties.districtId))),
    ...areas.stadsdelar.features.map((f) => entry('stadsdel', f.properties.id, f.properties.name, districtNames.get(f.properties.districtId))),
    ...areas.districts.features.map((f) => entry('district', f.properties.id, f.properties.name, undefined)),
    ...places.map((p) => entry('place', p.id, p.name, p.stadsdel)),
  ];
}
