import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection } from 'geojson';
import type { AreaFeature } from '../domain/area-index';
import type { AreaKind, AreasBundle } from '../domain/types';
import { CLICKABLE } from './layers/areas';
import { SOURCES } from './layers/basemap';
import { buildStyle } from './style';

// MapLibre 6 runs its worker as a separate module; under a Vite build it must be told where it is.
maplibregl.setWorkerUrl(workerUrl);

export interface MapView { center: [number, number]; zoom: number }
export interface Pick { kind: AreaKind; id: string }

export interface AreaMapOptions {
  container: HTMLElement;
  bundle: AreasBundle;
  water: FeatureCollection;
  /** Start here; without it the map fits all of Stockholm. */
  view: MapView | null;
  attribution: string;
  onPick(pick: Pick | null): void;
  onMove(view: MapView): void;
}

const SOURCE_OF: Record<AreaKind, string> = {
  district: SOURCES.districts, stadsdel: SOURCES.stadsdelar, priorityArea: SOURCES.priorityAreas,
};

/**
 * Owns the MapLibre map: created once, fed the built data once, then only feature-state and
 * camera calls. It knows nothing of React or the store; the caller wires it to both.
 */
export class AreaMap {
  readonly map: maplibregl.Map;
  private loaded = false;
  private selected: Pick | null = null;
  private pendingSelection: Pick | null = null;

  constructor(private readonly options: AreaMapOptions) {
    const { container, bundle, view } = options;
    this.map = new maplibregl.Map({
      container,
      style: buildStyle(options.attribution),
      bounds: view ? undefined : (bundle.bbox as [number, number, number, number]),
      center: view?.center,
      zoom: view?.zoom,
      fitBoundsOptions: { padding: 20 },
      minZoom: 8,
      maxZoom: 17,
      maxBounds: [[bundle.bbox[0] - 0.5, bundle.bbox[1] - 0.25], [bundle.bbox[2] + 0.5, bundle.bbox[3] + 0.25]],
      attributionControl: { compact: false },
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.keyboard.disableRotation();
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');

    container.dataset.idle = 'false';
    this.map.on('movestart', () => { container.dataset.idle = 'false'; });
    this.map.on('idle', () => { container.dataset.idle = 'true'; });
    this.map.on('load', () => this.onLoad());
    this.map.on('moveend', () => {
      const c = this.map.getCenter();
      options.onMove({ center: [c.lng, c.lat], zoom: this.map.getZoom() });
    });
    this.map.on('click', (e) => options.onPick(this.pickAt(e.point)));
    this.map.on('mousemove', (e) => {
      this.map.getCanvas().style.cursor = this.pickAt(e.point) ? 'pointer' : '';
    });
  }

  private onLoad(): void {
    const { bundle, water } = this.options;
    const set = (id: string, data: GeoJSON.GeoJSON) => (this.map.getSource(id) as maplibregl.GeoJSONSource).setData(data);
    set(SOURCES.stadsdelar, bundle.stadsdelar);
    set(SOURCES.districts, bundle.districts);
    set(SOURCES.priorityAreas, bundle.priorityAreas);
    set(SOURCES.water, water);
    set(SOURCES.labels, bundle.labels);
    this.loaded = true;
    if (this.pendingSelection) this.setSelection(this.pendingSelection);
  }

  /** The priority area under the point (the smallest, where two overlap), else the stadsdel. */
  private pickAt(point: maplibregl.PointLike): Pick | null {
    const areas = this.map.queryRenderedFeatures(point, { layers: [CLICKABLE.priorityArea] });
    if (areas.length > 0) {
      const smallest = areas.reduce((a, b) => (Number(b.properties.areaKm2) < Number(a.properties.areaKm2) ? b : a));
      return { kind: 'priorityArea', id: String(smallest.properties.id) };
    }
    const [stadsdel] = this.map.queryRenderedFeatures(point, { layers: [CLICKABLE.stadsdel] });
    return stadsdel ? { kind: 'stadsdel', id: String(stadsdel.properties.id) } : null;
  }

  /** Highlights one area (or none) through feature-state; layers stay as they are. */
  setSelection(pick: Pick | null): void {
    if (!this.loaded) {
      this.pendingSelection = pick;
      return;
    }
    if (this.selected) this.map.setFeatureState({ source: SOURCE_OF[this.selected.kind], id: this.selected.id }, { selected: false });
    this.selected = pick;
    if (pick) this.map.setFeatureState({ source: SOURCE_OF[pick.kind], id: pick.id }, { selected: true });
  }

  /** Moves the camera to show the whole area. */
  focus(feature: AreaFeature): void {
    const bounds = new maplibregl.LngLatBounds();
    const coords = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    for (const poly of coords) for (const [x, y] of poly[0]!) bounds.extend([x!, y!]);
    const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    this.map.fitBounds(bounds, { padding: 40, maxZoom: 15, duration: reduce ? 0 : 600 });
  }

  resize(): void {
    this.map.resize();
  }

  destroy(): void {
    this.map.remove();
  }
}
