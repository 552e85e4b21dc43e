/*
 * Områdeskartan's service worker. The build (vite.config.ts, offlinePlugin) prepends
 * `const VERSION = '…'; const PRECACHE = [...];` — the app shell, its assets and the embedded
 * data — so that after one visit the app opens and works with no connection.
 *
 * Map tiles are not in that list: the app saves a walk's area on request into TILE_CACHE
 * (src/storage/tile-cache.ts, same name), which a new version keeps. Tile requests are answered
 * from it first and from the network otherwise, and are not cached on their own.
 */
const CACHE = `omradeskartan-${VERSION}`;
const TILE_CACHE = 'omradeskartan-tiles';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('omradeskartan-') && k !== CACHE && k !== TILE_CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

/** A saved tile, else the network (nothing is cached here: only a saved area's tiles are kept). */
function savedTileOrNetwork(request) {
  return caches.open(TILE_CACHE)
    .then((cache) => cache.match(request.url, { ignoreVary: true }))
    .then((hit) => hit ?? fetch(request));
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET') return;
  if (url.origin !== self.location.origin) {
    // An online basemap's tiles (MapLibre fetches them, destination ''): a saved copy first.
    if (request.destination === '' && request.mode === 'cors') event.respondWith(savedTileOrNetwork(request));
    return;
  }
  // The API (records, session, changes, photos) is never answered from the cache nor cached:
  // the browser asks the server, and offline the app's own IndexedDB copy serves.
  if (url.pathname.startsWith(new URL('./api/', self.registration.scope).pathname)) return;
  // The app's own street tiles (streets/{z}/{x}/{y}.pbf; their tiles.json is in PRECACHE).
  if (url.pathname.startsWith(new URL('./streets/', self.registration.scope).pathname) && !url.pathname.endsWith('/tiles.json')) {
    event.respondWith(savedTileOrNetwork(request));
    return;
  }
  if (request.mode === 'navigate') {
    // The page itself: the network first (so a new version arrives), the cached shell offline.
    event.respondWith(fetch(request).catch(() => caches.match('./index.html', { ignoreSearch: true, ignoreVary: true })));
    return;
  }
  // Assets and data carry their content in their name or change only with a new version: cache first.
  // ignoreVary: the server varies on Origin, and module scripts are requested with one.
  event.respondWith(
    caches.match(request, { ignoreSearch: true, ignoreVary: true }).then((hit) => hit ?? fetch(request).then((response) => {
      if (response.ok) {
        const copy = response.clone();
        void caches.open(CACHE).then((cache) => cache.put(request, copy));
      }
      return response;
    })),
  );
});
