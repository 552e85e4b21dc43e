import type * as maplibregl from 'maplibre-gl';
import type { LayerSpecification, SourceSpecification, SpriteSpecification, StyleSpecification } from 'maplibre-gl';
import type { BasemapConfig } from '../domain/basemap';

/**
 * The online street basemap a deployment configured (src/domain/basemap.ts), merged under the
 * app's own layers: its sources and layers get a prefix and go over the background, under the
 * embedded land; the land turns transparent and the embedded water steps aside once the first
 * tile has come. Anything that goes wrong (no connection, blocked, no style within a few seconds,
 * tile errors, no tile within a few seconds) removes it again: the embedded basemap is always
 * there underneath, so the map is never blank.
 */

export type BasemapStatus = 'none' | 'loading' | 'online' | 'fallback';
export const ONLINE_PREFIX = 'basemap:';
/** How long the style may take to arrive. */
export const STYLE_TIMEOUT_MS = 4000;
/** How long, after the style, the first tile may take. */
export const TILE_TIMEOUT_MS = 6000;
/** Tile errors in a row tolerated once tiles have loaded (a single missing tile is not an outage). */
const ERRORS_IN_A_ROW = 4;

/** The parts of the online style the app merges into its own. */
export interface OnlineStyle {
  sources: Record<string, SourceSpecification>;
  layers: LayerSpecification[];
  sprite?: SpriteSpecification;
}

function absolute(url: string, base: string): string {
  // Keep MapLibre's template braces, which URL() escapes.
  return new URL(url, base).href.replace(/%7B/gi, '{').replace(/%7D/gi, '}');
}

/**
 * The style as the app merges it: ids prefixed, URLs absolute, no `glyphs` (every label is drawn
 * with local fonts, as the app's own are, so no glyph server is needed and none is asked).
 */
export function prepareOnlineStyle(style: StyleSpecification, styleUrl: string, extraAttribution?: string): OnlineStyle {
  const sources: Record<string, SourceSpecification> = {};
  let credited = false;
  for (const [id, source] of Object.entries(style.sources ?? {})) {
    const copy = { ...source } as SourceSpecification & { url?: string; tiles?: string[]; attribution?: string };
    if (typeof copy.url === 'string') copy.url = absolute(copy.url, styleUrl);
    if (Array.isArray(copy.tiles)) copy.tiles = copy.tiles.map((t) => absolute(t, styleUrl));
    if (extraAttribution && !credited) {
      copy.attribution = copy.attribution ? `${copy.attribution} ${extraAttribution}` : extraAttribution;
      credited = true;
    }
    sources[ONLINE_PREFIX + id] = copy;
  }
  const layers = (style.layers ?? []).map((layer) => ({
    ...layer,
    id: ONLINE_PREFIX + layer.id,
    ...('source' in layer && typeof layer.source === 'string' ? { source: ONLINE_PREFIX + layer.source } : {}),
  }) as LayerSpecification);
  const sprite = typeof style.sprite === 'string' ? absolute(style.sprite, styleUrl)
    : Array.isArray(style.sprite) ? style.sprite.map((s) => ({ id: s.id, url: absolute(s.url, styleUrl) })) : undefined;
  return { sources, layers, ...(sprite ? { sprite } : {}) };
}

/** The style of a raster configuration: one raster source and its layer. */
export function rasterStyle(config: Extract<BasemapConfig, { kind: 'raster' }>): OnlineStyle {
  const id = `${ONLINE_PREFIX}raster`;
  return {
    sources: { [id]: { type: 'raster', tiles: [config.tiles], tileSize: 256, maxzoom: config.maxzoom, attribution: config.attribution } },
    layers: [{ id, type: 'raster', source: id }],
  };
}

/** Fetches and prepares the configured basemap; throws when it cannot (network, timeout, not a style). */
export async function fetchOnlineStyle(config: BasemapConfig, signal: AbortSignal): Promise<OnlineStyle> {
  if (config.kind === 'raster') return rasterStyle(config);
  const response = await fetch(config.url, { signal, credentials: 'omit' });
  if (!response.ok) throw new Error(`${config.url}: HTTP ${response.status}`);
  const style = (await response.json()) as StyleSpecification;
  if (style?.version !== 8 || !Array.isArray(style.layers) || typeof style.sources !== 'object') throw new Error(`${config.url}: not a MapLibre style`);
  return prepareOnlineStyle(style, response.url || config.url, config.attribution);
}

