/** What the report form and the moderation actions send: validated by the server, reused by the app. */

import { z } from 'zod';
import { EMAIL_MAX } from './account-schema';
import { DECLINE_REASON_MAX, REPORT_DESCRIPTION_MAX, REPORT_TIMES } from './reports';
import { ID_MAX, ORGANISATION_MAX, PHOTO_DATA_URL_MAX, PHOTO_TYPES, positionSchema, responsibleSchema } from './walks/schema';
import { FINDING_CATEGORIES, PRIORITIES } from './walks/types';

/** A follow token: 32 random bytes, base64url without padding. */
export const FOLLOW_TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

const DATA_URL_RE = /^data:(image\/(?:jpeg|png|webp));base64,[A-Za-z0-9+/]+={0,2}$/;

/** A photo sent with a report: inline, to be stored by the server with its metadata removed. */
export const reportPhotoSchema = z.object({
  name: z.string().max(ORGANISATION_MAX),
  type: z.enum(PHOTO_TYPES),
  dataUrl: z.string().max(PHOTO_DATA_URL_MAX),
}).superRefine((photo, ctx) => {
  const m = DATA_URL_RE.exec(photo.dataUrl);
  if (!m) ctx.addIssue({ code: 'custom', message: 'must be a base64 data: URL of a JPEG, PNG or WebP image', path: ['dataUrl'], params: { code: 'invalid_photo' } });
  else if (m[1] !== photo.type) ctx.addIssue({ code: 'custom', message: `data: URL holds ${m[1]} but type says ${photo.type}`, path: ['type'], params: { code: 'invalid_photo' } });
});

/**
 * A resident's report. `website` is a honeypot: the form hides it from people, so a value there
 * means a bot filled in every field; the server answers as if accepted and stores nothing.
 */
export const reportInputSchema = z.object({
  position: positionSchema,
  category: z.enum(FINDING_CATEGORIES),
  description: z.string().trim().min(1, 'must not be empty').max(REPORT_DESCRIPTION_MAX),
  times: z.array(z.enum(REPORT_TIMES)).min(1, 'choose at least one time of day').max(REPORT_TIMES.length)
    .refine((t) => new Set(t).size === t.length, 'each time of day once'),
  photo: reportPhotoSchema.nullable().default(null),
  email: z.union([z.literal(''), z.string().trim().max(EMAIL_MAX).pipe(z.email())]).default(''),
  website: z.string().max(500).default(''),
  /**
   * The follow token, made by the app (32 random bytes, base64url) so that sending the same
   * report again after a lost answer stores it once and answers with the same receipt.
   */
  followToken: z.string().regex(FOLLOW_TOKEN_RE, 'must be 43 base64url characters').optional(),
});
export type ReportInput = z.input<typeof reportInputSchema>;

/** Accepting a report: it becomes a finding, internal unless `public`, on a planned walk if chosen. */
export const acceptReportSchema = z.object({
  walkId: z.string().min(1).max(ID_MAX).nullable().default(null),
  public: z.boolean().default(false),
  priority: z.enum(PRIORITIES).default('medel'),
  responsible: responsibleSchema.default({ kind: 'sdf' }),
  /** Whether the report's photo goes with the finding to residents (only when the finding is public). */
  photoPublic: z.boolean().default(false),
});
export type AcceptReportInput = z.input<typeof acceptReportSchema>;

export const declineReportSchema = z.object({
  reason: z.string().trim().min(1, 'say why, for the resident').max(DECLINE_REASON_MAX),
});

/** Merging a report into an open finding or another pending report of the same place. */
export const mergeReportSchema = z.object({
  into: z.object({ kind: z.enum(['finding', 'report']), id: z.string().min(1).max(ID_MAX) }),
});
