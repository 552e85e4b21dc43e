/**
 * POST requests.{format}: an Open311 client sends a resident's report. The fields are read from
 * a form (as the spec sends them) or JSON, checked as the app's own report form is checked
 * (reportInputSchema), and stored as a resident report waiting for its council. Names, phone
 * numbers, device and account ids are never read: the product keeps no personal data but an
 * email address for updates. media_url is not fetched.
 */

import type { Context } from 'hono';
import type { z } from 'zod';
import { reportInputSchema, type ReportInput } from '../../src/domain/report-schema';
import { REPORT_DESCRIPTION_MAX, REPORT_TIMES, type ReportTime } from '../../src/domain/reports';
import { problemsFromZod } from '../../src/domain/walks/problems';
import { checkPosition } from '../../src/domain/walks/coordinates';
import type { LonLat } from '../../src/domain/walks/types';
import { tokenHash } from '../auth/tokens';
import type { Queryable } from '../db/database';
import { readBody } from '../http/body';
import { HttpProblem } from '../http/problem';
import type { RateLimit } from '../http/rate-limit';
import { Open311Error } from './format';
import { isServiceCode, TIMES_ATTRIBUTE } from './services';

/** Largest POST body, in bytes: a description of 1000 characters and a few short fields. */
export const POST_BODY_LIMIT = 32 * 1024;

const HOUR_MS = 3_600_000;
/** Requests without an api_key, per client address. */
export const ADDRESS_RATE: RateLimit = { limit: 10, windowMs: HOUR_MS };
/** Requests with an api_key (a city system posting for many residents), per key. */
export const KEY_RATE: RateLimit = { limit: 500, windowMs: HOUR_MS };

/** Field name → every value sent under it. `attribute[times][]` and `attribute[times]` are one field. */
export type Fields = Map<string, string[]>;

function add(fields: Fields, name: string, value: string): void {
  const key = name.replace(/\[\]$/, '');
  fields.set(key, [...(fields.get(key) ?? []), value]);
}

function scalar(value: unknown): string | null {
  return typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : null;
}

/** Reads the body: application/x-www-form-urlencoded as the spec sends it, or a JSON object with the same names. */
export async function readFields(c: Context): Promise<Fields> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  const isForm = type.startsWith('application/x-www-form-urlencoded');
  const isJson = /^application\/json\b/.test(type);
  if (!isForm && !isJson) throw new Open311Error(400, 'send the fields as application/x-www-form-urlencoded (or application/json)');
  let text: string;
  try {
    text = await readBody(c, POST_BODY_LIMIT);
  } catch (error) {
    if (error instanceof HttpProblem && error.code === 'too-large') throw new Open311Error(400, `the request is larger than ${POST_BODY_LIMIT} bytes`);
    throw error;
  }
  const fields: Fields = new Map();
  if (isForm) {
    for (const [name, value] of new URLSearchParams(text)) add(fields, name, value);
    return fields;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Open311Error(400, 'the body is not valid JSON');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Open311Error(400, 'the JSON body must be an object of fields');
  for (const [name, value] of Object.entries(body)) {
    if (name === 'attribute' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [code, v] of Object.entries(value)) {
        for (const item of Array.isArray(v) ? v : [v]) {
          const s = scalar(item);
          if (s === null) throw new Open311Error(400, `attribute[${code}] must be a string or a list of strings`);
          add(fields, `attribute[${code}]`, s);
        }
      }
      continue;
    }
    for (const item of Array.isArray(value) ? value : [value]) {
      const s = item === null ? '' : scalar(item);
      if (s === null) throw new Open311Error(400, `${name} must be a string or a number`);
      add(fields, name, s);
    }
  }
  return fields;
}

/** The one value of a field; '' when absent or empty (the spec treats both alike); 400 when sent twice with different values. */
export function single(fields: Fields, name: string): string {
  const values = [...new Set((fields.get(name) ?? []).map((v) => v.trim()))].filter((v) => v !== '');
  if (values.length > 1) throw new Open311Error(400, `${name} was sent more than once with different values`);
  return values[0] ?? '';
}

/** The api_key of an enabled Open311 client: its id, or null for an unknown or disabled key. */
export async function clientOfKey(db: Queryable, key: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>('select id from open311_client where key_hash = $1 and not disabled', [tokenHash(key)]);
  return rows[0]?.id ?? null;
}

const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function coordinate(fields: Fields, name: 'lat' | 'long', errors: string[]): number | null {
  const raw = single(fields, name);
  if (!NUMBER_RE.test(raw)) {
    errors.push(`${name}: must be a number in degrees (WGS84), e.g. lat=59.3293&long=18.0686`);
    return null;
  }
  return Number(raw);
}

