import type { FeatureCollection } from 'geojson';
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { areaFillLayers, areaLineLayers, labelLayers } from './layers/areas';
import { basemapLayers, SOURCES, waterAndOutlineLayers } from './layers/basemap';
import { choroplethLayers } from './layers/choropleth';
import { programmeLayers } from './layers/programme';
import { WALK_SOURCES, walkLayers } from './layers/walks';
import { NEAR_SOURCE, nearLayers } from './layers/near';
import { PLACE_SOURCE, placeLayers } from './layers/places';
import { SITE_SOURCES, siteLayers } from './layers/sites';
import { REPORT_SOURCE, reportLayers } from './layers/reports';
import { blockerLayer } from './layers/blockers';
import { PROGRAMME_MARKER_DIAMETER } from './layers/programme';
import { FINDING_MARKER_DIAMETER, FINDINGS_MINZOOM, OVERVIEW_MARKER_DIAMETER } from './layers/walks';

/** The online basemap's layers go under this layer (over the background, under the land). */
export const ONLINE_BASEMAP_BEFORE = 'land';
/** The project's street layers go under this layer (over the area fills and water, under the outlines). */
export const STREETS_BEFORE = 'stadsdel-line';

/**
 * Invisible symbols over every marker drawn as a circle, above all labels: labels keep off the
 * markers (see layers/blockers.ts).
 */
export function blockerLayers(): LayerSpecification[] {
  return [
    blockerLayer('blocker-programme', SOURCES.programme, PROGRAMME_MARKER_DIAMETER),
    blockerLayer('blocker-findings', WALK_SOURCES.findings, FINDING_MARKER_DIAMETER, { minzoom: FINDINGS_MINZOOM }),
    blockerLayer('blocker-findings-overview', WALK_SOURCES.overview, OVERVIEW_MARKER_DIAMETER, { maxzoom: FINDINGS_MINZOOM }),
    blockerLayer('blocker-sites', SITE_SOURCES.sites, 26),
    blockerLayer('blocker-places', PLACE_SOURCE, 13, { minzoom: 11 }),
  ];
}

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
      ...blockerLayers(),
    ],
  };
}
