/**
 * Open311 GeoReport v2 answers in JSON and XML, and its errors. The XML is the spec's "Spark
 * convention" mirror of the JSON: an array becomes a wrapper element whose items are named by
 * `ITEM_NAMES`, an object an element per key, null an empty element. Every text is escaped, and
 * characters XML 1.0 cannot hold are replaced, so the answer is always well-formed.
 */

import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { stockholmOffsetMinutes } from '../../src/domain/walks/stockholm-time';

export const FORMATS = ['json', 'xml'] as const;
export type Format = (typeof FORMATS)[number];

export const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** A JSON value as Open311 answers carry it. */
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value | undefined };

/** The element name of each item of an array held under a key (or at the root). */
const ITEM_NAMES: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
};

/** "requests.json" → { base: "requests", format: "json" }; null without a known format. */
export function splitFormat(name: string): { base: string; format: Format } | null {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  const format = name.slice(dot + 1);
  return (FORMATS as readonly string[]).includes(format) ? { base: name.slice(0, dot), format: format as Format } : null;
}

/** The format a path asks for (for errors): xml when it ends in .xml, json otherwise. */
export function formatOfPath(path: string): Format {
  return path.endsWith('.xml') ? 'xml' : 'json';
}

// XML 1.0 allows tab, newline, carriage return and U+0020 onwards except surrogates (unpaired
// here: paired ones are one code point), U+FFFE and U+FFFF.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function element(name: string, value: Value | undefined, indent: string): string {
  if (value === undefined) return '';
  if (value === null) return `${indent}<${name}/>\n`;
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name];
    if (!item) throw new Error(`no XML item name for the array "${name}"`);
    if (value.length === 0) return `${indent}<${name}/>\n`;
    return `${indent}<${name}>\n${value.map((v) => element(item, v, `${indent}  `)).join('')}${indent}</${name}>\n`;
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value).map(([k, v]) => element(k, v, `${indent}  `)).join('');
    return inner === '' ? `${indent}<${name}/>\n` : `${indent}<${name}>\n${inner}${indent}</${name}>\n`;
  }
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>\n`;
}

/** The XML document of `value` under the root element `root`. */
export function toXml(root: string, value: Value): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, '')}`;
}

/** Answers `value` in the format asked for; `root` names the XML root element. */
export function respond(c: Context, format: Format, root: string, value: Value, status: ContentfulStatusCode = 200): Response {
  const body = format === 'json' ? JSON.stringify(value) : toXml(root, value);
  return c.body(body, status, { 'Content-Type': CONTENT_TYPES[format] });
}

export interface Open311ErrorItem {
  code: number;
  description: string;
}

/**
 * A refused request, answered in the spec's error format: 400 for a request that cannot be
 * carried out, 403 for a missing or wrong api_key, 404 for what does not exist, and 429 (not in
 * the spec, which has no rate limits) with Retry-After.
 */
export class Open311Error extends Error {
  readonly errors: Open311ErrorItem[];

  constructor(readonly status: 400 | 403 | 404 | 429 | 500, descriptions: string | string[], readonly retryAfter?: number) {
    const list = typeof descriptions === 'string' ? [descriptions] : descriptions;
    super(list.join('; '));
    this.name = 'Open311Error';
    this.errors = list.map((description) => ({ code: status, description }));
  }
}

export function errorResponse(c: Context, format: Format, error: Open311Error): Response {
  if (error.retryAfter !== undefined) c.header('Retry-After', String(error.retryAfter));
  c.header('Cache-Control', 'no-store');
  return respond(c, format, 'errors', error.errors as unknown as Value, error.status);
}

/**
 * A moment in the W3C date-time format the spec asks for, in Stockholm's local time with its
 * offset and whole seconds: "2021-10-14T21:05:00+02:00".
 */
export function w3cDateTime(moment: Date | string): string {
  const ms = typeof moment === 'string' ? Date.parse(moment) : moment.getTime();
  const offset = stockholmOffsetMinutes(ms);
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  return `${local}+${String(offset / 60).padStart(2, '0')}:00`;
}
