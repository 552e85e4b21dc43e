/**
 * Cross-site request protection for every write: the Origin (when the browser sends one) must be
 * this server's, and the request must carry X-CSRF-Token, which only this origin's script can
 * read (from GET /api/session): the session's token, or for the public the value of the
 * `omr_csrf` cookie (double submit). The session cookie is also SameSite=Strict.
 */

import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { timingSafeEqual } from 'node:crypto';
import type { Session } from '../auth/sessions';
import { HttpProblem } from './problem';

export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_COOKIE = 'omr_csrf';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The origin the request was addressed to (scheme, host and port). */
export function requestOrigin(c: Context): string {
  return new URL(c.req.url).origin;
}

/** Writes the public may make (logging in, accepting an invitation, reporting a place): a stale session cookie must not block them. */
const PUBLIC_WRITES = [/^\/api\/session$/, /^\/api\/invitations\/[^/]+$/, /^\/api\/reports$/];

/**
 * `staleSession`: a session cookie came that is unknown or expired. A write with one is answered
 * 401 (log in again) rather than 403, so that the app knows to ask for a login and keep its outbox.
 */
export function checkCsrf(c: Context, session: Session | null, staleSession = false): void {
  if (SAFE.has(c.req.method)) return;
  if (staleSession && !PUBLIC_WRITES.some((re) => re.test(c.req.path))) throw new HttpProblem('unauthenticated', 'your session has expired: log in again');
  const origin = c.req.header('origin');
  if (origin && origin !== requestOrigin(c)) throw new HttpProblem('csrf', 'requests from other sites are refused');
  const sent = c.req.header(CSRF_HEADER) ?? '';
  const expected = session ? session.csrfToken : getCookie(c, CSRF_COOKIE) ?? '';
  if (!sent || !expected || !equal(sent, expected)) {
    throw new HttpProblem('csrf', 'missing or wrong X-CSRF-Token: read it from GET /api/session');
  }
}
