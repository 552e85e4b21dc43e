/** What the login, invitation and administration forms send: validated by the server, reused by the app. */

import { z } from 'zod';
import { ROLES } from './accounts';
import { FINDING_STATUSES, RESPONSIBLE_KINDS } from './walks/types';
import { ORGANISATION_MAX, STATUS_NOTE_MAX } from './walks/schema';

export const EMAIL_MAX = 254;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

const email = z.string().trim().max(EMAIL_MAX).pipe(z.email());
const districtId = z.string().regex(/^[a-z0-9-]+$/).max(100);

export const loginSchema = z.object({
  email: z.string().max(EMAIL_MAX),
  password: z.string().max(PASSWORD_MAX),
});

export const acceptInvitationSchema = z.object({
  name: z.string().trim().min(1).max(ORGANISATION_MAX),
  password: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX),
});

export const organisationInputSchema = z.object({
  name: z.string().trim().min(1).max(ORGANISATION_MAX),
  kind: z.enum(RESPONSIBLE_KINDS),
});

export const invitationInputSchema = z.object({
  email,
  role: z.enum(ROLES),
  organisationId: z.string().max(200).nullable().default(null),
  districtIds: z.array(districtId).max(20).default([]),
});

export const accountPatchSchema = z.object({
  role: z.enum(ROLES).optional(),
  organisationId: z.string().max(200).nullable().optional(),
  districtIds: z.array(districtId).max(20).optional(),
  disabled: z.boolean().optional(),
});

export const statusChangeInputSchema = z.object({
  to: z.enum(FINDING_STATUSES),
  note: z.string().trim().max(STATUS_NOTE_MAX).optional(),
  /** Show the note to residents when the finding is public. */
  notePublic: z.boolean().optional(),
  revision: z.number().int().min(1),
});
