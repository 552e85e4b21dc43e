import type { LayerSpecification } from 'maplibre-gl';

export const SITE_SOURCES = { sites: 'sites', lov3: 'lov3' } as const;
export const SITE_LAYERS = { sites: 'sites-points', lov3: 'lov3-fill' } as const;
export const SITE_COLOUR = '#7c2d12';
export const LOV3_COLOUR = '#b45309';

/**
 * Platssamverkan sites as square-ish markers (a ring, so they read apart from goal dots), and
 * LOV3 areas as dashed, lightly filled approximate outlines.
 */
export function siteLayers(): LayerSpecification[] {
  return [
    {
      id: SITE_LAYERS.lov3, type: 'fill', source: SITE_SOURCES.lov3,
      paint: { 'fill-color': LOV3_COLOUR, 'fill-opacity': 0.12 },
    },
    {
      id: 'lov3-line', type: 'line', source: SITE_SOURCES.lov3,
      paint: { 'line-color': LOV3_COLOUR, 'line-width': 2, 'line-dasharray': [1, 1.5] },
    },
    {
      id: SITE_LAYERS.sites, type: 'circle', source: SITE_SOURCES.sites,
      paint: {
        'circle-radius': ['case', ['boolean', ['feature-state', 'selected'], false], 12, 9],
        'circle-color': '#ffffff',
        'circle-stroke-color': SITE_COLOUR,
        'circle-stroke-width': 4,
      },
    },
    {
      id: 'sites-label', type: 'symbol', source: SITE_SOURCES.sites, minzoom: 12,
      // Right of the ring, else left, above or below it (see blockers.ts).
      layout: {
        'text-field': ['get', 'name'], 'text-font': ['sans-serif'], 'text-size': 12,
        'text-variable-anchor-offset': [
          'left', [1.35, 0], 'right', [-1.35, 0], 'top', [0, 1.35], 'bottom', [0, -1.35],
          'left', [2.4, 0], 'right', [-2.4, 0], 'top', [0, 2.4], 'bottom', [0, -2.4],
        ],
      },
      paint: { 'text-color': SITE_COLOUR, 'text-halo-color': '#ffffff', 'text-halo-width': 1.6 },
    },
  ];
}
