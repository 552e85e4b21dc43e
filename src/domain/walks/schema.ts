import { z } from 'zod';
import { checkPosition } from './coordinates';
import type { PositionProblemKind } from './coordinates';
import type { IssueParams, ProblemCode } from './problems';
import { canTransition } from './status';
import {
  FINDING_CATEGORIES, FINDING_STATUSES, PRIORITIES, RESPONSIBLE_KINDS,
} from './types';
import type { Finding, LonLat, Photo, StatusChange, Walk } from './types';

/** Longest finding description, in characters. */
export const DESCRIPTION_MAX = 2000;
/** Longest walk notes, in characters. */
export const NOTES_MAX = 10_000;
/** Longest organisation name (organiser, participant, responsible party), in characters. */
export const ORGANISATION_MAX = 200;
/** Most participating organisations on one walk. */
export const PARTICIPANTS_MAX = 100;
/** Most positions in a walk's route. */
export const ROUTE_MAX_POSITIONS = 10_000;
/** Longest note on a status change, in characters. */
export const STATUS_NOTE_MAX = 2000;
/** Longest photo data: URL, in characters (about 2.2 MB of image); photos are downscaled before. */
export const PHOTO_DATA_URL_MAX = 3_000_000;
/** Longest record id, in characters. */
export const ID_MAX = 200;
/** Most resident reports one walk may plan to look at. */
export const REPORT_STOPS_MAX = 200;

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

const POSITION_CODES: Record<PositionProblemKind, ProblemCode> = {
  invalid: 'position_invalid', swapped: 'position_swapped', outside: 'position_outside', projected: 'position_projected',
};

const custom = (code: ProblemCode, message: string, suggestion?: LonLat) => {
  const params: IssueParams = suggestion ? { code, suggestion } : { code };
  return { code: 'custom' as const, message, params };
};

/** A WGS84 [lon, lat] inside Stockholm; the output is a fresh two-number array. */
export const positionSchema = z.unknown().superRefine((value, ctx) => {
  if (value === undefined) { ctx.addIssue(custom('required', 'is required')); return; }
  const check = checkPosition(value);
  if (!check.ok) ctx.addIssue(custom(POSITION_CODES[check.kind], check.message, check.suggestion));
}).transform((value) => {
  const [lon, lat] = value as [number, number];
  return [lon, lat] as LonLat;
});

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
const dateSchema = z.iso.date();
const timeSchema = z.string().refine((s) => TIME_RE.test(s), { message: 'must be a time written HH:MM (00:00–23:59)', params: { code: 'invalid_time' } });
const dateTimeSchema = z.iso.datetime({ offset: true });
const idSchema = z.string().min(1).max(ID_MAX);
const areaIdSchema = z.string().regex(/^[a-z0-9-]+$/, 'must be an area id such as "hasselby-gard"');
const nonBlank = (max: number) =>
  z.string().max(max).refine((s) => s.trim().length > 0, { message: 'must not be empty', params: { code: 'required' } });

const DATA_URL_RE = /^data:(image\/(?:jpeg|png|webp));base64,[A-Za-z0-9+/]+={0,2}$/;

/** Id of a photo stored by the server (hex SHA-256 of the stored bytes). */
export const PHOTO_ID_RE = /^[0-9a-f]{64}$/;

export const photoSchema = z.object({
  name: z.string().max(ORGANISATION_MAX),
  type: z.enum(PHOTO_TYPES),
  dataUrl: z.string().max(PHOTO_DATA_URL_MAX).optional(),
  id: z.string().regex(PHOTO_ID_RE, 'must be a stored photo id').optional(),
  public: z.boolean().optional(),
}).superRefine((photo, ctx) => {
  if ((photo.dataUrl === undefined) === (photo.id === undefined)) {
    ctx.addIssue({ ...custom('invalid_photo', 'a photo needs either dataUrl or id, not both'), path: ['dataUrl'] });
    return;
  }
  if (photo.dataUrl === undefined) return;
  const m = DATA_URL_RE.exec(photo.dataUrl);
  if (!m) ctx.addIssue({ ...custom('invalid_photo', 'must be a base64 data: URL of a JPEG, PNG or WebP image'), path: ['dataUrl'] });
  else if (m[1] !== photo.type) ctx.addIssue({ ...custom('invalid_photo', `data: URL holds ${m[1]} but type says ${photo.type}`), path: ['type'] });
}) satisfies z.ZodType<Photo>;

export const areaRefSchema = z.object({ kind: z.enum(['priorityArea', 'stadsdel']), id: areaIdSchema });

export const responsibleSchema = z.object({
  kind: z.enum(RESPONSIBLE_KINDS),
  name: z.string().max(ORGANISATION_MAX).optional(),
  organisationId: idSchema.optional(),
});

export const changeAuthorSchema = z.object({
  accountId: idSchema,
  name: z.string().max(ORGANISATION_MAX),
  organisation: z.string().max(ORGANISATION_MAX).nullable(),
});

