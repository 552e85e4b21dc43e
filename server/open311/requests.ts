/**
 * Open311 service requests read from the records: public findings, and resident reports a council
 * accepted whose finding is still internal. A public finding is read only through the domain's
 * public view (viewFinding as the public), and an accepted report only through its own columns and
 * its finding's status and dates, so nothing internal can reach an answer.
 *
 * Ids: an accepted report keeps its own id (what the Open311 client that posted it was given) also
 * after its finding is made public; `requests/{findingId}` of that finding answers it too. Any
 * other public finding is listed under its finding id. So each thing is listed once.
 */

import { PUBLIC_VIEWER, type PublicFinding } from '../../src/domain/accounts';
import { CATEGORY_NAMES, RESPONSIBLE_NAMES, STATUS_NAMES } from '../../src/domain/categories';
import { roundPosition } from '../../src/domain/reports';
import { isOpen } from '../../src/domain/walks/status';
import { FINDING_STATUSES, type FindingCategory, type FindingStatus } from '../../src/domain/walks/types';
import type { Queryable } from '../db/database';
import { organisationNames } from '../records/reads';
import { viewFinding, type FindingRow } from '../records/visibility';
import { Open311Error, w3cDateTime } from './format';
import { isServiceCode } from './services';

/** Most requests one answer holds (the spec's default limit). */
export const MAX_REQUESTS = 1000;
/** The spec's default and longest date window. */
export const WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;
/** Longest id a client may ask for (record ids are at most 200 characters). */
const ID_MAX = 200;

export type Open311Status = 'open' | 'closed';

/** A service request as answered: the spec's fields in its order; media_url only when there is a public photo. */
export interface Open311Request {
  service_request_id: string;
  status: Open311Status;
  status_notes: string;
  service_name: string;
  service_code: FindingCategory;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: null;
  address: null;
  address_id: null;
  zipcode: null;
  lat: number;
  long: number;
  media_url?: string;
}

export interface RequestQuery {
  /** service_request_id: when given, every other filter is ignored (as the spec says). */
  ids: string[] | null;
  serviceCodes: FindingCategory[] | null;
  start: Date;
  end: Date;
  statuses: Open311Status[] | null;
}

// W3C date-time (https://www.w3.org/TR/NOTE-datetime) with hours and minutes and a time zone.
const W3C_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** A W3C date-time, or null. A '+' sent unencoded in a query string arrives as a space: read it back. */
export function parseW3cDateTime(raw: string): Date | null {
  const text = raw.trim().replace(/ (\d{2}:\d{2})$/, '+$1');
  const m = W3C_RE.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second, , offH, offM] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  if (month! < 1 || month! > 12 || day! < 1 || day! > daysInMonth || hour! > 23 || minute! > 59 || second! > 59 || offH! > 23 || offM! > 59) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** Every value of a parameter, split at commas ("declared multiple times, comma delimited"), blanks dropped. */
