/**
 * The online street basemap a deployment may configure, and the Content-Security-Policy that
 * follows from it. Pure: read by `vite build` (vite.config.ts), by the server at start
 * (server/static.ts) and by the app (from a <meta> in the page).
 *
 * Configuration (environment):
 * - `OMR_BASEMAP_STYLE`: the URL of a MapLibre style (e.g. https://tiles.openfreemap.org/styles/liberty);
 * - or `OMR_BASEMAP_RASTER`: a raster tile template with {z}, {x}, {y}, with `OMR_BASEMAP_ATTRIBUTION`
 *   (required for raster; for a style it is shown besides the style's own) and optionally
 *   `OMR_BASEMAP_MAXZOOM` (default 19);
 * - `OMR_BASEMAP_ORIGINS`: more origins the style loads from (its tiles, sprites), comma-separated,
 *   when they are not the style's own origin.
 * `OMR_BASEMAP_STYLE=none` switches off a basemap the build was made with (server only).
 */

export type BasemapConfig =
  | { kind: 'style'; url: string; attribution?: string; origins: string[] }
  | { kind: 'raster'; tiles: string; attribution: string; maxzoom: number; origins: string[] };

export interface BasemapEnv {
  OMR_BASEMAP_STYLE?: string;
  OMR_BASEMAP_RASTER?: string;
  OMR_BASEMAP_ATTRIBUTION?: string;
  OMR_BASEMAP_ORIGINS?: string;
  OMR_BASEMAP_MAXZOOM?: string;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An https URL (http only for this machine), or an error naming the setting. */
function remoteUrl(value: string, setting: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${setting} must be an absolute URL, not "${value}"`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname))) {
    throw new Error(`${setting} must be an https URL (http only for localhost), not "${value}"`);
  }
  return url;
}

/** The origin of a URL as CSP writes it (scheme, host, port). */
function originOf(value: string, setting: string): string {
  // A tile template's braces are not valid in a host: check the URL with them filled in.
  return remoteUrl(value.replace(/\{[a-z-0-9]+\}/gi, '0'), setting).origin;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/**
 * The basemap the environment configures: undefined when no setting is there (keep what the
 * build has), null when switched off (`OMR_BASEMAP_STYLE=none`). Throws on a setting that is
 * wrong, naming it.
 */
export function basemapFromEnv(env: BasemapEnv): BasemapConfig | null | undefined {
  const style = env.OMR_BASEMAP_STYLE?.trim() || undefined;
  const raster = env.OMR_BASEMAP_RASTER?.trim() || undefined;
  const attribution = env.OMR_BASEMAP_ATTRIBUTION?.trim() || undefined;
  const extra = (env.OMR_BASEMAP_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean).map((o) => {
    const origin = originOf(o, 'OMR_BASEMAP_ORIGINS');
    if (origin !== o.replace(/\/$/, '')) throw new Error(`OMR_BASEMAP_ORIGINS takes origins (https://host[:port]), not "${o}"`);
    return origin;
  });
  if (style === 'none') return null;
  if (style && raster) throw new Error('Set OMR_BASEMAP_STYLE or OMR_BASEMAP_RASTER, not both');
  if (style) {
    return { kind: 'style', url: remoteUrl(style, 'OMR_BASEMAP_STYLE').href, ...(attribution ? { attribution } : {}), origins: unique([originOf(style, 'OMR_BASEMAP_STYLE'), ...extra]) };
  }
  if (raster) {
    if (!/\{z\}/.test(raster) || !/\{x\}/.test(raster) || !/\{y\}/.test(raster)) {
      throw new Error(`OMR_BASEMAP_RASTER must be a tile template with {z}, {x} and {y}, not "${raster}"`);
    }
    if (!attribution) throw new Error('OMR_BASEMAP_RASTER needs OMR_BASEMAP_ATTRIBUTION (the credit its licence asks for)');
    const maxzoom = env.OMR_BASEMAP_MAXZOOM ? Number(env.OMR_BASEMAP_MAXZOOM) : 19;
    if (!Number.isInteger(maxzoom) || maxzoom < 1 || maxzoom > 22) throw new Error(`OMR_BASEMAP_MAXZOOM must be a whole number 1–22, not "${env.OMR_BASEMAP_MAXZOOM}"`);
    return { kind: 'raster', tiles: raster, attribution, maxzoom, origins: unique([originOf(raster, 'OMR_BASEMAP_RASTER'), ...extra]) };
  }
  if (attribution || extra.length > 0 || env.OMR_BASEMAP_MAXZOOM) {
    throw new Error('OMR_BASEMAP_ATTRIBUTION, _ORIGINS and _MAXZOOM need OMR_BASEMAP_STYLE or OMR_BASEMAP_RASTER');
  }
  return undefined;
}

/**
 * What the built app may load: its own origin (no inline scripts, no eval); images also as
 * data:/blob: URLs (photos); MapLibre's worker is a same-origin module. A configured basemap
 * adds exactly its origins, for fetching (style, tiles, sprites) and for images (raster tiles, sprites).
 */
export function contentSecurityPolicy(basemap: BasemapConfig | null | undefined): string {
  const origins = basemap ? basemap.origins : [];
  const plus = origins.length > 0 ? ` ${origins.join(' ')}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: blob:${plus}`,
    "font-src 'self'",
    `connect-src 'self'${plus}`,
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

export const BASEMAP_META = 'omr-basemap';

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The page's policy and basemap, as <meta> elements: the app reads its basemap from the second
 * (no inline script is allowed, and no extra request is needed).
 */
export function basemapHeadTags(basemap: BasemapConfig | null | undefined): string {
  const tags = [`<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(contentSecurityPolicy(basemap))}" />`];
  if (basemap) tags.push(`<meta name="${BASEMAP_META}" content="${escapeAttribute(JSON.stringify(basemap))}" />`);
  return tags.join('\n    ');
}

/** The page with its policy and basemap <meta> elements replaced by those of `basemap`. */
export function pageWithBasemap(html: string, basemap: BasemapConfig | null | undefined): string {
  const stripped = html
    .replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/g, '')
    .replace(new RegExp(`\\s*<meta name="${BASEMAP_META}"[^>]*>`, 'g'), '');
  return stripped.replace('<head>', `<head>\n    ${basemapHeadTags(basemap)}`);
}

/** The basemap from the page's <meta> content (already unescaped by the browser), or null. */
export function parseBasemapMeta(content: string | null | undefined): BasemapConfig | null {
  if (!content) return null;
  try {
    const value = JSON.parse(content) as Partial<BasemapConfig> & Record<string, unknown>;
    const origins = Array.isArray(value.origins) ? value.origins.filter((o): o is string => typeof o === 'string') : [];
    if (value.kind === 'style' && typeof value.url === 'string') {
      return { kind: 'style', url: value.url, origins, ...(typeof value.attribution === 'string' ? { attribution: value.attribution } : {}) };
    }
    if (value.kind === 'raster' && typeof value.tiles === 'string' && typeof value.attribution === 'string') {
      return { kind: 'raster', tiles: value.tiles, attribution: value.attribution, maxzoom: typeof value.maxzoom === 'number' ? value.maxzoom : 19, origins };
    }
  } catch {
    // A broken setting means no basemap: the embedded map is always there.
  }
  return null;
}
