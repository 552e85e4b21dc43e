import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  TILE_CACHE_NAME, absoluteTemplates, currentTileSources, memoryTileStore, openAreaIndex, saveTiles, tileSourceSpec, type MapSourcesLike,
} from './tile-cache';

const urls = Array.from({ length: 10 }, (_, i) => `http://localhost/streets/14/${i}/0.pbf`);
const pending = () => urls.map((url) => ({ url, bytes: null as number | null }));
const okFetch = async (url: string) => new Response(new Uint8Array(100 + Number(url.split('/')[5])), { status: 200 });

describe('saveTiles', () => {
  it('fetches and saves every tile, reporting each one’s size', async () => {
    const store = memoryTileStore();
    const sizes: number[] = [];
    const outcome = await saveTiles(pending(), { store, signal: new AbortController().signal, fetch: okFetch, onTile: (i, b) => { sizes[i] = b; } });
    expect(outcome).toEqual({ status: 'done' });
    expect(store.urls()).toEqual([...urls].sort());
    expect(sizes).toEqual(urls.map((_, i) => 100 + i));
  });

  it('does not fetch tiles already saved, by this area or another', async () => {
    const store = memoryTileStore();
    await store.put(urls[1]!, new Response(new Uint8Array(7)));
    const fetched: string[] = [];
    const tiles = pending();
    tiles[0]!.bytes = 42;
    const sizes: Record<number, number> = {};
    await saveTiles(tiles, { store, signal: new AbortController().signal, fetch: async (u) => { fetched.push(u); return okFetch(u); }, onTile: (i, b) => { sizes[i] = b; } });
    expect(fetched).not.toContain(urls[0]);
    expect(fetched).not.toContain(urls[1]);
    expect(sizes[1]).toBe(7);
    expect(fetched).toHaveLength(8);
  });

  it('saves a tile the server does not have as that answer (the map gets the same offline)', async () => {
    const store = memoryTileStore();
    const outcome = await saveTiles(pending().slice(0, 1), { store, signal: new AbortController().signal, fetch: async () => new Response('Not found', { status: 404 }), onTile: () => undefined });
    expect(outcome).toEqual({ status: 'done' });
    expect(store.urls()).toEqual([urls[0]]);
  });

  it('takes the app’s page answered in place of a missing tile for a 404', async () => {
    const kept: Response[] = [];
    const store = { sizeOf: async () => null, put: async (_: string, r: Response) => { kept.push(r); return 0; }, delete: async () => undefined };
    const page = async () => new Response('<!doctype html><html></html>', { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
    await saveTiles(pending().slice(0, 1), { store, signal: new AbortController().signal, fetch: page, onTile: () => undefined });
    expect(kept.map((r) => r.status)).toEqual([404]);
  });

  it('stops at a lost connection, keeping what was saved', async () => {
    const store = memoryTileStore();
    let n = 0;
    const outcome = await saveTiles(pending(), {
      store, signal: new AbortController().signal, concurrency: 1,
      fetch: async (u) => { n += 1; if (n > 3) throw new TypeError('Failed to fetch'); return okFetch(u); },
      onTile: () => undefined,
    });
    expect(outcome).toMatchObject({ status: 'failed', failure: 'network' });
    expect(store.urls()).toHaveLength(3);
  });

  it('stops at a server error and at full storage, saying which', async () => {
    const http = await saveTiles(pending(), { store: memoryTileStore(), signal: new AbortController().signal, fetch: async () => new Response('', { status: 503 }), onTile: () => undefined });
    expect(http).toEqual({ status: 'failed', failure: 'http', detail: '503' });
    const quota = await saveTiles(pending(), { store: memoryTileStore({ failPutAfter: 2 }), signal: new AbortController().signal, concurrency: 1, fetch: okFetch, onTile: () => undefined });
    expect(quota).toMatchObject({ status: 'failed', failure: 'quota' });
  });

  it('stops when the new tiles pass the byte limit', async () => {
    const store = memoryTileStore();
    const outcome = await saveTiles(pending(), { store, signal: new AbortController().signal, concurrency: 1, fetch: okFetch, limitBytes: 250, onTile: () => undefined });
    expect(outcome).toMatchObject({ status: 'failed', failure: 'ceiling' });
    expect(store.urls().length).toBeLessThan(urls.length);
  });

  it('is cancelled by its signal, the requests in flight aborted', async () => {
    const controller = new AbortController();
    const store = memoryTileStore();
    let calls = 0;
    const outcome = await saveTiles(pending(), {
      store, signal: controller.signal, concurrency: 2,
      fetch: (u, init) => {
        calls += 1;
        if (calls === 3) controller.abort();
        return new Promise((resolve, reject) => {
          if (init.signal?.aborted) reject(new DOMException('aborted', 'AbortError'));
          init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
          setTimeout(() => resolve(okFetch(u)), 1);
        });
      },
      onTile: () => undefined,
    });
    expect(outcome).toEqual({ status: 'cancelled' });
    expect(calls).toBeLessThan(urls.length);
  });
});

describe('the index of saved areas', () => {
  it('keeps areas in IndexedDB, oldest first', async () => {
    const index = await openAreaIndex('omradeskartan-offline-test');
    const area = { id: 'b', walkId: 'w', name: 'Östermalm · 2026-12-10', bbox: [18, 59, 18.1, 59.1] as [number, number, number, number], mapZooms: [13, 17] as [number, number], tiles: [{ url: 'u', bytes: 3 }], complete: true, savedAt: '2026-12-02T17:00:00Z' };
    await index.put(area);
    await index.put({ ...area, id: 'a', savedAt: '2026-12-01T17:00:00Z' });
    expect((await index.all()).map((a) => a.id)).toEqual(['a', 'b']);
    await index.delete('a');
    expect(await index.all()).toEqual([area]);
  });
});

describe('tile sources', () => {
  it('resolves relative templates against the app base and keeps the braces', () => {
    expect(absoluteTemplates(['streets/{z}/{x}/{y}.pbf'], 'http://localhost:4173/app/')).toEqual(['http://localhost:4173/app/streets/{z}/{x}/{y}.pbf']);
    expect(absoluteTemplates(['https://t.example/{z}/{x}/{y}{ratio}.png?key=a'], 'http://x/')).toEqual(['https://t.example/{z}/{x}/{y}{ratio}.png?key=a']);
    expect(absoluteTemplates(['pmtiles://streets.pmtiles/{z}/{x}/{y}'], 'http://x/')).toEqual([]);
  });

  it('reads a TileJSON’s size figures for the estimate', () => {
    const spec = tileSourceSpec('streets', { type: 'vector', tiles: ['streets/{z}/{x}/{y}.pbf'], minzoom: 12, maxzoom: 14, bounds: [18, 59, 18.1, 59.4], bytes: 90_000, tileCount: 30 }, 'http://localhost/');
    expect(spec).toEqual({
      id: 'streets', kind: 'vector', templates: ['http://localhost/streets/{z}/{x}/{y}.pbf'], minzoom: 12, maxzoom: 14, tileSize: 512,
      scheme: 'xyz', bounds: [18, 59, 18.1, 59.4], bytesPerTile: 3000,
    });
  });

  it('takes the tiled sources of the map (not its GeoJSON), and the app’s own streets when the map lacks them', async () => {
    const map: MapSourcesLike = {
      getStyle: () => ({
        sources: {
          stadsdelar: { type: 'geojson' },
          basemap: { type: 'raster', tiles: ['https://tiles.example/{z}/{x}/{y}.png'], tileSize: 256, maxzoom: 19 },
        },
      }),
      getSource: () => ({ type: 'raster' }),
    };
    const fetchJson = async (url: string) => {
      expect(url).toBe('http://localhost/streets/tiles.json');
      return { tiles: ['streets/{z}/{x}/{y}.pbf'], minzoom: 12, maxzoom: 14, bytes: 1000, tileCount: 10 };
    };
    const sources = await currentTileSources(map, { base: 'http://localhost/', ownTileJson: 'streets/tiles.json', fetchJson });
    expect(sources.map((s) => [s.id, s.kind, s.tileSize, s.bytesPerTile])).toEqual([['basemap', 'raster', 256, 30_000], ['streets', 'vector', 512, 100]]);
  });

  it('does not add the app’s streets twice when the map shows them', async () => {
    const map: MapSourcesLike = {
      getStyle: () => ({ sources: { streets: { type: 'vector', tiles: ['http://localhost/streets/{z}/{x}/{y}.pbf'], minzoom: 12, maxzoom: 14 } } }),
      getSource: () => undefined,
    };
    const sources = await currentTileSources(map, { base: 'http://localhost/', ownTileJson: 'streets/tiles.json', fetchJson: async () => ({ tiles: ['streets/{z}/{x}/{y}.pbf'], bytes: 500, tileCount: 5 }) });
    expect(sources).toHaveLength(1);
    expect(sources[0]!.bytesPerTile).toBe(100);
  });

  it('leaves out a source that cannot be read (offline, no streets built)', async () => {
    const sources = await currentTileSources(null, { base: 'http://localhost/', ownTileJson: 'streets/tiles.json', fetchJson: async () => { throw new Error('404'); } });
    expect(sources).toEqual([]);
  });
});

describe('the service worker', () => {
  it('answers tiles from the cache this module fills, and keeps it over a new version', () => {
    const worker = readFileSync('scripts/service-worker.js', 'utf8');
    expect(worker).toContain(`const TILE_CACHE = '${TILE_CACHE_NAME}';`);
    expect(worker).toContain('k !== TILE_CACHE');
  });
});
