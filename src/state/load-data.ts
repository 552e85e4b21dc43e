import type { FeatureCollection } from 'geojson';
import { indexAreas } from '../domain/area-index';
import type { ProgrammeCatalogue } from '../domain/programme';
import type { SitesOutput } from '../domain/sites';
import type { AreasBundle } from '../domain/types';
import type { DataState } from './store';

async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  try {
    return await response.json();
  } catch {
    throw new Error(`${url}: not valid JSON`);
  }
}

/** Loads the built area data shipped with the app (public/data/, made by `npm run data`). */
export async function loadAreaData(base: string): Promise<DataState> {
  try {
    const [bundle, water, programme, sites] = (await Promise.all([
      fetchJson(`${base}data/areas.json`),
      fetchJson(`${base}data/water.json`),
      fetchJson(`${base}data/programme.json`),
      fetchJson(`${base}data/sites.json`),
    ])) as [AreasBundle, FeatureCollection, ProgrammeCatalogue, SitesOutput];
    if (!bundle?.districts?.features?.length || !bundle.priorityAreas?.features || !water?.features || !Array.isArray(programme?.goals) || !sites?.sites?.features) {
      throw new Error('the data files do not have the expected shape');
    }
    return { status: 'ready', bundle, water, programme, sites, index: indexAreas(bundle) };
  } catch (error) {
    return { status: 'error', reason: error instanceof Error ? error.message : String(error) };
  }
}
