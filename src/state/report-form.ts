/**
 * The resident's report form without React: what is wrong with a draft, field by field (from the
 * domain's schema before sending, or from the server's 400 after), the private follow link
 * (`#rapport=<token>`: in the fragment, so that the token never reaches a server log), the
 * shareable link of one finding, and times written in Stockholm's local time. Pure.
 */

import { FOLLOW_TOKEN_RE, reportInputSchema } from '../domain/report-schema';
import type { ReportTime } from '../domain/reports';
import { problemsFromZod } from '../domain/walks/problems';
import { stockholmDateTimeText } from '../domain/walks/stockholm-time';
import type { FindingCategory, LonLat } from '../domain/walks/types';

/** What the resident has typed so far (kept until the report is sent). */
export interface ReportDraft {
  position: LonLat | null;
  /** How the place was chosen: on the map, with the device's position, or the Nära mig point. */
  positionHow: 'map' | 'position' | 'near' | null;
  category: FindingCategory | '';
  description: string;
  times: ReportTime[];
  photo: { name: string; type: string; dataUrl: string } | null;
  email: string;
  /** The honeypot: hidden from people, sent as it is (a person leaves it empty). */
  website: string;
  /** Made at the first attempt to send and kept until a receipt comes: a resend is then stored once. */
  followToken: string;
}

export const EMPTY_DRAFT: ReportDraft = {
  position: null, positionHow: null, category: '', description: '', times: [], photo: null, email: '', website: '', followToken: '',
};

export const REPORT_FIELDS = ['position', 'category', 'description', 'times', 'photo', 'email'] as const;
export type ReportField = (typeof REPORT_FIELDS)[number];

/**
 * What is wrong with one field, as a code the UI translates (`reportError_<field>_<code>`):
 * - required: nothing chosen or written;
 * - too_long: longer than allowed;
 * - outside: the place lies outside Stockholm, or in no district whose council could read it;
 * - invalid: any other refusal (an email address that is not one, a photo that is not an image …).
 */
export type ReportFieldCode = 'required' | 'too_long' | 'outside' | 'invalid';
export type ReportFieldErrors = Partial<Record<ReportField, ReportFieldCode>>;

/** A problem as the domain's validators and the server's 400 `errors` carry it. */
export interface FieldProblem {
  field?: string;
  code?: string;
}

function fieldCode(field: ReportField, code: string | undefined): ReportFieldCode {
  switch (field) {
    case 'position':
      if (code === 'required' || code === 'position_invalid') return 'required';
      return code === 'position_outside' || code === 'position_swapped' || code === 'position_projected' ? 'outside' : 'invalid';
    case 'category':
      return 'required';
    case 'description':
      return code === 'too_long' ? 'too_long' : code === 'required' ? 'required' : 'invalid';
    case 'times':
      return code === 'too_few' || code === 'required' ? 'required' : 'invalid';
    case 'photo':
      return code === 'too_long' ? 'too_long' : 'invalid';
    case 'email':
      return code === 'too_long' ? 'too_long' : 'invalid';
  }
}

/**
 * Problems as one code per form field (the first problem of a field wins). Problems of no form
 * field (the honeypot, unknown fields, a body that is not JSON) are returned in `other`.
 */
export function reportFieldErrors(problems: readonly FieldProblem[]): { fields: ReportFieldErrors; other: FieldProblem[] } {
  const fields: ReportFieldErrors = {};
  const other: FieldProblem[] = [];
  for (const p of problems) {
    const root = (p.field ?? '').split('.')[0] as ReportField;
    if (!(REPORT_FIELDS as readonly string[]).includes(root)) {
      other.push(p);
      continue;
    }
    fields[root] ??= fieldCode(root, p.code);
  }
  return { fields, other };
}

/** What is sent: the draft as `POST /api/reports` takes it (no photo key when there is none). */
export function reportBody(draft: ReportDraft): Record<string, unknown> {
  return {
    position: draft.position ?? undefined,
    category: draft.category,
    description: draft.description,
    times: draft.times,
    photo: draft.photo,
    email: draft.email.trim(),
    website: draft.website,
    ...(draft.followToken ? { followToken: draft.followToken } : {}),
  };
}

