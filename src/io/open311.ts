import { roundPosition } from '../domain/reports';
import { isOpen } from '../domain/walks/status';
import { stockholmDateTime } from '../domain/walks/stockholm-time';
import type { FindingCategory, WalkData } from '../domain/walks/types';
import type { FormatContext, WalkFormat } from './format';

/**
 * A service request as Open311 GeoReport v2 writes it (GET requests.json). Optional fields with no
 * value are left out; `address` and `media_url` are always left out (photos are data: URLs, which
 * a fault-report system cannot fetch).
 */
export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  /** The current status (label) and the note of the last change, if any. */
  status_notes: string;
  /** The category's label. */
  service_name: string;
  /** The category code, e.g. "belysning". */
  service_code: FindingCategory;
  description: string;
  /** The responsible party's name, or its kind's label. */
  agency_responsible: string;
  /** ISO 8601: when the finding was observed (its first status, set at the walk or the resident's report), not when it was typed in. */
  requested_datetime: string;
  /** ISO 8601: when it was last changed. */
  updated_datetime: string;
  /** The deadline: end of that day in Stockholm, ISO 8601 with offset. Absent without a deadline. */
  expected_datetime?: string;
  /** WGS84 degrees, 5 decimals (about a metre): a finding is about one spot, not a millimetre. */
  lat: number;
  long: number;
}

/**
 * Findings as GeoReport v2 service requests, for a city fault-report system: every finding given
 * (internal ones too; pass only `public` ones when the receiver is not internal), in order. Open
 * (ny, beslutad, pågår) → "open", åtgärdad and avslutad → "closed". Walks are not written.
 */
export function toOpen311(data: WalkData, context: FormatContext = {}): Open311Request[] {
  const label = (kind: 'category' | 'status' | 'responsible', v: string) => context.label?.(kind, v) ?? v;
  return data.findings.map((f) => {
    const [long, lat] = roundPosition(f.position);
    const note = f.history[f.history.length - 1]?.note;
    const request: Open311Request = {
      service_request_id: f.id,
      status: isOpen(f.status) ? 'open' : 'closed',
      status_notes: note ? `${label('status', f.status)}: ${note}` : label('status', f.status),
      service_name: label('category', f.category),
      service_code: f.category,
      description: f.description,
      agency_responsible: f.responsible.name ?? label('responsible', f.responsible.kind),
      requested_datetime: f.history[0]?.at ?? f.createdAt,
      updated_datetime: f.updatedAt,
      lat,
      long,
    };
    if (f.deadline) request.expected_datetime = stockholmDateTime(f.deadline, '23:59:59');
    return request;
  });
}

/** Open311 GeoReport v2 service requests (JSON array), export only. */
export const open311Format: WalkFormat = {
  id: 'open311',
  label: 'Open311 GeoReport v2',
  extension: 'json',
  mime: 'application/json',
  export: (data, context) => JSON.stringify(toOpen311(data, context), null, 1),
};
