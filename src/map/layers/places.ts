import type { LayerSpecification } from 'maplibre-gl';

export const PLACE_SOURCE = 'places';
export const PLACE_LAYER = 'places-points';

/** Named places the documents mention (squares, parks, schools …): small dark dots, named when zoomed in. */
export function placeLayers(): LayerSpecification[] {
  return [
    {
      id: PLACE_LAYER, type: 'circle', source: PLACE_SOURCE, minzoom: 11,
      paint: {
        'circle-radius': ['case', ['boolean', ['feature-state', 'selected'], false], 8, 5],
        'circle-color': '#1f2933', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5,
      },
    },
    {
      id: 'places-label', type: 'symbol', source: PLACE_SOURCE, minzoom: 13.5, filter: ['!=', ['get', 'named'], false],
      // Below the dot, else above or beside it, else further out, where a marker (a goal cluster on
      // the same spot, say) or a name is in the way (see blockers.ts).
      layout: {
        'text-field': ['get', 'name'], 'text-font': ['sans-serif'], 'text-size': 11,
        'text-variable-anchor-offset': [
          'top', [0, 0.9], 'bottom', [0, -0.9], 'left', [0.9, 0], 'right', [-0.9, 0],
          'top', [0, 2.2], 'bottom', [0, -2.2], 'left', [2.2, 0], 'right', [-2.2, 0],
        ],
      },
      paint: { 'text-color': '#1f2933', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
  ];
}
