import { foldName } from './names';
import type { GoalRecord } from './programme';
import type { ThemeFamily } from './theme-family';

/** The filters a planner combines; all optional, all must hold. */
export interface ProgrammeFilter {
  districtId?: string;
  priorityAreaId?: string;
  family?: ThemeFamily;
  /** A calendar year: a goal is shown for the years of its period. */
  year?: number;
  /** Partner name, compared folded (case and diacritics ignored). */
  partner?: string;
  /** Free text; every word must occur (folded) in the goal, its measures, indicators or partners. */
  query?: string;
}

const searchText = new WeakMap<GoalRecord, string>();

/** Everything a free-text search looks in, folded once per goal. */
function textOf(goal: GoalRecord): string {
  let text = searchText.get(goal);
  if (text === undefined) {
    text = foldName([
      goal.theme, goal.level, goal.text, goal.control ?? '', goal.dialogue ?? '',
      ...goal.partners, ...goal.measures.map((m) => `${m.text} ${m.responsible ?? ''}`), ...goal.indicators.map((i) => i.text),
    ].join(' \n '));
    searchText.set(goal, text);
  }
  return text;
}

/** True when the goal passes every filter that is set. */
export function goalMatches(goal: GoalRecord, filter: ProgrammeFilter): boolean {
  if (filter.districtId && goal.districtId !== filter.districtId && !goal.areaKeys.includes(`district:${filter.districtId}`)) return false;
  if (filter.priorityAreaId && !goal.areaKeys.includes(`priorityArea:${filter.priorityAreaId}`)) return false;
  if (filter.family && goal.family !== filter.family) return false;
  if (filter.year !== undefined && goal.period && (filter.year < goal.period.from || filter.year > goal.period.to)) return false;
  if (filter.partner) {
    const wanted = foldName(filter.partner);
    if (!goal.partners.some((p) => foldName(p) === wanted)) return false;
  }
  if (filter.query) {
    const words = foldName(filter.query).split(' ').filter(Boolean);
    const text = textOf(goal);
    if (!words.every((w) => text.includes(w))) return false;
  }
  return true;
}

export function filterGoals(goals: GoalRecord[], filter: ProgrammeFilter): GoalRecord[] {
  return goals.filter((g) => goalMatches(g, filter));
}

/** Distinct partners across goals, first spelling kept, sorted in Swedish order. */
export function partnerNames(goals: GoalRecord[]): string[] {
  const byFold = new Map<string, string>();
  for (const g of goals) for (const p of g.partners) if (!byFold.has(foldName(p))) byFold.set(foldName(p), p);
  return [...byFold.values()].sort((a, b) => a.localeCompare(b, 'sv'));
}

/** The years any goal's period covers, ascending. */
export function periodYears(goals: GoalRecord[]): number[] {
  const years = new Set<number>();
  for (const g of goals) if (g.period) for (let y = g.period.from; y <= g.period.to; y++) years.add(y);
  return [...years].sort((a, b) => a - b);
}
