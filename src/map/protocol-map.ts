import * as maplibregl from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import type { BasemapConfig } from '../domain/basemap';
import type { AreasBundle } from '../domain/types';
import type { FindingStatus, LonLat } from '../domain/walks/types';
import { areaFillLayers, areaLineLayers, labelLayers, priorityFillOpacity } from './layers/areas';
import { basemapLayers, SOURCES, waterAndOutlineLayers } from './layers/basemap';
import { addBlockerImage, BLOCKER_IMAGE, blockerLayer } from './layers/blockers';
import { statusColours } from './layers/palette';
import { streetLayers, streetsSource, STREETS_SOURCE, type StreetsInfo } from './layers/streets';
import { attachOnlineBasemap, type OnlineStyle } from './online-basemap';
import { ONLINE_BASEMAP_BEFORE, STREETS_BEFORE } from './style';

/**
 * The printed protocol's map: drawn on a map of its own, off screen, at a fixed size and a high
 * resolution, whatever the screen (a phone's map would print blurred) and without moving the
 * user's map. Areas and their names, the streets when a street source is there (the project's
 * own tiles, or the online basemap while it works), the route, and each finding as a marker
 * carrying its row number in the protocol's table.
 */
export interface ProtocolMapInput {
  bundle: AreasBundle;
  water: FeatureCollection;
  streets: StreetsInfo | null;
  online: { config: BasemapConfig; style: OnlineStyle } | null;
  route: LonLat[];
  /** In the table's order: the first is row 1. */
  findings: { position: LonLat; status: FindingStatus }[];
  /** CSS pixels; drawn at `pixelRatio` times this. */
  width: number;
  height: number;
  pixelRatio: number;
}

export interface ProtocolMap {
  /** PNG data URL. */
  image: string;
  /** What the map shows, to be credited under it. */
  streets: 'none' | 'own' | 'online';
  /** The online basemap's credit as text (its sources' attribution), when it was drawn. */
  onlineCredit: string | null;
}

const PROTOCOL_SOURCES = { route: 'protocol-route', findings: 'protocol-findings' } as const;
/** Longest wait for tiles; the image is taken with what has come by then. */
const RENDER_TIMEOUT_MS = 12_000;

function protocolLayers(): LayerSpecification[] {
  return [
    {
      id: 'protocol-route-casing', type: 'line', source: PROTOCOL_SOURCES.route,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': 7, 'line-opacity': 0.9 },
    },
    {
      id: 'protocol-route', type: 'line', source: PROTOCOL_SOURCES.route,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': '#1d4ed8', 'line-width': 4 },
    },
    {
      // A white disc ringed in the finding's status colour, its row number in black: readable in
      // black and white print too.
      id: 'protocol-findings', type: 'circle', source: PROTOCOL_SOURCES.findings,
      paint: {
        'circle-radius': 12, 'circle-color': '#ffffff',
        'circle-stroke-width': 3.5,
        'circle-stroke-color': ['match', ['get', 'status'], ...Object.entries(statusColours).flat(), '#6b7280'] as unknown as maplibregl.ExpressionSpecification,
      },
    },
    {
      id: 'protocol-findings-number', type: 'symbol', source: PROTOCOL_SOURCES.findings,
      layout: {
        'text-field': ['to-string', ['get', 'number']], 'text-font': ['sans-serif'], 'text-size': 14,
        'text-allow-overlap': true, 'text-ignore-placement': true,
      },
      paint: { 'text-color': '#000000' },
    },
    blockerLayer('protocol-findings-blocker', PROTOCOL_SOURCES.findings, 31),
  ];
}

