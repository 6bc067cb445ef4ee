// Takt's service worker: the app keeps working with no network (a classroom offline).
//
// This is the source of dist/sw.js. scripts/pwa/post_build.py (a trunk post-build hook)
// puts `const BUILD = {...}` in front of it: `version`, a hash of every file of the build
// and of this code, and `files`, every file of the build but sw.js itself, as
// [path relative to the app's root, subresource integrity]. A new build therefore means a
// new sw.js, which the browser notices on the next load.
//
// - install: download every file of the build into the cache `takt-<version>`, checking each
//   against its integrity, so the cache holds exactly one build (a half-deployed server
//   fails the install and the previous version stays in charge). Then take over at once.
// - activate: delete the caches of every other version, and control the open pages. A page
//   that an older version served reloads itself then (see register-sw.js), so no page
//   ever mixes files of two builds.
// - fetch: a file of the build comes from the cache (its query string ignored: the page
//   starts /worker.js?app=…&wasm=…); any other navigation in the app (a deep link such as
//   /some/deep/link) gets the cached index.html; everything else goes to the network as
//   if there were no service worker.

const CACHE_PREFIX = 'takt-';
const CACHE = `${CACHE_PREFIX}${BUILD.version}`;
const ROOT = self.registration.scope;
const urlOf = (path) => new URL(path, ROOT).href;
const PRECACHED = new Set(BUILD.files.map(([path]) => urlOf(path)));
const INDEX = urlOf('index.html');

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      try {
        await Promise.all(
          BUILD.files.map(async ([path, integrity]) => {
            // `no-cache`: the HTTP cache only if the server confirms it is current;
            // `integrity`: exactly this build's bytes, or the install fails.
            const response = await fetch(new Request(urlOf(path), { cache: 'no-cache', integrity }));
            if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
            await cache.put(urlOf(path), plain(response));
          }),
        );
      } catch (error) {
        await caches.delete(CACHE);
        throw error;
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(CACHE_PREFIX) && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const file = url.origin + url.pathname;
  if (PRECACHED.has(file)) {
    event.respondWith(fromCache(file, request));
  } else if (request.mode === 'navigate' && url.href.startsWith(ROOT)) {
    event.respondWith(fromCache(INDEX, request));
  }
});

/** The cached `file` as the answer to `request`, or the network if the cache was cleared. */
async function fromCache(file, request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(file);
  // A new Response carries no URL of its own, so the page or worker keeps the URL it asked
  // for (the worker reads its ?app=…&wasm=… parameters from it).
  return cached ? plain(cached) : fetch(request);
}

/** The same status, headers and body, without the URL and redirect flag of the original. */
function plain(response) {
  const { status, statusText, headers } = response;
  return new Response(response.body, { status, statusText, headers });
}
