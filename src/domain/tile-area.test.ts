import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bboxContains, bboxWithMargin, bytesPerTile, checkCeiling, countAreaTiles, planArea, pointsBBox, sourceZooms, tileAt, tileBBox,
  tileCountAt, tileUrl, tilesCovering, tilesOnlyIn, usedBytes, walkAreaBBox, type BBox, type TileSourceSpec,
} from './tile-area';

// The Östermalm street sample (18.0602–18.0807 E, 59.3343–59.3422 N).
const OSTERMALM: BBox = [18.0602, 59.3343, 18.0807, 59.3422];

const streets: TileSourceSpec = {
  id: 'streets', kind: 'vector', templates: ['http://localhost:4173/streets/{z}/{x}/{y}.pbf'],
  minzoom: 12, maxzoom: 14, tileSize: 512, scheme: 'xyz', bytesPerTile: 4000,
};

describe('tileAt and tileBBox', () => {
  it('finds the tile of a position as the slippy-map formula does', () => {
    expect(tileAt([0, 0], 1)).toEqual({ x: 1, y: 1 });
    expect(tileAt([-180, 85], 2)).toEqual({ x: 0, y: 0 });
    // Stockholm at zoom 14: x from the longitude, y from the Mercator latitude.
    expect(tileAt([18.07, 59.338], 14)).toEqual({ x: 9014, y: 4817 });
  });

  it('a tile contains the position it was found for', () => {
    fc.assert(fc.property(
      fc.double({ min: -179.999, max: 179.999, noNaN: true }), fc.double({ min: -85, max: 85, noNaN: true }), fc.integer({ min: 0, max: 20 }),
      (lon, lat, z) => {
        const [w, s, e, n] = tileBBox({ z, ...tileAt([lon, lat], z) });
        return w <= lon + 1e-9 && lon <= e + 1e-9 && s <= lat + 1e-9 && lat <= n + 1e-9;
      },
    ));
  });

  it('clamps positions beyond the grid', () => {
    expect(tileAt([200, 89.9], 3)).toEqual({ x: 7, y: 0 });
    expect(tileAt([-200, -89.9], 3)).toEqual({ x: 0, y: 7 });
  });
});

describe('tilesCovering', () => {
  it('covers the box: each tile meets it, and its corners lie in listed tiles', () => {
    fc.assert(fc.property(
      fc.double({ min: 17.7, max: 18.2, noNaN: true }), fc.double({ min: 59.2, max: 59.45, noNaN: true }),
      fc.double({ min: 0, max: 0.05, noNaN: true }), fc.double({ min: 0, max: 0.03, noNaN: true }), fc.integer({ min: 10, max: 17 }),
      (w, s, dw, dh, z) => {
        const box: BBox = [w, s, w + dw, s + dh];
        const tiles = tilesCovering(box, z);
        if (tiles.length !== tileCountAt(box, z)) return false;
        const meets = tiles.every((t) => {
          const [tw, ts, te, tn] = tileBBox(t);
          return tw <= box[2] && te >= box[0] && ts <= box[3] && tn >= box[1];
        });
        const keys = new Set(tiles.map((t) => `${t.x}/${t.y}`));
        const corners = [[box[0], box[1]], [box[0], box[3]], [box[2], box[1]], [box[2], box[3]]] as [number, number][];
        return meets && corners.every((c) => { const t = tileAt(c, z); return keys.has(`${t.x}/${t.y}`); });
      },
    ));
  });

  it('a box ending exactly on a tile edge does not take the tile beyond', () => {
    const [w, s, e, n] = tileBBox({ z: 14, x: 9014, y: 4817 });
    expect(tilesCovering([w, s, e, n], 14)).toEqual([{ z: 14, x: 9014, y: 4817 }]);
  });

  it('the Östermalm sample is a handful of tiles at z13–14', () => {
    expect(tileCountAt(OSTERMALM, 13)).toBeLessThanOrEqual(4);
    expect(tileCountAt(OSTERMALM, 14)).toBeLessThanOrEqual(6);
  });
});

