/**
 * Sessions live in the database (so any server behind a load balancer can answer): a random
 * token in an HttpOnly cookie, its SHA-256 in the table, a CSRF token per session, 30 days that
 * slide with use, and sign-out of one session or of every session of an account.
 */

import type { Account } from '../../src/domain/accounts';
import type { Queryable } from '../db/database';
import { findAccount } from './accounts';
import { newToken, tokenHash } from './tokens';

/** A session lasts this long after its last use. */
export const SESSION_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;

export interface Session {
  tokenHash: string;
  csrfToken: string;
  account: Account;
}

export async function createSession(db: Queryable, accountId: string, now = new Date()): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  await db.query('insert into session (token_hash, account_id, csrf_token, expires_at) values ($1, $2, $3, $4)', [
    tokenHash(token), accountId, csrfToken, new Date(now.getTime() + SESSION_DAYS * DAY_MS),
  ]);
  return { token, csrfToken };
}

/** The live session of a cookie token, or null (unknown, expired, or the account disabled). */
export async function resolveSession(db: Queryable, token: string, now = new Date()): Promise<Session | null> {
  const hash = tokenHash(token);
  const { rows } = await db.query<{ account_id: string; csrf_token: string; expires_at: Date }>(
    'select account_id, csrf_token, expires_at from session where token_hash = $1', [hash]);
  const row = rows[0];
  if (!row || row.expires_at.getTime() <= now.getTime()) return null;
  const account = await findAccount(db, row.account_id);
  if (!account || account.disabled) return null;
  // Slide the expiry at most once a day, so that reads do not write on every request.
  if (row.expires_at.getTime() - now.getTime() < (SESSION_DAYS - 1) * DAY_MS) {
    await db.query('update session set expires_at = $2 where token_hash = $1', [hash, new Date(now.getTime() + SESSION_DAYS * DAY_MS)]);
  }
  return { tokenHash: hash, csrfToken: row.csrf_token, account };
}

export async function deleteSession(db: Queryable, hash: string): Promise<void> {
  await db.query('delete from session where token_hash = $1', [hash]);
}

export async function deleteAccountSessions(db: Queryable, accountId: string): Promise<void> {
  await db.query('delete from session where account_id = $1', [accountId]);
}

/** Removes expired sessions (run now and then; expired ones are refused anyway). */
export async function purgeExpiredSessions(db: Queryable, now = new Date()): Promise<void> {
  await db.query('delete from session where expires_at <= $1', [now]);
}
