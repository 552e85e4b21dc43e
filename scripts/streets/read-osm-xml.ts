/**
 * A streaming reader of OpenStreetMap XML (.osm): reads the file in chunks of 1 MiB, so that an
 * extract of a whole city (hundreds of MB) never has to fit in one string, and reports nodes, ways
 * and relations to a sink. It reads the elements OSM XML has (osm, bounds, node, way, nd, tag,
 * relation, member) and skips everything else.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { OsmMember, OsmSink, Tags } from './osm';

/** A start, end or empty-element tag whose attribute values may hold '>' when quoted. */
const ELEMENT = /<(\/?)([A-Za-z_][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
/** Longer than this, an element is not OSM XML (a way has at most 2000 nodes). */
const MAX_ELEMENT = 16 * 1024 * 1024;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(ENTITY, (_, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16))
      : e.startsWith('#') ? String.fromCodePoint(parseInt(e.slice(1), 10))
        : NAMED[e]!);
}

function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  ATTRIBUTE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTRIBUTE.exec(text))) out[m[1]!] = decode(m[2] ?? m[3] ?? '');
  return out;
}

function number(attrs: Record<string, string>, name: string, element: string): number {
  const v = Number(attrs[name]);
  if (attrs[name] === undefined || !Number.isFinite(v)) throw new Error(`<${element}> without a valid ${name} attribute`);
  return v;
}

/** Parses OSM XML text fed in pieces; `feed` returns the part it could not parse yet. */
export class OsmXmlParser {
  private current: { kind: 'way'; id: number; refs: number[]; tags: Tags }
    | { kind: 'relation'; id: number; members: OsmMember[]; tags: Tags }
    | { kind: 'node' } | null = null;
  private sawRoot = false;

  constructor(private readonly sink: OsmSink) {}

  feed(text: string): string {
    ELEMENT.lastIndex = 0;
    let end = 0;
    let m: RegExpExecArray | null;
    while ((m = ELEMENT.exec(text))) {
      end = ELEMENT.lastIndex;
      const closing = m[1] === '/';
      const name = m[2]!;
      let attrText = m[3]!;
      const empty = attrText.endsWith('/');
      if (empty) attrText = attrText.slice(0, -1);
      if (closing) this.close(name);
      else {
        this.open(name, attrText);
        if (empty) this.close(name);
      }
    }
    // Keep from the first '<' after the last element: the start of an element cut by the chunk.
    const rest = text.indexOf('<', end);
    return rest < 0 ? '' : text.slice(rest);
  }

  /** Checks that the text was OSM XML at all. */
  end(rest: string): void {
    if (!this.sawRoot) throw new Error('no <osm> element: not an OpenStreetMap XML file');
    if (/<[A-Za-z_/]/.test(rest) || this.current) throw new Error('the file ends inside an element (truncated?)');
  }

  private open(name: string, attrText: string): void {
    switch (name) {
      case 'osm':
      case 'osmChange':
        if (name === 'osmChange') throw new Error('an osmChange file (a diff), not an extract');
        this.sawRoot = true;
        return;
      case 'node': {
        const a = attributes(attrText);
        if (a.visible !== 'false') this.sink.node(number(a, 'id', name), number(a, 'lon', name), number(a, 'lat', name));
        this.current = { kind: 'node' };
        return;
      }
      case 'way': {
        const a = attributes(attrText);
        this.current = { kind: 'way', id: number(a, 'id', name), refs: [], tags: {} };
        return;
      }
      case 'relation': {
        const a = attributes(attrText);
        this.current = { kind: 'relation', id: number(a, 'id', name), members: [], tags: {} };
        return;
      }
      case 'nd':
        if (this.current?.kind === 'way') this.current.refs.push(number(attributes(attrText), 'ref', name));
        return;
      case 'member': {
        if (this.current?.kind !== 'relation') return;
        const a = attributes(attrText);
        const type = a.type;
        if (type === 'node' || type === 'way' || type === 'relation') {
          this.current.members.push({ type, ref: number(a, 'ref', name), role: a.role ?? '' });
        }
        return;
      }
      case 'tag': {
        const c = this.current;
        if (c?.kind !== 'way' && c?.kind !== 'relation') return;
        const a = attributes(attrText);
        if (a.k !== undefined) c.tags[a.k] = a.v ?? '';
        return;
      }
      default:
    }
  }

  private close(name: string): void {
    const c = this.current;
    if (name === 'node' && c?.kind === 'node') this.current = null;
    else if (name === 'way' && c?.kind === 'way') {
      this.current = null;
      this.sink.way(c.id, c.refs, c.tags);
    } else if (name === 'relation' && c?.kind === 'relation') {
      this.current = null;
      this.sink.relation(c.id, c.members, c.tags);
    }
  }
}

/** Reads an .osm file into `sink`; throws with the reason when it is not OSM XML. */
export function readOsmXml(path: string, sink: OsmSink, chunkBytes = 1 << 20): void {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(chunkBytes);
    const decoder = new StringDecoder('utf8');
    const parser = new OsmXmlParser(sink);
    let rest = '';
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      rest = parser.feed(rest + decoder.write(buffer.subarray(0, n)));
      if (rest.length > MAX_ELEMENT) throw new Error('an element longer than 16 MiB: not OpenStreetMap XML');
    }
    rest = parser.feed(rest + decoder.end());
    parser.end(rest);
  } finally {
    closeSync(fd);
  }
}