describe('the area of a walk', () => {
  it('is the extent of its route and findings with a margin in metres', () => {
    const route: [number, number][] = [[18.07, 59.338], [18.072, 59.339]];
    const area = walkAreaBBox(route, [18, 59, 18.2, 59.5], 200)!;
    expect(area.basis).toBe('route');
    // 200 m of latitude is about 0.0018°; of longitude at 59.3° about 0.0035°.
    expect(area.bbox[1]).toBeCloseTo(59.338 - 0.0018, 4);
    expect(area.bbox[3]).toBeCloseTo(59.339 + 0.0018, 4);
    expect(area.bbox[0]).toBeCloseTo(18.07 - 0.0035, 3);
    expect(area.bbox[2]).toBeCloseTo(18.072 + 0.0035, 3);
  });

  it('is the priority area or stadsdel when the walk has no route and no findings', () => {
    expect(walkAreaBBox([], [18.05, 59.33, 18.11, 59.35])).toEqual({ bbox: [18.05, 59.33, 18.11, 59.35], basis: 'area' });
    expect(walkAreaBBox([], null)).toBeNull();
  });

  it('a single finding gives a box of twice the margin', () => {
    const box = bboxWithMargin(pointsBBox([[18.07, 59.338]])!, 100);
    expect((box[3] - box[1]) * 111_320).toBeCloseTo(200, 0);
  });

  it('knows when a box lies inside another', () => {
    expect(bboxContains([0, 0, 10, 10], [1, 1, 2, 2])).toBe(true);
    expect(bboxContains([0, 0, 10, 10], [1, 1, 12, 2])).toBe(false);
  });
});

describe('sourceZooms', () => {
  it('a vector source is fetched at the map zoom up to its maxzoom (overzoomed beyond)', () => {
    expect(sourceZooms(streets)).toEqual([13, 14]);
  });

  it('a 256 px raster source one zoom deeper than the map, up to its maxzoom', () => {
    expect(sourceZooms({ minzoom: 0, maxzoom: 19, tileSize: 256 })).toEqual([14, 18]);
    expect(sourceZooms({ minzoom: 0, maxzoom: 15, tileSize: 256 })).toEqual([14, 15]);
  });

  it('nothing when the source starts deeper than the zooms saved', () => {
    expect(sourceZooms({ minzoom: 18, maxzoom: 20, tileSize: 512 })).toBeNull();
  });
});

describe('tileUrl', () => {
  it('fills a template as MapLibre does', () => {
    expect(tileUrl(['https://t/{z}/{x}/{y}{ratio}.png'], { z: 14, x: 9014, y: 4817 }, { pixelRatio: 2 })).toBe('https://t/14/9014/4817@2x.png');
    expect(tileUrl(['https://t/{z}/{x}/{y}.png'], { z: 3, x: 1, y: 2 }, { scheme: 'tms' })).toBe('https://t/3/1/5.png');
    // Bing's documented example: tile 3,5 at level 3 is quadkey 213.
    expect(tileUrl(['https://t/{quadkey}'], { z: 3, x: 3, y: 5 })).toBe('https://t/213');
    expect(tileUrl(['https://t/{bbox-epsg-3857}'], { z: 0, x: 0, y: 0 })).toBe('https://t/-20037508.342789244,-20037508.342789244,20037508.342789244,20037508.342789244');
    expect(tileUrl(['https://t/{prefix}/{z}'], { z: 5, x: 17, y: 3 })).toBe('https://t/13/5');
  });

  it('spreads tiles over several templates by x + y', () => {
    const templates = ['https://a/{z}/{x}/{y}', 'https://b/{z}/{x}/{y}'];
    expect(tileUrl(templates, { z: 1, x: 0, y: 0 })).toBe('https://a/1/0/0');
    expect(tileUrl(templates, { z: 1, x: 1, y: 0 })).toBe('https://b/1/1/0');
  });
});

