import type { FeatureCollection, Point } from 'geojson';
import { classBreaks, countByArea, type AreaCount } from '../domain/aggregate';
import type { GoalRecord, ProgrammeCatalogue, ProgrammePointProps } from '../domain/programme';
import { filterGoals, type ProgrammeFilter } from '../domain/programme-filter';
import type { AreaKind, AreasBundle } from '../domain/types';
import type { CountMetric } from './url-state';

export interface ProgrammeView {
  goals: GoalRecord[];
  measureCount: number;
  points: FeatureCollection<Point, ProgrammePointProps>;
}

/** Remembers the last result of a one-argument-pair function by identity. */
function memoLast<A, B, R>(fn: (a: A, b: B) => R): (a: A, b: B) => R {
  let last: { a: A; b: B; r: R } | null = null;
  return (a, b) => {
    if (!last || last.a !== a || last.b !== b) last = { a, b, r: fn(a, b) };
    return last.r;
  };
}

/**
 * The filtered programme: the goals the list shows and the points the map draws come from this
 * one derivation, so the two always agree.
 */
export const programmeView = memoLast((catalogue: ProgrammeCatalogue, filter: ProgrammeFilter): ProgrammeView => {
  const goals = filterGoals(catalogue.goals, filter);
  const ids = new Set(goals.map((g) => g.id));
  return {
    goals,
    measureCount: goals.reduce((n, g) => n + g.measures.length, 0),
    points: { type: 'FeatureCollection', features: catalogue.points.features.filter((f) => ids.has(f.properties.goalId)) },
  };
});

export interface AreaSummary {
  kind: AreaKind;
  counts: Map<string, AreaCount>;
  metric: CountMetric;
  /** Class upper bounds of the metric for the choropleth. */
  breaks: number[];
  /** The metric per area id. */
  values: Map<string, number>;
}

const idsOf = (bundle: AreasBundle, kind: AreaKind) =>
  (kind === 'district' ? bundle.districts : kind === 'stadsdel' ? bundle.stadsdelar : bundle.priorityAreas).features.map((f) => f.properties.id);

/** Goal and measure counts per area of one kind, for the table and the choropleth. */
export function summarise(bundle: AreasBundle, goals: GoalRecord[], kind: AreaKind, metric: CountMetric = 'goals'): AreaSummary {
  const counts = countByArea(goals, kind, idsOf(bundle, kind));
  const values = new Map([...counts].map(([id, c]) => [id, c[metric]]));
  return { kind, metric, counts, values, breaks: classBreaks([...values.values()]) };
}