/** The position from lat and long; throws 400 for what is missing or wrong. */
function positionOf(fields: Fields): LonLat {
  const hasLat = single(fields, 'lat') !== '';
  const hasLong = single(fields, 'long') !== '';
  if (!hasLat && !hasLong) {
    if (single(fields, 'address_string') !== '' || single(fields, 'address_id') !== '') {
      throw new Open311Error(400, 'lat and long are required: this server places a report by its coordinates and does not look up address_string or address_id');
    }
    throw new Open311Error(400, 'lat and long are required (WGS84 degrees)');
  }
  if (!hasLat || !hasLong) throw new Open311Error(400, `${hasLat ? 'long' : 'lat'} is required: lat and long are sent together`);
  const errors: string[] = [];
  const lat = coordinate(fields, 'lat', errors);
  const lon = coordinate(fields, 'long', errors);
  if (errors.length > 0 || lat === null || lon === null) throw new Open311Error(400, errors);
  const check = checkPosition([lon, lat]);
  if (check.ok) return check.value;
  switch (check.kind) {
    case 'swapped':
      throw new Open311Error(400, `lat and long look swapped: lat is the latitude (about 59.3 in Stockholm) and long the longitude (about 18.0); did you mean lat=${lon}&long=${lat}?`);
    case 'projected':
      throw new Open311Error(400, 'lat and long look like SWEREF 99 metres: send WGS84 degrees');
    case 'outside':
      throw new Open311Error(400, `lat/long: the place must lie in Stockholm; ${check.message}`);
    default:
      throw new Open311Error(400, 'lat/long: not a latitude and longitude in degrees');
  }
}

/** The times of day from attribute[times]; all three when none is given (Open311 has no such field). */
function timesOf(fields: Fields): ReportTime[] {
  const values = [...new Set((fields.get(`attribute[${TIMES_ATTRIBUTE}]`) ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== ''))];
  const wrong = values.filter((v) => !(REPORT_TIMES as readonly string[]).includes(v));
  if (wrong.length > 0) throw new Open311Error(400, `attribute[${TIMES_ATTRIBUTE}]: ${wrong.map((w) => `"${w}"`).join(', ')} is not one of ${REPORT_TIMES.join(', ')}`);
  return values.length > 0 ? values as ReportTime[] : [...REPORT_TIMES];
}

export interface Submission {
  input: Omit<z.output<typeof reportInputSchema>, 'website'> & { position: LonLat };
  /** A media_url was sent, and not kept. */
  mediaIgnored: boolean;
}

const FIELD_NAMES: Record<string, string> = { position: 'lat/long', category: 'service_code', description: 'description', times: `attribute[${TIMES_ATTRIBUTE}]`, email: 'email' };

/**
 * Checks a POST's fields: 400 for what is missing or wrong (all at once where the fields are
 * independent), 404 for a service_code that does not exist (as the spec says).
 */
export function parseSubmission(fields: Fields): Submission {
  const code = single(fields, 'service_code');
  if (code === '') throw new Open311Error(400, 'service_code was not provided (see services.json)');
  if (!isServiceCode(code)) throw new Open311Error(404, `service_code "${code}" was not found (see services.json)`);
  for (const name of fields.keys()) {
    const attribute = /^attribute\[(.*)\]$/.exec(name);
    if (attribute && attribute[1] !== TIMES_ATTRIBUTE) {
      throw new Open311Error(400, `attribute[${attribute[1]}] is not an attribute of this service (see services/${code}.json)`);
    }
  }
  const position = positionOf(fields);
  const description = single(fields, 'description');
  const raw: ReportInput = { position, category: code, description, times: timesOf(fields), photo: null, email: single(fields, 'email'), website: '' };
  const parsed = reportInputSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    throw new Open311Error(400, problemsFromZod(parsed.error).map((p) => {
      const field = FIELD_NAMES[p.field?.split('.')[0] ?? ''] ?? p.field ?? 'request';
      if (field === 'description' && p.code === 'too_long') return `description: at most ${REPORT_DESCRIPTION_MAX} characters here (the spec allows 4000)`;
      if (field === 'description') return 'description is required: say what makes the place feel unsafe';
      if (field === 'email') return 'email: not an email address';
      return `${field}: ${p.message.replace(/^[^:]*: /, '')}`;
    }));
  }
  const { website: _website, ...input } = parsed.data;
  return { input: { ...input, position }, mediaIgnored: single(fields, 'media_url') !== '' };
}
