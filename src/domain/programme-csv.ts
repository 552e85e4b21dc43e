import { formatPeriod, type GoalRecord } from './programme';

export const PROGRAMME_CSV_HEADER = [
  'mål_id', 'åtgärd_id', 'stadsdelsområde', 'område', 'tema', 'nivå', 'mål', 'period',
  'åtgärd_nr', 'åtgärd', 'start', 'slut', 'samverkan', 'rådighet', 'källa_dokument', 'källa_avsnitt',
];

/**
 * One row per measure (a goal without measures gets one row with the measure columns empty),
 * for the goals given, in their order. `names.location` turns "place:id" / "kind:id" keys into names.
 */
export function programmeRows(goals: GoalRecord[], names: { district(id: string): string; location(key: string): string }): string[][] {
  const rows: string[][] = [PROGRAMME_CSV_HEADER];
  for (const g of goals) {
    const period = formatPeriod(g.period);
    const where = (keys: string[]) => keys.map(names.location).join(', ');
    const base = [g.id, '', names.district(g.districtId), where(g.locations), g.theme, g.level, g.text, period];
    const tail = [g.partners.join(', '), g.control ?? '', g.document, g.source.section];
    if (g.measures.length === 0) rows.push([...base, '', '', '', '', ...tail]);
    for (const m of g.measures) {
      const keys = g.measureLocations[m.id] ?? g.locations;
      rows.push([g.id, m.id, base[2]!, where(keys), g.theme, g.level, g.text, period,
        m.number?.toString() ?? '', m.text, m.start ?? '', m.end ?? '', ...tail.slice(0, 2), g.document, m.source?.section ?? g.source.section]);
    }
  }
  return rows;
}
