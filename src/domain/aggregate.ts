import type { GoalRecord } from './programme';
import { THEME_FAMILIES, type ThemeFamily } from './theme-family';
import type { AreaKind } from './types';

export interface AreaCount {
  goals: number;
  measures: number;
  /** Goals per theme family. */
  byFamily: Record<ThemeFamily, number>;
}

const emptyCount = (): AreaCount => ({
  goals: 0, measures: 0, byFamily: Object.fromEntries(THEME_FAMILIES.map((f) => [f, 0])) as Record<ThemeFamily, number>,
});

/**
 * Goals and measures per area of one kind. A goal that concerns several areas counts once in
 * each; a measure counts where it is placed, or where its goal is when it names no place.
 * Areas with nothing get a zero count (every id in `areaIds` is present in the result).
 */
export function countByArea(goals: GoalRecord[], kind: AreaKind, areaIds: string[]): Map<string, AreaCount> {
  const counts = new Map(areaIds.map((id) => [id, emptyCount()]));
  const prefix = `${kind}:`;
  const idsOf = (keys: string[]) => keys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  for (const goal of goals) {
    for (const id of idsOf(goal.ownAreaKeys)) {
      const c = counts.get(id);
      if (!c) continue;
      c.goals += 1;
      c.byFamily[goal.family] += 1;
    }
    for (const m of goal.measures) {
      for (const id of idsOf(goal.measureAreaKeys[m.id] ?? goal.ownAreaKeys)) {
        const c = counts.get(id);
        if (c) c.measures += 1;
      }
    }
  }
  return counts;
}

/**
 * Upper bounds of up to `maxClasses` classes for a choropleth of counts: quantiles of the
 * non-zero values, rounded to whole numbers and made strictly increasing. Zero is its own class,
 * below the first bound. Empty when every value is zero.
 */
export function classBreaks(values: number[], maxClasses = 5): number[] {
  const sorted = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const breaks: number[] = [];
  for (let i = 1; i <= maxClasses; i++) {
    const q = sorted[Math.min(sorted.length - 1, Math.ceil((i / maxClasses) * sorted.length) - 1)]!;
    if (breaks.length === 0 || q > breaks[breaks.length - 1]!) breaks.push(Math.round(q));
  }
  return breaks;
}
