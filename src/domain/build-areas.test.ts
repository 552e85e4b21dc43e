/**
 * buildAreas rejects inconsistent inputs, naming the file and the record. Each case modifies a
 * copy (structuredClone) of the real inputs in data/ in one way.
 */
import * as turf from '@turf/turf';
import type { Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAreas } from './build-areas';
import type { AreaInputs, BuildResult } from './build-areas';
import { foldName } from './names';
import { readRealInputs } from './test-fixtures';
import type { DistrictsJson, PriorityAreaJson, PriorityAreasJson } from './test-fixtures';

let real: AreaInputs;

beforeAll(() => {
  real = readRealInputs();
});

/** A copy of the real inputs, changed by `modify`, built. */
function buildModified(modify: (inputs: AreaInputs & { districts: DistrictsJson; priorityAreas: PriorityAreasJson }) => void): BuildResult {
  const copy = structuredClone(real) as AreaInputs & { districts: DistrictsJson; priorityAreas: PriorityAreasJson };
  modify(copy);
  return buildAreas(copy);
}

function errorsOf(result: BuildResult): string[] {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
}

/** Asserts that some error contains every one of `parts` (case- and diacritics-insensitive). */
function expectErrorNaming(errors: string[], ...parts: string[]): void {
  const hit = errors.find((e) => parts.every((p) => foldName(e).includes(foldName(p))));
  expect(hit, `an error naming ${parts.join(' + ')} among:\n${errors.join('\n')}`).toBeDefined();
}

function district(inputs: { districts: DistrictsJson }, id: string) {
  const d = inputs.districts.districts.find((x) => x.id === id);
  if (!d) throw new Error(`test setup: no district ${id} in data/districts.json`);
  return d;
}

function priorityArea(inputs: { priorityAreas: PriorityAreasJson }, id: string): PriorityAreaJson {
  const a = inputs.priorityAreas.priorityAreas.find((x) => x.id === id);
  if (!a) throw new Error(`test setup: no priority area ${id} in data/priority-areas.json`);
  return a;
}

function geodataFeature(inputs: AreaInputs, name: string) {
  const f = inputs.stadsdelar.features.find((x) => foldName(x.properties.name) === foldName(name));
  if (!f) throw new Error(`test setup: no stadsdel ${name} in GEODATA_DIR's stadsdelar.geojson`);
  return f;
}

