/**
 * `npm run bench` (part 1): assigning findings to stadsdelar, districts and priority areas and
 * aggregating them, for 1 000, 10 000 and 100 000 synthetic findings spread over Stockholm, the
 * project's way (createAreaLookup + locateAll + tallyIndicators) against a plain Turf baseline
 * (turf.pointsWithinPolygon per polygon, then the same tally) in the same run.
 *
 * Exits 1 when the two ways count differently. Speed targets (≥ 10× faster than the baseline and
 * < 200 ms at 100 000) are printed as PASS/FAIL only: a bench reports numbers, it is no test.
 */
import { cpus, platform, release } from 'node:os';
import { performance } from 'node:perf_hooks';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { AreaKind, AreasBundle } from '../src/domain/types';
import { createAreaLookup } from '../src/domain/walks/area-lookup';
import { tallyIndicators, type IndicatorTable } from '../src/domain/walks/indicators';
import { FINDING_CATEGORIES } from '../src/domain/walks/types';
import type { Finding, FindingPlace, LonLat } from '../src/domain/walks/types';
import { loadAreas, syntheticWalkData } from './bench-data';

const SIZES = [1_000, 10_000, 100_000];
const RUNS = 5;
/** A baseline expected to take longer than this per run gets a single timed run (no warm-up). */
const SLOW_RUN_MS = 3_000;
const TARGET_RATIO = 10;
const TARGET_MS = 200;

const bundle = loadAreas();

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const time = (work: () => void) => {
  const t0 = performance.now();
  work();
  return performance.now() - t0;
};
/** One untimed warm-up run if `warmUp`, then `runs` (≥ 1) timed runs: the last result and the times. */
function measure<T>(warmUp: boolean, runs: number, work: () => T): { result: T; times: number[] } {
  if (warmUp) work();
  const times: number[] = [];
  let t0 = performance.now();
  let result = work();
  times.push(performance.now() - t0);
  for (let i = 1; i < runs; i++) {
    t0 = performance.now();
    result = work();
    times.push(performance.now() - t0);
  }
  return { result, times };
}

/** The located findings, tallied per area and year as the app does it. */
const tally = (findings: Finding[], places: FindingPlace[]) =>
  tallyIndicators({ walks: [], findings: findings.map((f, i) => ({ ...f, ...places[i]! })) }, bundle);

// ---- the project's way -------------------------------------------------------------------------

/** Where the project's time goes, per run: locateAll, copying the places into the findings, tallyIndicators. */
interface Phases { locate: number[]; merge: number[]; tally: number[] }

function projectWay(lookup: ReturnType<typeof createAreaLookup>, findings: Finding[], positions: LonLat[], phases?: Phases): IndicatorTable {
  const t0 = performance.now();
  const places = lookup.locateAll(positions);
  const t1 = performance.now();
  const located = findings.map((f, i) => ({ ...f, ...places[i]! }));
  const t2 = performance.now();
  const table = tallyIndicators({ walks: [], findings: located }, bundle);
  const t3 = performance.now();
  phases?.locate.push(t1 - t0);
  phases?.merge.push(t2 - t1);
  phases?.tally.push(t3 - t2);
  return table;
}

// ---- the plain Turf baseline -------------------------------------------------------------------

/**
 * Every polygon tested against every point with turf.pointsWithinPolygon; the results turned into
 * the same places as the lookup gives (first stadsdel in bundle order, its district or else the
 * first district containing the point, every priority area containing it) and tallied the same way.
 */