/**
 * Checks the draft with the schema the server uses (`reportInputSchema`), and that the place lies
 * in a district (whose council reads reports) when `districtOf` is given. Empty when it may be sent.
 */
export function validateReport(draft: ReportDraft, districtOf?: (position: LonLat) => string | null): ReportFieldErrors {
  const parsed = reportInputSchema.safeParse(reportBody(draft), { reportInput: true });
  const { fields } = parsed.success ? { fields: {} as ReportFieldErrors } : reportFieldErrors(problemsFromZod(parsed.error));
  if (!fields.position && draft.position && districtOf && districtOf(draft.position) === null) fields.position = 'outside';
  return fields;
}

/** The fields in form order, for focusing the first one that needs attention. */
export function firstErrorField(errors: ReportFieldErrors): ReportField | null {
  return REPORT_FIELDS.find((f) => errors[f] !== undefined) ?? null;
}

const TOKEN_RE = /^[A-Za-z0-9_-]{1,200}$/;

/** The private follow link: the app's address (`base`, e.g. `https://karta.stockholm.se/`) with `#rapport=<token>`. */
export function followLink(base: string, token: string): string {
  const url = new URL(base);
  url.search = '';
  url.hash = `rapport=${token}`;
  return url.toString();
}

/**
 * The follow token in a location hash: null when the hash is not a follow link, `{ token }` when it
 * is one, `{ token: null }` when it says `rapport=` but the token cannot be one (a damaged link).
 */
export function parseFollowHash(hash: string): { token: string | null } | null {
  const text = hash.replace(/^#/, '');
  const params = new URLSearchParams(text);
  if (!params.has('rapport')) return null;
  const token = (params.get('rapport') ?? '').trim();
  return { token: TOKEN_RE.test(token) ? token : null };
}

/** The shareable link of one finding: the app's address with `?sel=finding:<id>` (and `lang=en` in English). */
export function findingLink(base: string, findingId: string, lang: 'sv' | 'en'): string {
  const url = new URL(base);
  url.hash = '';
  url.search = `?sel=finding:${encodeURIComponent(findingId)}${lang === 'en' ? '&lang=en' : ''}`;
  return url.toString();
}


/** When a refused report may be sent again: minutes from now (at least 1) and the local clock time HH:MM. */
export function retryAt(retryAfterSeconds: number, now: Date): { minutes: number; time: string } {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  const at = new Date(now.getTime() + seconds * 1000);
  return { minutes: Math.max(1, Math.ceil(seconds / 60)), time: stockholmDateTimeText(at.toISOString()).slice(11) };
}

/** A draft read back from session storage: only what a draft can hold, anything else dropped. */
export function parseDraft(value: unknown): ReportDraft {
  if (!value || typeof value !== 'object') return { ...EMPTY_DRAFT };
  const v = value as Record<string, unknown>;
  const str = (x: unknown, max: number) => (typeof x === 'string' ? x.slice(0, max) : '');
  const position = Array.isArray(v.position) && v.position.length === 2 && v.position.every((n) => typeof n === 'number' && Number.isFinite(n))
    ? [v.position[0] as number, v.position[1] as number] as LonLat : null;
  const how = v.positionHow === 'map' || v.positionHow === 'position' || v.positionHow === 'near' ? v.positionHow : null;
  const times = Array.isArray(v.times) ? (['dag', 'kvall', 'natt'] as const).filter((t) => (v.times as unknown[]).includes(t)) : [];
  const p = v.photo as Record<string, unknown> | null | undefined;
  const photo = p && typeof p === 'object' && typeof p.dataUrl === 'string' && typeof p.type === 'string'
    ? { name: str(p.name, 200), type: p.type, dataUrl: p.dataUrl } : null;
  return {
    position, positionHow: position ? how : null,
    category: str(v.category, 40) as ReportDraft['category'],
    description: str(v.description, 5000), times, photo, email: str(v.email, 320), website: str(v.website, 500),
    followToken: typeof v.followToken === 'string' && FOLLOW_TOKEN_RE.test(v.followToken) ? v.followToken : '',
  };
}