describe('buildAreas on the real inputs', () => {
  it('succeeds on an unmodified copy', () => {
    const result = buildModified(() => {});
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('does not modify its inputs', () => {
    const copy = structuredClone(real);
    buildAreas(copy);
    expect(copy).toEqual(real);
  });
});

describe('buildAreas rejects', () => {
  it('a district naming an unknown stadsdel', () => {
    const errors = errorsOf(buildModified((i) => district(i, 'bromma').stadsdelar.push('Atlantis')));
    expectErrorNaming(errors, 'districts.json', 'bromma', 'Atlantis');
  });

  it('a stadsdel listed in two districts', () => {
    const errors = errorsOf(buildModified((i) => district(i, 'skarholmen').stadsdelar.push('Hansta')));
    expectErrorNaming(errors, 'districts.json', 'Hansta', 'rinkeby-kista', 'skarholmen');
  });

  it('a stadsdel in no district', () => {
    const errors = errorsOf(buildModified((i) => {
      const d = district(i, 'rinkeby-kista');
      d.stadsdelar = d.stadsdelar.filter((s) => s !== 'Hansta');
    }));
    expectErrorNaming(errors, 'Hansta', 'no district');
  });

  it('a self-intersecting (bow-tie) stadsdel polygon', () => {
    const errors = errorsOf(buildModified((i) => {
      const f = geodataFeature(i, 'HANSTA');
      const [x, y] = turf.centroid(f).geometry.coordinates as [number, number];
      const d = 0.005;
      f.geometry = { type: 'Polygon', coordinates: [[[x - d, y - d], [x + d, y + d], [x + d, y - d], [x - d, y + d], [x - d, y - d]]] };
    }));
    expectErrorNaming(errors, 'stadsdelar.geojson', 'HANSTA', 'intersect');
  });

  it('a stadsdel polygon with lat/lon swapped', () => {
    const errors = errorsOf(buildModified((i) => {
      const f = geodataFeature(i, 'HANSTA');
      f.geometry.coordinates = f.geometry.coordinates.map((ring) => ring.map(([x, y]) => [y, x] as Position));
    }));
    expectErrorNaming(errors, 'stadsdelar.geojson', 'HANSTA', 'outside Stockholm');
  });

  it('an approximate circle centre with lat/lon swapped', () => {
    let index = -1;
    const errors = errorsOf(buildModified((i) => {
      const a = priorityArea(i, 'hjulsta-torg');
      index = i.priorityAreas.priorityAreas.indexOf(a);
      if (a.outline?.type !== 'circle') throw new Error('test setup: hjulsta-torg has no circle outline');
      a.outline.center = [a.outline.center[1], a.outline.center[0]];
    }));
    expectErrorNaming(errors, 'priority-areas.json', `priorityAreas.${index}.outline.center`);
  });

  describe('an approximate circle that lies mostly outside its stadsdel', () => {
    // Hjulsta torg's circle moved 1.5 km west and widened so that it still overlaps Tensta:
    // most of it lies outside, so the recipe no longer describes a place in Tensta.
    const moveHjulstaTorg = (inputs: { priorityAreas: PriorityAreasJson }) => {
      const a = priorityArea(inputs, 'hjulsta-torg');
      if (a.outline?.type !== 'circle') throw new Error('test setup: hjulsta-torg has no circle outline');
      const centre = turf.destination(a.outline.center, 1.5, -90, { units: 'kilometers' }).geometry.coordinates as [number, number];
      a.outline = { type: 'circle', center: centre, radiusM: 1700 };
      return turf.circle(centre, 1.7, { steps: 48, units: 'kilometers' });
    };

    it('(premise) the moved circle overlaps Tensta but lies mostly outside it', () => {
      const moved = moveHjulstaTorg(structuredClone(real) as AreaInputs & { priorityAreas: PriorityAreasJson });
      const overlap = turf.intersect(turf.featureCollection([moved, geodataFeature(real, 'TENSTA')]));
      expect(overlap).not.toBeNull();
      expect(turf.area(overlap!) / turf.area(moved)).toBeLessThan(0.5);
    });

    // Clipping to the stadsdel would hide this; the build checks the circle recipe itself.
    it('is rejected, naming the record', () => {
      const result = buildModified((i) => {
        moveHjulstaTorg(i);
      });
      expectErrorNaming(errorsOf(result), 'priority-areas.json', 'hjulsta-torg');
    });
  });

  it('a priority area in a stadsdel of another district', () => {
    const errors = errorsOf(buildModified((i) => {
      priorityArea(i, 'tensta').stadsdel = 'Rinkeby';
    }));
    expectErrorNaming(errors, 'priority-areas.json', 'tensta', 'Rinkeby', 'rinkeby-kista', 'spanga-tensta');
  });

  it('a priority area naming an unknown stadsdel', () => {
    const errors = errorsOf(buildModified((i) => {
      priorityArea(i, 'grimsta').stadsdel = 'Atlantis';
    }));
    expectErrorNaming(errors, 'priority-areas.json', 'grimsta', 'Atlantis');
  });

  it('a quote that is not in the document', () => {
    const errors = errorsOf(buildModified((i) => {
      priorityArea(i, 'solberga').source.quote = 'Solberga är inte ett prioriterat område.';
    }));
    expectErrorNaming(errors, 'priority-areas.json', 'solberga', 'quote', '001');
  });

  it('a noPriorityArea quote that is not in the document', () => {
    const errors = errorsOf(buildModified((i) => {
      const n = i.priorityAreas.noPriorityArea.find((x) => x.districtId === 'ostermalm');
      if (!n) throw new Error('test setup: no noPriorityArea for ostermalm');
      n.source.quote = 'Stadsdelsnämnden pekar ut Östermalm som prioriterat.';
    }));
    expectErrorNaming(errors, 'priority-areas.json', 'ostermalm', 'quote');
  });

  it('a schema error (kind "bogus")', () => {
    let index = -1;
    const errors = errorsOf(buildModified((i) => {
      const a = priorityArea(i, 'grimsta');
      index = i.priorityAreas.priorityAreas.indexOf(a);
      a.kind = 'bogus';
    }));
    expect(index).toBeGreaterThanOrEqual(0);
    expectErrorNaming(errors, 'priority-areas.json', `priorityAreas.${index}`);
  });

  it('a district with neither priority areas nor a noPriorityArea entry', () => {
    const errors = errorsOf(buildModified((i) => {
      i.priorityAreas.noPriorityArea = i.priorityAreas.noPriorityArea.filter((x) => x.districtId !== 'norrmalm');
    }));
    expectErrorNaming(errors, 'priority-areas.json', 'norrmalm');
  });
});