/** The protocol's style: the embedded basemap and areas, the streets if any, the walk on top. */
export function protocolStyle(input: Pick<ProtocolMapInput, 'bundle' | 'water' | 'streets' | 'route' | 'findings'>): StyleSpecification {
  const { bundle, water, streets, route, findings } = input;
  const geojson = (data: GeoJSON.GeoJSON) => ({ type: 'geojson' as const, data });
  const layers = [
    ...basemapLayers(), ...areaFillLayers(), ...waterAndOutlineLayers(), ...areaLineLayers(),
    // Only the names of stadsdelar and priority areas: districts are too large for a walk's map.
    ...labelLayers().filter((l) => l.id !== 'label-district'),
    ...protocolLayers(),
  ];
  if (streets) {
    const at = layers.findIndex((l) => l.id === STREETS_BEFORE);
    layers.splice(at, 0, ...streetLayers());
    const fill = layers.find((l) => l.id === 'priority-fill');
    if (fill?.type === 'fill') fill.paint = { ...fill.paint, 'fill-opacity': priorityFillOpacity(true) };
  }
  return {
    version: 8,
    sources: {
      [SOURCES.stadsdelar]: geojson(bundle.stadsdelar),
      [SOURCES.districts]: geojson(bundle.districts),
      [SOURCES.priorityAreas]: geojson(bundle.priorityAreas),
      [SOURCES.water]: geojson(water),
      [SOURCES.labels]: geojson(bundle.labels),
      [PROTOCOL_SOURCES.route]: geojson({
        type: 'FeatureCollection',
        features: route.length > 1 ? [{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: route } }] : [],
      }),
      [PROTOCOL_SOURCES.findings]: geojson({
        type: 'FeatureCollection',
        // Drawn in reverse so that where markers overlap, the lower number is on top.
        features: findings.map((f, i) => ({ type: 'Feature' as const, properties: { number: i + 1, status: f.status }, geometry: { type: 'Point' as const, coordinates: f.position } })).reverse(),
      }),
      ...(streets ? { [STREETS_SOURCE]: streetsSource(streets) } : {}),
    },
    layers,
  };
}

/** Text of an HTML attribution (links and all), for the printed caption. */
function plainText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return (doc.body.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export async function renderProtocolMap(input: ProtocolMapInput): Promise<ProtocolMap> {
  const container = document.createElement('div');
  Object.assign(container.style, { position: 'fixed', left: '-20000px', top: '0', width: `${input.width}px`, height: `${input.height}px` });
  container.setAttribute('aria-hidden', 'true');
  document.body.append(container);
  const points = [...input.route, ...input.findings.map((f) => f.position)];
  const bounds = new maplibregl.LngLatBounds();
  for (const p of points) bounds.extend(p);
  const map = new maplibregl.Map({
    container,
    style: protocolStyle(input),
    ...(points.length > 0 ? { bounds, fitBoundsOptions: { padding: 60, maxZoom: 16.5 } } : { center: [18.06, 59.33], zoom: 11 }),
    interactive: false,
    attributionControl: false,
    pixelRatio: input.pixelRatio,
    fadeDuration: 0,
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  // The markers' data is in the style: their blocker's image is asked for before `load`.
  map.on('styleimagemissing', (e: { id: string }) => { if (e.id === BLOCKER_IMAGE) addBlockerImage(map); });
  // Set from the basemap's status callbacks.
  const drawn: { streets: ProtocolMap['streets'] } = { streets: input.streets ? 'own' : 'none' };
  let detach = () => {};
  try {
    await new Promise<void>((resolve, reject) => {
      map.once('load', () => resolve());
      map.once('error', (e) => reject(e.error));
    });
    let settled: Promise<void> = Promise.resolve();
    if (input.online) {
      const own = input.streets !== null;
      settled = new Promise<void>((resolve) => {
        ({ detach } = attachOnlineBasemap(map, input.online!.config, {
          onStatus: (status) => {
            if (status === 'online') {
              drawn.streets = 'online';
              map.setPaintProperty('land', 'fill-opacity', 0);
              map.setLayoutProperty('water', 'visibility', 'none');
              if (own) for (const l of streetLayers()) map.setLayoutProperty(l.id, 'visibility', 'none');
              resolve();
            } else if (status === 'fallback') {
              drawn.streets = own ? 'own' : 'none';
              map.setPaintProperty('land', 'fill-opacity', 1);
              map.setLayoutProperty('water', 'visibility', 'visible');
              if (own) for (const l of streetLayers()) map.setLayoutProperty(l.id, 'visibility', 'visible');
              resolve();
            }
          },
        }, ONLINE_BASEMAP_BEFORE, input.online!.style));
      });
    }
    const idle = async () => {
      await settled;
      map.triggerRepaint();
      await new Promise<void>((resolve) => map.once('idle', () => resolve()));
    };
    await Promise.race([idle(), new Promise<void>((resolve) => setTimeout(resolve, RENDER_TIMEOUT_MS))]);
    const image = map.getCanvas().toDataURL('image/png');
    // Credited only when some of it is in the picture.
    if (drawn.streets === 'own' && map.queryRenderedFeatures({ layers: streetLayers().map((l) => l.id) }).length === 0) drawn.streets = 'none';
    const onlineCredit = drawn.streets === 'online'
      ? [...new Set(Object.values(input.online!.style.sources).map((s) => ('attribution' in s && typeof s.attribution === 'string' ? plainText(s.attribution) : '')).filter(Boolean))].join('; ') || null
      : null;
    return { image, streets: drawn.streets, onlineCredit };
  } finally {
    detach();
    map.remove();
    container.remove();
  }
}
