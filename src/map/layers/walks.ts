import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { FINDING_STATUSES } from '../../domain/walks/types';
import { palette, statusColours } from './palette';

export const WALK_SOURCES = { routes: 'walk-routes', findings: 'findings', overview: 'findings-overview', draft: 'route-draft' } as const;
/** Below this zoom findings are shown as counted clusters: a city's years of findings are too many dots. */
export const FINDINGS_MINZOOM = 12;
export const WALK_LAYERS = { findings: 'findings-points', routes: 'walk-routes-line', draftVertices: 'route-draft-vertices' } as const;

const statusColour = [
  'match', ['get', 'status'],
  ...FINDING_STATUSES.flatMap((s) => [s, statusColours[s]]),
  '#6b7280',
] as unknown as ExpressionSpecification;
const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];
const overviewRadius: ExpressionSpecification = ['case', ['has', 'point_count'], ['step', ['get', 'point_count'], 10, 50, 14, 500, 18, 5000, 23], 6];
/** How wide finding markers are on screen, rings included (for the label blockers, see blockers.ts). */
export const FINDING_MARKER_DIAMETER = 21;
export const OVERVIEW_MARKER_DIAMETER: ExpressionSpecification = ['+', 3, ['*', 2, overviewRadius]];

/**
 * Walk routes as lines, findings as points coloured by status (overdue ones ringed red), and the
 * route being drawn with its vertices.
 */
export function walkLayers(): LayerSpecification[] {
  return [
    {
      // A white edge keeps the route apart from streets and boundary lines under it.
      id: 'walk-routes-casing', type: 'line', source: WALK_SOURCES.routes,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': ['case', selected, 8, 5.5], 'line-opacity': 0.9 },
    },
    {
      id: WALK_LAYERS.routes, type: 'line', source: WALK_SOURCES.routes,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        // Selected: wider and darker blue (not the boundaries' slate, which it would be mistaken for).
        'line-color': ['case', selected, '#1e40af', '#1d4ed8'],
        'line-width': ['case', selected, 5, 3],
        'line-opacity': 0.9,
      },
    },
    {
      id: 'route-draft-line', type: 'line', source: WALK_SOURCES.draft, filter: ['==', ['geometry-type'], 'LineString'],
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': '#1d4ed8', 'line-width': 3, 'line-dasharray': [1.5, 1] },
    },
    {
      id: WALK_LAYERS.draftVertices, type: 'circle', source: WALK_SOURCES.draft, filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-radius': 6, 'circle-color': '#ffffff', 'circle-stroke-color': '#1d4ed8', 'circle-stroke-width': 2.5 },
    },
    {
      id: 'findings-overview', type: 'circle', source: WALK_SOURCES.overview, maxzoom: FINDINGS_MINZOOM,
      paint: {
        'circle-color': ['case', ['has', 'point_count'], '#7f1d1d', statusColour],
        'circle-radius': overviewRadius,
        'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5, 'circle-opacity': 0.9,
      },
    },
    {
      id: 'findings-overview-count', type: 'symbol', source: WALK_SOURCES.overview, maxzoom: FINDINGS_MINZOOM, filter: ['has', 'point_count'],
      layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-font': ['sans-serif'], 'text-size': 11, 'text-allow-overlap': true, 'text-ignore-placement': true },
      paint: { 'text-color': '#ffffff' },
    },
    {
      id: WALK_LAYERS.findings, type: 'circle', source: WALK_SOURCES.findings, minzoom: FINDINGS_MINZOOM,
      paint: {
        'circle-color': statusColour,
        'circle-radius': ['case', selected, 10, 7.5],
        'circle-stroke-color': ['case', ['==', ['get', 'overdue'], true], '#b91c1c', selected, palette.selected, '#ffffff'],
        'circle-stroke-width': ['case', ['==', ['get', 'overdue'], true], 3, selected, 3, 1.5],
      },
    },
  ];
}
