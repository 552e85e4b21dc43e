/** Starting the server's parts from the environment: used by main.ts, the admin command and tests. */

import { join } from 'node:path';
import type { Role } from '../src/domain/accounts';
import type { BasemapEnv } from '../src/domain/basemap';
import { findAccountByEmail, insertAccount } from './auth/accounts';
import { hashPassword } from './auth/passwords';
import { loadAreas, type Areas } from './areas';
import { openDatabase, type Database } from './db/database';
import { migrate } from './db/migrate';

export interface Environment extends BasemapEnv {
  DATABASE_URL?: string;
  /** The embedded database's folder (default data/db; memory:// keeps nothing). */
  OMR_DATA_DIR?: string;
  /** The built app (default dist). */
  OMR_DIST?: string;
  PORT?: string;
  HOST?: string;
  TRUST_PROXY?: string;
  /** Creates this administrator at start when no account has the email (development and tests). */
  OMR_ADMIN_EMAIL?: string;
  OMR_ADMIN_PASSWORD?: string;
  /** `true`: Open311 clients must send an api_key to post requests (see server/API.md). */
  OPEN311_REQUIRE_API_KEY?: string;
}

/** Whether Open311 POSTs need an api_key: OPEN311_REQUIRE_API_KEY=true or 1; unset, false or 0 do not. */
export function open311RequireApiKey(env: Environment): boolean {
  const value = (env.OPEN311_REQUIRE_API_KEY ?? '').trim().toLowerCase();
  if (value === 'true' || value === '1') return true;
  if (value === '' || value === 'false' || value === '0') return false;
  throw new Error(`OPEN311_REQUIRE_API_KEY must be true or false, not "${env.OPEN311_REQUIRE_API_KEY}"`);
}

export async function openMigratedDatabase(env: Environment): Promise<Database> {
  const db = await openDatabase({ url: env.DATABASE_URL, dataDir: env.OMR_DATA_DIR ?? 'data/db' });
  try {
    await migrate(db.pool);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

export function areasOf(env: Environment): Areas {
  return loadAreas(join(env.OMR_DIST ?? 'dist', 'data', 'areas.json'));
}

/** Creates an account with a password unless one with that email exists. */
export async function ensureAccount(db: Database, email: string, password: string, role: Role, name = email): Promise<void> {
  if (await findAccountByEmail(db.pool, email)) return;
  await insertAccount(db.pool, { email, name, passwordHash: await hashPassword(password), role, organisationId: null, districtIds: [] });
}
