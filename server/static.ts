/**
 * Serves the built app: files from the build folder, index.html for the app's own paths, with the
 * Content-Security-Policy the build wrote into index.html also sent as a header.
 */

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from './context';

/** The policy from the built page's <meta http-equiv="Content-Security-Policy">. */
export function contentSecurityPolicy(indexHtml: string): string | null {
  return /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(indexHtml)?.[1] ?? null;
}

export function serveApp(app: Hono<AppEnv>, distDir: string): void {
  const indexPath = join(distDir, 'index.html');
  if (!existsSync(indexPath)) throw new Error(`${indexPath} is missing: run "npm run build" first`);
  const index = readFileSync(indexPath, 'utf8');
  const csp = contentSecurityPolicy(index);
  app.use('*', async (c, next) => {
    await next();
    if (csp) c.header('Content-Security-Policy', csp);
  });
  app.use('/assets/*', async (c, next) => {
    await next();
    // Built assets carry a content hash in their name.
    if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('*', serveStatic({ root: distDir }));
  app.get('*', (c) => c.html(index));
}
