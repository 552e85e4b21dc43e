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

export function checkCsrf(c: Context, session: Session | null): void {
  if (SAFE.has(c.req.method)) return;
  const origin = c.req.header('origin');
  if (origin && origin !== requestOrigin(c)) throw new HttpProblem('csrf', 'requests from other sites are refused');
  const sent = c.req.header(CSRF_HEADER) ?? '';
  const expected = session ? session.csrfToken : getCookie(c, CSRF_COOKIE) ?? '';
  if (!sent || !expected || !equal(sent, expected)) {
    throw new HttpProblem('csrf', 'missing or wrong X-CSRF-Token: read it from GET /api/session');
  }
}