export interface OnlineBasemapHooks {
  /** The status changed (loading → online, or → fallback). */
  onStatus(status: BasemapStatus): void;
}

export interface OnlineBasemap {
  /** Removes it from the map. */
  detach(): void;
  /** The merged style while it is on the map. */
  style(): OnlineStyle | null;
}

/**
 * Adds the configured basemap to a loaded map and watches it. `style` may be given when already
 * fetched (the protocol's map reuses the main map's).
 */
export function attachOnlineBasemap(map: maplibregl.Map, config: BasemapConfig, hooks: OnlineBasemapHooks, beforeId: string, style?: OnlineStyle): OnlineBasemap {
  const controller = new AbortController();
  let status: BasemapStatus = 'loading';
  let added: OnlineStyle | null = null;
  let tilesLoaded = 0;
  let errors = 0;
  let errorsInARow = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const set = (next: BasemapStatus) => {
    if (status === next) return;
    status = next;
    hooks.onStatus(next);
  };
  const ours = (sourceId: unknown) => typeof sourceId === 'string' && sourceId.startsWith(ONLINE_PREFIX);

  const remove = () => {
    clearTimeout(timer);
    map.off('error', onError);
    map.off('sourcedata', onData);
    if (!added) return;
    for (const layer of added.layers) if (map.getLayer(layer.id)) map.removeLayer(layer.id);
    for (const id of Object.keys(added.sources)) if (map.getSource(id)) map.removeSource(id);
    if (added.sprite) map.setSprite(null);
    added = null;
  };
  let detached = false;
  const fallBack = (why: unknown) => {
    if (status === 'fallback' || detached) return;
    console.warn('online basemap unavailable, the embedded map is shown:', why);
    controller.abort();
    remove();
    set('fallback');
  };
  function onError(e: maplibregl.ErrorEvent & { sourceId?: string }) {
    if (!ours(e.sourceId)) return;
    errors += 1;
    errorsInARow += 1;
    if (tilesLoaded === 0 || errorsInARow > ERRORS_IN_A_ROW) fallBack(e.error);
  }
  function onData(e: maplibregl.MapSourceDataEvent) {
    if (!ours(e.sourceId) || !e.tile) return;
    tilesLoaded += 1;
    errorsInARow = 0;
    clearTimeout(timer);
    set('online');
  }

  // Even with no connection it is tried: the service worker may hold a saved area's style and
  // tiles (see scripts/service-worker.js); otherwise the requests fail at once.
  hooks.onStatus('loading');
  const styleTimer = setTimeout(() => controller.abort(new Error(`no style within ${STYLE_TIMEOUT_MS} ms`)), STYLE_TIMEOUT_MS);
  const ready = style ? Promise.resolve(style) : fetchOnlineStyle(config, controller.signal);
  void ready.then((online) => {
    clearTimeout(styleTimer);
    if (controller.signal.aborted || status === 'fallback') return;
    map.on('error', onError);
    map.on('sourcedata', onData);
    added = online;
    if (typeof online.sprite === 'string') map.setSprite(online.sprite);
    else for (const { id, url } of online.sprite ?? []) map.addSprite(id, url);
    for (const [id, source] of Object.entries(online.sources)) map.addSource(id, source);
    for (const layer of online.layers) map.addLayer(layer, beforeId);
    timer = setTimeout(() => {
      if (tilesLoaded > 0) return;
      // Nothing came: either nothing was needed here (outside its zooms or bounds), or it is too slow.
      const settled = Object.keys(online.sources).every((id) => map.isSourceLoaded(id));
      if (settled && errors === 0) set('online');
      else fallBack(`no tile within ${TILE_TIMEOUT_MS} ms`);
    }, TILE_TIMEOUT_MS);
  }).catch((error: unknown) => {
    clearTimeout(styleTimer);
    fallBack(controller.signal.aborted ? controller.signal.reason ?? error : error);
  });
  return {
    detach: () => {
      detached = true;
      controller.abort();
      remove();
    },
    style: () => added,
  };
}
