/**
 * Applies the numbered SQL files of server/migrations/ (`001_name.sql`, …) in order, each in its
 * own transaction, and records them with a checksum. A shipped migration is never edited: when a
 * recorded file's checksum no longer matches, start-up stops. An advisory lock makes concurrent
 * starts of several servers safe.
 */

import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inTransaction, type Queryable } from './database';
import type pg from 'pg';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));
const LOCK_KEY = 7_400_001;

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  return files.map((file, i) => {
    const match = /^(\d{3})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!match) throw new Error(`migration file ${file} must be named NNN_name.sql`);
    const version = Number(match[1]);
    if (version !== i + 1) throw new Error(`migration ${file}: expected number ${String(i + 1).padStart(3, '0')}`);
    const sql = readFileSync(join(dir, file), 'utf8');
    return { version, name: match[2]!, sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
}

/** Brings the database up to the newest migration; resolves with the versions it applied. */
export async function migrate(pool: pg.Pool, migrations = readMigrations()): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(`create table if not exists schema_migration (
      version integer primary key, name text not null, checksum text not null,
      applied_at timestamptz not null default now())`);
    const done = new Map((await client.query<{ version: number; checksum: string; name: string }>(
      'select version, checksum, name from schema_migration')).rows.map((r) => [r.version, r]));
    const applied: number[] = [];
    for (const m of migrations) {
      const recorded = done.get(m.version);
      if (recorded) {
        if (recorded.checksum !== m.checksum) {
          throw new Error(`migration ${m.version} (${m.name}) was edited after it was applied; add a new migration instead`);
        }
        continue;
      }
      await client.query('begin');
      try {
        await client.query(m.sql);
        await client.query('insert into schema_migration (version, name, checksum) values ($1, $2, $3)', [m.version, m.name, m.checksum]);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw new Error(`migration ${m.version} (${m.name}) failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(m.version);
    }
    return applied;
  } finally {
    await client.query('select pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}

export { inTransaction, type Queryable };
