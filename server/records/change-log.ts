/**
 * The change log every client follows from its cursor. Writers take one advisory lock before
 * appending, so that sequence numbers are handed out in commit order and a reader's cursor never
 * skips a transaction that committed late.
 */

import type { Queryable } from '../db/database';

const CHANGE_LOG_LOCK = 7_400_002;

export interface Scope {
  district: string | null;
  org: string | null;
  public: boolean;
}

/** Call first in every write transaction (held until commit or rollback). */
export async function lockChangeLog(db: Queryable): Promise<void> {
  await db.query('select pg_advisory_xact_lock($1)', [CHANGE_LOG_LOCK]);
}

export async function appendChange(db: Queryable, entity: 'walk' | 'finding', id: string, op: 'upsert' | 'delete', scope: Scope | null, previous: Scope | null): Promise<void> {
  await db.query(
    `insert into change_log (entity, entity_id, op, district_id, responsible_org_id, public, prev_district_id, prev_responsible_org_id, prev_public)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [entity, id, op, scope?.district ?? null, scope?.org ?? null, scope?.public ?? false, previous?.district ?? null, previous?.org ?? null, previous?.public ?? false],
  );
}

export async function latestSeq(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ seq: number | null }>('select max(seq) as seq from change_log');
  return rows[0]?.seq ?? 0;
}
