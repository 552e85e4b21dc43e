/**
 * The HTTP application: security headers, sessions, CSRF protection, the JSON API under /api and
 * the built app. Created from its dependencies so that tests call `app.request()` without a port.
 */

import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { PUBLIC_VIEWER } from '../src/domain/accounts';
import { resolveSession } from './auth/sessions';
import type { AppEnv, Deps } from './context';
import { checkCsrf } from './http/csrf';
import { HttpProblem, problemResponse } from './http/problem';
import { open311Routes } from './open311/routes';
import { adminRoutes } from './routes/admin';
import { changeRoutes } from './routes/changes';
import { recordRoutes } from './routes/records';
import { reportRoutes } from './routes/reports';
import { sessionRoutes, SESSION_COOKIE } from './routes/session';
import { serveApp } from './static';

export function createApp(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.onError((error, c) => {
    if (error instanceof HttpProblem) return problemResponse(c, error);
    console.error('request failed', c.req.method, c.req.path, error);
    return problemResponse(c, new HttpProblem('internal'));
  });

  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
  });

  app.use('/api/*', async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? await resolveSession(deps.db.pool, token) : null;
    c.set('session', session);
    c.set('viewer', session ? { kind: 'account', account: session.account } : PUBLIC_VIEWER);
    checkCsrf(c, session, Boolean(token) && !session);
    await next();
    // API answers depend on the session: never cached by the browser or a shared cache.
    c.header('Cache-Control', 'no-store');
  });

  app.get('/api/health', (c) => c.json({ ok: true, database: deps.db.kind }));
  app.route('/api', sessionRoutes(deps));
  app.route('/api/admin', adminRoutes(deps));
  app.route('/api', recordRoutes(deps));
  app.route('/api', reportRoutes(deps));
  app.route('/api', changeRoutes(deps));
  app.all('/api/*', () => { throw new HttpProblem('not-found', 'no such API endpoint'); });

  app.route('/open311/v2', open311Routes(deps));

  if (deps.config.distDir) serveApp(app, deps.config.distDir, deps.config.basemap);
  return app;
}
