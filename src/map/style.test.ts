import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import type { AreasBundle } from '../domain/types';
import { priorityFillOpacity } from './layers/areas';
import { OSM_ATTRIBUTION, streetLayers, streetsSource, STREETS_SOURCE } from './layers/streets';
import { protocolStyle } from './protocol-map';
import { blockerLayers, buildStyle } from './style';

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

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

describe('the street layer, the label blockers and the protocol map', () => {
  const streets = { tiles: ['http://localhost/streets/{z}/{x}/{y}.pbf'], minzoom: 12, maxzoom: 14, attribution: OSM_ATTRIBUTION };

  it('the streets are a valid source and layers of their own, credited to OpenStreetMap (ODbL)', () => {
    const style = buildStyle('CC0');
    const withStreets = { ...style, sources: { ...style.sources, [STREETS_SOURCE]: streetsSource(streets) }, layers: [...style.layers, ...streetLayers()] };
    expect(validateStyleMin(withStreets)).toEqual([]);
    expect(streetLayers().every((l) => 'source' in l && l.source === STREETS_SOURCE)).toBe(true);
    expect(streetsSource(streets).attribution).toMatch(/OpenStreetMap contributors.*ODbL/);
    const names = streetLayers().find((l) => l.id === 'streets-name')!;
    expect(names.layout).toMatchObject({ 'symbol-placement': 'line', 'text-font': ['sans-serif'] });
  });

  it('the lighter area fill at street zooms is a valid paint value', () => {
    const style = buildStyle('CC0');
    const fill = style.layers.find((l) => l.id === 'priority-fill')!;
    const lighter = { ...style, layers: style.layers.map((l) => (l === fill ? { ...l, paint: { ...(l as { paint: object }).paint, 'fill-opacity': priorityFillOpacity(true) } } : l)) } as typeof style;
    expect(validateStyleMin(lighter)).toEqual([]);
  });

  it('marker blockers sit above every label layer, so that labels are placed after them', () => {
    const ids = buildStyle('CC0').layers.map((l) => l.id);
    const lastLabel = Math.max(...['label-stadsdel', 'label-priority', 'label-district', 'places-label', 'sites-label'].map((id) => ids.indexOf(id)));
    for (const blocker of blockerLayers()) expect(ids.indexOf(blocker.id)).toBeGreaterThan(lastLabel);
  });

  it('the protocol map is a valid style with the streets under the walk', () => {
    const bundle = { stadsdelar: empty, districts: empty, priorityAreas: empty, labels: empty } as unknown as AreasBundle;
    const style = protocolStyle({ bundle, water: empty, streets, route: [[18.06, 59.33], [18.07, 59.34]], findings: [{ position: [18.065, 59.335], status: 'ny' }] });
    expect(validateStyleMin(style)).toEqual([]);
    const ids = style.layers.map((l) => l.id);
    expect(ids.indexOf('streets-name')).toBeLessThan(ids.indexOf('protocol-route'));
    expect(ids.indexOf('streets-building')).toBeGreaterThan(ids.indexOf('priority-fill'));
  });
});
