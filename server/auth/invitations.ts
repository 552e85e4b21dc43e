/** One-time invitation links: the administrator passes the link on (no mail server is assumed). */

import type { Role } from '../../src/domain/accounts';
import type { Queryable } from '../db/database';
import { normaliseEmail } from './accounts';
import { newToken, tokenHash } from './tokens';

export const INVITATION_DAYS = 7;

export interface Invitation {
  email: string;
  role: Role;
  organisationId: string | null;
  districtIds: string[];
  expiresAt: string;
}

interface InvitationRow {
  email: string;
  role: Role;
  organisation_id: string | null;
  district_ids: string[];
  expires_at: Date;
}

const toInvitation = (r: InvitationRow): Invitation => ({
  email: r.email, role: r.role, organisationId: r.organisation_id, districtIds: r.district_ids, expiresAt: r.expires_at.toISOString(),
});

export async function createInvitation(db: Queryable, input: Omit<Invitation, 'expiresAt'>, createdBy: string | null, now = new Date()): Promise<{ token: string; expiresAt: string }> {
  const token = newToken();
  const expires = new Date(now.getTime() + INVITATION_DAYS * 24 * 3600 * 1000);
  await db.query(
    'insert into invitation (token_hash, email, role, organisation_id, district_ids, created_by, expires_at) values ($1, $2, $3, $4, $5, $6, $7)',
    [tokenHash(token), normaliseEmail(input.email), input.role, input.organisationId, input.districtIds, createdBy, expires]);
  return { token, expiresAt: expires.toISOString() };
}

/** The invitation of a link, if unused and unexpired. */
export async function findInvitation(db: Queryable, token: string): Promise<Invitation | null> {
  const { rows } = await db.query<InvitationRow>(
    'select email, role, organisation_id, district_ids, expires_at from invitation where token_hash = $1 and used_at is null and expires_at > now()', [tokenHash(token)]);
  return rows[0] ? toInvitation(rows[0]) : null;
}

/** Marks the invitation used and returns it; null when unknown, used or expired (so a link works once). */
export async function consumeInvitation(db: Queryable, token: string): Promise<Invitation | null> {
  const { rows } = await db.query<InvitationRow>(
    `update invitation set used_at = now() where token_hash = $1 and used_at is null and expires_at > now()
     returning email, role, organisation_id, district_ids, expires_at`, [tokenHash(token)]);
  return rows[0] ? toInvitation(rows[0]) : null;
}
