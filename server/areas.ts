/**
 * The areas the server places records in: the same bundle the app loads (built by
 * `npm run data`) and the same point-in-polygon lookup, so that the browser's provisional
 * placement and the server's stored one agree.
 */

import { readFileSync } from 'node:fs';
import { createAreaLookup, type AreaLookup } from '../src/domain/walks/area-lookup';
import type { AreasBundle } from '../src/domain/types';
import type { Walk } from '../src/domain/walks/types';

export interface Areas {
  lookup: AreaLookup;
  /** The district of a walk's area, or null for an unknown area. */
  walkDistrict(area: Walk['area']): string | null;
  districtIds: ReadonlySet<string>;
}

export function areasFrom(bundle: AreasBundle): Areas {
  const stadsdelDistrict = new Map(bundle.stadsdelar.features.map((f) => [f.properties.id, f.properties.districtId]));
  const priorityDistrict = new Map(bundle.priorityAreas.features.map((f) => [f.properties.id, f.properties.districtId]));
  return {
    lookup: createAreaLookup(bundle),
    walkDistrict: (area) => (area.kind === 'stadsdel' ? stadsdelDistrict.get(area.id) : priorityDistrict.get(area.id)) ?? null,
    districtIds: new Set(bundle.districts.features.map((f) => f.properties.id)),
  };
}

/** Reads the built areas bundle (`areas.json`); fails with a message saying how to build it. */
export function loadAreas(path: string): Areas {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`${path} is missing: run "npm run data" (or "npm run build") first`);
  }
  return areasFrom(JSON.parse(text) as AreasBundle);
}
