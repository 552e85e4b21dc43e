import { describe, expect, it } from 'vitest';
import { WALK_FORMATS, walkFormat } from './formats';

describe('format registry', () => {
  it('lists GeoJSON, CSV and Open311 with unique ids, and only GeoJSON imports', () => {
    expect(WALK_FORMATS.map((f) => [f.id, f.extension, typeof f.import])).toEqual([
      ['geojson', 'geojson', 'function'], ['csv', 'csv', 'undefined'], ['open311', 'json', 'undefined'],
    ]);
    expect(walkFormat('csv')?.mime).toMatch(/^text\/csv/);
    expect(walkFormat('shapefile')).toBeUndefined();
  });
});