describe('planArea', () => {
  it('lists each source’s tiles at its zooms and estimates their size', () => {
    const plan = planArea(OSTERMALM, [streets]);
    expect(plan.perSource).toEqual([{ sourceId: 'streets', zooms: [13, 14], tiles: plan.urls.length, estimatedBytes: plan.urls.length * 4000 }]);
    expect(plan.urls.length).toBe(tileCountAt(OSTERMALM, 13) + tileCountAt(OSTERMALM, 14));
    expect(plan.urls.every((u) => /^http:\/\/localhost:4173\/streets\/1[34]\/\d+\/\d+\.pbf$/.test(u))).toBe(true);
    expect(plan.estimatedBytes).toBe(plan.urls.length * 4000);
  });

  it('adds an online raster basemap at its own zooms', () => {
    const raster: TileSourceSpec = { id: 'basemap', kind: 'raster', templates: ['https://tiles.example/{z}/{x}/{y}.png'], minzoom: 0, maxzoom: 19, tileSize: 256, scheme: 'xyz', bytesPerTile: 30_000 };
    const plan = planArea(OSTERMALM, [streets, raster]);
    const rasterPlan = plan.perSource[1]!;
    expect(rasterPlan.zooms).toEqual([14, 18]);
    let expected = 0;
    for (let z = 14; z <= 18; z += 1) expected += tileCountAt(OSTERMALM, z);
    expect(rasterPlan.tiles).toBe(expected);
    expect(countAreaTiles(OSTERMALM, [streets, raster])).toBe(plan.urls.length);
  });

  it('fetches nothing outside a source’s bounds', () => {
    const far: TileSourceSpec = { ...streets, bounds: [17.8, 59.2, 17.85, 59.25] };
    const plan = planArea(OSTERMALM, [far]);
    expect(plan.urls).toEqual([]);
    expect(plan.perSource[0]!.zooms).toBeNull();
  });

  it('fetches a URL two sources share once', () => {
    expect(planArea(OSTERMALM, [streets, { ...streets, id: 'again' }]).urls.length).toBe(planArea(OSTERMALM, [streets]).urls.length);
  });
});

describe('sizes and the ceiling', () => {
  it('takes bytes per tile from a TileJSON that states them, else a default', () => {
    expect(bytesPerTile({ bytes: 100_000, tileCount: 40 }, 'vector')).toBe(2500);
    expect(bytesPerTile({}, 'raster')).toBe(30_000);
    expect(bytesPerTile({ bytes: 'x', tileCount: 0 }, 'vector')).toBe(80_000);
  });

  it('counts a tile several areas share once, and only saved tiles', () => {
    const a = { id: 'a', tiles: [{ url: 'u1', bytes: 10 }, { url: 'u2', bytes: 20 }, { url: 'u3', bytes: null }] };
    const b = { id: 'b', tiles: [{ url: 'u2', bytes: 20 }, { url: 'u4', bytes: 5 }] };
    expect(usedBytes([a, b])).toBe(35);
    expect(tilesOnlyIn(a, [a, b])).toEqual(['u1', 'u3']);
    expect(tilesOnlyIn(b, [a, b])).toEqual(['u4']);
  });

  it('refuses a save that would pass the ceiling, saying how much', () => {
    expect(checkCeiling({ tiles: 10, neededBytes: 400, usedBytes: 500, ceilingBytes: 1000 })).toEqual({ ok: true });
    expect(checkCeiling({ tiles: 10, neededBytes: 600, usedBytes: 500, ceilingBytes: 1000 }))
      .toEqual({ ok: false, reason: 'ceiling', usedBytes: 500, neededBytes: 600, ceilingBytes: 1000 });
  });

  it('refuses when the browser has less room than needed, too many tiles, or none', () => {
    expect(checkCeiling({ tiles: 10, neededBytes: 600, usedBytes: 0, ceilingBytes: 1e9, freeBytes: 100 })).toMatchObject({ ok: false, reason: 'storage' });
    expect(checkCeiling({ tiles: 10, neededBytes: 600, usedBytes: 0, ceilingBytes: 1e9, freeBytes: null })).toEqual({ ok: true });
    expect(checkCeiling({ tiles: 20_000, neededBytes: 1, usedBytes: 0, ceilingBytes: 1e9 })).toMatchObject({ ok: false, reason: 'too-many-tiles' });
    expect(checkCeiling({ tiles: 0, neededBytes: 0, usedBytes: 0, ceilingBytes: 1e9 })).toEqual({ ok: false, reason: 'nothing' });
  });
});
