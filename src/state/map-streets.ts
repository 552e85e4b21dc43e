import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { BASEMAP_META, parseBasemapMeta, type BasemapConfig } from '../domain/basemap';
import type { MapStreets } from '../map/area-map';

/**
 * What the map draws under the app's layers (set by the map host): the project's street tiles,
 * and the online basemap's status. The legend, the fallback notice and the protocol read it.
 */
export const mapStreetsStore = createStore<MapStreets & { noticeDismissed: boolean }>()(() => ({ own: false, online: 'none', noticeDismissed: false }));

export function useMapStreets<T>(selector: (state: MapStreets & { noticeDismissed: boolean }) => T): T {
  return useStore(mapStreetsStore, selector);
}

/** The online basemap the page was served with (a <meta> the build or the server wrote), or null. */
export function configuredBasemap(): BasemapConfig | null {
  return parseBasemapMeta(document.querySelector(`meta[name="${BASEMAP_META}"]`)?.getAttribute('content'));
}
