import type { LayerSpecification } from 'maplibre-gl';

export const NEAR_SOURCE = 'near';

/** The point a resident asked about, and the circle of the chosen radius around it. */
export function nearLayers(): LayerSpecification[] {
  return [
    {
      id: 'near-radius-fill', type: 'fill', source: NEAR_SOURCE, filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': '#0b4f8a', 'fill-opacity': 0.06 },
    },
    {
      id: 'near-radius-line', type: 'line', source: NEAR_SOURCE, filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'line-color': '#0b4f8a', 'line-width': 2, 'line-dasharray': [2, 2] },
    },
    {
      id: 'near-point', type: 'circle', source: NEAR_SOURCE, filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-radius': 9, 'circle-color': '#0b4f8a', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 },
    },
  ];
}
