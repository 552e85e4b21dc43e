import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { THEME_FAMILIES } from '../../domain/theme-family';
import { SOURCES } from './basemap';
import { familyColours, palette } from './palette';

const familyColour: ExpressionSpecification = [
  'match', ['get', 'family'],
  ...THEME_FAMILIES.flatMap((f) => [f, familyColours[f]]),
  familyColours.ovrigt,
] as unknown as ExpressionSpecification;

export const PROGRAMME_LAYERS = { clusters: 'programme-clusters', points: 'programme-points', selected: 'programme-selected' } as const;

const clusterRadius: ExpressionSpecification = ['step', ['get', 'point_count'], 13, 10, 16, 30, 20, 100, 25];
const pointRadius: ExpressionSpecification = ['case', ['==', ['get', 'kind'], 'goal'], 8, 5.5];
/** How wide a goal marker is on screen, the white ring of clusters left out so that names may touch it (for the label blocker, see blockers.ts). */
export const PROGRAMME_MARKER_DIAMETER: ExpressionSpecification = ['case', ['has', 'point_count'], ['*', 2, clusterRadius], ['+', 3, ['*', 2, pointRadius]]];

/**
 * Goals and measures as points, clustered where they crowd (the source clusters); a cluster
 * shows its count, a single point its theme colour. Goals are larger than measures.
 */
export function programmeLayers(): LayerSpecification[] {
  return [
    {
      id: PROGRAMME_LAYERS.clusters, type: 'circle', source: SOURCES.programme, filter: ['has', 'point_count'],
      paint: {
        'circle-color': palette.cluster,
        'circle-radius': clusterRadius,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
        'circle-opacity': 0.92,
      },
    },
    {
      id: 'programme-cluster-count', type: 'symbol', source: SOURCES.programme, filter: ['has', 'point_count'],
      // Counts never hide area names: they are drawn on their circle and take no room from labels.
      layout: { 'text-field': ['to-string', ['get', 'point_count']], 'text-font': ['sans-serif'], 'text-size': 12, 'text-allow-overlap': true, 'text-ignore-placement': true },
      paint: { 'text-color': '#ffffff' },
    },
    {
      id: PROGRAMME_LAYERS.points, type: 'circle', source: SOURCES.programme, filter: ['!', ['has', 'point_count']],
      paint: {
        'circle-color': familyColour,
        'circle-radius': pointRadius,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
    {
      // The selected goal's points, ringed, from an unclustered source so that they show even
      // where the goal sits inside a cluster.
      id: PROGRAMME_LAYERS.selected, type: 'circle', source: SOURCES.programmeSelected,
      paint: { 'circle-color': 'rgba(0,0,0,0)', 'circle-radius': 11, 'circle-stroke-color': palette.selected, 'circle-stroke-width': 3 },
    },
  ];
}
