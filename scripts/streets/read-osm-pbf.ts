/**
 * A reader of OpenStreetMap PBF (.osm.pbf, https://wiki.openstreetmap.org/wiki/PBF_Format) on the
 * `pbf` decoder that MapLibre itself uses: file blocks are read one at a time (a whole country's
 * file never has to be in memory), inflated with Node's zlib, and nodes (plain and dense), ways and
 * relations reported to a sink. Node tags, metadata and history are not read.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { PbfReader } from 'pbf';
import type { OsmMember, OsmSink, Tags } from './osm';

/** Features a file may require that this reader handles (others are refused with their name). */
const SUPPORTED_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes']);
const MAX_HEADER = 64 * 1024;
const MAX_BLOB = 32 * 1024 * 1024;
const MEMBER_TYPES: OsmMember['type'][] = ['node', 'way', 'relation'];

/** The data of a Blob message: raw, or zlib-compressed (the compression every common writer uses). */
function blobData(bytes: Uint8Array): Uint8Array {
  const blob = new PbfReader(bytes).readFields((tag, b: { raw?: Uint8Array; zlib?: Uint8Array; other?: string }, p) => {
    if (tag === 1) b.raw = p.readBytes();
    else if (tag === 3) b.zlib = p.readBytes();
    else if (tag === 4) b.other = 'lzma';
    else if (tag === 6) b.other = 'lz4';
    else if (tag === 7) b.other = 'zstd';
  }, {});
  if (blob.raw) return blob.raw;
  if (blob.zlib) return inflateSync(blob.zlib);
  throw new Error(`a block compressed with ${blob.other ?? 'an unknown method'}, which this reader does not read ` +
    '(convert it first, e.g. osmium cat --output-format pbf,pbf_compression=zlib)');
}

function checkHeader(data: Uint8Array): void {
  const required: string[] = [];
  new PbfReader(data).readFields((tag, r: string[], p) => {
    if (tag === 4) r.push(p.readString());
  }, required);
  const unsupported = required.filter((f) => !SUPPORTED_FEATURES.has(f));
  if (unsupported.length > 0) throw new Error(`the file requires ${unsupported.join(', ')}, which this reader does not handle`);
}

interface Block {
  strings: string[];
  groups: [number, number][];
  granularity: number;
  latOffset: number;
  lonOffset: number;
}

function tagsOf(keys: number[], values: number[], strings: string[]): Tags {
  const tags: Tags = {};
  for (let i = 0; i < keys.length; i++) tags[strings[keys[i]!] ?? ''] = strings[values[i]!] ?? '';
  return tags;
}

function readBlock(data: Uint8Array, sink: OsmSink): void {
  const pbf = new PbfReader(data);
  // Granularity and offsets (fields 17–20) come after the groups in the file: note where the groups are first.
  const block = pbf.readFields((tag, b: Block, p) => {
    if (tag === 1) p.readMessage((t, strings: string[], q) => { if (t === 1) strings.push(q.readString()); }, b.strings);
    else if (tag === 2) {
      const end = p.readVarint() + p.pos;
      b.groups.push([p.pos, end]);
      p.pos = end;
    } else if (tag === 17) b.granularity = p.readVarint();
    else if (tag === 19) b.latOffset = p.readVarint(true);
    else if (tag === 20) b.lonOffset = p.readVarint(true);
  }, { strings: [], groups: [], granularity: 100, latOffset: 0, lonOffset: 0 });
  const lat = (v: number) => 1e-9 * (block.latOffset + block.granularity * v);
  const lon = (v: number) => 1e-9 * (block.lonOffset + block.granularity * v);

  for (const [start, end] of block.groups) {
    pbf.pos = start;
    pbf.readFields((tag, _: null, p) => {
      if (tag === 1) readNode(p, sink, lon, lat);
      else if (tag === 2) readDense(p, sink, lon, lat);
      else if (tag === 3) readWay(p, sink, block.strings);
      else if (tag === 4) readRelation(p, sink, block.strings);
    }, null, end);
  }
}

function readNode(p: PbfReader, sink: OsmSink, lon: (v: number) => number, lat: (v: number) => number): void {
  const n = p.readMessage((tag, r: { id: number; lat: number; lon: number }, q) => {
    if (tag === 1) r.id = q.readSVarint();
    else if (tag === 8) r.lat = q.readSVarint();
    else if (tag === 9) r.lon = q.readSVarint();
  }, { id: 0, lat: 0, lon: 0 });
  sink.node(n.id, lon(n.lon), lat(n.lat));
}

