/*
 * Områdeskartan's service worker. The build (vite.config.ts, offlinePlugin) prepends
 * `const VERSION = '…'; const PRECACHE = [...];` — the app shell, its assets and the embedded
 * data — so that after one visit the app opens and works with no connection.
 */
const CACHE = `omradeskartan-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('omradeskartan-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  // The API (records, session, changes, photos) is never answered from the cache nor cached:
  // the browser asks the server, and offline the app's own IndexedDB copy serves.
  if (url.pathname.startsWith(new URL('./api/', self.registration.scope).pathname)) return;
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
