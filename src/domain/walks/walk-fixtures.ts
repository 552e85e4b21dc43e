/**
 * Test helpers for walks and findings: the real areas bundle (built once per test file), small
 * record builders, and fast-check arbitraries for valid WalkData. Only imported by *.test.ts files.
 */
import fc from 'fast-check';
import { buildAreas } from '../build-areas';
import { readRealInputs } from '../test-fixtures';
import type { AreasBundle } from '../types';
import { nextStatuses } from './status';
import { FINDING_CATEGORIES, PRIORITIES, RESPONSIBLE_KINDS } from './types';
import type { Finding, FindingStatus, LonLat, Photo, StatusChange, Walk, WalkData } from './types';

let bundle: AreasBundle | undefined;

/** The areas bundle built from data/, as the app loads it; built on first use. */
export function realAreas(): AreasBundle {
  if (!bundle) {
    const result = buildAreas(readRealInputs());
    if (!result.ok) throw new Error(`test setup: data/ does not build:\n${result.errors.join('\n')}`);
    bundle = result.bundle;
  }
  return bundle;
}

/** A 1×1 transparent PNG. */
export const TINY_PNG: Photo = {
  name: 'lampa.png',
  type: 'image/png',
  dataUrl: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
};

/** A valid walk; fields overridden by `over`. */
export function aWalk(over: Partial<Walk> = {}): Walk {
  return {
    id: 'walk-1',
    date: '2021-03-04',
    time: '19:30',
    area: { kind: 'priorityArea', id: 'tensta' },
    organiser: 'Spånga-Tensta stadsdelsförvaltning',
    participants: ['Polisen', 'Trafikkontoret'],
    notes: '',
    route: [[17.899, 59.394], [17.902, 59.395], [17.905, 59.3945]],
    createdAt: '2021-03-04T18:00:00.000Z',
    updatedAt: '2021-03-04T18:00:00.000Z',
    revision: 0,
    ...over,
  };
}

/** A valid finding (status ny) in Tensta centrum; fields overridden by `over`. */
export function aFinding(over: Partial<Finding> = {}): Finding {
  return {
    id: 'finding-1',
    walkId: 'walk-1',
    position: [17.9015, 59.3945],
    category: 'belysning',
    description: 'Trasig lampa i gångtunneln',
    photo: null,
    responsible: { kind: 'trafikkontoret' },
    priority: 'medel',
    status: 'ny',
    history: [{ status: 'ny', at: '2021-03-04T18:30:00.000Z' }],
    deadline: null,
    public: false,
    createdAt: '2021-03-04T18:30:00.000Z',
    updatedAt: '2021-03-04T18:30:00.000Z',
    revision: 0,
    stadsdelId: 'tensta',
    districtId: 'spanga-tensta',
    priorityAreaIds: ['tensta'],
    ...over,
  };
}

/** A finding whose history runs through `statuses` (after the initial ny), one day apart. */
export function withHistory(f: Finding, statuses: FindingStatus[]): Finding {
  const start = Date.parse(f.createdAt);
  const history: StatusChange[] = [{ status: 'ny', at: f.createdAt }];
  statuses.forEach((status, i) => history.push({ status, at: new Date(start + (i + 1) * 86_400_000).toISOString() }));
  const last = history[history.length - 1]!;
  return { ...f, status: last.status, history, updatedAt: last.at };
}

// ---- fast-check arbitraries of valid records ----

const MIN_MS = Date.UTC(2015, 0, 1);
const MAX_MS = Date.UTC(2035, 0, 1);
const text = (max: number) => fc.string({ unit: 'binary', minLength: 1, maxLength: max }).filter((s) => s.trim().length > 0);
const slug = fc.stringMatching(/^[a-z0-9-]{1,16}$/);
const position: fc.Arbitrary<LonLat> = fc.tuple(
  fc.double({ min: 17.7, max: 18.25, noNaN: true }),
  fc.double({ min: 59.2, max: 59.45, noNaN: true }),
);
const ms = fc.integer({ min: MIN_MS, max: MAX_MS });
const isoDateTime = ms.map((t) => new Date(t).toISOString());
const isoDate = ms.map((t) => new Date(t).toISOString().slice(0, 10));
const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const photo: fc.Arbitrary<Photo> = fc.record({
  name: fc.string({ maxLength: 30 }),
  type: fc.constantFrom('image/jpeg', 'image/png', 'image/webp'),
  data: fc.base64String({ minLength: 4, maxLength: 200 }),
}, { noNullPrototype: true }).map(({ name, type, data }) => ({ name, type, dataUrl: `data:${type};base64,${data}` }));

