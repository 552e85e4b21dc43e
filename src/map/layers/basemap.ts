import type { LayerSpecification } from 'maplibre-gl';
import { palette } from './palette';

/** Source ids; the adapter fills them with the built data. */
export const SOURCES = {
  stadsdelar: 'stadsdelar',
  districts: 'districts',
  priorityAreas: 'priority-areas',
  water: 'water',
  labels: 'labels',
  programme: 'programme',
  programmeSelected: 'programme-selected',
} as const;

/**
 * The offline basemap from the CC0 data: land is the union of the stadsdelar. No tiles, no
 * glyph server.
 */
export function basemapLayers(): LayerSpecification[] {
  return [
    { id: 'outside', type: 'background', paint: { 'background-color': palette.outside } },
    { id: 'land', type: 'fill', source: SOURCES.stadsdelar, paint: { 'fill-color': palette.land } },
  ];
}

/** Water goes over the area fills (the stadsdelar include lakes and sea), under the outlines. */
export function waterAndOutlineLayers(): LayerSpecification[] {
  return [
    { id: 'water', type: 'fill', source: SOURCES.water, paint: { 'fill-color': palette.water } },
    {
      id: 'stadsdel-line', type: 'line', source: SOURCES.stadsdelar,
      paint: {
        'line-color': palette.stadsdelLine,
        'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.3, 13, 1.2],
        'line-opacity': ['interpolate', ['linear'], ['zoom'], 9, 0.4, 11, 1],
      },
    },
    {
      id: 'district-line', type: 'line', source: SOURCES.districts,
      layout: { 'line-join': 'round' },
      // Lighter at street zooms, where a walk's route and the streets matter more than the boundary.
      paint: {
        'line-color': palette.districtLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1.2, 14, 3],
        'line-opacity': ['interpolate', ['linear'], ['zoom'], 14, 1, 16, 0.5],
      },
    },
  ];
}
