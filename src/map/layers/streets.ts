import type { ExpressionSpecification, LayerSpecification, VectorSourceSpecification } from 'maplibre-gl';

/**
 * The project's own street layer (issue 11): vector tiles built from OpenStreetMap by
 * `npm run streets` into `streets/{z}/{x}/{y}.pbf` with `streets/tiles.json`, served with the app.
 * A source and layers of their own (ODbL), apart from the CC0 city data and users' records; drawn
 * over the area fills (as the ground under the streets) and under everything else of the app.
 */
export const STREETS_SOURCE = 'streets';
export const STREET_LAYERS = {
  buildings: 'streets-building',
  casing: 'streets-casing',
  roads: 'streets-road',
  footways: 'streets-footway',
  cycleways: 'streets-cycleway',
  steps: 'streets-steps',
  names: 'streets-name',
} as const;
/** Every layer of the street source, bottom to top. */
export const STREET_LAYER_IDS: string[] = Object.values(STREET_LAYERS);

export const OSM_ATTRIBUTION = '<a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">© OpenStreetMap contributors</a> (ODbL)';

/** What `streets/tiles.json` says, with the tile URLs made absolute. */
export interface StreetsInfo {
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  bounds?: [number, number, number, number];
  attribution: string;
}

/** Colours of the street layer, shared with the legend. */
export const streetColours = {
  building: '#ddd6ca',
  buildingLine: '#c7bfb1',
  casing: '#bdb4a6',
  road: '#ffffff',
  major: '#fff1c2',
  pedestrian: '#efebe4',
  footway: '#7d6b5a',
  cycleway: '#2f6f8f',
  steps: '#7d6b5a',
  name: '#3d372f',
} as const;

/**
 * Reads `streets/tiles.json` under the app's base. Absent (404, the app's page in its place, no
 * connection) → null, quietly: the map is complete without it.
 */
export async function loadStreets(base: string): Promise<StreetsInfo | null> {
  try {
    const at = new URL('streets/tiles.json', base);
    const response = await fetch(at);
    if (!response.ok || !/json/.test(response.headers.get('content-type') ?? '')) return null;
    const json = (await response.json()) as { tiles?: unknown; minzoom?: unknown; maxzoom?: unknown; bounds?: unknown; attribution?: unknown };
    if (!Array.isArray(json.tiles) || json.tiles.length === 0 || !json.tiles.every((t) => typeof t === 'string')) return null;
    // Tile templates are relative to the app's base; URL() escapes the braces, which MapLibre fills in.
    const tiles = (json.tiles as string[]).map((t) => new URL(t, base).href.replace(/%7B/gi, '{').replace(/%7D/gi, '}'));
    const bounds = Array.isArray(json.bounds) && json.bounds.length === 4 && json.bounds.every((b) => typeof b === 'number')
      ? json.bounds as [number, number, number, number] : undefined;
    return {
      tiles,
      minzoom: typeof json.minzoom === 'number' ? json.minzoom : 12,
      maxzoom: typeof json.maxzoom === 'number' ? json.maxzoom : 14,
      ...(bounds ? { bounds } : {}),
      attribution: typeof json.attribution === 'string' && /openstreetmap/i.test(json.attribution) ? json.attribution : OSM_ATTRIBUTION,
    };
  } catch {
    return null;
  }
}

export function streetsSource(info: StreetsInfo): VectorSourceSpecification {
  return {
    type: 'vector', tiles: info.tiles, minzoom: info.minzoom, maxzoom: info.maxzoom,
    ...(info.bounds ? { bounds: info.bounds } : {}), attribution: info.attribution,
  };
}

const cls: ExpressionSpecification = ['get', 'class'];

