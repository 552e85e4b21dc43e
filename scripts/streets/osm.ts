/**
 * OpenStreetMap objects as the street build needs them, and the collector that the readers of
 * .osm (XML) and .osm.pbf feed: nodes inside the area of interest (their coordinates only), ways
 * that touch it, and multipolygon relations of buildings. Tags of nodes are not kept.
 */

export type Tags = Record<string, string>;

export interface OsmMember {
  type: 'node' | 'way' | 'relation';
  ref: number;
  role: string;
}

/** What a reader reports, in file order (nodes, then ways, then relations in a standard file). */
export interface OsmSink {
  node(id: number, lon: number, lat: number): void;
  way(id: number, refs: number[], tags: Tags): void;
  relation(id: number, members: OsmMember[], tags: Tags): void;
}

/** [west, south, east, north] in degrees. */
export type BBox = [number, number, number, number];

/**
 * Node coordinates by id, compact (16 bytes a node, no Map and so no limit of 2^24 entries):
 * ids in a growing Float64Array, coordinates as integers of 1e-7 degree (OSM's own precision).
 * Lookups are binary searches; the arrays are sorted by id when they are not already (a standard
 * file lists nodes in id order).
 */
export class NodeStore {
  private ids = new Float64Array(1024);
  private lons = new Int32Array(1024);
  private lats = new Int32Array(1024);
  private count = 0;
  private sorted = true;

  get size(): number {
    return this.count;
  }

  add(id: number, lon: number, lat: number): void {
    if (this.count === this.ids.length) this.grow();
    if (this.count > 0 && id <= this.ids[this.count - 1]!) this.sorted = false;
    this.ids[this.count] = id;
    this.lons[this.count] = Math.round(lon * 1e7);
    this.lats[this.count] = Math.round(lat * 1e7);
    this.count += 1;
  }

  has(id: number): boolean {
    return this.indexOf(id) >= 0;
  }

  /** [lon, lat] rounded to 1e-7 degree, or undefined when the node was not kept. */
  get(id: number): [number, number] | undefined {
    const i = this.indexOf(id);
    return i < 0 ? undefined : [this.lons[i]! / 1e7, this.lats[i]! / 1e7];
  }

  private indexOf(id: number): number {
    if (!this.sorted) this.sort();
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.ids[mid]!;
      if (v === id) return mid;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private grow(): void {
    const n = this.ids.length * 2;
    const ids = new Float64Array(n);
    ids.set(this.ids);
    const lons = new Int32Array(n);
    lons.set(this.lons);
    const lats = new Int32Array(n);
    lats.set(this.lats);
    this.ids = ids;
    this.lons = lons;
    this.lats = lats;
  }

  /** Sorts by id; of several entries with one id (a node in two overlapping files) the last added wins. */
  private sort(): void {
    const order = new Uint32Array(this.count);
    for (let i = 0; i < this.count; i++) order[i] = i;
    const ids = this.ids;
    order.sort((a, b) => ids[a]! - ids[b]! || b - a);
    const n = Math.max(1024, this.count);
    const newIds = new Float64Array(n);
    const newLons = new Int32Array(n);
    const newLats = new Int32Array(n);
    let k = 0;
    for (let j = 0; j < order.length; j++) {
      const i = order[j]!;
      if (k > 0 && newIds[k - 1] === ids[i]) continue; // a duplicate: the later entry came first in the order
      newIds[k] = ids[i]!;
      newLons[k] = this.lons[i]!;
      newLats[k] = this.lats[i]!;
      k += 1;
    }
    this.ids = newIds;
    this.lons = newLons;
    this.lats = newLats;
    this.count = k;
    this.sorted = true;
  }
}

/** True for tags that the street layer draws (a way) or that make a building multipolygon (a relation). */
export type WayFilter = (tags: Tags) => boolean;

export interface CollectedWay {
  refs: number[];
  /** Only for ways the street layer draws; member ways of relations keep their nodes only. */
  tags?: Tags;
}

export interface CollectedRelation {
  id: number;
  members: OsmMember[];
  tags: Tags;
}

/**
 * Keeps what the street build needs from any number of files: every node inside `bbox`, every way
 * with at least one such node (its tags when `wanted(tags)`: the others may be members of a
 * building multipolygon), and the relations `wantedRelation` accepts. An object met twice (two
 * overlapping extracts) is kept once.
 */
export class OsmCollector implements OsmSink {
  readonly nodes = new NodeStore();
  readonly ways = new Map<number, CollectedWay>();
  readonly relations = new Map<number, CollectedRelation>();
  counts = { nodes: 0, ways: 0, relations: 0 };

  constructor(
    private readonly bbox: BBox,
    private readonly wanted: WayFilter,
    private readonly wantedRelation: WayFilter,
  ) {}

  node(id: number, lon: number, lat: number): void {
    this.counts.nodes += 1;
    const [w, s, e, n] = this.bbox;
    if (lon >= w && lon <= e && lat >= s && lat <= n) this.nodes.add(id, lon, lat);
  }

  way(id: number, refs: number[], tags: Tags): void {
    this.counts.ways += 1;
    if (refs.length < 2 || !refs.some((r) => this.nodes.has(r))) return;
    this.ways.set(id, this.wanted(tags) ? { refs, tags } : { refs });
  }

  relation(id: number, members: OsmMember[], tags: Tags): void {
    this.counts.relations += 1;
    if (this.wantedRelation(tags)) this.relations.set(id, { id, members, tags });
  }
}
