import { STOCKHOLM_BBOX } from '../geometry';
import type { LonLat } from './types';

/** Why a position was not accepted. */
export type PositionProblemKind = 'invalid' | 'swapped' | 'outside' | 'projected';

export type PositionCheck =
  | { ok: true; value: LonLat }
  | { ok: false; kind: PositionProblemKind; message: string; suggestion?: LonLat };

const inside = (lon: number, lat: number): boolean => {
  const [w, s, e, n] = STOCKHOLM_BBOX;
  return lon >= w && lon <= e && lat >= s && lat <= n;
};

/** Rough distance (km) from a WGS84 position to STOCKHOLM_BBOX, for messages only. */
function kmOutside(lon: number, lat: number): number {
  const [w, s, e, n] = STOCKHOLM_BBOX;
  const dLon = lon < w ? w - lon : lon > e ? lon - e : 0;
  const dLat = lat < s ? s - lat : lat > n ? lat - n : 0;
  const kmPerDegLon = 111.32 * Math.cos(((s + n) / 2) * (Math.PI / 180));
  return Math.hypot(dLon * kmPerDegLon, dLat * 110.57);
}

/**
 * Checks that a value is a WGS84 position [lon, lat] (degrees) inside Stockholm (STOCKHOLM_BBOX).
 * A third number (altitude, as GPS tracks carry) is accepted and dropped. Problems, in the order
 * they are tried:
 * - `swapped`: the numbers are [lat, lon]; `suggestion` is the position the other way round;
 * - `projected`: the numbers look like SWEREF 99 metres (easting, northing), not degrees;
 * - `invalid`: not two finite numbers within ±180 / ±90;
 * - `outside`: a valid position, but not in Stockholm (no suggestion: there is no right guess).
 */
export function checkPosition(value: unknown): PositionCheck {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) {
    return { ok: false, kind: 'invalid', message: 'a position must be two numbers [longitude, latitude]' };
  }
  const [lon, lat] = value as unknown[];
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
    return { ok: false, kind: 'invalid', message: 'longitude and latitude must be finite numbers' };
  }
  if (inside(lon, lat)) return { ok: true, value: [lon, lat] };
  if (inside(lat, lon)) {
    return {
      ok: false, kind: 'swapped', suggestion: [lat, lon],
      message: `[${lon}, ${lat}] is in [latitude, longitude] order; GeoJSON wants [longitude, latitude]: [${lat}, ${lon}]`,
    };
  }
  // SWEREF 99 TM and the local zone SWEREF 99 18 00 put Stockholm near northing 6 580 000 m.
  if (lon >= 0 && lon <= 1_000_000 && lat >= 6_100_000 && lat <= 7_700_000) {
    return { ok: false, kind: 'projected', message: `[${lon}, ${lat}] looks like SWEREF 99 metres; WGS84 degrees [longitude, latitude] are expected` };
  }
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    return { ok: false, kind: 'invalid', message: `[${lon}, ${lat}] is not a longitude/latitude in degrees` };
  }
  return {
    ok: false, kind: 'outside',
    message: `[${lon}, ${lat}] lies about ${Math.round(kmOutside(lon, lat))} km outside Stockholm`,
  };
}
