/** Writes as the logged-in account: one transaction, idempotency keys, and a poke to open event streams. */

import type { Context } from 'hono';
import type { AppEnv, Deps } from '../context';
import { inTransaction } from '../db/database';
import { HttpProblem, invalid } from '../http/problem';
import { authorOf, type WriteContext } from '../records/findings';
import { organisationNames } from '../records/reads';
import { requireAccount } from './guards';

const IDEMPOTENCY_KEY_RE = /^[A-Za-z0-9_-]{8,100}$/;

/**
 * Runs a write in one transaction as the logged-in account. With an Idempotency-Key, a repeated
 * request returns the first answer instead of writing again. Open event streams are poked after commit.
 */
export async function write(c: Context<AppEnv>, deps: Deps, work: (ctx: WriteContext) => Promise<{ status: 200 | 201 | 204; body: unknown }>): Promise<Response> {
  const viewer = requireAccount(c);
  const key = c.req.header('idempotency-key') ?? null;
  if (key !== null && !IDEMPOTENCY_KEY_RE.test(key)) throw invalid([{ field: 'Idempotency-Key', message: 'must be 8–100 letters, digits, - or _' }]);
  const replay = async () => {
    const { rows } = await deps.db.pool.query<{ status: number; body: unknown }>(
      'select status, body from idempotency where account_id = $1 and key = $2', [viewer.account.id, key]);
    return rows[0] ?? null;
  };
  const answer = (status: number, body: unknown) => (status === 204 ? c.body(null, 204) : c.json(body, status as 200));
  if (key) {
    const earlier = await replay();
    if (earlier) return answer(earlier.status, earlier.body);
  }
  const organisations = await organisationNames(deps.db.pool);
  const result = await inTransaction(deps.db.pool, async (tx) => {
    const ctx: WriteContext = {
      db: tx, areas: deps.areas, viewer, organisations, now: new Date().toISOString(),
      author: authorOf(viewer.account, viewer.account.organisationId ? organisations.get(viewer.account.organisationId) ?? null : null),
    };
    const done = await work(ctx);
    if (key) {
      const stored = await tx.query('insert into idempotency (account_id, key, status, body) values ($1, $2, $3, $4) on conflict do nothing',
        [viewer.account.id, key, done.status, JSON.stringify(done.body ?? null)]);
      if (stored.rowCount === 0) {
        c.header('Retry-After', '1');
        throw new HttpProblem('idempotency-in-progress', 'the same Idempotency-Key is being used by another request: retry');
      }
    }
    return done;
  });
  deps.notifier.poke();
  return answer(result.status, result.body);
}

