/**
 * The app's side of the HTTP API (server/API.md): JSON over fetch, the session cookie, the CSRF
 * token, problem details turned into errors. No state other than the CSRF token; the fetch
 * function is injectable so that tests run against a fake server.
 */

import type { Account, Organisation, PublicFinding } from '../domain/accounts';
import type { Finding, FindingEvent, Walk, WalkData } from '../domain/walks/types';
import type { ImportSummary } from './walk-store';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** RFC 9457 problem details as the server sends them. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: { field?: string; message: string }[];
  /** With a 409: the record as stored now (null when it was deleted). */
  stored?: unknown;
}

/** The server answered with an error status. `code` is the last part of the problem type. */
export class ApiError extends Error {
  readonly code: string;
  constructor(
    readonly status: number,
    readonly problem: Problem,
    /** Seconds from Retry-After, when the server sent one. */
    readonly retryAfter: number | null = null,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.code = problem.type?.split('/').pop() ?? String(status);
  }
}

/** The request did not reach the server or no answer came back (offline, timeout, reset). */
export class NetworkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NetworkError';
  }
}

export interface SessionInfo {
  account: Account | null;
  organisation: Organisation | null;
  csrfToken: string;
}

export interface RecordsAnswer {
  walks: Walk[];
  findings: (Finding | PublicFinding)[];
  cursor: Cursor;
}

export type Cursor = string | number;

export interface Change {
  seq: number;
  entity: 'walk' | 'finding';
  id: string;
  op: 'upsert' | 'remove';
  record?: Walk | Finding | PublicFinding;
}

export interface ChangesAnswer {
  changes: Change[];
  cursor: Cursor;
  more: boolean;
}

export interface RequestOptions {
  body?: unknown;
  idempotencyKey?: string;
  /** Milliseconds before the request is given up (a NetworkError). */
  timeoutMs?: number;
}

/** The API below `base` (e.g. `https://example.se/api/`). */
export class ApiClient {
  private csrfToken: string | null = null;

  constructor(
    readonly base: string,
    private readonly fetchImpl: FetchLike = (input, init) => fetch(input, init),
  ) {}