function listParam(values: readonly string[] | undefined): string[] | null {
  const items = (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  return items.length > 0 ? items : null;
}

/**
 * Reads GET requests' arguments (an empty argument counts as absent, as the spec's Optional
 * Arguments say); throws a 400 naming every wrong one. Unknown arguments (jurisdiction_id,
 * page …) are ignored.
 */
export function parseRequestQuery(queries: Record<string, string[] | undefined>, now = new Date()): RequestQuery {
  const errors: string[] = [];
  const ids = listParam(queries.service_request_id);
  if (ids && ids.length > MAX_REQUESTS) errors.push(`service_request_id: at most ${MAX_REQUESTS} ids at once`);
  if (ids?.some((id) => id.length > ID_MAX)) errors.push(`service_request_id: an id is at most ${ID_MAX} characters`);

  const codes = listParam(queries.service_code);
  for (const code of codes ?? []) if (!isServiceCode(code)) errors.push(`service_code: "${code}" is not a service code (see services.json)`);

  const statuses = listParam(queries.status);
  for (const s of statuses ?? []) if (s !== 'open' && s !== 'closed') errors.push(`status: "${s}" is neither open nor closed`);

  const date = (name: 'start_date' | 'end_date'): Date | null | undefined => {
    const raw = listParam(queries[name]);
    if (!raw) return undefined;
    const parsed = raw.length === 1 ? parseW3cDateTime(raw[0]!) : null;
    if (!parsed) errors.push(`${name}: must be one W3C date-time with a time zone, e.g. 2026-01-01T00:00:00Z or 2026-01-01T00:00:00+01:00`);
    return parsed;
  };
  const startArg = date('start_date');
  const endArg = date('end_date');
  let start: Date;
  let end: Date;
  if (startArg === undefined && endArg === undefined) {
    end = now;
    start = new Date(now.getTime() - WINDOW_DAYS * DAY_MS);
  } else {
    start = startArg ?? new Date((endArg ?? now).getTime() - WINDOW_DAYS * DAY_MS);
    end = endArg ?? new Date((startArg ?? now).getTime() + WINDOW_DAYS * DAY_MS);
    if (startArg && endArg) {
      if (end < start) errors.push('end_date: lies before start_date');
      else if (end.getTime() - start.getTime() > WINDOW_DAYS * DAY_MS) errors.push(`start_date, end_date: may not span more than ${WINDOW_DAYS} days`);
    }
  }
  if (errors.length > 0) throw new Open311Error(400, errors);
  return {
    ids,
    serviceCodes: codes as FindingCategory[] | null,
    start, end,
    statuses: statuses ? [...new Set(statuses)] as Open311Status[] : null,
  };
}

function statusOf(status: FindingStatus): Open311Status {
  return isOpen(status) ? 'open' : 'closed';
}

function findingStatusesFor(statuses: Open311Status[] | null): FindingStatus[] | null {
  return statuses ? FINDING_STATUSES.filter((s) => statuses.includes(statusOf(s))) : null;
}

function latest(...moments: (string | Date | null | undefined)[]): string {
  const ms = moments.filter((m): m is string | Date => m !== null && m !== undefined)
    .map((m) => (typeof m === 'string' ? Date.parse(m) : m.getTime())).filter((n) => !Number.isNaN(n));
  return w3cDateTime(new Date(Math.max(...ms)));
}

/**
 * The status in Swedish, and the note of the change to it when that note was written for
 * residents (the public view carries no other notes).
 */
function statusNotes(f: PublicFinding): string {
  const last = f.history.at(-1);
  const note = last && last.status === f.status ? last.note : undefined;
  return note ? `${STATUS_NAMES[f.status].sv}: ${note}` : STATUS_NAMES[f.status].sv;
}

/**
 * The Open311 request of a public finding, from its public view only. updated_datetime: for an
 * open one its last change, for a closed one when it was closed (as the spec says).
 */
function fromPublicFinding(f: PublicFinding, reportId: string | null, origin: string): Open311Request {
  const [lon, lat] = roundPosition(f.position);
  const agency = f.responsible.organisation ?? (f.responsible.kind === 'annan' ? null : RESPONSIBLE_NAMES[f.responsible.kind].sv);
  return {
    service_request_id: reportId ?? f.id,
    status: statusOf(f.status),
    status_notes: statusNotes(f),
    service_name: CATEGORY_NAMES[f.category].sv,
    service_code: f.category,
    description: f.description,
    agency_responsible: agency,
    service_notice: null,
    requested_datetime: w3cDateTime(f.history[0]?.at ?? f.createdAt),
    updated_datetime: isOpen(f.status) ? latest(f.updatedAt, f.history.at(-1)?.at) : latest(f.history.at(-1)?.at ?? f.updatedAt),
    expected_datetime: null,
    address: null,
    address_id: null,
    zipcode: null,
    lat,
    long: lon,
    ...(f.photo ? { media_url: `${origin}/api/photos/${encodeURIComponent(f.photo.id)}` } : {}),
  };
}

interface AcceptedReportRow {
  id: string;
  lon: number;
  lat: number;
  category: FindingCategory;
  description: string;
  created_at: Date;
  decided_at: Date | null;
  finding_status: FindingStatus;
  last_change_at: string | null;
}

/** The Open311 request of an accepted report whose finding is internal: the report's own fields, and the finding's status. */
function fromAcceptedReport(r: AcceptedReportRow): Open311Request {
  const [lon, lat] = roundPosition([r.lon, r.lat]);
  return {
    service_request_id: r.id,
    status: statusOf(r.finding_status),
    status_notes: STATUS_NAMES[r.finding_status].sv,
    service_name: CATEGORY_NAMES[r.category].sv,
    service_code: r.category,
    description: r.description,
    agency_responsible: null,
    service_notice: null,
    requested_datetime: w3cDateTime(r.created_at),
    updated_datetime: isOpen(r.finding_status) ? latest(r.created_at, r.decided_at, r.last_change_at) : latest(r.last_change_at ?? r.decided_at ?? r.created_at),
    expected_datetime: null,
    address: null,
    address_id: null,
    zipcode: null,
    lat,
    long: lon,
  };
}

const ACCEPTED_REPORT_OF = `(select r.id from resident_report r where r.finding_id = f.id and r.status = 'accepterad' order by r.created_at, r.id limit 1)`;

/**
 * The requests matching `query`, newest observation first, at most MAX_REQUESTS. `origin` makes
 * photo links absolute.
 */
export async function findRequests(db: Queryable, query: RequestQuery, origin: string): Promise<Open311Request[]> {
  const statuses = findingStatusesFor(query.statuses);
  const findingWhere = query.ids
    ? `(f.id = any($1) or f.id in (select r.finding_id from resident_report r where r.status = 'accepterad' and r.id = any($1)))`
    : `f.observed_at >= $1 and f.observed_at <= $2 and ($3::text[] is null or f.record->>'category' = any($3)) and ($4::text[] is null or f.status = any($4))`;
  const reportWhere = query.ids
    ? 'r.id = any($1)'
    : 'r.created_at >= $1 and r.created_at <= $2 and ($3::text[] is null or r.category = any($3)) and ($4::text[] is null or f.status = any($4))';
  const params = query.ids ? [query.ids] : [query.start, query.end, query.serviceCodes, statuses];

  const findings = await db.query<FindingRow & { report_id: string | null; observed_at: Date }>(
    `select f.record, f.district_id, f.observed_at, ${ACCEPTED_REPORT_OF} as report_id
     from finding f where f.public and ${findingWhere}
     order by f.observed_at desc, f.id limit ${MAX_REQUESTS}`, params);
  const reports = await db.query<AcceptedReportRow>(
    `select r.id, r.lon, r.lat, r.category, r.description, r.created_at, r.decided_at, f.status as finding_status,
       f.record->'history'->-1->>'at' as last_change_at
     from resident_report r join finding f on f.id = r.finding_id
     where r.status = 'accepterad' and not f.public and ${reportWhere}
     order by r.created_at desc, r.id limit ${MAX_REQUESTS}`, params);

  const organisations = await organisationNames(db);
  const answered: { at: number; request: Open311Request }[] = [];
  for (const row of findings.rows) {
    // As the public sees it: null unless public, and then only the public part.
    const view = viewFinding(PUBLIC_VIEWER, row, organisations) as PublicFinding | null;
    if (view) answered.push({ at: row.observed_at.getTime(), request: fromPublicFinding(view, row.report_id, origin) });
  }
  for (const row of reports.rows) answered.push({ at: row.created_at.getTime(), request: fromAcceptedReport(row) });
  return answered
    .sort((a, b) => b.at - a.at || (a.request.service_request_id < b.request.service_request_id ? -1 : 1))
    .slice(0, MAX_REQUESTS)
    .map((a) => a.request);
}

/** One request by its id (a report's or a finding's), or null when it is not public. */
export async function findRequest(db: Queryable, id: string, origin: string): Promise<Open311Request | null> {
  if (id.length > ID_MAX) return null;
  const found = await findRequests(db, { ids: [id], serviceCodes: null, start: new Date(0), end: new Date(0), statuses: null }, origin);
  return found[0] ?? null;
}
