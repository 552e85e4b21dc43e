/** Systems allowed to post Open311 requests with an api_key (table open311_client). */

import { randomUUID } from 'node:crypto';
import { newToken, tokenHash } from '../auth/tokens';
import type { Queryable } from '../db/database';

/** Longest client name, in characters. */
export const CLIENT_NAME_MAX = 200;

/** Creates an enabled client; resolves with its id and its key, which is shown once (only its SHA-256 is kept). */
export async function createOpen311Client(db: Queryable, name: string): Promise<{ id: string; key: string }> {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > CLIENT_NAME_MAX) throw new Error(`a client name has 1–${CLIENT_NAME_MAX} characters`);
  const id = randomUUID();
  const key = newToken();
  await db.query('insert into open311_client (id, name, key_hash) values ($1, $2, $3)', [id, trimmed, tokenHash(key)]);
  return { id, key };
}
