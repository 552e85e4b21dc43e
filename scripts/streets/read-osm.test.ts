import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { geodataPath } from '../geodata';
import { NodeStore, type OsmMember, type OsmSink, type Tags } from './osm';
import { readOsmPbf } from './read-osm-pbf';
import { readOsmXml } from './read-osm-xml';

class Recorder implements OsmSink {
  nodes: [number, number, number][] = [];
  ways: { id: number; refs: number[]; tags: Tags }[] = [];
  relations: { id: number; members: OsmMember[]; tags: Tags }[] = [];
  node(id: number, lon: number, lat: number) { this.nodes.push([id, lon, lat]); }
  way(id: number, refs: number[], tags: Tags) { this.ways.push({ id, refs, tags }); }
  relation(id: number, members: OsmMember[], tags: Tags) { this.relations.push({ id, members, tags }); }
}

const tmp = mkdtempSync(join(tmpdir(), 'omr-osm-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};
const samples = join(geodataPath('osmSamples'));

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="test">
 <bounds minlat="59.3" minlon="18.0" maxlat="59.4" maxlon="18.1"/>
 <node id="1" lat="59.3400000" lon="18.0700000"/>
 <node id="2" lat="59.3401000" lon="18.0710000">
  <tag k="highway" v="traffic_signals"/>
 </node>
 <node id="3" visible="true" lat='59.3402' lon='18.072'/>
 <!-- a comment -->
 <way id="10">
  <nd ref="1"/>
  <nd ref="2"/><nd ref="3"/>
  <tag k="highway" v="residential"/>
  <tag k="name" v="Östermalmsgatan &amp; &quot;Gränd&quot; &#246; &#x00e4; a &gt; b"/>
  <tag k="note" v="quoted > inside"/>
 </way>
 <relation id="20">
  <member type="way" ref="10" role="outer"/>
  <member type="node" ref="1" role=""/>
  <tag k="type" v="multipolygon"/>
 </relation>
</osm>
`;

describe('readOsmXml', () => {
  it('reads nodes, ways with their tags (entities decoded) and relations', () => {
    const r = new Recorder();
    readOsmXml(file('a.osm', XML), r);
    expect(r.nodes).toEqual([[1, 18.07, 59.34], [2, 18.071, 59.3401], [3, 18.072, 59.3402]]);
    expect(r.ways).toEqual([{
      id: 10, refs: [1, 2, 3],
      tags: { highway: 'residential', name: 'Östermalmsgatan & "Gränd" ö ä a > b', note: 'quoted > inside' },
    }]);
    expect(r.relations).toEqual([{
      id: 20, members: [{ type: 'way', ref: 10, role: 'outer' }, { type: 'node', ref: 1, role: '' }], tags: { type: 'multipolygon' },
    }]);
  });

  it('reads the same whatever the chunk size (elements and characters cut between chunks)', () => {
    const path = file('b.osm', XML);
    const whole = new Recorder();
    readOsmXml(path, whole);
    for (const size of [1, 2, 3, 7, 64]) {
      const r = new Recorder();
      readOsmXml(path, r, size);
      expect(r).toEqual(whole);
    }
  });

  it('refuses what is not OSM XML, or is cut short', () => {
    expect(() => readOsmXml(file('c.xml', '<?xml version="1.0"?><gpx><trk/></gpx>'), new Recorder())).toThrow(/no <osm> element/);
    expect(() => readOsmXml(file('d.osm', XML.slice(0, XML.indexOf('</way>'))), new Recorder())).toThrow(/truncated/);
    expect(() => readOsmXml(file('e.osm', '<osm><node id="x" lat="1" lon="2"/></osm>'), new Recorder())).toThrow(/valid id/);
  });

  it('reads the Östermalm sample: every node, way and relation', () => {
    const r = new Recorder();
    readOsmXml(join(samples, 'ostermalm.osm'), r);
    expect([r.nodes.length, r.ways.length, r.relations.length]).toEqual([9240, 1394, 370]);
    expect(r.ways.filter((w) => w.tags.highway === 'steps')).toHaveLength(55);
    expect(r.ways.some((w) => w.tags.name === 'Birger Jarlsgatan')).toBe(true);
  });
});

describe('readOsmPbf', () => {
  it('reads the Södermalm sample: dense nodes, ways and relations with their tags', () => {
    const r = new Recorder();
    readOsmPbf(join(samples, 'sodermalm.osm.pbf'), r);
    expect(r.nodes.length).toBe(3460);
    expect(r.ways.length).toBe(465);
    // 185 highway ways (osmium tags-count): 183 lines and 2 pedestrian areas (area=yes, one of them named).
    const highways = r.ways.filter((w) => w.tags.highway !== undefined);
    expect(highways).toHaveLength(185);
    expect(highways.filter((w) => w.tags.area === 'yes')).toHaveLength(2);
    // 121 buildings: 108 ways and 13 multipolygon relations (the counts osmium tags-count gives).
    expect(r.ways.filter((w) => w.tags.building !== undefined)).toHaveLength(108);
    expect(r.relations.filter((x) => x.tags.building !== undefined && x.tags.type === 'multipolygon')).toHaveLength(13);
    expect(r.relations).toHaveLength(86);
    expect(highways.filter((w) => w.tags.name !== undefined)).toHaveLength(71);
    // Every way's nodes are in the file, in Södermalm.
    const ids = new Set(r.nodes.map(([id]) => id));
    expect(r.ways.every((w) => w.refs.every((ref) => ids.has(ref)))).toBe(true);
    // The extent of its nodes, as osmium fileinfo -e gives it: (18.0248427, 59.3105769, 18.0800149, 59.3305984).
    const lons = r.nodes.map(([, lon]) => lon);
    const lats = r.nodes.map(([, , lat]) => lat);
    expect(Math.min(...lons)).toBeCloseTo(18.0248427, 7);
    expect(Math.min(...lats)).toBeCloseTo(59.3105769, 7);
    expect(Math.max(...lons)).toBeCloseTo(18.0800149, 7);
    expect(Math.max(...lats)).toBeCloseTo(59.3305984, 7);
  });

  it('refuses what is not PBF', () => {
    expect(() => readOsmPbf(file('f.pbf', 'not a pbf at all, just text'), new Recorder())).toThrow(/not an OpenStreetMap PBF/);
    expect(() => readOsmPbf(file('g.pbf', ''), new Recorder())).toThrow(/empty/);
  });
});

describe('NodeStore', () => {
  it('finds nodes added in any order, the later of two with one id', () => {
    const store = new NodeStore();
    for (let i = 2000; i > 0; i--) store.add(i * 3, i / 1000, i / 2000);
    store.add(9, 1, 2);
    expect(store.get(9)).toEqual([1, 2]);
    expect(store.get(3000)).toEqual([1, 0.5]);
    expect(store.has(3001)).toBe(false);
    expect(store.size).toBe(2000);
  });
});
