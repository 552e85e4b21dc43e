/** Login, logout (here or everywhere), the current session, and accepting an invitation. */

import type { Context } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { acceptInvitationSchema, loginSchema } from '../../src/domain/account-schema';
import type { Account } from '../../src/domain/accounts';
import { findAccountByEmail, findOrganisation, insertAccount, normaliseEmail } from '../auth/accounts';
import { consumeInvitation, findInvitation } from '../auth/invitations';
import { decoyHash, hashPassword, verifyPassword } from '../auth/passwords';
import { loginRetryAfter, recordLoginFailure } from '../auth/rate-limit';
import { createSession, deleteAccountSessions, deleteSession, SESSION_DAYS } from '../auth/sessions';
import { newToken } from '../auth/tokens';
import type { AppEnv, Deps } from '../context';
import { inTransaction } from '../db/database';
import { parseStrict, readJson } from '../http/body';
import { clientAddress, isHttps } from '../http/client';
import { CSRF_COOKIE } from '../http/csrf';
import { HttpProblem } from '../http/problem';

export const SESSION_COOKIE = 'omr_session';

function secure(c: Context, deps: Deps): boolean {
  return deps.config.secureCookies === 'auto' ? isHttps(c, deps.config.trustProxy) : deps.config.secureCookies;
}

async function sessionBody(deps: Deps, account: Account, csrfToken: string) {
  const organisation = account.organisationId ? await findOrganisation(deps.db.pool, account.organisationId) : null;
  return { account, organisation, csrfToken };
}

async function startSession(c: Context, deps: Deps, account: Account) {
  const { token, csrfToken } = await createSession(deps.db.pool, account.id);
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true, sameSite: 'Strict', secure: secure(c, deps), path: '/', maxAge: SESSION_DAYS * 24 * 3600,
  });
  return sessionBody(deps, account, csrfToken);
}

export function sessionRoutes(deps: Deps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/session', async (c) => {
    const session = c.get('session');
    if (session) return c.json(await sessionBody(deps, session.account, session.csrfToken));
    // The public's token for its own writes (login, invitations): double-submitted from a cookie.
    let csrf = getCookie(c, CSRF_COOKIE);
    if (!csrf) {
      csrf = newToken();
      setCookie(c, CSRF_COOKIE, csrf, { httpOnly: true, sameSite: 'Strict', secure: secure(c, deps), path: '/' });
    }
    return c.json({ account: null, organisation: null, csrfToken: csrf });
  });

  routes.post('/session', async (c) => {
    const body = parseStrict(loginSchema, await readJson(c));
    const keys = { email: normaliseEmail(body.email), client: clientAddress(c, deps.config.trustProxy) };
    const wait = await loginRetryAfter(deps.db.pool, keys);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      throw new HttpProblem('rate-limited', `too many failed logins: try again in ${Math.ceil(wait / 60)} minutes`, { retryAfter: wait });
    }
    const account = await findAccountByEmail(deps.db.pool, body.email);
    // An unknown email costs as long as a wrong password, so the answer tells nothing.
    const ok = await verifyPassword(body.password, account?.passwordHash ?? await decoyHash());
    if (!account || !ok || account.disabled) {
      await recordLoginFailure(deps.db.pool, keys);
      throw new HttpProblem('unauthenticated', 'wrong email or password');
    }
    const { passwordHash: _hash, ...plain } = account;
    return c.json(await startSession(c, deps, plain));
  });

  routes.delete('/session', async (c) => {
    const session = c.get('session');
    if (session) await deleteSession(deps.db.pool, session.tokenHash);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  routes.delete('/sessions', async (c) => {
    const session = c.get('session');
    if (!session) throw new HttpProblem('unauthenticated');
    await deleteAccountSessions(deps.db.pool, session.account.id);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  routes.get('/invitations/:token', async (c) => {
    const invitation = await findInvitation(deps.db.pool, c.req.param('token'));
    if (!invitation) throw new HttpProblem('not-found', 'this invitation is unknown, used or expired');
    return c.json({ email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt });
  });

  routes.post('/invitations/:token', async (c) => {
    const body = parseStrict(acceptInvitationSchema, await readJson(c));
    const passwordHash = await hashPassword(body.password);
    const account = await inTransaction(deps.db.pool, async (tx) => {
      const invitation = await consumeInvitation(tx, c.req.param('token'));
      if (!invitation) throw new HttpProblem('not-found', 'this invitation is unknown, used or expired');
      if (await findAccountByEmail(tx, invitation.email)) throw new HttpProblem('invalid', 'an account with this email exists', { errors: [{ field: 'email', message: 'already has an account' }] });
      return insertAccount(tx, { ...invitation, name: body.name, passwordHash });
    });
    return c.json(await startSession(c, deps, account), 201);
  });

  return routes;
}
