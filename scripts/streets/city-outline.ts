/**
 * The city's outline (the stadsdel polygons dissolved) and clipping to it: a line is cut where it
 * crosses the outline and only its pieces inside are kept; a building is kept when its centre lies
 * inside. Edges are indexed (Flatbush) so that a city's worth of streets is clipped in seconds.
 */
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { BBox } from './osm';

type Pt = [number, number];

export class CityOutline {
  readonly bbox: BBox;
  private readonly edges: Float64Array; // x1, y1, x2, y2 per edge
  private readonly index: Flatbush;

  constructor(geometry: Polygon | MultiPolygon) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    const list: number[] = [];
    let w = Infinity;
    let s = Infinity;
    let e = -Infinity;
    let n = -Infinity;
    for (const rings of polygons) {
      for (const ring of rings) {
        for (let i = 0; i + 1 < ring.length; i++) {
          const [x1, y1] = ring[i] as Pt;
          const [x2, y2] = ring[i + 1] as Pt;
          if (x1 === x2 && y1 === y2) continue;
          list.push(x1, y1, x2, y2);
          w = Math.min(w, x1);
          e = Math.max(e, x1);
          s = Math.min(s, y1);
          n = Math.max(n, y1);
        }
      }
    }
    if (list.length === 0) throw new Error('the city outline has no edges');
    this.edges = Float64Array.from(list);
    this.bbox = [w, s, e, n];
    this.index = new Flatbush(list.length / 4);
    for (let i = 0; i < list.length; i += 4) {
      this.index.add(Math.min(list[i]!, list[i + 2]!), Math.min(list[i + 1]!, list[i + 3]!), Math.max(list[i]!, list[i + 2]!), Math.max(list[i + 1]!, list[i + 3]!));
    }
    this.index.finish();
  }

  /** Inside the outline (even-odd over every ring, so holes are outside). */
  contains([x, y]: Position): boolean {
    const [w, s, e, n] = this.bbox;
    if (x! < w || x! > e || y! < s || y! > n) return false;
    let inside = false;
    const edges = this.edges;
    // Edges that a ray from the point towards the east may cross.
    for (const i of this.index.search(x!, y!, e, y!)) {
      const x1 = edges[i * 4]!;
      const y1 = edges[i * 4 + 1]!;
      const x2 = edges[i * 4 + 2]!;
      const y2 = edges[i * 4 + 3]!;
      if ((y1 > y!) !== (y2 > y!) && x! < ((x2 - x1) * (y! - y1)) / (y2 - y1) + x1) inside = !inside;
    }
    return inside;
  }

  /** Where the segment a→b crosses an edge of the outline, as fractions of its length, in order. */
  private crossings(a: Position, b: Position): number[] {
    const [ax, ay] = a as Pt;
    const [bx, by] = b as Pt;
    const found: number[] = [];
    const edges = this.edges;
    const dx = bx - ax;
    const dy = by - ay;
    for (const i of this.index.search(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by))) {
      const x1 = edges[i * 4]!;
      const y1 = edges[i * 4 + 1]!;
      const ex = edges[i * 4 + 2]! - x1;
      const ey = edges[i * 4 + 3]! - y1;
      const denominator = dx * ey - dy * ex;
      if (denominator === 0) continue; // parallel: the pieces around it are tested by their midpoints anyway
      const t = ((x1 - ax) * ey - (y1 - ay) * ex) / denominator;
      const u = ((x1 - ax) * dy - (y1 - ay) * dx) / denominator;
      if (t > 0 && t < 1 && u >= 0 && u <= 1) found.push(t);
    }
    return found.sort((p, q) => p - q);
  }

  /** The parts of a line inside the outline (none, the whole line, or pieces cut at the outline). */
  clipLine(line: Position[]): Position[][] {
    const out: Position[][] = [];
    let run: Position[] | null = null;
    const at = (a: Position, b: Position, t: number): Position => [a[0]! + (b[0]! - a[0]!) * t, a[1]! + (b[1]! - a[1]!) * t];
    for (let i = 0; i + 1 < line.length; i++) {
      const a = line[i]!;
      const b = line[i + 1]!;
      const ts = [0, ...this.crossings(a, b), 1];
      for (let k = 0; k + 1 < ts.length; k++) {
        const t0 = ts[k]!;
        const t1 = ts[k + 1]!;
        if (t1 - t0 < 1e-12) continue;
        const inside = this.contains(at(a, b, (t0 + t1) / 2));
        if (inside) {
          const start = t0 === 0 ? a : at(a, b, t0);
          const end = t1 === 1 ? b : at(a, b, t1);
          if (!run) run = [start];
          run.push(end);
        } else if (run) {
          out.push(run);
          run = null;
        }
      }
    }
    if (run) out.push(run);
    return out.filter((r) => r.length >= 2);
  }

  /** A polygon is kept when the centre of its outer ring's vertices lies inside the outline. */
  keepsPolygon(rings: Position[][]): boolean {
    const outer = rings[0];
    if (!outer || outer.length === 0) return false;
    let x = 0;
    let y = 0;
    const n = outer.length - 1 || 1;
    for (let i = 0; i < n; i++) {
      x += outer[i]![0]!;
      y += outer[i]![1]!;
    }
    return this.contains([x / n, y / n]);
  }
}