function baselineWay(findings: Finding[], points: FeatureCollection<Point, { i: number }>): IndicatorTable {
  const n = findings.length;
  const stadsdel = new Int32Array(n).fill(-1);
  const district = new Int32Array(n).fill(-1);
  const priority: number[][] = Array.from({ length: n }, () => []);
  bundle.stadsdelar.features.forEach((feature, k) => {
    for (const p of turf.pointsWithinPolygon(points, feature).features) if (stadsdel[p.properties.i] === -1) stadsdel[p.properties.i] = k;
  });
  bundle.districts.features.forEach((feature, k) => {
    for (const p of turf.pointsWithinPolygon(points, feature).features) if (district[p.properties.i] === -1) district[p.properties.i] = k;
  });
  bundle.priorityAreas.features.forEach((feature, k) => {
    for (const p of turf.pointsWithinPolygon(points, feature).features) priority[p.properties.i]!.push(k);
  });
  const places = findings.map((_, i): FindingPlace => {
    const s = bundle.stadsdelar.features[stadsdel[i]!]?.properties;
    return {
      stadsdelId: s?.id ?? null,
      districtId: s ? s.districtId : bundle.districts.features[district[i]!]?.properties.id ?? null,
      priorityAreaIds: priority[i]!.map((k) => bundle.priorityAreas.features[k]!.properties.id),
    };
  });
  return tally(findings, places);
}

// ---- comparing the counts ----------------------------------------------------------------------

/** Every count of every area and year: findings, per category, decided, done (and walks). */
function counts(table: IndicatorTable, areas: AreasBundle): Map<string, string> {
  const out = new Map<string, string>();
  const refs: [AreaKind, string][] = [
    ...areas.stadsdelar.features.map((f): [AreaKind, string] => ['stadsdel', f.properties.id]),
    ...areas.districts.features.map((f): [AreaKind, string] => ['district', f.properties.id]),
    ...areas.priorityAreas.features.map((f): [AreaKind, string] => ['priorityArea', f.properties.id]),
  ];
  for (const year of table.years()) {
    for (const [kind, id] of refs) {
      const c = table.get({ kind, id }, year);
      if (c.findings === 0 && c.walks === 0) continue;
      out.set(`${kind}:${id}:${year}`, [c.walks, c.findings, ...FINDING_CATEGORIES.map((k) => c.findingsByCategory[k]), c.decided, c.decidedDone].join(','));
    }
  }
  return out;
}

function differences(a: Map<string, string>, b: Map<string, string>): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k)).map((k) => `${k}: project ${a.get(k) ?? '(none)'} ≠ baseline ${b.get(k) ?? '(none)'}`);
}

// ---- the run -----------------------------------------------------------------------------------

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const cpu = cpus();
console.log('Områdeskartan bench: assigning findings to areas and aggregating them (Node)');
console.log(`machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${platform()} ${release()}; Node ${process.version}`);
console.log(`areas: ${bundle.stadsdelar.features.length} stadsdelar, ${bundle.districts.features.length} districts, ${bundle.priorityAreas.features.length} priority areas`);
console.log(`project = createAreaLookup (built once, timed apart) + locateAll + tallyIndicators; baseline = turf.pointsWithinPolygon per polygon + the same tally`);
console.log(`times are the median of ${RUNS} runs after 1 warm-up unless the notes say otherwise\n`);

// The lookup's build time, in a fresh process state: first build, then the median of RUNS more.
const firstBuild = time(() => createAreaLookup(bundle));
const buildTimes = Array.from({ length: RUNS }, () => time(() => createAreaLookup(bundle)));
const lookup = createAreaLookup(bundle);

interface Row { n: number; project: number; projectRuns: number[]; phases: Phases; baseline: number; baselineRuns: number[]; note: string; countsEqual: boolean }
const rows: Row[] = [];
let mismatch = false;
let previousBaselinePerPoint = 0;

