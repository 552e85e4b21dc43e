/**
 * The database: PostgreSQL at `DATABASE_URL` in production, or an embedded PostgreSQL (PGlite,
 * PostgreSQL compiled to WebAssembly, in this process) in a local folder when no URL is given.
 * Both are reached through one `pg.Pool`, so the SQL and the migrations are the same.
 */

import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { lockFolder, type FolderLock } from './folder-lock';

export type DatabaseKind = 'embedded' | 'postgresql';

export interface Database {
  readonly kind: DatabaseKind;
  readonly pool: pg.Pool;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… ; when absent the embedded database is used. */
  url?: string;
  /** The embedded database's folder, or `memory://` for one that vanishes on close. */
  dataDir?: string;
  /** Largest number of connections to PostgreSQL (the embedded database has one). */
  poolSize?: number;
}

// PostgreSQL's int8 (bigserial change cursors) fits a JS number for any realistic count.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    pool.on('error', (error) => console.error('database connection error', error.message));
    await pool.query('select 1');
    return { kind: 'postgresql', pool, close: () => pool.end() };
  }
  const dataDir = options.dataDir ?? 'data/db';
  let lock: FolderLock | null = null;
  if (!dataDir.startsWith('memory://')) lock = lockFolder(dataDir);
  try {
    const pglite = await PGlite.create(dataDir);
    const pool = new pg.Pool(createPgConfig(pglite));
    return {
      kind: 'embedded',
      pool,
      async close() {
        await pool.end();
        await pglite.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/** Runs `work` in one transaction on one connection: committed if it resolves, rolled back if it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A checked-out client has no pool listener: a connection lost between two queries (database
  // restarted) would otherwise be an uncaught 'error' event that ends the process. The transaction
  // then fails at its next query, and the broken client is discarded rather than pooled again.
  let lost: Error | undefined;
  const onError = (error: Error) => { lost = error; };
  client.on('error', onError);
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch((rollbackError: Error) => { lost ??= rollbackError; });
    throw error;
  } finally {
    client.off('error', onError);
    client.release(lost);
  }
}

/** Anything that runs a query: the pool or a client inside a transaction. */
export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;
