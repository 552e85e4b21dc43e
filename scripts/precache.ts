/**
 * Which built files the service worker caches at install (its PRECACHE list, written by the
 * offline plugin in vite.config.ts). Everything the app needs to open with no connection, but not
 * the street tiles under `streets/`: a city's worth of tiles is megabytes nobody asked for, so a
 * walk's area is saved on request instead (src/storage/tile-cache.ts). Their `tiles.json` is kept:
 * it is small and tells the map, offline too, that the street layer exists.
 */
export function isPrecached(path: string): boolean {
  const p = path.split('\\').join('/');
  if (p.endsWith('.map') || p === 'sw.js') return false;
  if (p.startsWith('streets/')) return p === 'streets/tiles.json';
  return true;
}
