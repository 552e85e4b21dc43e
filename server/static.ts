/**
 * Serves the built app: files from the build folder, index.html for the app's own paths, with the
 * Content-Security-Policy the build wrote into index.html also sent as a header. A basemap set in
 * the server's environment (OMR_BASEMAP_*) replaces the build's in the page and in the policy.
 */

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import { pageWithBasemap, type BasemapConfig } from '../src/domain/basemap';
import type { AppEnv } from './context';

/** The policy from the built page's <meta http-equiv="Content-Security-Policy">. */
export function contentSecurityPolicy(indexHtml: string): string | null {
  return /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(indexHtml)?.[1] ?? null;
}

/**
 * `basemap`: undefined serves the page as built; a configuration (or null: none) replaces the
 * build's basemap and policy.
 */
export function serveApp(app: Hono<AppEnv>, distDir: string, basemap?: BasemapConfig | null): void {
  const indexPath = join(distDir, 'index.html');
  if (!existsSync(indexPath)) throw new Error(`${indexPath} is missing: run "npm run build" first`);
  const built = readFileSync(indexPath, 'utf8');
  const index = basemap === undefined ? built : pageWithBasemap(built, basemap);
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
  // The page itself always from memory (it may carry the server's basemap), never the file.
  app.get('/', (c) => c.html(index));
  app.get('/index.html', (c) => c.html(index));
  app.use('*', serveStatic({ root: distDir }));
  // A file that is not there under the street tiles is a 404 (an empty tile for the map), not the page.
  app.get('/streets/*', (c) => c.body(null, 404));
  app.get('*', (c) => c.html(index));
}
