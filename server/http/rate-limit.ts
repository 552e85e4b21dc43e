/**
 * Requests counted in the database per key (a client address, an API key), so that a limit holds
 * across several servers. Used for what the public may send without an account.
 */

import type pg from 'pg';
import { inTransaction } from '../db/database';

export interface RateLimit {
  /** Most requests per key within the window. */
  limit: number;
  windowMs: number;
}

/**
 * Counts one request for `key` and resolves with 0, or with the seconds to wait when the key has
 * used up its limit (the refused request is not counted, so a flood does not extend its own wait).
 */
export async function takeRate(pool: pg.Pool, key: string, rule: RateLimit, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - rule.windowMs);
  const wait = await inTransaction(pool, async (db) => {
    // One key's requests are counted one at a time, so that concurrent requests cannot all slip under the limit.
    await db.query('select pg_advisory_xact_lock(hashtext($1))', [`rate:${key}`]);
    const { rows } = await db.query<{ n: number; oldest: Date | null }>(
      'select count(*)::int as n, min(at) as oldest from rate_event where key = $1 and at > $2', [key, since]);
    const { n, oldest } = rows[0]!;
    if (n >= rule.limit && oldest) return Math.max(1, Math.ceil((oldest.getTime() + rule.windowMs - now.getTime()) / 1000));
    await db.query('insert into rate_event (key, at) values ($1, $2)', [key, now]);
    return 0;
  });
  // Keep the table small: events older than a day no longer count for any rule.
  if (wait === 0 && Math.random() < 0.02) await pool.query("delete from rate_event where at < now() - interval '1 day'");
  return wait;
}
