/** What every request handler can reach: the database, the areas, the viewer and their session. */

import type { Viewer } from '../src/domain/accounts';
import type { BasemapConfig } from '../src/domain/basemap';
import type { Areas } from './areas';
import type { Database } from './db/database';
import type { Session } from './auth/sessions';
import type { ChangeNotifier } from './records/change-notifier';

export interface ServerConfig {
  /** Set the Secure flag on cookies: 'auto' when the request came over HTTPS (or X-Forwarded-Proto says so behind a trusted proxy). */
  secureCookies: boolean | 'auto';
  /** Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy. */
  trustProxy: boolean;
  /** The built app to serve (index.html and assets); null serves the API only. */
  distDir: string | null;
  /** Open311 POST requests need an `api_key` of an enabled `open311_client` (OPEN311_REQUIRE_API_KEY=true). */
  open311RequireApiKey: boolean;
  /** The online basemap from OMR_BASEMAP_* (null: none); undefined serves the page as built. */
  basemap?: BasemapConfig | null;
}

export interface Deps {
  db: Database;
  areas: Areas;
  notifier: ChangeNotifier;
  config: ServerConfig;
}

export interface AppEnv {
  Variables: {
    viewer: Viewer;
    session: Session | null;
  };
}
