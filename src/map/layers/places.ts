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
      id: 'places-label', type: 'symbol', source: PLACE_SOURCE, minzoom: 13.5,
      layout: { 'text-field': ['get', 'name'], 'text-font': ['sans-serif'], 'text-size': 11, 'text-anchor': 'top', 'text-offset': [0, 0.7], 'text-optional': true },
      paint: { 'text-color': '#1f2933', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
  ];
}
