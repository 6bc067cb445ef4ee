// The web worker that runs replications. It runs the page's own wasm module (one
// download for both), started in worker mode: `main` mounts nothing where there is no
// window, and `worker_main` answers the page's requests (see src/platform/worker.rs).
// The page passes the URLs of its wasm-bindgen script and wasm file; only same-origin
// URLs are accepted.
const here = new URL(self.location.href);
const sameOrigin = (name) => {
  const url = new URL(here.searchParams.get(name) ?? '', here);
  if (url.origin !== here.origin) throw new Error(`worker: ${name} must be on this origin`);
  return url.href;
};
const bindings = await import(sameOrigin('app'));
await bindings.default({ module_or_path: sameOrigin('wasm') });
bindings.worker_main();
