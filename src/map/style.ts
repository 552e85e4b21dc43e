import type { FeatureCollection } from 'geojson';
import type { StyleSpecification } from 'maplibre-gl';
import { areaFillLayers, areaLineLayers, labelLayers } from './layers/areas';
import { basemapLayers, SOURCES, waterAndOutlineLayers } from './layers/basemap';
import { choroplethLayers } from './layers/choropleth';
import { programmeLayers } from './layers/programme';
import { WALK_SOURCES, walkLayers } from './layers/walks';
import { NEAR_SOURCE, nearLayers } from './layers/near';
import { PLACE_SOURCE, placeLayers } from './layers/places';
import { SITE_SOURCES, siteLayers } from './layers/sites';
import { REPORT_SOURCE, reportLayers } from './layers/reports';

const empty = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });

/**
 * The whole map style. It has no `glyphs` and no tiles, so it needs no network: MapLibre draws
 * label glyphs with the browser's local fonts. Sources start empty; the adapter sets the data.
 */
export function buildStyle(attribution: string): StyleSpecification {
  const geojson = (promoteId?: string) => ({
    type: 'geojson' as const,
    data: empty(),
    ...(promoteId ? { promoteId } : {}),
  });
  return {
    version: 8,
    sources: {
      [SOURCES.stadsdelar]: { ...geojson('id'), attribution },
      [SOURCES.districts]: geojson('id'),
      [SOURCES.priorityAreas]: geojson('id'),
      [SOURCES.water]: geojson(),
      [SOURCES.labels]: geojson(),
      [SOURCES.programme]: { ...geojson('key'), cluster: true, clusterRadius: 36, clusterMaxZoom: 15 },
      [SOURCES.programmeSelected]: geojson(),
      [WALK_SOURCES.routes]: geojson('id'),
      [WALK_SOURCES.findings]: geojson('id'),
      [WALK_SOURCES.overview]: { ...geojson(), cluster: true, clusterRadius: 45, clusterMaxZoom: 11 },
      [WALK_SOURCES.draft]: geojson(),
      [SITE_SOURCES.sites]: geojson('id'),
      [SITE_SOURCES.lov3]: geojson('id'),
      [PLACE_SOURCE]: geojson('id'),
      [NEAR_SOURCE]: geojson(),
      [REPORT_SOURCE]: geojson('id'),
    },
    layers: [
      ...basemapLayers(), ...choroplethLayers(), ...areaFillLayers(), ...waterAndOutlineLayers(),
      ...areaLineLayers(), ...labelLayers(), ...nearLayers(), ...placeLayers(), ...siteLayers(), ...programmeLayers(), ...reportLayers(), ...walkLayers(),
    ],
  };
}
