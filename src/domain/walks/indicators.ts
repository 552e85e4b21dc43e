import { foldName } from '../names';
import type { AreaKind, AreasBundle } from '../types';
import { stockholmYear } from './stockholm-time';
import { FINDING_CATEGORIES } from './types';
import type { Finding, FindingCategory, Walk, WalkData } from './types';

/** An area the figures are computed for. */
export interface AreaRef {
  kind: AreaKind;
  id: string;
}

/** The trygghetsvandring figures of one area in one year. */
export interface WalkIndicators {
  /** "Antal trygghetsvandringar": walks dated in the year on the area or on an area inside it. */
  walks: number;
  /** Findings created in the year (Stockholm local time) that lie in the area. */
  findings: number;
  findingsByCategory: Record<FindingCategory, number>;
  /** Of those findings: how many ever had a decided action (beslutad, pågår or åtgärdad in history). */
  decided: number;
  /** Of the decided ones: how many are åtgärdad now. */
  decidedDone: number;
  /**
   * "Aktiviteter som beslutats utifrån trygghetsvandringar är genomförda": decidedDone / decided,
   * a share 0–1; null when nothing was decided (no share to report, not 0 %).
   */
  shareDone: number | null;
}

export interface IndicatorOptions {
  /** Count records marked `example` too; by default they are left out. */
  includeExamples?: boolean;
}

/** Figures for every area and year, computed in one pass over the data. */
export interface IndicatorTable {
  /** The figures of an area in a year; zeros (and shareDone null) when nothing is recorded. */
  get(area: AreaRef, year: number): WalkIndicators;
  /** Years with at least one walk or finding, ascending. */
  years(): number[];
}

const DECIDED = new Set(['beslutad', 'pagar', 'atgardad']);

/**
 * The Stockholm local year of an ISO date-time. Only around New Year can the local year differ
 * from the UTC one, so for February–November the year is read straight off the text.
 */
function yearOf(iso: string): number | null {
  const month = iso.charCodeAt(5) === 48 ? iso.charCodeAt(6) - 48 : 10 + iso.charCodeAt(6) - 48;
  if (iso.length >= 10 && iso[4] === '-' && month >= 2 && month <= 11) {
    const year = Number(iso.slice(0, 4));
    if (Number.isInteger(year)) return year;
  }
  return stockholmYear(iso);
}

/** True when the finding ever reached a decided action; one closed as avslutad straight from ny never did. */
export function everDecided(finding: Pick<Finding, 'history'>): boolean {
  return finding.history.some((h) => DECIDED.has(h.status));
}

type Hierarchy = Pick<AreasBundle, 'stadsdelar' | 'priorityAreas'>;

/**
 * The areas a walk counts for. A walk on a priority area counts for it, its stadsdel, the
 * stadsdel's district, and the priority areas that are that whole stadsdel (a walk round Hjulsta
 * torg is a walk in Tensta). A walk on a stadsdel counts for it, its district, and the priority
 * areas that are that whole stadsdel (not for approximate ones inside it). An id unknown to the
 * bundle counts for itself only.
 */
export function areasOfWalk(area: Walk['area'], areas: Hierarchy): AreaRef[] {
  const stadsdelOf = new Map(areas.stadsdelar.features.map((f) => [f.properties.id, f.properties]));
  const priority = areas.priorityAreas.features.map((f) => f.properties);
  return areasOfWalkWith(area, stadsdelOf, priority);
}

function areasOfWalkWith(
  area: Walk['area'],
  stadsdelOf: Map<string, { id: string; districtId: string }>,
  priority: { id: string; stadsdelId: string; districtId: string; approximate: boolean }[],
): AreaRef[] {
  const out: AreaRef[] = [{ kind: area.kind, id: area.id }];
  const stadsdelId = area.kind === 'stadsdel' ? area.id : priority.find((p) => p.id === area.id)?.stadsdelId;
  const stadsdel = stadsdelId === undefined ? undefined : stadsdelOf.get(stadsdelId);
  if (!stadsdel) return out;
  if (area.kind === 'priorityArea') out.push({ kind: 'stadsdel', id: stadsdel.id });
  out.push({ kind: 'district', id: stadsdel.districtId });
  for (const p of priority) {
    if (!p.approximate && p.stadsdelId === stadsdel.id && !(area.kind === 'priorityArea' && p.id === area.id)) {
      out.push({ kind: 'priorityArea', id: p.id });
    }
  }
  return out;
}

const emptyCategories = (): Record<FindingCategory, number> =>
  Object.fromEntries(FINDING_CATEGORIES.map((c) => [c, 0])) as Record<FindingCategory, number>;

