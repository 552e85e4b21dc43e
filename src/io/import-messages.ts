import type { Problem, ProblemCode } from '../domain/walks/problems';
import type { MessageKey } from '../i18n/strings';

/** A translate function (see `useT` and `translate`). */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Every problem code has its message: `importProblem_<code>` must be a key of the strings. */
type ProblemKey = `importProblem_${ProblemCode}`;
const problemKey = (code: ProblemCode): ProblemKey & MessageKey => `importProblem_${code}` satisfies MessageKey;

/** A position as GeoJSON writes it, [lon, lat]. */
const positionText = (p: readonly number[]): string => `[${p.map((n) => String(n)).join(', ')}]`;

/** The message of one problem, without its feature number. */
function problemText(p: Problem, t: Translate): string {
  const params: Record<string, string | number> = { ...p.params, field: p.field ?? '–' };
  if (p.code === 'position_swapped' && p.suggestion) params.suggestion = positionText(p.suggestion);
  if (p.code === 'duplicate_id' && typeof params.first === 'number') params.first = params.first + 1;
  if (p.code === 'wrong_geometry' && params.record === 'walk') return t('importProblem_wrong_geometry_walk', params);
  const text = t(problemKey(p.code), params);
  // A problem with some positions of a line says how many and where the first is (numbered from 1).
  if (p.code.startsWith('position_') && typeof p.params?.count === 'number' && typeof p.params.total === 'number') {
    const where = { count: p.params.count, total: p.params.total, first: Number(p.params.first ?? 0) + 1 };
    return `${t(p.params.count > 1 ? 'importRoutePositions' : 'importRoutePosition', where)}: ${text}`;
  }
  return text;
}

/**
 * Import problems as lines in the user's language: each from its code and params through the
 * strings (never the English `message`), a feature named "Objekt 3" / "Feature 3" counting from 1
 * in file order (`row` + 1), the missing fields of one feature in one line, and no line twice.
 * File problems first, then by feature. At most `max` lines; the last then says how many more.
 */
export function importProblemLines(problems: readonly Problem[], t: Translate, max = 50): string[] {
  const sorted = [...problems].sort((a, b) => (a.row ?? -1) - (b.row ?? -1));
  const missing = new Map<number | undefined, string[]>();
  for (const p of sorted) {
    if (p.code !== 'required' || !p.field) continue;
    const fields = missing.get(p.row) ?? [];
    if (!fields.includes(p.field)) fields.push(p.field);
    missing.set(p.row, fields);
  }
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const p of sorted) {
    let text: string;
    if (p.code === 'required' && p.field) {
      const fields = missing.get(p.row);
      if (!fields) continue;
      text = t('importProblem_required', { field: fields.join(', ') });
      missing.delete(p.row);
    } else {
      text = problemText(p, t);
    }
    const line = p.row === undefined ? text : `${t('importFeature', { n: p.row + 1 })}: ${text}`;
    if (seen.has(line)) continue;
    seen.add(line);
    lines.push(line);
  }
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max - 1), t('importMore', { n: lines.length - (max - 1) })];
}
