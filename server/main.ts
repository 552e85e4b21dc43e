/**
 * Starts Områdeskartan's server: the built app and the API, on PostgreSQL (DATABASE_URL) or the
 * embedded database. `npm start` builds the app first and then runs this.
 */

import { serve } from '@hono/node-server';
import { createApp } from './app';
import { areasOf, ensureAccount, open311RequireApiKey, openMigratedDatabase, type Environment } from './bootstrap';
import { createChangeNotifier } from './records/change-notifier';
import { basemapFromEnv, type BasemapConfig } from '../src/domain/basemap';

const env = process.env as Environment;
const port = Number(env.PORT ?? 4173);
const host = env.HOST ?? '0.0.0.0';

let basemap: BasemapConfig | null | undefined;
try {
  basemap = basemapFromEnv(env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const areas = areasOf(env);
const db = await openMigratedDatabase(env).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
if (env.OMR_ADMIN_EMAIL && env.OMR_ADMIN_PASSWORD) await ensureAccount(db, env.OMR_ADMIN_EMAIL, env.OMR_ADMIN_PASSWORD, 'admin', 'Administratör');

const notifier = createChangeNotifier(db.pool);
const app = createApp({
  db, areas, notifier,
  config: { secureCookies: 'auto', trustProxy: env.TRUST_PROXY === '1', distDir: env.OMR_DIST ?? 'dist', open311RequireApiKey: open311RequireApiKey(env), basemap },
});
const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  const where = db.kind === 'postgresql' ? 'PostgreSQL (DATABASE_URL)' : `the embedded database in ${env.OMR_DATA_DIR ?? 'data/db'}`;
  console.log(`Områdeskartan: http://localhost:${info.port}/ on ${where}`);
  if (basemap) console.log(`Online basemap: ${basemap.kind === 'style' ? basemap.url : basemap.tiles} (admitted: ${basemap.origins.join(' ')})`);
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  notifier.close();
  server.close();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
