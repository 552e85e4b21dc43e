/**
 * A fake of the server's API (server/API.md) as a `fetch` function, for the server store's
 * tests: revisions, 409 with `stored`, idempotency keys, the change log. It can be taken
 * offline (requests fail before they arrive) or made to lose answers (the request is carried
 * out, the answer never comes back). Only imported by tests.
 */

import type { Finding, Walk } from '../domain/walks/types';
import type { Change } from './api-client';

export interface FakeRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  body: unknown;
}

export class FakeServer {
  walks = new Map<string, Walk>();
  findings = new Map<string, Finding>();
  changes: Change[] = [];
  seq = 0;
  offline = false;
  /** The next n writes are carried out but their answers are lost. */
  loseAnswers = 0;
  /** Answer 401 to writes (an expired session). */
  unauthenticated = false;
  requests: FakeRequest[] = [];
  private readonly answered = new Map<string, { status: number; body: unknown }>();
  private clock = 0;

  readonly base = 'http://fake.test/api/';

  /** Another client's save, straight into the server. */
  saveAsOther(entity: 'walk' | 'finding', record: Walk | Finding): Walk | Finding {
    const stored = { ...record, revision: record.revision + 1, updatedAt: this.time() };
    (entity === 'walk' ? this.walks : this.findings).set(record.id, stored as never);
    this.log(entity, record.id, 'upsert', stored);
    return stored;
  }

  private time(): string {
    return new Date(Date.UTC(2024, 0, 1, 12, 0, this.clock++)).toISOString();
  }

  private log(entity: 'walk' | 'finding', id: string, op: 'upsert' | 'remove', record?: Walk | Finding): void {
    this.changes.push({ seq: ++this.seq, entity, id, op, ...(record ? { record } : {}) });
  }

  fetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
    if (this.offline) throw new TypeError('Failed to fetch');
    const url = new URL(input);
    const method = init.method ?? 'GET';
    const headers = new Headers(init.headers);
    const key = headers.get('Idempotency-Key');
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const path = url.pathname.replace(/^\/api\//, '');
    this.requests.push({ method, path: `${path}${url.search}`, idempotencyKey: key, body });
    let answer: { status: number; body: unknown };
    if (key && this.answered.has(key)) answer = this.answered.get(key)!;
    else {
      answer = this.handle(method, path, url.searchParams, body);
      // As the real server: only answers that wrote or refused for good are remembered.
      if (key && answer.status !== 401 && answer.status < 500) this.answered.set(key, answer);
    }
    if (this.loseAnswers > 0 && method !== 'GET') {
      this.loseAnswers--;
      throw new TypeError('Failed to fetch (answer lost)');
    }
    const type = answer.status >= 400 ? 'application/problem+json' : 'application/json';
    return new Response(answer.status === 204 ? null : JSON.stringify(answer.body), { status: answer.status, headers: { 'Content-Type': type } });
  };

  private handle(method: string, path: string, query: URLSearchParams, body: unknown): { status: number; body: unknown } {
    if (method === 'GET' && path === 'session') return { status: 200, body: { account: null, organisation: null, csrfToken: 'csrf' } };
    if (method === 'GET' && path === 'health') return { status: 200, body: { ok: true, database: 'embedded' } };
    if (method === 'GET' && path === 'records') {
      return { status: 200, body: { walks: [...this.walks.values()], findings: [...this.findings.values()], cursor: this.seq } };
    }
    if (method === 'GET' && path === 'changes') {
      const since = Number(query.get('since'));
      return { status: 200, body: { changes: this.changes.filter((c) => c.seq > since), cursor: this.seq, more: false } };
    }
    if (this.unauthenticated) return { status: 401, body: { type: '/problems/unauthenticated', status: 401 } };
    const m = /^(walks|findings)\/([^/]+)$/.exec(path);
    if (m) {
      const entity = m[1] === 'walks' ? 'walk' : 'finding';
      const map = (entity === 'walk' ? this.walks : this.findings) as Map<string, Walk | Finding>;
      const id = decodeURIComponent(m[2]!);
      const stored = map.get(id);
      if (method === 'PUT') {
        const record = body as Walk | Finding;
        if ((stored?.revision ?? 0) !== record.revision) {
          return { status: 409, body: { type: '/problems/conflict', status: 409, title: 'Conflict', stored: stored ?? null } };
        }
        const next = { ...record, revision: record.revision + 1, updatedAt: this.time() };
        map.set(id, next);
        this.log(entity, id, 'upsert', next);
        return { status: 200, body: next };
      }
      if (method === 'DELETE') {
        if (!stored) return { status: 404, body: { type: '/problems/not-found', status: 404 } };
        if (String(stored.revision) !== query.get('revision')) {
          return { status: 409, body: { type: '/problems/conflict', status: 409, stored } };
        }
        map.delete(id);
        this.log(entity, id, 'remove');
        return { status: 200, body: entity === 'walk' ? { walks: [stored], findings: [] } : { walks: [], findings: [stored] } };
      }
    }
    return { status: 404, body: { type: '/problems/not-found', status: 404 } };
  }

  /** Writes that reached the server and changed something (PUT and DELETE answered 2xx, counted once per key). */
  writes(): FakeRequest[] {
    const seen = new Set<string>();
    return this.requests.filter((r) => {
      if (r.method === 'GET') return false;
      if (r.idempotencyKey && seen.has(r.idempotencyKey)) return false;
      if (r.idempotencyKey) seen.add(r.idempotencyKey);
      return true;
    });
  }
}