/** Arbitrary example flag: absent, or true/false. */
const exampleKey = fc.option(fc.boolean(), { nil: undefined }).map((e) => (e === undefined ? {} : { example: e }));

export const walkArb = (id: fc.Arbitrary<string>): fc.Arbitrary<Walk> =>
  fc.tuple(
    fc.record({
      id,
      date: isoDate,
      time,
      area: fc.record({ kind: fc.constantFrom('priorityArea' as const, 'stadsdel' as const), id: slug }, { noNullPrototype: true }),
      organiser: text(60),
      participants: fc.array(text(40), { maxLength: 5 }),
      notes: fc.string({ unit: 'binary', maxLength: 200 }),
      route: fc.option(fc.array(position, { minLength: 2, maxLength: 20 }), { nil: null }),
      createdAt: isoDateTime,
      updatedAt: isoDateTime,
      revision: fc.nat(1000),
    }, { noNullPrototype: true }),
    exampleKey,
  ).map(([w, e]) => ({ ...w, ...e }));

/** A status path from ny through allowed transitions, with non-decreasing times and optional notes. */
const historyArb: fc.Arbitrary<{ createdAt: string; history: StatusChange[] }> = fc.tuple(
  ms,
  fc.array(fc.tuple(fc.nat(10), fc.nat(40 * 86_400_000), fc.option(text(40), { nil: undefined })), { maxLength: 6 }),
).map(([start, steps]) => {
  let status: FindingStatus = 'ny';
  let t = start;
  const history: StatusChange[] = [{ status, at: new Date(t).toISOString() }];
  for (const [pick, dt, note] of steps) {
    const next = nextStatuses(status);
    status = next[pick % next.length]!;
    t += dt;
    history.push(note === undefined ? { status, at: new Date(t).toISOString() } : { status, at: new Date(t).toISOString(), note });
  }
  return { createdAt: history[0]!.at, history };
});

export const findingArb = (id: fc.Arbitrary<string>, walkIds: string[]): fc.Arbitrary<Finding> =>
  fc.tuple(
    fc.record({
      id,
      walkId: walkIds.length > 0 ? fc.option(fc.constantFrom(...walkIds), { nil: null }) : fc.constant(null),
      position,
      category: fc.constantFrom(...FINDING_CATEGORIES),
      description: text(200),
      photo: fc.option(photo, { nil: null }),
      responsible: fc.tuple(fc.constantFrom(...RESPONSIBLE_KINDS), fc.option(text(40), { nil: undefined }))
        .map(([kind, name]) => (name === undefined ? { kind } : { kind, name })),
      priority: fc.constantFrom(...PRIORITIES),
      deadline: fc.option(isoDate, { nil: null }),
      public: fc.boolean(),
      revision: fc.nat(1000),
      stadsdelId: fc.option(slug, { nil: null }),
      districtId: fc.option(slug, { nil: null }),
      priorityAreaIds: fc.array(slug, { maxLength: 3 }),
    }, { noNullPrototype: true }),
    historyArb,
    exampleKey,
  ).map(([f, h, e]) => {
    const last = h.history[h.history.length - 1]!;
    return { ...f, status: last.status, history: h.history, createdAt: h.createdAt, updatedAt: last.at, ...e };
  });

/** Valid WalkData: up to 4 walks and 8 findings with unique ids, findings on those walks or none. */
export const walkDataArb: fc.Arbitrary<WalkData> = fc
  .uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 12, maxLength: 12 })
  .chain((ids) => {
    const walkIds = ids.slice(0, 4);
    return fc.tuple(fc.nat(4), fc.nat(8)).chain(([nw, nf]) =>
      fc.record({
        walks: fc.tuple(...walkIds.slice(0, nw).map((id) => walkArb(fc.constant(id)))),
        findings: fc.tuple(...ids.slice(4, 4 + nf).map((id) => findingArb(fc.constant(id), walkIds.slice(0, nw)))),
      }, { noNullPrototype: true }),
    );
  })
  .map(({ walks, findings }) => ({ walks: [...walks], findings: [...findings] }));
