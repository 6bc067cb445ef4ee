// Offline mode: registers the service worker (dist/sw.js, made from scripts/pwa/sw.js).
// scripts/pwa/post_build.py puts this in front of trunk's loader in the page's start script,
// in release builds only, with the app's public URL in place of the base placeholder.
// Service workers exist only in secure contexts (https, or http on localhost/127.0.0.1);
// elsewhere the app simply runs online. A failed registration is a warning, never an
// error: the app works without it.
if ('serviceWorker' in navigator && /^https?:$/.test(location.protocol)) {
  const workers = navigator.serviceWorker;
  // A page served by an older version's worker: when a new version takes over, it has
  // deleted the old build's files, so reload once to run the new build alone (the trainee's
  // session is saved on every change and comes back).
  const servedByOlderVersion = workers.controller !== null;
  let reloading = false;
  workers.addEventListener('controllerchange', () => {
    if (servedByOlderVersion && !reloading) {
      reloading = true;
      location.reload();
    }
  });
  // After the page has loaded: its files are then in the HTTP cache, and the worker's
  // download of the build mostly revalidates them instead of fetching them twice.
  const register = () =>
    workers
      .register('__BASE__sw.js', { scope: '__BASE__', updateViaCache: 'none' })
      .catch((error) => console.warn('Takt: offline mode unavailable:', error));
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
}
