/**
 * Failed logins counted in the database per email and per client address, so that the limit
 * holds across several servers. Only failures count: a member who types correctly is never slowed.
 */

import type { Queryable } from '../db/database';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Failed logins for one email within the window before further attempts are refused. */
export const LOGIN_FAILURES_PER_EMAIL = 5;
/** Failed logins from one client address within the window. */
export const LOGIN_FAILURES_PER_CLIENT = 20;

export interface LoginKeys {
  email: string;
  client: string;
}

const keysOf = (k: LoginKeys) => [`email:${k.email}`, `client:${k.client}`];

/** Seconds until another attempt is allowed, or 0 when one is allowed now. */
export async function loginRetryAfter(db: Queryable, keys: LoginKeys, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const { rows } = await db.query<{ key: string; n: number; oldest: Date }>(
    'select key, count(*)::int as n, min(at) as oldest from login_failure where key = any($1) and at > $2 group by key',
    [keysOf(keys), since]);
  let wait = 0;
  for (const row of rows) {
    const limit = row.key.startsWith('email:') ? LOGIN_FAILURES_PER_EMAIL : LOGIN_FAILURES_PER_CLIENT;
    if (row.n >= limit) wait = Math.max(wait, Math.ceil((row.oldest.getTime() + LOGIN_WINDOW_MS - now.getTime()) / 1000));
  }
  return wait;
}

export async function recordLoginFailure(db: Queryable, keys: LoginKeys): Promise<void> {
  await db.query('insert into login_failure (key) select unnest($1::text[])', [keysOf(keys)]);
  // Keep the table small: failures older than the window no longer count.
  await db.query('delete from login_failure where at < $1', [new Date(Date.now() - LOGIN_WINDOW_MS)]);
}
