/**
 * Pending resident reports on the map for those who moderate them: the features the reports layer
 * draws (highlighted: the stops and candidates of the selected walk; selected: the report open in
 * the queue), and the wiring of the moderation store to the map adapter.
 */

import type { Feature, FeatureCollection, Point } from 'geojson';
import { highlightedForWalk } from '../domain/report-stops';
import type { ResidentReport } from '../domain/reports';
import { stockholmDate } from '../domain/walks/stockholm-time';
import { moderationStore } from './moderation';
import { appStore } from './store';

/** Pending reports as points, with what the style reads: highlighted, selected. */
export function reportFeatures(reports: readonly ResidentReport[], highlighted: ReadonlySet<string>, selectedId: string | null): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: reports.map((r): Feature<Point> => ({
      type: 'Feature', id: r.id,
      properties: { id: r.id, category: r.category, highlighted: highlighted.has(r.id), selected: r.id === selectedId },
      geometry: { type: 'Point', coordinates: r.position },
    })),
  };
}

/** What the map adapter offers for reports (AreaMap). */
export interface ReportMapTarget {
  setReports(reports: FeatureCollection<Point>): void;
  focusPoints(points: [number, number][]): void;
}

/** Keeps the map's reports layer in step with the queue, the selected walk and the open report. Returns the unsubscribe. */
export function connectReportsToMap(target: ReportMapTarget): () => void {
  const draw = () => {
    const { pending, openId } = moderationStore.getState();
    const { selection, walkData, tab } = appStore.getState();
    const walk = selection?.kind === 'walk' ? walkData.walks.find((w) => w.id === selection.id) : undefined;
    const highlighted = walk ? highlightedForWalk(walk, pending, stockholmDate(new Date().toISOString()) ?? '') : new Set<string>();
    target.setReports(reportFeatures(pending, highlighted, tab === 'reports' ? openId : null));
  };
  draw();
  const unsubscribers = [
    moderationStore.subscribe((s) => [s.pending, s.openId] as const, draw, { equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] }),
    appStore.subscribe((s) => [s.selection, s.walkData.walks, s.tab] as const, draw, { equalityFn: (a, b) => a.every((v, i) => v === b[i]) }),
    moderationStore.subscribe((s) => s.focus, (focus) => {
      const report = focus ? moderationStore.getState().known[focus.id] : undefined;
      if (report) target.focusPoints([report.position]);
    }),
  ];
  return () => unsubscribers.forEach((u) => u());
}