function readDense(p: PbfReader, sink: OsmSink, lon: (v: number) => number, lat: (v: number) => number): void {
  const d = p.readMessage((tag, r: { ids: number[]; lats: number[]; lons: number[] }, q) => {
    if (tag === 1) q.readPackedSVarint(r.ids);
    else if (tag === 8) q.readPackedSVarint(r.lats);
    else if (tag === 9) q.readPackedSVarint(r.lons);
  }, { ids: [], lats: [], lons: [] });
  if (d.lats.length !== d.ids.length || d.lons.length !== d.ids.length) throw new Error('dense nodes with unequal id and coordinate lists');
  let id = 0;
  let la = 0;
  let lo = 0;
  for (let i = 0; i < d.ids.length; i++) {
    id += d.ids[i]!;
    la += d.lats[i]!;
    lo += d.lons[i]!;
    sink.node(id, lon(lo), lat(la));
  }
}

function readWay(p: PbfReader, sink: OsmSink, strings: string[]): void {
  const w = p.readMessage((tag, r: { id: number; keys: number[]; values: number[]; refs: number[] }, q) => {
    if (tag === 1) r.id = q.readVarint(true);
    else if (tag === 2) q.readPackedVarint(r.keys);
    else if (tag === 3) q.readPackedVarint(r.values);
    else if (tag === 8) q.readPackedSVarint(r.refs);
  }, { id: 0, keys: [], values: [], refs: [] });
  let ref = 0;
  const refs = w.refs.map((delta) => (ref += delta));
  sink.way(w.id, refs, tagsOf(w.keys, w.values, strings));
}

function readRelation(p: PbfReader, sink: OsmSink, strings: string[]): void {
  const r = p.readMessage((tag, o: { id: number; keys: number[]; values: number[]; roles: number[]; ids: number[]; types: number[] }, q) => {
    if (tag === 1) o.id = q.readVarint(true);
    else if (tag === 2) q.readPackedVarint(o.keys);
    else if (tag === 3) q.readPackedVarint(o.values);
    else if (tag === 8) q.readPackedVarint(o.roles, true);
    else if (tag === 9) q.readPackedSVarint(o.ids);
    else if (tag === 10) q.readPackedVarint(o.types);
  }, { id: 0, keys: [], values: [], roles: [], ids: [], types: [] });
  let ref = 0;
  const members: OsmMember[] = r.ids.map((delta, i) => ({
    type: MEMBER_TYPES[r.types[i] ?? 0] ?? 'node',
    ref: (ref += delta),
    role: strings[r.roles[i] ?? 0] ?? '',
  }));
  sink.relation(r.id, members, tagsOf(r.keys, r.values, strings));
}

/** Reads an .osm.pbf file into `sink`, one block at a time; throws with the reason when it is not OSM PBF. */
export function readOsmPbf(path: string, sink: OsmSink): void {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    let pos = 0;
    const read = (n: number): Buffer => {
      if (pos + n > size) throw new Error(`the file ends inside a block at byte ${pos} (truncated?)`);
      const b = Buffer.alloc(n);
      let off = 0;
      while (off < n) {
        const got = readSync(fd, b, off, n - off, pos + off);
        if (got === 0) throw new Error(`the file ends inside a block at byte ${pos} (truncated?)`);
        off += got;
      }
      pos += n;
      return b;
    };
    let blocks = 0;
    while (pos < size) {
      const headerLength = read(4).readUInt32BE(0);
      if (headerLength === 0 || headerLength > MAX_HEADER) throw new Error(`no block header at byte ${pos - 4}: not an OpenStreetMap PBF file`);
      const header = new PbfReader(read(headerLength)).readFields((tag, h: { type: string; size: number }, p) => {
        if (tag === 1) h.type = p.readString();
        else if (tag === 3) h.size = p.readVarint();
      }, { type: '', size: -1 });
      if (blocks === 0 && header.type !== 'OSMHeader') throw new Error('the first block is not an OSMHeader: not an OpenStreetMap PBF file');
      if (header.size < 0 || header.size > MAX_BLOB) throw new Error(`a block of ${header.size} bytes at byte ${pos}: not an OpenStreetMap PBF file`);
      const data = blobData(read(header.size));
      if (header.type === 'OSMHeader') checkHeader(data);
      else if (header.type === 'OSMData') readBlock(data, sink);
      blocks += 1;
    }
    if (blocks === 0) throw new Error('the file is empty');
  } finally {
    closeSync(fd);
  }
}
