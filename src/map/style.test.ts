import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { buildStyle } from './style';

describe('map style', () => {
  const style = buildStyle('Stockholms stad, öppna data (CC0)');

  it('is a valid MapLibre style', () => {
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('needs no network: no glyphs, sprites or remote sources', () => {
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    for (const source of Object.values(style.sources)) {
      expect(source.type).toBe('geojson');
      expect('url' in source || 'tiles' in source).toBe(false);
    }
  });

  it('draws water over the area fills and the outlines and labels over water', () => {
    const ids = style.layers.map((l) => l.id);
    expect(ids.indexOf('water')).toBeGreaterThan(ids.indexOf('priority-fill'));
    expect(ids.indexOf('district-line')).toBeGreaterThan(ids.indexOf('water'));
    expect(ids.indexOf('label-district')).toBeGreaterThan(ids.indexOf('district-line'));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('credits the CC0 source', () => {
    expect(JSON.stringify(style.sources)).toContain('öppna data (CC0)');
  });
});
