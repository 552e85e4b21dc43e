/**
 * One server for a test run: on the embedded database (in memory), or on PostgreSQL when
 * DATABASE_URL is set (CI runs both). Server test files share it (vitest.server.config.ts runs
 * them in one process, one after another) and each starts from empty tables.
 */

import { readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import type { Account, Organisation, Role } from '../../src/domain/accounts';
import type { AreasBundle } from '../../src/domain/types';
import { hashPassword } from '../auth/passwords';
import { insertAccount, insertOrganisation } from '../auth/accounts';
import { createApp } from '../app';
import { areasFrom, type Areas } from '../areas';
import type { AppEnv } from '../context';
import { openDatabase, type Database } from '../db/database';
import { migrate } from '../db/migrate';
import { createChangeNotifier, type ChangeNotifier } from '../records/change-notifier';

export interface TestServer {
  app: Hono<AppEnv>;
  db: Database;
  areas: Areas;
  notifier: ChangeNotifier;
}

let shared: Promise<TestServer> | null = null;

export function loadTestAreas(): Areas {
  return areasFrom(JSON.parse(readFileSync('public/data/areas.json', 'utf8')) as AreasBundle);
}

async function start(): Promise<TestServer> {
  const db = await openDatabase(process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : { dataDir: 'memory://' });
  await migrate(db.pool);
  const areas = loadTestAreas();
  const notifier = createChangeNotifier(db.pool, 100);
  const app = createApp({ db, areas, notifier, config: { secureCookies: 'auto', trustProxy: false, distDir: null, open311RequireApiKey: false } });
  return { app, db, areas, notifier };
}

const TABLES = ['resident_report', 'rate_event', 'open311_client', 'report_notification', 'idempotency', 'change_log', 'finding_event', 'photo', 'finding', 'walk', 'login_failure', 'invitation', 'session', 'account', 'organisation'];

/** The shared server with every table emptied (call in beforeAll or beforeEach). */
export async function freshServer(): Promise<TestServer> {
  shared ??= start();
  const server = await shared;
  await server.db.pool.query(`truncate ${TABLES.join(', ')} restart identity cascade`);
  return server;
}

const BASE = 'http://omr.test';

/** A client with its own cookies and CSRF token, like one browser. */
export class Client {
  private cookies = new Map<string, string>();
  csrfToken = '';

  constructor(private readonly app: Hono<AppEnv>) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const h: Record<string, string> = { ...headers };
    if (this.cookies.size > 0) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && this.csrfToken && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrfToken;
    if (body !== undefined && !('content-type' in h)) h['content-type'] = 'application/json';
    const response = await this.app.request(`${BASE}${path}`, {
      method, headers: h, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      if (/max-age=0/i.test(line) || value.join('=') === '') this.cookies.delete(name!);
      else this.cookies.set(name!, value.join('='));
    }
    return response;
  }

  async json<T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T }> {
    const response = await this.request(method, path, body, headers);
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  /** Reads the CSRF token (and, for the public, gets its cookie). */
  async session(): Promise<{ account: Account | null }> {
    const { body } = await this.json<{ account: Account | null; csrfToken: string }>('GET', '/api/session');
    this.csrfToken = body.csrfToken;
    return body;
  }

  async login(email: string, password: string): Promise<number> {
    await this.session();
    const { status, body } = await this.json<{ csrfToken: string }>('POST', '/api/session', { email, password });
    if (status === 200) this.csrfToken = body.csrfToken;
    return status;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }
}

export const PASSWORD = 'correct-horse-battery';
let cachedHash: Promise<string> | null = null;

/** An account straight in the database (faster than inviting each; the invitation flow has its own tests). */
export async function makeAccount(server: TestServer, email: string, role: Role, options: { organisationId?: string | null; districtIds?: string[] } = {}): Promise<Account> {
  cachedHash ??= hashPassword(PASSWORD);
  return insertAccount(server.db.pool, {
    email, name: email.split('@')[0]!, passwordHash: await cachedHash, role,
    organisationId: options.organisationId ?? null, districtIds: options.districtIds ?? [],
  });
}

export async function makeOrganisation(server: TestServer, name: string, kind: Organisation['kind'] = 'polisen'): Promise<Organisation> {
  return insertOrganisation(server.db.pool, name, kind);
}

export async function loggedIn(server: TestServer, email: string): Promise<Client> {
  const client = new Client(server.app);
  const status = await client.login(email, PASSWORD);
  if (status !== 200) throw new Error(`login of ${email} failed: ${status}`);
  return client;
}

/** A client holding a session made directly in the database (no password hashing: fast for many roles). */
export async function sessionClient(server: TestServer, accountId: string): Promise<Client> {
  const { createSession } = await import('../auth/sessions');
  const { token, csrfToken } = await createSession(server.db.pool, accountId);
  const client = new Client(server.app);
  client.setCookie('omr_session', token);
  client.csrfToken = csrfToken;
  return client;
}

/** Empties the walk and finding tables, keeping accounts and sessions. */
export async function clearRecords(server: TestServer): Promise<void> {
  await server.db.pool.query('truncate resident_report, rate_event, report_notification, idempotency, change_log, finding_event, photo, finding, walk restart identity');
}
