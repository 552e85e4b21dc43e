import * as turf from '@turf/turf';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection, Point } from 'geojson';
import type { AreaFeature } from '../domain/area-index';
import type { ProgrammePointProps } from '../domain/programme';
import type { AreaKind, AreasBundle } from '../domain/types';
import { CLICKABLE } from './layers/areas';
import { SOURCES } from './layers/basemap';
import { CHOROPLETH_LAYER, choroplethColour } from './layers/choropleth';
import { PROGRAMME_LAYERS } from './layers/programme';
import { WALK_LAYERS, WALK_SOURCES } from './layers/walks';
import { enableFeatureDrag } from './feature-drag';
import { NEAR_SOURCE } from './layers/near';
import { PLACE_LAYER, PLACE_SOURCE } from './layers/places';
import { SITE_LAYERS, SITE_SOURCES } from './layers/sites';
import { addReportIcons, REPORT_LAYER, REPORT_SOURCE } from './layers/reports';
import { addBlockerImage } from './layers/blockers';
import { priorityFillOpacity } from './layers/areas';
import { loadStreets, streetLayers, streetsSource, STREET_LAYER_IDS, STREETS_SOURCE, type StreetsInfo } from './layers/streets';
import { attachOnlineBasemap, type BasemapStatus, type OnlineBasemap } from './online-basemap';
import { buildStyle, ONLINE_BASEMAP_BEFORE, STREETS_BEFORE } from './style';
import type { BasemapConfig } from '../domain/basemap';
import type { FindingStatus, LonLat } from '../domain/walks/types';
import type { ProtocolMap } from './protocol-map';

// MapLibre 6 runs its worker as a separate module; under a Vite build it must be told where it is.
maplibregl.setWorkerUrl(workerUrl);

export interface MapView { center: [number, number]; zoom: number }
/** What a click picked: an area, a goal, a walk, a finding, or a stack of goals that share one spot. */
export type Pick = { kind: AreaKind | 'goal' | 'walk' | 'finding' | 'site' | 'place'; id: string } | { kind: 'stack'; goalIds: string[] }
  /** A pending resident report (drawn only for those who moderate it). */
  | { kind: 'report'; id: string };

/**
 * browse: clicks select; pin: a click places a finding; draw-route: clicks add route vertices;
 * pick-point: a click chooses the point for "near me"; pick-report: a click places a resident's report.
 */
export type MapMode = 'browse' | 'pin' | 'draw-route' | 'pick-point' | 'pick-report';

export interface AreaMapOptions {
  container: HTMLElement;
  bundle: AreasBundle;
  water: FeatureCollection;
  /** Start here; without it the map fits all of Stockholm. */
  view: MapView | null;
  attribution: string;
  /** The online basemap the deployment configured (read from the page), or null. */
  basemap: BasemapConfig | null;
  /** The app's base URL (absolute): the project's street tiles are looked for under it. */
  base: string;
  /** What is drawn under the app's layers changed: the project's streets, the online basemap. */
  onStreets(state: MapStreets): void;
  onPick(pick: Pick | null): void;
  onMove(view: MapView): void;
  /** A click in pin mode. */
  onPin(position: [number, number]): void;
  /** The route being drawn changed (vertex added or dragged). */
  onDraftChange(route: [number, number][]): void;
  /** A finding was dragged to a new position. */
  onFindingMoved(id: string, position: [number, number]): void;
}

const EMPTY: FeatureCollection<Point> = { type: 'FeatureCollection', features: [] };
/** The streets under the app's layers: the project's own tiles (when built), the online basemap's status. */
export interface MapStreets { own: boolean; online: BasemapStatus }


const SOURCE_OF: Record<AreaKind, string> = {
  district: SOURCES.districts, stadsdel: SOURCES.stadsdelar, priorityArea: SOURCES.priorityAreas,
};

/**
 * Owns the MapLibre map: created once, fed the area data once, then only setData on the
 * programme points, feature-state, filters, paint properties and camera calls. It knows nothing
 * of React or the store; the caller wires it to both.
 */
