import { tallyIndicators, type IndicatorTable } from '../domain/walks/indicators';
import type { WalkData } from '../domain/walks/types';
import type { AreasBundle } from '../domain/types';

let last: { data: WalkData; bundle: AreasBundle; table: IndicatorTable } | null = null;

/** The walk figures per area and year, recomputed only when the records change. Example data is not counted. */
export function walkIndicatorTable(data: WalkData, bundle: AreasBundle): IndicatorTable {
  if (!last || last.data !== data || last.bundle !== bundle) last = { data, bundle, table: tallyIndicators(data, bundle) };
  return last.table;
}
