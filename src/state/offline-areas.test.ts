import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LonLat } from '../domain/walks/types';
import { memoryAreaIndex, memoryTileStore } from '../storage/tile-cache';
import type * as OfflineAreas from './offline-areas';

type Module = typeof OfflineAreas;

const TILE_JSON = { tiles: ['streets/{z}/{x}/{y}.pbf'], minzoom: 12, maxzoom: 14, bounds: [18.0602, 59.3343, 18.0807, 59.3422], bytes: 2000, tileCount: 10 };
const ROUTE: LonLat[] = [[18.068, 59.337], [18.072, 59.339]];

let offline: Module;
let tiles: ReturnType<typeof memoryTileStore>;
let tileFetch: (url: string, init?: RequestInit) => Promise<Response>;
let fetched: string[];

beforeEach(async () => {
  vi.resetModules();
  fetched = [];
  tileFetch = async () => new Response(new Uint8Array(300));
  vi.stubGlobal('window', { devicePixelRatio: 1 });
  vi.stubGlobal('document', { baseURI: 'http://localhost/' });
  vi.stubGlobal('navigator', { onLine: true });
  vi.stubGlobal('fetch', async (input: string | URL, init?: RequestInit) => {
    const url = String(input);
    if (url.endsWith('/tiles.json')) return new Response(JSON.stringify(TILE_JSON), { headers: { 'content-type': 'application/json' } });
    fetched.push(url);
    return tileFetch(url, init);
  });
  offline = await import('./offline-areas');
  tiles = memoryTileStore();
  const index = memoryAreaIndex();
  await offline.loadOfflineAreas(async () => ({ index, tiles }));
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const state = () => offline.offlineAreasStore.getState();

async function plan(walkId = 'w1', points: LonLat[] = ROUTE): Promise<void> {
  await offline.planWalkArea({ walkId, name: `Östermalm · ${walkId}`, points, areaBBox: [18.05, 59.33, 18.11, 59.35] });
}

describe('saving a walk’s area', () => {
  it('says what it will download before it starts', async () => {
    await plan();
    const step = state().step;
    expect(step?.kind).toBe('confirm');
    if (step?.kind !== 'confirm') return;
    expect(step.plan.basis).toBe('route');
    expect(step.plan.urls.length).toBeGreaterThan(0);
    expect(step.plan.urls.every((u) => /^http:\/\/localhost\/streets\/1[34]\/\d+\/\d+\.pbf$/.test(u))).toBe(true);
    expect(step.plan.estimatedBytes).toBe(step.plan.urls.length * 200);
    expect(step.plan.check).toEqual({ ok: true });
    expect(fetched).toEqual([]);
  });

  it('saves the tiles with progress, then lists the area with its size', async () => {
    await plan();
    const progress: number[] = [];
    const unsubscribe = offline.offlineAreasStore.subscribe((s) => s.step, (step) => { if (step?.kind === 'saving') progress.push(step.done); });
    await offline.startSave();
    unsubscribe();
    const [area] = state().areas;
    expect(area).toMatchObject({ walkId: 'w1', name: 'Östermalm · w1', complete: true });
    expect(area!.tiles.every((t) => t.bytes === 300)).toBe(true);
    expect(tiles.urls()).toEqual([...area!.tiles.map((t) => t.url)].sort());
    expect(progress.at(-1)).toBe(area!.tiles.length);
    expect(state().step).toBeNull();
    expect(state().message).toMatchObject({ key: 'offlineDone', problem: false, params: { tiles: area!.tiles.length, size: 300 * area!.tiles.length } });
  });

  it('uses the priority area or stadsdel when the walk has neither route nor findings', async () => {
    await plan('w1', []);
    const step = state().step;
    expect(step?.kind === 'confirm' && step.plan.basis).toBe('area');
  });

  it('refuses to start when offline', async () => {
    await plan();
    vi.stubGlobal('navigator', { onLine: false });
    await offline.startSave();
    expect(state().areas).toEqual([]);
    expect(state().message).toMatchObject({ key: 'offlineOffline', problem: true });
  });

  it('refuses a save that would pass the ceiling, with the figures', async () => {
    offline.offlineAreasStore.setState({ ceilingBytes: 100 });
    await plan();
    const step = state().step;
    expect(step?.kind === 'confirm' && step.plan.check).toMatchObject({ ok: false, reason: 'ceiling', ceilingBytes: 100 });
    await offline.startSave();
    expect(state().areas).toEqual([]);
    expect(fetched).toEqual([]);
  });

  it('cancelled, removes what it fetched', async () => {
    await plan();
    // The first tile comes at once, the others only when the save is cancelled.
    let n = 0;
    tileFetch = (_, init) => {
      n += 1;
      if (n === 1) return Promise.resolve(new Response(new Uint8Array(300)));
      return new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    };
    const saving = offline.startSave();
    await vi.waitFor(() => expect(state().step?.kind === 'saving' && state().step).toMatchObject({ done: 1 }));
    offline.cancelSave();
    await saving;
    expect(state().areas).toEqual([]);
    expect(tiles.urls()).toEqual([]);
    expect(state().message).toMatchObject({ key: 'offlineCancelled', problem: false });
  });

  it('a lost connection keeps a partial area, which can be continued', async () => {
    await plan();
    let n = 0;
    tileFetch = async () => { n += 1; if (n > 1) throw new TypeError('Failed to fetch'); return new Response(new Uint8Array(300)); };
    await offline.startSave();
    const [partial] = state().areas;
    expect(partial!.complete).toBe(false);
    const saved = partial!.tiles.filter((t) => t.bytes !== null).length;
    expect(saved).toBeGreaterThanOrEqual(1);
    expect(state().message).toMatchObject({ key: 'offlineNetwork', problem: true, params: { done: saved, total: partial!.tiles.length } });

    tileFetch = async () => new Response(new Uint8Array(300));
    fetched = [];
    await offline.continueSave(partial!.id);
    expect(state().areas[0]!.complete).toBe(true);
    expect(fetched).toHaveLength(partial!.tiles.length - saved);
  });

  it('removing an area keeps the tiles another area still holds', async () => {
    await plan('w1');
    await offline.startSave();
    await plan('w2', [[18.07, 59.338]]);
    await offline.startSave();
    const [a, b] = state().areas;
    const shared = b!.tiles.filter((t) => a!.tiles.some((u) => u.url === t.url)).map((t) => t.url);
    expect(shared.length).toBeGreaterThan(0);
    await offline.removeArea(a!.id);
    expect(state().areas.map((x) => x.id)).toEqual([b!.id]);
    expect(tiles.urls()).toEqual([...b!.tiles.map((t) => t.url)].sort());
    expect(state().message).toMatchObject({ key: 'offlineRemoved' });
  });

  it('a new save of the same walk replaces the older one', async () => {
    await plan('w1');
    await offline.startSave();
    await plan('w1', [[18.07, 59.338]]);
    await offline.startSave();
    expect(state().areas).toHaveLength(1);
  });

  it('says so when there is no street map to save', async () => {
    vi.stubGlobal('fetch', async () => new Response('', { status: 404 }));
    await plan();
    expect(state().step).toBeNull();
    expect(state().message).toMatchObject({ key: 'offlineNoSources' });
  });
});