  url(path: string): string {
    return new URL(path.replace(/^\//, ''), this.base).toString();
  }

  /** A photo stored by the server, for an img src. */
  photoUrl(id: string): string {
    return this.url(`photos/${encodeURIComponent(id)}`);
  }

  /** One request; resolves with the parsed JSON (undefined for 204), rejects with ApiError or NetworkError. */
  async request<T>(method: string, path: string, options: RequestOptions = {}, retriedCsrf = false): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && method !== 'HEAD') {
      headers['X-CSRF-Token'] = this.csrfToken ?? (await this.session()).csrfToken;
    }
    if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
    const controller = typeof AbortController === 'function' ? new AbortController() : null;
    const timer = controller ? setTimeout(() => controller.abort(), options.timeoutMs ?? 20_000) : undefined;
    let response: Response;
    try {
      response = await this.fetchImpl(this.url(path), {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        credentials: 'same-origin',
        cache: 'no-store',
        signal: controller?.signal,
      });
    } catch (error) {
      throw new NetworkError(`${method} ${path}: no answer`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
    if (response.ok) {
      if (response.status === 204) return undefined as T;
      const text = await response.text().catch((error: unknown) => {
        throw new NetworkError(`${method} ${path}: the answer was cut off`, { cause: error });
      });
      return (text ? JSON.parse(text) : undefined) as T;
    }
    let problem: Problem = { status: response.status };
    try {
      problem = { status: response.status, ...((await response.json()) as Problem) };
    } catch {
      // Not JSON (a proxy's error page): the status says enough.
    }
    const retryAfter = Number(response.headers.get('Retry-After'));
    const error = new ApiError(response.status, problem, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
    // The token belongs to the session: after a login elsewhere or an expiry, fetch it anew once.
    if (error.status === 403 && error.code === 'csrf' && !retriedCsrf) {
      this.csrfToken = null;
      await this.session();
      return this.request<T>(method, path, options, true);
    }
    throw error;
  }

  async session(): Promise<SessionInfo> {
    const info = await this.request<SessionInfo>('GET', 'session');
    this.csrfToken = info.csrfToken;
    return info;
  }

  async login(email: string, password: string): Promise<SessionInfo> {
    if (!this.csrfToken) await this.session();
    const info = await this.request<SessionInfo>('POST', 'session', { body: { email, password } });
    this.csrfToken = info.csrfToken;
    return info;
  }

  async logout(everywhere = false): Promise<void> {
    await this.request<void>('DELETE', everywhere ? 'sessions' : 'session');
    this.csrfToken = null;
  }

  invitation(token: string): Promise<{ email: string; role: Account['role']; expiresAt: string }> {
    return this.request('GET', `invitations/${encodeURIComponent(token)}`);
  }

  async acceptInvitation(token: string, name: string, password: string): Promise<SessionInfo> {
    if (!this.csrfToken) await this.session();
    const info = await this.request<SessionInfo>('POST', `invitations/${encodeURIComponent(token)}`, { body: { name, password } });
    this.csrfToken = info.csrfToken;
    return info;
  }

  organisations(): Promise<Organisation[]> {
    return this.request('GET', 'organisations');
  }

  records(): Promise<RecordsAnswer> {
    return this.request('GET', 'records', { timeoutMs: 60_000 });
  }

  changes(since: Cursor): Promise<ChangesAnswer> {
    return this.request('GET', `changes?since=${encodeURIComponent(String(since))}`);
  }

  history(findingId: string): Promise<FindingEvent[]> {
    return this.request('GET', `findings/${encodeURIComponent(findingId)}/history`);
  }

  putWalk(walk: Walk, idempotencyKey: string): Promise<Walk> {
    return this.request('PUT', `walks/${encodeURIComponent(walk.id)}`, { body: walk, idempotencyKey });
  }

  putFinding(finding: Finding, idempotencyKey: string): Promise<Finding> {
    return this.request('PUT', `findings/${encodeURIComponent(finding.id)}`, { body: finding, idempotencyKey, timeoutMs: 60_000 });
  }

  deleteWalk(id: string, revision: number, withFindings: boolean, idempotencyKey: string): Promise<WalkData> {
    return this.request('DELETE', `walks/${encodeURIComponent(id)}?revision=${revision}&withFindings=${withFindings}`, { idempotencyKey });
  }

  deleteFinding(id: string, revision: number, idempotencyKey: string): Promise<WalkData> {
    return this.request('DELETE', `findings/${encodeURIComponent(id)}?revision=${revision}`, { idempotencyKey });
  }

  restore(data: WalkData, idempotencyKey: string): Promise<void> {
    return this.request('POST', 'restore', { body: data, idempotencyKey, timeoutMs: 60_000 });
  }

  importData(data: WalkData, idempotencyKey: string): Promise<ImportSummary> {
    return this.request('POST', 'import', { body: data, idempotencyKey, timeoutMs: 120_000 });
  }
}

export type ServerPresence =
  | { kind: 'server'; database: string }
  /** Static hosting: /api/health is missing or not the app's server. */
  | { kind: 'none' }
  /** No answer at all (offline): the caller decides from what it knew before. */
  | { kind: 'unreachable' };

/** Asks `GET /api/health`: is the app served by its server? */
export async function detectServer(base: string, fetchImpl: FetchLike = (i, init) => fetch(i, init), timeoutMs = 4000): Promise<ServerPresence> {
  const controller = typeof AbortController === 'function' ? new AbortController() : null;
  const timer = controller ? setTimeout(() => controller.abort(), timeoutMs) : undefined;
  try {
    const response = await fetchImpl(new URL('health', base).toString(), {
      headers: { Accept: 'application/json' }, cache: 'no-store', credentials: 'same-origin', signal: controller?.signal,
    });
    if (!response.ok || !(response.headers.get('Content-Type') ?? '').includes('json')) return { kind: 'none' };
    const body = (await response.json()) as { ok?: unknown; database?: unknown };
    return body.ok === true ? { kind: 'server', database: String(body.database ?? '') } : { kind: 'none' };
  } catch (error) {
    if (error instanceof SyntaxError) return { kind: 'none' };
    return { kind: 'unreachable' };
  } finally {
    clearTimeout(timer);
  }
}
