import { toCsv } from '../domain/csv';
import { stockholmDate } from '../domain/walks/stockholm-time';
import type { Finding, WalkData } from '../domain/walks/types';
import type { FormatContext, WalkFormat } from './format';

/** The columns of the findings CSV, in order; the header writes `context.label('column', key)` or these keys. */
export const FINDINGS_CSV_COLUMNS = [
  'id', 'vandringsdatum', 'kategori', 'beskrivning', 'ansvarig', 'prioritet', 'status', 'statusdatum',
  'åtgärd_senast', 'offentlig', 'stadsdel', 'stadsdelsområde', 'prioriterade_områden', 'lon', 'lat', 'historik',
] as const;

/**
 * Every status change on one line, oldest first: "2021-10-14 ny | 2021-10-20 beslutad (Anna, Polisen): note".
 * The author is there when a server recorded it.
 */
function historyText(f: Finding, label: (kind: 'status', v: string) => string): string {
  return f.history.map((h) => {
    const by = h.by ? ` (${[h.by.name, h.by.organisation].filter(Boolean).join(', ')})` : '';
    return `${stockholmDate(h.at) ?? h.at} ${label('status', h.status)}${by}${h.note ? `: ${h.note}` : ''}`;
  }).join(' | ');
}

/** "Fastighetsägare: Svenska Bostäder", or the kind's label alone when no name is given. */
function responsibleText(f: Finding, label: (kind: 'responsible', v: string) => string): string {
  const kind = label('responsible', f.responsible.kind);
  return f.responsible.name ? `${kind}: ${f.responsible.name}` : kind;
}

/**
 * One row per finding (after a header row), in the order given: its walk's date (empty for a finding
 * outside a walk), coded values through `context.label` (codes by default; public as ja/nej),
 * areas through `context.areaName` (ids by default; several priority areas joined with ", "), the
 * date (Stockholm local) of the last status change, and the position as WGS84 degrees with a point
 * as decimal sign. Walks themselves are not rows.
 */
export function findingsCsvRows(data: WalkData, context: FormatContext = {}): string[][] {
  const walkDate = new Map(data.walks.map((w) => [w.id, w.date]));
  const label = (kind: 'category' | 'status' | 'priority' | 'responsible' | 'boolean' | 'column', v: string) =>
    context.label?.(kind, v) ?? (kind === 'boolean' ? (v === 'true' ? 'ja' : 'nej') : v);
  const area = (kind: 'stadsdel' | 'district' | 'priorityArea', id: string | null) =>
    id === null ? '' : (context.areaName?.(kind, id) ?? id);
  const rows: string[][] = [FINDINGS_CSV_COLUMNS.map((c) => label('column', c))];
  for (const f of data.findings) {
    const last = f.history[f.history.length - 1];
    rows.push([
      f.id,
      f.walkId === null ? '' : (walkDate.get(f.walkId) ?? ''),
      label('category', f.category),
      f.description,
      responsibleText(f, label),
      label('priority', f.priority),
      label('status', f.status),
      last ? (stockholmDate(last.at) ?? '') : '',
      f.deadline ?? '',
      label('boolean', String(f.public)),
      area('stadsdel', f.stadsdelId),
      area('district', f.districtId),
      f.priorityAreaIds.map((id) => area('priorityArea', id)).join(', '),
      String(f.position[0]),
      String(f.position[1]),
      historyText(f, label),
    ]);
  }
  return rows;
}

/** Findings as CSV (export only), in the same dialect as the programme CSV (see domain/csv.ts). */
export const csvFormat: WalkFormat = {
  id: 'csv',
  label: 'CSV',
  extension: 'csv',
  mime: 'text/csv;charset=utf-8',
  export: (data, context) => toCsv(findingsCsvRows(data, context)),
};