export class AreaMap {
  readonly map: maplibregl.Map;
  private loaded = false;
  private selected: { kind: AreaKind; id: string } | null = null;
  /** Calls made before the style loaded, replayed on load in order. */
  private queue: (() => void)[] = [];
  private choroplethKind: AreaKind | null = null;
  private countedIds: string[] = [];
  private mode: MapMode = 'browse';
  private draft: [number, number][] = [];
  private findings: FeatureCollection<Point> = EMPTY;
  private selectedWalkItem: { source: string; id: string } | null = null;
  private readonly streetsInfo: Promise<StreetsInfo | null>;
  private streets: StreetsInfo | null = null;
  private online: BasemapStatus = 'none';
  private onlineBasemap: OnlineBasemap | null = null;

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
    // Looked for at once, beside the style: present only where `npm run streets` was run.
    this.streetsInfo = loadStreets(options.base);
    this.map.touchZoomRotate.disableRotation();
    this.map.keyboard.disableRotation();
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');

    container.dataset.idle = 'false';
    this.map.on('movestart', () => { container.dataset.idle = 'false'; });
    this.map.on('idle', () => { container.dataset.idle = 'true'; });
    this.map.on('load', () => this.onLoad());
    // With a listener MapLibre no longer logs errors itself: log all but the street sources' tile
    // errors (the online basemap falls back on them; a missing tile of our own is an empty tile).
    this.map.on('error', (e: maplibregl.ErrorEvent & { sourceId?: string }) => {
      if (e.sourceId === STREETS_SOURCE || e.sourceId?.startsWith('basemap:')) return;
      console.error(e.error);
    });
    this.map.on('moveend', () => {
      const c = this.map.getCenter();
      options.onMove({ center: [c.lng, c.lat], zoom: this.map.getZoom() });
    });
    this.map.on('click', (e) => {
      const at: [number, number] = [e.lngLat.lng, e.lngLat.lat];
      if (this.mode === 'pin' || this.mode === 'pick-point' || this.mode === 'pick-report') options.onPin(at);
      else if (this.mode === 'draw-route') {
        if (this.map.queryRenderedFeatures(e.point, { layers: [WALK_LAYERS.draftVertices] }).length > 0) return;
        this.setDraft([...this.draft, at]);
        options.onDraftChange(this.draft);
      } else void this.pickAt(e.point).then(options.onPick);
    });
    this.map.on('mousemove', (e) => {
      if (this.mode !== 'browse') return;
      const hit = this.map.queryRenderedFeatures(e.point, {
        layers: [WALK_LAYERS.findings, REPORT_LAYER, WALK_LAYERS.routes, SITE_LAYERS.sites, PLACE_LAYER, PROGRAMME_LAYERS.clusters, PROGRAMME_LAYERS.points, CLICKABLE.priorityArea, CLICKABLE.stadsdel],
      });
      this.map.getCanvas().style.cursor = hit.length > 0 ? 'pointer' : '';
    });
  }

  private onLoad(): void {
    const { bundle, water } = this.options;
    this.source(SOURCES.stadsdelar).setData(bundle.stadsdelar);
    this.source(SOURCES.districts).setData(bundle.districts);
    this.source(SOURCES.priorityAreas).setData(bundle.priorityAreas);
    this.source(SOURCES.water).setData(water);
    this.source(SOURCES.labels).setData(bundle.labels);
    addReportIcons(this.map);
    addBlockerImage(this.map);
    this.loaded = true;
    void this.streetsInfo.then((info) => this.whenLoaded(() => (info ? this.addStreets(info) : this.applyStreets())));
    if (this.options.basemap) {
      const config = this.options.basemap;
      this.onlineBasemap = attachOnlineBasemap(this.map, config, { onStatus: (status) => this.setOnline(status) }, ONLINE_BASEMAP_BEFORE);
    }
    enableFeatureDrag(this.map, WALK_LAYERS.findings, {
      canDrag: (f) => this.mode === 'browse' && f.properties.movable === true,
      onMove: (f, at) => this.moveFindingPreview(String(f.properties.id), at),
      onDrop: (f, at) => this.options.onFindingMoved(String(f.properties.id), at),
    });
    enableFeatureDrag(this.map, WALK_LAYERS.draftVertices, {
      canDrag: () => this.mode === 'draw-route',
      onMove: (f, at) => {
        const next = [...this.draft];
        next[Number(f.properties.index)] = at;
        this.setDraft(next);
      },
      onDrop: () => this.options.onDraftChange(this.draft),
    });
    for (const call of this.queue.splice(0)) call();
  }

  /** Sets what a click does; the cursor says it too. */
  setMode(mode: MapMode): void {
    this.mode = mode;
    this.map.getCanvas().style.cursor = mode === 'browse' ? '' : 'crosshair';
    this.map.doubleClickZoom[mode === 'draw-route' ? 'disable' : 'enable']();
  }

  /** The project's street layer, under the app's own layers; hidden while the online basemap shows. */
  private addStreets(info: StreetsInfo): void {
    this.streets = info;
    this.map.addSource(STREETS_SOURCE, streetsSource(info));
    for (const layer of streetLayers()) this.map.addLayer(layer, STREETS_BEFORE);
    this.applyStreets();
  }

  private setOnline(status: BasemapStatus): void {
    this.online = status;
    this.whenLoaded(() => this.applyStreets());
  }

  /** The embedded land and water step aside for the online basemap while it shows; the fills lighten at street zooms. */
  private applyStreets(): void {
    const online = this.online === 'online';
    this.map.setPaintProperty('land', 'fill-opacity', online ? 0 : 1);
    this.map.setLayoutProperty('water', 'visibility', online ? 'none' : 'visible');
    for (const id of STREET_LAYER_IDS) if (this.map.getLayer(id)) this.map.setLayoutProperty(id, 'visibility', online ? 'none' : 'visible');
    this.map.setPaintProperty('priority-fill', 'fill-opacity', priorityFillOpacity(online || this.streets !== null));
    const state: MapStreets = { own: this.streets !== null, online: this.online };
    this.options.container.dataset.streets = state.own ? 'own' : 'none';
    this.options.container.dataset.basemap = state.online;
    this.options.onStreets(state);
  }

  /** Shows the route being drawn, with a handle on every vertex. */
  setDraft(route: [number, number][]): void {
    this.draft = route;
    this.whenLoaded(() => this.source(WALK_SOURCES.draft).setData({
      type: 'FeatureCollection',
      features: [
        ...(route.length > 1 ? [{ type: 'Feature' as const, properties: {}, geometry: { type: 'LineString' as const, coordinates: route } }] : []),
        ...route.map((p, index) => ({ type: 'Feature' as const, properties: { index }, geometry: { type: 'Point' as const, coordinates: p } })),
      ],
    }));
  }

  /** Replaces the walk routes and findings shown. */
  setWalkData(routes: FeatureCollection, findings: FeatureCollection<Point>): void {
    this.findings = findings;
    this.whenLoaded(() => {
      this.source(WALK_SOURCES.routes).setData(routes);
      this.source(WALK_SOURCES.findings).setData(findings);
      this.source(WALK_SOURCES.overview).setData(findings);
      if (this.selectedWalkItem) this.map.setFeatureState(this.selectedWalkItem, { selected: true });
    });
  }

  /** Replaces the pending resident reports shown (for those who moderate them). */
  setReports(reports: FeatureCollection<Point>): void {
    this.whenLoaded(() => this.source(REPORT_SOURCE).setData(reports));
  }

  /** Sets the collaboration sites, LOV3 areas and named places (once, after the data loads). */
  setSites(sites: FeatureCollection, lov3: FeatureCollection, places: FeatureCollection): void {
    this.whenLoaded(() => {
      this.source(SITE_SOURCES.sites).setData(sites);
      this.source(SITE_SOURCES.lov3).setData(lov3);
      this.source(PLACE_SOURCE).setData(places);
    });
  }

  /** Shows the point a resident asked about and its radius (metres), or nothing. */
  setNear(point: [number, number] | null, radiusM: number): void {
    this.whenLoaded(() => {
      const features: GeoJSON.Feature[] = point ? [
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: point } },
        turf.circle(point, radiusM / 1000, { steps: 64, units: 'kilometers' }),
      ] : [];
      this.source(NEAR_SOURCE).setData({ type: 'FeatureCollection', features });
    });
  }

  private moveFindingPreview(id: string, at: [number, number]): void {
    const features = this.findings.features.map((f) =>
      (f.properties as { id?: string } | null)?.id === id ? { ...f, geometry: { type: 'Point' as const, coordinates: at } } : f);
    this.source(WALK_SOURCES.findings).setData({ type: 'FeatureCollection', features });
  }

  private source(id: string): maplibregl.GeoJSONSource {
    return this.map.getSource(id) as maplibregl.GeoJSONSource;
  }

  /**
   * Runs a change once the style has loaded. The container's data-idle goes false until the map
   * has drawn the change (the next `idle`), so that waiting for idle means waiting for the change.
   */
  private whenLoaded(call: () => void): void {
    this.options.container.dataset.idle = 'false';
    if (this.loaded) {
      call();
      this.map.triggerRepaint();
    } else this.queue.push(call);
  }

  /**
   * A cluster: its goals when they all sit on one spot (they never split), else zoom in. Then a
   * single goal or measure point, then the smallest priority area, then the stadsdel.
   */
  private async pickAt(point: maplibregl.Point): Promise<Pick | null> {
    // A resident report is drawn above the goals (below findings): it wins over a goal cluster under it.
    const [report] = this.map.queryRenderedFeatures(point, { layers: [REPORT_LAYER] });
    if (report && this.map.queryRenderedFeatures(point, { layers: [WALK_LAYERS.findings] }).length === 0) return { kind: 'report', id: String(report.properties.id) };
    const [cluster] = this.map.queryRenderedFeatures(point, { layers: [PROGRAMME_LAYERS.clusters] });
    if (cluster) {
      const source = this.source(SOURCES.programme);
      const clusterId = Number(cluster.properties.cluster_id);
      const leaves = (await source.getClusterLeaves(clusterId, 1000, 0)) as unknown as { properties: ProgrammePointProps }[];
      const locations = new Set(leaves.map((l) => l.properties.location));
      if (locations.size === 1 || this.map.getZoom() >= this.map.getMaxZoom() - 0.5) {
        return { kind: 'stack', goalIds: [...new Set(leaves.map((l) => l.properties.goalId))] };
      }
      const zoom = await source.getClusterExpansionZoom(clusterId);
      this.map.easeTo({ center: (cluster.geometry as Point).coordinates as [number, number], zoom: Math.min(zoom, this.map.getMaxZoom()) });
      return null;
    }
    const [finding] = this.map.queryRenderedFeatures(point, { layers: [WALK_LAYERS.findings] });
    if (finding) return { kind: 'finding', id: String(finding.properties.id) };
    const [route] = this.map.queryRenderedFeatures(point, { layers: [WALK_LAYERS.routes] });
    if (route) return { kind: 'walk', id: String(route.properties.id) };
    const [site] = this.map.queryRenderedFeatures(point, { layers: [SITE_LAYERS.sites] });
    if (site) return { kind: 'site', id: String(site.properties.id) };
    const [place] = this.map.queryRenderedFeatures(point, { layers: [PLACE_LAYER] });
    if (place) return { kind: 'place', id: String(place.properties.id) };
    const [goalPoint] = this.map.queryRenderedFeatures(point, { layers: [PROGRAMME_LAYERS.points] });
    if (goalPoint) return { kind: 'goal', id: String(goalPoint.properties.goalId) };
    const areas = this.map.queryRenderedFeatures(point, { layers: [CLICKABLE.priorityArea] });
    if (areas.length > 0) {
      const smallest = areas.reduce((a, b) => (Number(b.properties.areaKm2) < Number(a.properties.areaKm2) ? b : a));
      return { kind: 'priorityArea', id: String(smallest.properties.id) };
    }
    const [stadsdel] = this.map.queryRenderedFeatures(point, { layers: [CLICKABLE.stadsdel] });
    return stadsdel ? { kind: 'stadsdel', id: String(stadsdel.properties.id) } : null;
  }

  /**
   * Highlights one area (feature-state) or one goal (its points, given in `goalPoints`), or
   * nothing; layers stay as they are.
   */
  setSelection(selection: { kind: AreaKind | 'goal' | 'walk' | 'finding' | 'site' | 'place'; id: string } | null, goalPoints: FeatureCollection<Point> = EMPTY): void {
    this.whenLoaded(() => {
      if (this.selected) this.map.setFeatureState({ source: SOURCE_OF[this.selected.kind], id: this.selected.id }, { selected: false });
      if (this.selectedWalkItem) this.map.setFeatureState(this.selectedWalkItem, { selected: false });
      const itemSource = { walk: WALK_SOURCES.routes, finding: WALK_SOURCES.findings, site: SITE_SOURCES.sites, place: PLACE_SOURCE } as Record<string, string>;
      this.selectedWalkItem = selection && itemSource[selection.kind] ? { source: itemSource[selection.kind]!, id: selection.id } : null;
      if (this.selectedWalkItem) this.map.setFeatureState(this.selectedWalkItem, { selected: true });
      this.selected = selection && selection.kind in SOURCE_OF ? { kind: selection.kind as AreaKind, id: selection.id } : null;
      if (this.selected) this.map.setFeatureState({ source: SOURCE_OF[this.selected.kind], id: this.selected.id }, { selected: true });
      this.source(SOURCES.programmeSelected).setData(selection?.kind === 'goal' ? goalPoints : EMPTY);
    });
  }

  /** Replaces the goal and measure points (the filtered set). */
  setProgrammePoints(points: FeatureCollection<Point, ProgrammePointProps>): void {
    this.whenLoaded(() => this.source(SOURCES.programme).setData(points));
  }

  /**
   * Shows goal counts per area of one kind as a choropleth (class upper bounds in `breaks`),
   * or hides it when `kind` is null. Priority-area fills step aside while it shows.
   */
  setChoropleth(kind: AreaKind | null, counts: Map<string, number>, breaks: number[]): void {
    this.whenLoaded(() => {
      if (this.choroplethKind) {
        for (const id of this.countedIds) this.map.removeFeatureState({ source: SOURCE_OF[this.choroplethKind], id }, 'count');
        this.map.setLayoutProperty(CHOROPLETH_LAYER[this.choroplethKind], 'visibility', 'none');
      }
      this.choroplethKind = kind;
      this.countedIds = [...counts.keys()];
      this.map.setLayoutProperty('priority-fill', 'visibility', kind ? 'none' : 'visible');
      if (!kind) return;
      for (const [id, count] of counts) this.map.setFeatureState({ source: SOURCE_OF[kind], id }, { count });
      this.map.setPaintProperty(CHOROPLETH_LAYER[kind], 'fill-color', choroplethColour(breaks));
      this.map.setLayoutProperty(CHOROPLETH_LAYER[kind], 'visibility', 'visible');
    });
  }

  /** Moves the camera to show the whole area. */
  focus(feature: AreaFeature): void {
    const bounds = new maplibregl.LngLatBounds();
    const coords = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    for (const poly of coords) for (const [x, y] of poly[0]!) bounds.extend([x!, y!]);
    this.fit(bounds);
  }

  /** Moves the camera to show a circle of `radiusM` metres around a point. */
  focusCircle(point: [number, number], radiusM: number): void {
    const [w, s, e, n] = turf.bbox(turf.circle(point, radiusM / 1000, { units: 'kilometers' }));
    this.fit(new maplibregl.LngLatBounds([w, s], [e, n]), 17);
  }

  /** Moves the camera to show these points (lon, lat). */
  focusPoints(points: [number, number][]): void {
    if (points.length === 0) return;
    const bounds = new maplibregl.LngLatBounds();
    for (const p of points) bounds.extend(p);
    this.fit(bounds, 14);
  }

  private fit(bounds: maplibregl.LngLatBounds, maxZoom = 15): void {
    const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    this.map.fitBounds(bounds, { padding: 40, maxZoom, duration: reduce ? 0 : 600 });
  }

  /**
   * The protocol's map of a walk (see protocol-map.ts): drawn off screen with the streets this map
   * has (the online basemap while it shows, else the project's own), the route, and the findings
   * numbered in the given order. Loaded when first printed.
   */
  async protocolMap(route: LonLat[], findings: { position: LonLat; status: FindingStatus }[]): Promise<ProtocolMap> {
    const { renderProtocolMap } = await import('./protocol-map');
    const onlineStyle = this.online === 'online' ? this.onlineBasemap?.style() ?? null : null;
    return renderProtocolMap({
      bundle: this.options.bundle, water: this.options.water, streets: this.streets,
      online: onlineStyle && this.options.basemap ? { config: this.options.basemap, style: onlineStyle } : null,
      // 1800 × 1200 pixels: sharp on paper, with names large enough to read at 18 cm wide.
      route, findings, width: 750, height: 500, pixelRatio: 2.4,
    });
  }

  resize(): void {
    this.map.resize();
  }

  destroy(): void {
    this.onlineBasemap?.detach();
    this.map.remove();
  }
}
