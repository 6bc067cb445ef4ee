// Debug builds (`trunk serve`) have no offline mode, and this dist/sw.js switches it off:
// a service worker that a release build left on the same origin (`make serve` and
// `trunk serve` share port 8080) would otherwise keep serving that release build. The
// browser finds this file on its next update check; it then deletes the offline caches,
// unregisters and reloads the pages, which come from the server again.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('takt-')) await caches.delete(key);
      }
      await self.clients.claim();
      await self.registration.unregister();
      for (const client of await self.clients.matchAll({ type: 'window' })) client.navigate(client.url);
    })(),
  );
});
