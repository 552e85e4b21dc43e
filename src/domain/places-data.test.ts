import * as turf from '@turf/turf';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { foldName } from './names';
import { placesFileSchema } from './programme-schema';
import { readDataJson, readStadsdelar } from './test-fixtures';

/** Every named place in data/places/ lies inside the stadsdel its record names (raw CC0 polygons). */
describe('named places', () => {
  const stadsdelar = readStadsdelar();
  const polygon = (name: string) => stadsdelar.features.find((f) => foldName(f.properties.name) === foldName(name));
  const files = readdirSync('data/places').filter((f) => f.endsWith('.json'));
  const places = files.flatMap((file) => placesFileSchema.parse(readDataJson(`places/${file}`)).places.map((p) => ({ file, ...p })));

  it('there are places from several documents', () => {
    expect(new Set(places.map((p) => p.file)).size).toBeGreaterThanOrEqual(4);
    expect(places.length).toBeGreaterThan(20);
  });

  it.each(places.map((p) => [`${p.file} ${p.id}`, p] as const))('%s lies in its stadsdel', (_, place) => {
    const stadsdel = polygon(place.stadsdel);
    expect(stadsdel, `unknown stadsdel ${place.stadsdel}`).toBeDefined();
    expect(turf.booleanPointInPolygon(place.position, stadsdel!)).toBe(true);
  });

  it('the places the issue names are there', () => {
    const ids = new Set(places.map((p) => p.id));
    for (const id of ['grimsta-ip', 'jarvadalen', 'racksta-trask', 'lillholmsskolan', 'vasterholmsparken', 'tenstastraket', 'hasselby-torg', 'vallingby-centrum']) {
      expect(ids, id).toContain(id);
    }
  });
});
