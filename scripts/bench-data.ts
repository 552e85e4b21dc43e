/**
 * Synthetic walks and findings for the benchmarks (scripts/bench.ts, scripts/bench-browser.ts).
 * Positions are uniform random over the union of the stadsdelar: drawn in the bundle's bbox and
 * kept when they lie in some stadsdel. Everything comes from a seeded PRNG, so that a run with the
 * same seed and count gives the same records. Not test data and not example data: nothing here is
 * marked `example`, so the app counts it like the user's own records.
 */
import { readFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import type { Polygon, Position } from 'geojson';
import type { AreasBundle } from '../src/domain/types';
import { nextStatuses } from '../src/domain/walks/status';
import { FINDING_CATEGORIES, PRIORITIES, RESPONSIBLE_KINDS } from '../src/domain/walks/types';
import type { Finding, FindingPlace, FindingStatus, LonLat, StatusChange, Walk } from '../src/domain/walks/types';

/** The areas bundle the app loads (written by `npm run data`). */
export function loadAreas(path = 'public/data/areas.json'): AreasBundle {
  return JSON.parse(readFileSync(path, 'utf8')) as AreasBundle;
}

/** mulberry32: a small, fast, seeded PRNG giving floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: () => number, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

/**
 * `n` positions uniform over the union of the stadsdelar. The inside test is a plain bbox
 * prefilter and turf.booleanPointInPolygon, independent of the project's area lookup.
 */
export function randomPositions(bundle: Pick<AreasBundle, 'bbox' | 'stadsdelar'>, n: number, rng: () => number): LonLat[] {
  const parts: { box: [number, number, number, number]; polygon: Polygon }[] = [];
  for (const feature of bundle.stadsdelar.features) {
    const polygons: Position[][][] = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    for (const rings of polygons) {
      const outer = rings[0] ?? [];
      const xs = outer.map((p) => p[0]!);
      const ys = outer.map((p) => p[1]!);
      parts.push({ box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], polygon: { type: 'Polygon', coordinates: rings } });
    }
  }
  const [w, s, e, n_] = bundle.bbox;
  const out: LonLat[] = [];
  while (out.length < n) {
    const x = w + rng() * (e - w);
    const y = s + rng() * (n_ - s);
    // Six decimals (about 0.1 m), as a GPS position would be written.
    const p: LonLat = [Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6];
    if (parts.some(({ box, polygon }) => p[0] >= box[0] && p[0] <= box[2] && p[1] >= box[1] && p[1] <= box[3] && turf.booleanPointInPolygon(p, polygon))) {
      out.push(p);
    }
  }
  return out;
}

const START = Date.UTC(2024, 0, 1);
const END = Date.UTC(2027, 0, 1);
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A valid status history: starts with ny, follows the allowed transitions, times increasing. */
function randomHistory(rng: () => number, createdMs: number): StatusChange[] {
  const history: StatusChange[] = [{ status: 'ny', at: iso(createdMs) }];
  let at = createdMs;
  const steps = Math.floor(rng() * 4); // 0–3 changes after ny
  for (let i = 0; i < steps; i++) {
    const current = history[history.length - 1]!.status;
    const next: FindingStatus = pick(rng, nextStatuses(current));
    at += Math.floor(rng() * 60 * DAY) + 3_600_000;
    history.push({ status: next, at: iso(at) });
  }
  return history;
}

export interface SyntheticOptions {
  /** Seed of the PRNG; the same seed gives the same records. */
  seed?: number;
  /** Walks the findings are spread over (about half of the findings belong to a walk). */
  walks?: number;
  /** Assigns places (stadsdel, district, priority areas) as the app does when it saves a finding. */
  locate?: (positions: LonLat[]) => FindingPlace[];
}

/**
 * `n` findings spread over Stockholm with random category, priority, responsible party, status
 * history and createdAt in 2024–2026, plus a few walks on random stadsdelar. Without `locate`,
 * the findings' places are empty (null, null, []): the benchmark assigns them.
 */
export function syntheticWalkData(bundle: Pick<AreasBundle, 'bbox' | 'stadsdelar'>, n: number, options: SyntheticOptions = {}): { walks: Walk[]; findings: Finding[] } {
  const rng = seededRandom(options.seed ?? 20260101);
  const walks: Walk[] = Array.from({ length: options.walks ?? 0 }, (_, i) => {
    const dateMs = START + Math.floor(rng() * ((END - START) / DAY)) * DAY;
    const stadsdel = pick(rng, bundle.stadsdelar.features).properties;
    return {
      id: `bench-walk-${String(i + 1).padStart(4, '0')}`,
      date: iso(dateMs).slice(0, 10),
      time: '18:30',
      area: { kind: 'stadsdel', id: stadsdel.id },
      organiser: `${stadsdel.name} (syntetisk testdata)`,
      participants: ['Polisen', 'Trafikkontoret'],
      notes: 'Syntetisk vandring för prestandamätning.',
      route: null,
      createdAt: iso(dateMs + 17 * 3_600_000),
      updatedAt: iso(dateMs + 17 * 3_600_000),
      revision: 1,
    };
  });
  const positions = randomPositions(bundle, n, rng);
  const places = options.locate?.(positions);
  const findings = positions.map((position, i): Finding => {
    const createdMs = START + Math.floor(rng() * (END - START));
    const history = randomHistory(rng, createdMs);
    const last = history[history.length - 1]!;
    const category = pick(rng, FINDING_CATEGORIES);
    const walk = walks.length > 0 && rng() < 0.5 ? pick(rng, walks) : null;
    const hasDeadline = last.status !== 'ny' && rng() < 0.6;
    return {
      id: `bench-finding-${String(i + 1).padStart(6, '0')}`,
      walkId: walk?.id ?? null,
      position,
      category,
      description: `Syntetiskt fynd ${i + 1} (${category})`,
      photo: null,
      responsible: { kind: pick(rng, RESPONSIBLE_KINDS) },
      priority: pick(rng, PRIORITIES),
      status: last.status,
      history,
      deadline: hasDeadline ? iso(Date.parse(last.at) + Math.floor(rng() * 120) * DAY).slice(0, 10) : null,
      public: rng() < 0.3,
      createdAt: iso(createdMs),
      updatedAt: last.at,
      revision: 1,
      ...(places?.[i] ?? { stadsdelId: null, districtId: null, priorityAreaIds: [] }),
    };
  });
  return { walks, findings };
}
