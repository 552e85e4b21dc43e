import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { SOURCES } from './basemap';
import { palette } from './palette';

const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];
const approximate: ExpressionSpecification = ['==', ['get', 'approximate'], true];

/** Layer ids the adapter queries on click. */
export const CLICKABLE = { priorityArea: 'priority-fill', stadsdel: 'land' } as const;

/**
 * Priority areas over the basemap: whole-stadsdel areas filled and outlined solid, approximate
 * outlines lighter and dashed; the selected area (any kind) gets a dark outline.
 */
export function areaFillLayers(): LayerSpecification[] {
  return [
    {
      id: 'district-selected-fill', type: 'fill', source: SOURCES.districts,
      paint: { 'fill-color': palette.selected, 'fill-opacity': ['case', selected, 0.08, 0] },
    },
    {
      id: 'priority-fill', type: 'fill', source: SOURCES.priorityAreas,
      paint: {
        'fill-color': ['case', approximate, palette.approximate, palette.priority],
        'fill-opacity': priorityFillOpacity(false),
      },
    },
  ];
}

/**
 * Priority-area fill: as strong as ever over the plain basemap; lighter at street zooms when
 * streets are drawn (the fill is then the ground under the streets, or a tint over the online map).
 */
export function priorityFillOpacity(streets: boolean): ExpressionSpecification {
  const at = (sel: number, approx: number, whole: number): ExpressionSpecification => ['case', selected, sel, approximate, approx, whole];
  return streets ? ['interpolate', ['linear'], ['zoom'], 12.5, at(0.45, 0.18, 0.28), 14.5, at(0.3, 0.1, 0.14)] : at(0.45, 0.18, 0.28);
}

/** Outlines of the priority areas and of whatever is selected, over water and basemap lines. */
export function areaLineLayers(): LayerSpecification[] {
  return [
    {
      id: 'priority-line', type: 'line', source: SOURCES.priorityAreas, filter: ['!', approximate],
      paint: { 'line-color': palette.priority, 'line-width': 1.6 },
    },
    {
      id: 'priority-approximate-line', type: 'line', source: SOURCES.priorityAreas, filter: approximate,
      paint: { 'line-color': palette.approximate, 'line-width': 1.8, 'line-dasharray': [2, 1.5] },
    },
    {
      id: 'selected-line', type: 'line', source: SOURCES.priorityAreas,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': palette.selected, 'line-width': ['case', selected, 3.5, 0] },
    },
    {
      id: 'stadsdel-selected-line', type: 'line', source: SOURCES.stadsdelar,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': palette.selected, 'line-width': ['case', selected, 3, 0] },
    },
    {
      id: 'district-selected-line', type: 'line', source: SOURCES.districts,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': palette.selected, 'line-width': ['case', selected, 4, 0] },
    },
  ];
}

/** Names: districts when zoomed out, stadsdelar and priority areas when zoomed in. */
export function labelLayers(): LayerSpecification[] {
  const text = {
    'text-field': ['get', 'name'] as ExpressionSpecification,
    'text-font': ['sans-serif'],
    'text-max-width': 8,
  };
  const halo = { 'text-halo-color': palette.labelHalo, 'text-halo-width': 1.6 } as const;
  return [
    {
      id: 'label-stadsdel', type: 'symbol', source: SOURCES.labels, minzoom: 11.5,
      filter: ['==', ['get', 'kind'], 'stadsdel'],
      layout: { ...text, 'text-size': 11 },
      paint: { ...halo, 'text-color': '#52606d' },
    },
    {
      id: 'label-priority', type: 'symbol', source: SOURCES.labels, minzoom: 10.5,
      filter: ['==', ['get', 'kind'], 'priorityArea'],
      // Goals placed on a whole area sit on its label point: the name goes below their cluster, or
      // above or beside it where a marker or another name is below (see blockers.ts).
      layout: {
        ...text, 'text-size': 12.5,
        'text-variable-anchor-offset': ['top', [0, 2.3], 'bottom', [0, -2.3], 'left', [2.3, 0], 'right', [-2.3, 0]],
      },
      paint: { ...halo, 'text-color': palette.priority },
    },
    {
      id: 'label-district', type: 'symbol', source: SOURCES.labels, maxzoom: 12,
      filter: ['==', ['get', 'kind'], 'district'],
      // Above the district's own goal cluster, which sits on the label point.
      layout: {
        ...text, 'text-size': ['interpolate', ['linear'], ['zoom'], 9, 11, 11, 14], 'text-transform': 'uppercase',
        'text-letter-spacing': 0.05, 'text-variable-anchor-offset': ['bottom', [0, -2.5], 'top', [0, 2.5]],
      },
      paint: { ...halo, 'text-color': palette.label },
    },
  ];
}