for (const n of SIZES) {
  const t0 = performance.now();
  const { findings } = syntheticWalkData(bundle, n, { seed: 1000 + n });
  const positions = findings.map((f) => f.position);
  const points = turf.featureCollection(findings.map((f, i): Feature<Point, { i: number }> => turf.point(f.position, { i })));
  const genMs = performance.now() - t0;

  // Project: 1 warm-up, then RUNS timed runs.
  projectWay(lookup, findings, positions);
  const phases: Phases = { locate: [], merge: [], tally: [] };
  const { result: projectTable, times: projectRuns } = measure(false, RUNS, () => projectWay(lookup, findings, positions, phases));

  // Baseline: the same, unless one run would take very long (it is warm from the smaller n then).
  const expected = previousBaselinePerPoint * n;
  const slow = expected > SLOW_RUN_MS;
  const { result: baselineTable, times: baselineRuns } = measure(!slow, slow ? 1 : RUNS, () => baselineWay(findings, points));
  previousBaselinePerPoint = median(baselineRuns) / n;

  const diff = differences(counts(projectTable, bundle), counts(baselineTable, bundle));
  const located = projectTable.years().reduce((sum, y) => sum + bundle.stadsdelar.features.reduce((s, f) => s + projectTable.get({ kind: 'stadsdel', id: f.properties.id }, y).findings, 0), 0);
  if (located !== n) diff.push(`only ${located} of ${n} findings were counted in a stadsdel (all lie in one)`);
  if (diff.length > 0) {
    mismatch = true;
    console.error(`n = ${n}: COUNTS DIFFER in ${diff.length} cells, e.g.\n  ${diff.slice(0, 10).join('\n  ')}`);
  }
  const note = [
    slow ? `baseline: 1 run, no warm-up (about ${(expected / 1000).toFixed(0)} s a run expected)` : '',
    `data generated in ${fmt(genMs)} ms`,
  ].filter(Boolean).join('; ');
  rows.push({ n, project: median(projectRuns), projectRuns, phases, baseline: median(baselineRuns), baselineRuns, note, countsEqual: diff.length === 0 });
}

const buildMs = median(buildTimes);
const table = [
  ['n', 'project ms', 'project+build ms', 'baseline ms', 'ratio', 'ratio incl. build', 'counts'],
  ...rows.map((r) => [
    r.n.toLocaleString('sv-SE'), fmt(r.project), fmt(r.project + buildMs), fmt(r.baseline),
    `${(r.baseline / r.project).toFixed(1)}×`, `${(r.baseline / (r.project + buildMs)).toFixed(1)}×`, r.countsEqual ? 'identical' : 'DIFFER',
  ]),
];
const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
for (const [i, row] of table.entries()) {
  console.log(row.map((cell, c) => (c === 0 || c === row.length - 1 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
console.log(`\ncreateAreaLookup build: ${fmt(firstBuild)} ms the first time (cold), median ${fmt(buildMs)} ms of ${RUNS} more`);
for (const r of rows) {
  console.log(`n = ${r.n}: project runs ${r.projectRuns.map(fmt).join(', ')} ms; baseline runs ${r.baselineRuns.map(fmt).join(', ')} ms; ${r.note}`);
  console.log(`  project, median per phase: locateAll ${fmt(median(r.phases.locate))} ms, places copied into findings ${fmt(median(r.phases.merge))} ms, tallyIndicators ${fmt(median(r.phases.tally))} ms`);
}

const big = rows.find((r) => r.n === 100_000)!;
const ratio = big.baseline / big.project;
console.log('\nTargets at 100 000 findings:');
console.log(`  ${ratio >= TARGET_RATIO ? 'PASS' : 'FAIL'}  project ≥ ${TARGET_RATIO}× faster than the baseline: ${ratio.toFixed(1)}× (${(big.baseline / (big.project + buildMs)).toFixed(1)}× with the lookup build counted)`);
console.log(`  ${big.project < TARGET_MS ? 'PASS' : 'FAIL'}  project < ${TARGET_MS} ms: ${fmt(big.project)} ms (${fmt(big.project + buildMs)} ms with the lookup build)`);
console.log(`  ${mismatch ? 'FAIL' : 'PASS'}  project and baseline give identical counts for every area, year and category`);

if (mismatch) {
  console.error('\nbench: the project and the baseline count differently');
  process.exit(1);
}