/** Line widths by class at a few zooms, `extra` pixels wider for the casing. */
function roadWidth(extra: number): ExpressionSpecification {
  const at = (major: number, minor: number, service: number): ExpressionSpecification =>
    ['match', cls, 'major', major + extra, ['minor', 'pedestrian'], minor + extra, service + extra] as ExpressionSpecification;
  return ['interpolate', ['exponential', 1.6], ['zoom'], 12, at(1, 0.4, 0.2), 14, at(3, 1.8, 0.8), 16, at(9, 6, 3), 17, at(14, 9, 5)] as ExpressionSpecification;
}

const roads: ExpressionSpecification = ['match', cls, ['major', 'minor', 'service', 'pedestrian'], true, false] as ExpressionSpecification;
const pathWidth = (low: number, high: number): ExpressionSpecification => ['interpolate', ['linear'], ['zoom'], 14, low, 17, high];

/**
 * Buildings, streets by class (a casing under a fill; main streets light yellow, pedestrian
 * streets paved grey), footways, cycleways and steps dashed in their own colours, then street
 * names along the lines (local glyphs: no `glyphs` URL is needed). Street names are placed after
 * every other label of the app (they are lower in the style), so names and markers keep them off.
 */
export function streetLayers(): LayerSpecification[] {
  const source = STREETS_SOURCE;
  return [
    {
      id: STREET_LAYERS.buildings, type: 'fill', source, 'source-layer': 'building', minzoom: 14,
      paint: {
        'fill-color': streetColours.building, 'fill-outline-color': streetColours.buildingLine,
        'fill-opacity': ['interpolate', ['linear'], ['zoom'], 14, 0.45, 16, 0.85],
      },
    },
    {
      id: STREET_LAYERS.casing, type: 'line', source, 'source-layer': 'transportation', minzoom: 13, filter: roads,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': streetColours.casing, 'line-width': roadWidth(1.5) },
    },
    {
      id: STREET_LAYERS.roads, type: 'line', source, 'source-layer': 'transportation', minzoom: 13, filter: roads,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': ['match', cls, 'major', streetColours.major, 'pedestrian', streetColours.pedestrian, streetColours.road] as ExpressionSpecification,
        'line-width': roadWidth(0),
      },
    },
    {
      id: STREET_LAYERS.footways, type: 'line', source, 'source-layer': 'transportation', minzoom: 14, filter: ['==', cls, 'footway'],
      paint: { 'line-color': streetColours.footway, 'line-width': pathWidth(0.8, 2), 'line-dasharray': [2, 1.4] },
    },
    {
      id: STREET_LAYERS.cycleways, type: 'line', source, 'source-layer': 'transportation', minzoom: 14, filter: ['==', cls, 'cycleway'],
      paint: { 'line-color': streetColours.cycleway, 'line-width': pathWidth(1, 2.4), 'line-dasharray': [4, 1.6] },
    },
    {
      // Steps: short wide rungs.
      id: STREET_LAYERS.steps, type: 'line', source, 'source-layer': 'transportation', minzoom: 14, filter: ['==', cls, 'steps'],
      paint: { 'line-color': streetColours.steps, 'line-width': pathWidth(2, 5), 'line-dasharray': [0.35, 0.35] },
    },
    {
      id: STREET_LAYERS.names, type: 'symbol', source, 'source-layer': 'transportation', minzoom: 15,
      filter: ['all', ['has', 'name'], ['match', cls, ['major', 'minor', 'pedestrian', 'service'], true, false]],
      layout: {
        'symbol-placement': 'line',
        'symbol-spacing': 280,
        'symbol-sort-key': ['match', cls, 'major', 0, 'minor', 1, 'pedestrian', 2, 3],
        'text-field': ['get', 'name'],
        'text-font': ['sans-serif'],
        'text-size': ['interpolate', ['linear'], ['zoom'], 15, 10.5, 17, 12.5],
        'text-max-angle': 35,
        'text-padding': 3,
      },
      paint: { 'text-color': streetColours.name, 'text-halo-color': '#ffffff', 'text-halo-width': 1.6 },
    },
  ];
}
