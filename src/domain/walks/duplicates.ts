import * as turf from '@turf/turf';
import { isOpen } from './status';
import type { Finding, FindingCategory, LonLat } from './types';

/** An existing finding close to a new one, and how far away it is (metres). */
export interface NearbyFinding {
  finding: Finding;
  distanceM: number;
}

/**
 * Open findings of the same category within `radiusM` metres (geodesic, turf.distance) of a
 * candidate, nearest first: shown before pinning a new one, so the same broken lamp is not
 * recorded three times. Pass the candidate's `id` when moving an existing finding, so that it
 * does not find itself. One pass with a cheap degree-box test before the distance.
 */
export function nearbyOpenSameCategory(
  findings: readonly Finding[],
  candidate: { position: LonLat; category: FindingCategory; id?: string },
  radiusM = 25,
): NearbyFinding[] {
  const [lon, lat] = candidate.position;
  // A box a little larger than the circle, in degrees (1° latitude ≥ 110.5 km).
  const dLat = (radiusM / 110_500) * 1.01;
  const dLon = dLat / Math.max(Math.cos((lat * Math.PI) / 180), 1e-6);
  const hits: NearbyFinding[] = [];
  for (const f of findings) {
    if (f.category !== candidate.category || !isOpen(f.status) || f.id === candidate.id) continue;
    const [x, y] = f.position;
    if (Math.abs(x - lon) > dLon || Math.abs(y - lat) > dLat) continue;
    const distanceM = turf.distance(candidate.position, f.position, { units: 'meters' });
    if (distanceM <= radiusM) hits.push({ finding: f, distanceM });
  }
  return hits.sort((a, b) => a.distanceM - b.distanceM);
}