const emptyIndicators = (): WalkIndicators => ({
  walks: 0, findings: 0, findingsByCategory: emptyCategories(), decided: 0, decidedDone: 0, shareDone: null,
});

/**
 * Tallies walks and findings per area and year. Walks count by the year of their date and the
 * areas of `areasOfWalk`; findings by the Stockholm local year of `createdAt` and the place they
 * were assigned (stadsdelId, districtId, priorityAreaIds), whether or not they belong to a walk.
 * Example records are left out unless `includeExamples`. Linear in the number of records.
 */
export function tallyIndicators(data: WalkData, areas: Hierarchy, options: IndicatorOptions = {}): IndicatorTable {
  const stadsdelOf = new Map(areas.stadsdelar.features.map((f) => [f.properties.id, f.properties]));
  const priority = areas.priorityAreas.features.map((f) => f.properties);
  const cells = new Map<string, WalkIndicators>();
  const years = new Set<number>();
  const cell = (kind: AreaKind, id: string, year: number): WalkIndicators => {
    const key = `${kind}:${id}:${year}`;
    let c = cells.get(key);
    if (!c) { c = emptyIndicators(); cells.set(key, c); }
    return c;
  };
  const keep = (r: { example?: boolean }) => options.includeExamples || !r.example;

  const walkAreaCache = new Map<string, AreaRef[]>();
  for (const walk of data.walks) {
    if (!keep(walk)) continue;
    const year = Number(walk.date.slice(0, 4));
    if (!Number.isInteger(year)) continue;
    years.add(year);
    const key = `${walk.area.kind}:${walk.area.id}`;
    let refs = walkAreaCache.get(key);
    if (!refs) { refs = areasOfWalkWith(walk.area, stadsdelOf, priority); walkAreaCache.set(key, refs); }
    for (const ref of refs) cell(ref.kind, ref.id, year).walks++;
  }

  // Findings share few distinct places and years: the cells of each (place, year) are looked up
  // once and reused, so a finding costs one key and one map lookup (tens of thousands of findings).
  const cellsOfPlace = new Map<string, WalkIndicators[]>();
  for (const f of data.findings) {
    if (!keep(f)) continue;
    const year = yearOf(f.createdAt);
    if (year === null) continue;
    const placeKey = `${year}|${f.stadsdelId ?? ''}|${f.districtId ?? ''}|${f.priorityAreaIds.join(',')}`;
    let targets = cellsOfPlace.get(placeKey);
    if (!targets) {
      years.add(year);
      const refs: [AreaKind, string][] = [];
      if (f.stadsdelId) refs.push(['stadsdel', f.stadsdelId]);
      if (f.districtId) refs.push(['district', f.districtId]);
      for (const id of new Set(f.priorityAreaIds)) refs.push(['priorityArea', id]);
      targets = refs.map(([kind, id]) => cell(kind, id, year));
      cellsOfPlace.set(placeKey, targets);
    }
    const decided = everDecided(f);
    const done = decided && f.status === 'atgardad';
    for (const c of targets) {
      c.findings++;
      c.findingsByCategory[f.category]++;
      if (decided) c.decided++;
      if (done) c.decidedDone++;
    }
  }
  for (const c of cells.values()) c.shareDone = c.decided > 0 ? c.decidedDone / c.decided : null;

  return {
    get: (area, year) => {
      const c = cells.get(`${area.kind}:${area.id}:${year}`);
      return c ? { ...c, findingsByCategory: { ...c.findingsByCategory } } : emptyIndicators();
    },
    years: () => [...years].sort((a, b) => a - b),
  };
}

/** The figures of one area in one year (see `tallyIndicators`; use that for many areas). */
export function walkIndicators(data: WalkData, areas: Hierarchy, area: AreaRef, year: number, options: IndicatorOptions = {}): WalkIndicators {
  return tallyIndicators(data, areas, options).get(area, year);
}

/**
 * Which figure answers a programme indicator, by its text: "Antal trygghetsvandringar" → 'walks',
 * "Aktiviteter som beslutats utifrån trygghetsvandringar är genomförda" → 'shareDone' (document 000
 * spells it "trygghetvandringar"; both spellings match); any other text → null.
 */
export function indicatorFigure(text: string): 'walks' | 'shareDone' | null {
  const t = foldName(text);
  if (/^antal trygghets?vandringar$/.test(t)) return 'walks';
  if (/beslutats utifran trygghets?vandringar ar genomforda/.test(t)) return 'shareDone';
  return null;
}