export const statusChangeSchema = z.object({
  status: z.enum(FINDING_STATUSES),
  at: dateTimeSchema,
  note: z.string().max(STATUS_NOTE_MAX).optional(),
  public: z.boolean().optional(),
  by: changeAuthorSchema.optional(),
}) satisfies z.ZodType<StatusChange>;

/**
 * What is wrong with a status history: it must start with ny, follow STATUS_TRANSITIONS, never go
 * back in time, and end with the current status. Paths are relative to the finding.
 */
export function historyIssues(status: Finding['status'], history: StatusChange[]): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  if (history[0] && history[0].status !== 'ny') issues.push({ path: ['history', 0, 'status'], message: `history must start with ny, not ${history[0].status}` });
  for (let i = 1; i < history.length; i++) {
    const prev = history[i - 1]!;
    const cur = history[i]!;
    if (!canTransition(prev.status, cur.status)) issues.push({ path: ['history', i, 'status'], message: `${prev.status} cannot change to ${cur.status}` });
    if (Date.parse(cur.at) < Date.parse(prev.at)) issues.push({ path: ['history', i, 'at'], message: `change at ${cur.at} lies before the previous one at ${prev.at}` });
  }
  const last = history[history.length - 1];
  if (last && last.status !== status) issues.push({ path: ['status'], message: `status ${status} differs from the last history entry (${last.status})` });
  return issues;
}

/** A stored walk, as the store holds it and as export writes it. Unknown keys are dropped. */
export const walkSchema = z.object({
  id: idSchema,
  date: dateSchema,
  time: timeSchema,
  area: areaRefSchema,
  organiser: nonBlank(ORGANISATION_MAX),
  participants: z.array(nonBlank(ORGANISATION_MAX)).max(PARTICIPANTS_MAX),
  notes: z.string().max(NOTES_MAX),
  route: z.array(positionSchema).min(2).max(ROUTE_MAX_POSITIONS).nullable(),
  reportIds: z.array(idSchema).max(REPORT_STOPS_MAX).optional(),
  createdAt: dateTimeSchema,
  updatedAt: dateTimeSchema,
  revision: z.number().int().min(0),
  example: z.boolean().optional(),
}) satisfies z.ZodType<Walk>;

/** A stored finding, as the store holds it and as export writes it. Unknown keys are dropped. */
export const findingSchema = z.object({
  id: idSchema,
  walkId: idSchema.nullable(),
  position: positionSchema,
  category: z.enum(FINDING_CATEGORIES),
  description: nonBlank(DESCRIPTION_MAX),
  photo: photoSchema.nullable(),
  responsible: responsibleSchema,
  priority: z.enum(PRIORITIES),
  status: z.enum(FINDING_STATUSES),
  history: z.array(statusChangeSchema).min(1),
  deadline: dateSchema.nullable(),
  public: z.boolean(),
  createdAt: dateTimeSchema,
  updatedAt: dateTimeSchema,
  revision: z.number().int().min(0),
  stadsdelId: areaIdSchema.nullable(),
  districtId: areaIdSchema.nullable(),
  priorityAreaIds: z.array(areaIdSchema),
  example: z.boolean().optional(),
  reportId: idSchema.optional(),
}).superRefine((f, ctx) => {
  for (const issue of historyIssues(f.status, f.history)) ctx.addIssue({ ...custom('history_mismatch', issue.message), path: issue.path });
}) satisfies z.ZodType<Finding>;

const trimmed = (max: number) => z.string().trim().max(max);

/** What a form gives to create a walk; trimmed, participants deduplicated (see `normaliseParticipants`). */
export const walkInputSchema = z.object({
  date: dateSchema,
  time: timeSchema,
  area: areaRefSchema,
  organiser: trimmed(ORGANISATION_MAX).min(1),
  participants: z.array(z.string().max(ORGANISATION_MAX)).max(PARTICIPANTS_MAX * 2).default([]),
  notes: trimmed(NOTES_MAX).default(''),
  route: z.array(positionSchema).min(2).max(ROUTE_MAX_POSITIONS).nullable().default(null),
  example: z.boolean().optional(),
});

/** What a form gives to create a finding; text trimmed, defaults filled in. */
export const findingInputSchema = z.object({
  walkId: idSchema.nullable().default(null),
  position: positionSchema,
  category: z.enum(FINDING_CATEGORIES),
  description: trimmed(DESCRIPTION_MAX).min(1),
  photo: photoSchema.nullable().default(null),
  responsible: z.object({ kind: z.enum(RESPONSIBLE_KINDS), name: trimmed(ORGANISATION_MAX).optional(), organisationId: idSchema.optional() }),
  priority: z.enum(PRIORITIES).default('medel'),
  deadline: dateSchema.nullable().default(null),
  public: z.boolean().default(false),
  example: z.boolean().optional(),
});
