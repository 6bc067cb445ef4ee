import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app.page';

// The release build as an offline, installable app with a strict Content-Security-Policy
// (README: "Offline and static deployment"): the service worker, the manifest and icons,
// the CSP, and the post-build hook that writes sw.js (scripts/pwa/post_build.py).

const dist = process.env.E2E_DIST ?? 'dist';
const HOOK = 'scripts/pwa/post_build.py';

/** The `BUILD` that post_build.py puts at the top of sw.js. */
interface Build {
  version: string;
  files: [string, string][];
}

function buildOf(swJs: string): Build {
  const match = /^const BUILD = (\{[\s\S]*?\n\});$/m.exec(swJs);
  if (!match) throw new Error('sw.js has no `const BUILD = {...};`');
  return JSON.parse(match[1]);
}

/** Every file under `dir` as a sorted relative path, hidden entries left out. */
function filesIn(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.'))
    .flatMap((entry) => {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      return entry.isDirectory() ? filesIn(dir, path) : [path];
    })
    .sort();
}

const sri = (algorithm: string, data: Buffer | string) =>
  `${algorithm}-${createHash(algorithm).update(data).digest('base64')}`;

/** Our own scripts/serve-dist.py for `dir` on a free port, to be stopped within the test. */
async function startServer(dir = dist): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = spawn('python3', ['scripts/serve-dist.py', '--dir', dir, '--port', '0', '--quiet'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (chunk) => {
      out += chunk;
      const found = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (found) resolve(found[0]);
    });
    server.on('exit', (code) => reject(new Error(`serve-dist.py exited (${code}): ${out}`)));
  });
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill();
    await exited;
  };
  return { url, stop };
}

/** Waits until a service worker controls the page: it has installed, so every file is cached. */
async function untilServiceWorkerControls(app: AppPage) {
  const controlled = () => app.page.evaluate(() => navigator.serviceWorker.controller !== null).catch(() => false);
  await expect.poll(controlled, { intervals: [100] }).toBe(true);
}

test.describe('offline', () => {
  test('once loaded, the app, deep links and a round in the web worker work with the server gone', async ({ app, page }) => {
    const server = await startServer();
    try {
      await app.goto(server.url);
      await untilServiceWorkerControls(app);
      const build = buildOf(readFileSync(join(dist, 'sw.js'), 'utf8'));
      const cached = await page.evaluate(async () => {
        const names = (await caches.keys()).filter((name) => name.startsWith('takt-'));
        const requests = await (await caches.open(names[0])).keys();
        return { names, paths: requests.map((request) => new URL(request.url).pathname).sort() };
      });
      expect(cached.names).toEqual([`takt-${build.version}`]);
      expect(cached.paths).toEqual(filesIn(dist).filter((f) => f !== 'sw.js').map((f) => `/${f}`));
    } finally {
      await server.stop();
    }
    // The server is gone: nothing answers on its port any more.
    await expect(page.request.get(server.url)).rejects.toThrow();

    await app.reload();
    await app.goto(`${server.url}some/deep/link`);
    await expect(app.tagline).toBeVisible();

    // A round: the web worker (/worker.js?app=…&wasm=…) and the wasm come from the cache too.
    await page.getByTestId('session-start').click();
    await page.getByTestId('run-start').click();
    await expect(page.getByTestId('results-title')).toBeVisible({ timeout: 25_000 });

    // The instructor's page (its own module) comes from the cache too: the editor's preview.
    await page.getByTestId('view-editor').click();
    await expect(page).toHaveURL(/\/desk\.html#editor$/);
    await page.getByTestId('ed-preview-run').click();
    await expect(page.getByTestId('ed-preview-completed')).toHaveText(/^\d+/);
  });

  test('a new build on the server: the next load installs it, drops the old one and reloads into it', async ({ app, page }) => {
    const dir = mkdtempSync(join(tmpdir(), 'takt-deploy-'));
    try {
      cpSync(dist, dir, { recursive: true });
      const server = await startServer(dir);
      try {
        await app.goto(server.url);
        // (null while the page reloads)
        const cacheNames = () =>
          page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith('takt-'))).catch(() => null);
        const old = buildOf(readFileSync(join(dir, 'sw.js'), 'utf8'));
        await expect.poll(cacheNames, { intervals: [100] }).toEqual([`takt-${old.version}`]);
        await untilServiceWorkerControls(app);

        // Deploy a new build: a changed page and worker, and the hook run again over them.
        const html = readFileSync(join(dir, 'index.html'), 'utf8');
        writeFileSync(join(dir, 'index.html'), html.replace('</head>', '<meta name="takt-build" content="2" /></head>'));
        appendFileSync(join(dir, 'worker.js'), "void 'build 2';\n");
        execFileSync('python3', [HOOK, dir], { env: { ...process.env, TRUNK_PROFILE: 'release', TRUNK_PUBLIC_URL: '/' } });
        const next = buildOf(readFileSync(join(dir, 'sw.js'), 'utf8'));
        expect(next.version).not.toBe(old.version);

        // The reload is served by the old version, which finds the new one; the new one
        // caches the new build, deletes the old cache, takes over, and the page reloads
        // itself into the new build: its index.html and its worker, none of the old files.
        let navigations = 0;
        page.on('framenavigated', (frame) => {
          if (frame === page.mainFrame()) navigations += 1;
        });
        await app.reload();
        await expect.poll(cacheNames, { intervals: [100] }).toEqual([`takt-${next.version}`]);
        await expect.poll(() => navigations, { intervals: [100] }).toBe(2);
        await expect(page.locator('meta[name=takt-build]')).toHaveAttribute('content', '2');
        await expect(app.title).toHaveText('Takt');
        expect(await page.evaluate(() => fetch('/worker.js').then((response) => response.text()))).toContain("void 'build 2';");
      } finally {
        await server.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test.describe('installable app', () => {
  test('the manifest is linked and valid, with the brand colours, and its icons load', async ({ app, page }) => {
    await app.goto();
    const href = await page.locator('link[rel=manifest]').getAttribute('href');
    const response = await page.request.get(new URL(href!, page.url()).href);
    expect(response.ok()).toBe(true);
    expect(response.headers()['content-type']).toContain('application/manifest+json');
    const manifest = await response.json();
    expect(manifest).toMatchObject({
      name: 'Takt',
      start_url: '/',
      display: 'standalone',
      lang: 'ru',
      theme_color: '#1d4e89',
      background_color: '#f4f6f9',
    });
    expect(manifest.description).toMatch(/бережливого производства/);
    // The colours are those of the page (style/main.css) and of <meta name=theme-color>.
    const css = readFileSync('style/main.css', 'utf8');
    expect(css).toContain(`--brand: ${manifest.theme_color};`);
    expect(css).toContain(`--paper: ${manifest.background_color};`);
    await expect(page.locator('meta[name=theme-color]')).toHaveAttribute('content', manifest.theme_color);

    // Chromium's own parser finds nothing wrong with it.
    const cdp = await page.context().newCDPSession(page);
    const parsed = await cdp.send('Page.getAppManifest');
    expect(parsed.errors).toEqual([]);
    expect(parsed.url).toBe(new URL(href!, page.url()).href);

    // An SVG icon and PNG icons of 192×192 and 512×512, each served with its type and
    // decoded by the page (so the CSP allows it).
    const icons: { src: string; sizes: string; type: string }[] = manifest.icons;
    expect(icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['any', '192x192', '512x512']));
    for (const icon of icons) {
      const file = await page.request.get(new URL(icon.src, page.url()).href);
      expect(file.ok(), icon.src).toBe(true);
      expect(file.headers()['content-type'], icon.src).toBe(icon.type);
      const body = await file.body();
      if (icon.type === 'image/png') {
        expect(body.subarray(1, 4).toString()).toBe('PNG');
        expect(`${body.readUInt32BE(16)}x${body.readUInt32BE(20)}`).toBe(icon.sizes);
      } else {
        expect(body.toString()).toContain('<svg');
      }
      const decoded = await page.evaluate(async (src) => {
        const image = new Image();
        image.src = src;
        await image.decode();
        return image.naturalWidth > 0 || src.endsWith('.svg');
      }, icon.src);
      expect(decoded, icon.src).toBe(true);
    }
  });
});

test.describe('Content-Security-Policy', () => {
  const policy =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
    "connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

  for (const [path, start, module] of [
    ['/', 'start', 'takt-app'],
    ['/desk.html', 'desk-start', 'takt-desk'],
    ['/classroom.html', 'classroom-start', 'takt-room'],
    ['/sheets.html', 'sheets-start', 'takt-sheets'],
  ]) {
    test(`${path} sets a strict policy, as the server does, and has no inline script`, async ({ app, page }) => {
      const response = await page.request.get(path);
      const html = await response.text();
      const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
      expect(meta?.[1]).toBe(policy);
      expect(response.headers()['content-security-policy']).toBe(`${policy}; frame-ancestors 'none'`);
      // The policy comes before anything it governs.
      expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.search(/<(script|link)\b/));

      // Every <script> is a file, with nothing inline.
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [tag, attributes, body] of scripts) {
        expect(attributes, tag).toMatch(/\bsrc="[^"]+"/);
        expect(body.trim(), tag).toBe('');
      }
      // The start script, and trunk's modulepreload (app js) and preload (wasm) links, with valid integrity.
      const startTag = new RegExp(`<script type="module" src="/(${start}-[0-9a-f]+\\.js)" integrity="([^"]+)"></script>`).exec(html);
      expect(startTag, 'the start script').not.toBeNull();
      const links = [
        ...html.matchAll(/<link rel="(?:modulepreload|preload)" href="\/([^"]+)"[^>]*integrity="([^"]+)"/g),
      ];
      // (the first modulepreload is the app's js, as src/platform/worker.rs expects; wasm-bindgen snippets may follow)
      expect(links.map(([, file]) => file)).toEqual(
        expect.arrayContaining([expect.stringMatching(new RegExp(`^${module}-[0-9a-f]+\\.js$`)), expect.stringMatching(/_bg\.wasm$/)]),
      );
      expect(links[0][1]).toMatch(new RegExp(`^${module}-[0-9a-f]+\\.js$`));
      for (const [file, integrity] of [[startTag![1], startTag![2]], ...links.map(([, f, i]) => [f, i])]) {
        const algorithm = integrity.split('-')[0];
        expect(sri(algorithm, readFileSync(join(dist, file))), file).toBe(integrity);
      }

      // The app runs under it: no violation is reported (the fixture also fails on any console error).
      await page.addInitScript(() => {
        (window as unknown as { violations: string[] }).violations = [];
        document.addEventListener('securitypolicyviolation', (event) =>
          (window as unknown as { violations: string[] }).violations.push(`${event.violatedDirective} ${event.blockedURI}`),
        );
      });
      await app.goto(path);
      await expect(page.locator('script:not([src])')).toHaveCount(0);
      expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    });
  }
});

test.describe('the post-build hook', () => {
  test('sw.js of the build lists every file of dist/ but itself, with its integrity', () => {
    const build = buildOf(readFileSync(join(dist, 'sw.js'), 'utf8'));
    expect(build.version).toMatch(/^[0-9a-f]{20}$/);
    const files = filesIn(dist).filter((f) => f !== 'sw.js');
    expect(build.files.map(([path]) => path)).toEqual(files);
    for (const [path, integrity] of build.files) {
      expect(integrity, path).toBe(sri('sha256', readFileSync(join(dist, path))));
    }
    // The bundle: the three pages, their start scripts, js + wasm, style, worker, manifest, icons.
    for (const pattern of [
      /^index\.html$/, /^start-[0-9a-f]{16}\.js$/, /^takt-app-[0-9a-f]+\.js$/, /^takt-app-[0-9a-f]+_bg\.wasm$/,
      /^desk\.html$/, /^desk-start-[0-9a-f]{16}\.js$/, /^takt-desk-[0-9a-f]{16}\.js$/, /^takt-desk-[0-9a-f]{16}_bg\.wasm$/,
      /^classroom\.html$/, /^classroom-start-[0-9a-f]{16}\.js$/, /^takt-room-[0-9a-f]{16}\.js$/, /^takt-room-[0-9a-f]{16}_bg\.wasm$/,
      /^sheets\.html$/, /^sheets-start-[0-9a-f]{16}\.js$/, /^takt-sheets-[0-9a-f]{16}\.js$/, /^takt-sheets-[0-9a-f]{16}_bg\.wasm$/,
      /^takt-optimize-[0-9a-f]{16}\.js$/, /^takt-optimize-[0-9a-f]{16}_bg\.wasm$/,
      /^main-[0-9a-f]+\.css$/, /^worker\.js$/, /^manifest\.webmanifest$/, /^icons\/icon\.svg$/,
      /^icons\/icon-192\.png$/, /^icons\/icon-512\.png$/,
    ]) {
      expect(files.some((f) => pattern.test(f)), String(pattern)).toBe(true);
    }
  });

  test('on a made-up build: moves the loader out, writes the desk and classroom pages, lists the files, and versions their contents', () => {
    const dir = mkdtempSync(join(tmpdir(), 'takt-hook-'));
    try {
      const run = (profile = 'release') =>
        execFileSync('python3', [HOOK, dir], {
          env: { ...process.env, TRUNK_PROFILE: profile, TRUNK_PUBLIC_URL: '/' },
          stdio: 'pipe',
        });
      const loader =
        "\nimport init, * as bindings from '/app-1.js';\nconst wasm = await init({ module_or_path: '/app-1_bg.wasm' });\n" +
        'dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));\n';
      const page = (extra = '') =>
        '<!doctype html><html><head><meta charset="utf-8" />' +
        `<meta http-equiv="Content-Security-Policy" content="default-src 'self'" />` +
        `<script type="module">${loader}</script>${extra}` +
        '<link rel="modulepreload" href="/app-1.js" integrity="sha384-x">' +
        '<link rel="modulepreload" href="/snippets/app-x/src/a.js" integrity="sha384-s">' +
        '<link rel="preload" href="/app-1_bg.wasm" integrity="sha384-y" as="fetch"></head><body></body></html>';
      writeFileSync(join(dir, 'index.html'), page());
      writeFileSync(join(dir, 'app-1.js'), '/** The app. */\nexport default 1;\n// the end\n');
      writeFileSync(join(dir, 'app-1_bg.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
      // The instructor's page's module, as trunk leaves a worker-type module: not hashed.
      writeFileSync(join(dir, 'takt-desk.js'), 'export default 2;');
      writeFileSync(join(dir, 'takt-desk_bg.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 2]));
      // The classroom mode's module, the same way.
      writeFileSync(join(dir, 'takt-room.js'), 'export default 4;');
      writeFileSync(join(dir, 'takt-room_bg.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 4]));
      // The course's sheets' module, the same way.
      writeFileSync(join(dir, 'takt-sheets.js'), 'export default 5;');
      writeFileSync(join(dir, 'takt-sheets_bg.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 5]));
      // The best-plan search's module, a worker-type module too.
      writeFileSync(join(dir, 'takt-optimize.js'), 'export default 3;');
      writeFileSync(join(dir, 'takt-optimize_bg.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 3]));
      mkdirSync(join(dir, 'icons'));
      writeFileSync(join(dir, 'icons', 'a.png'), 'png');
      mkdirSync(join(dir, '.stage'));
      writeFileSync(join(dir, '.stage', 'leftover'), 'not part of the build');
      run();

      const html = readFileSync(join(dir, 'index.html'), 'utf8');
      const tag = /<script type="module" src="\/(start-[0-9a-f]{16}\.js)" integrity="([^"]+)"><\/script>/.exec(html);
      expect(tag, html).not.toBeNull();
      expect(html).not.toContain('TrunkApplicationStarted');
      // A preload whose integrity is not its file's (trunk once raced on a shared snippet)
      // gets the file's; a link to a file not in the build is left as it is.
      // Scripts lose their whole-line comments (the sources keep them), and links follow.
      expect(readFileSync(join(dir, 'app-1.js'), 'utf8')).toBe('export default 1;\n');
      expect(html).toContain(`<link rel="modulepreload" href="/app-1.js" integrity="${sri('sha384', 'export default 1;\n')}">`);
      expect(html).toContain('<link rel="modulepreload" href="/snippets/app-x/src/a.js" integrity="sha384-s">');
      const start = readFileSync(join(dir, tag![1]), 'utf8');
      expect(sri('sha384', start)).toBe(tag![2]);
      expect(start).toContain(loader.trim());
      expect(start).toContain(".register('/sw.js', { scope: '/'");

      // desk.html: the same page with the desk's module, renamed with its hash, in place of
      // the trainee's (the snippet is the library's, shared), each link with its integrity.
      const desk = readFileSync(join(dir, 'desk.html'), 'utf8');
      const stem = /href="\/(takt-desk-[0-9a-f]{16})\.js"/.exec(desk)![1];
      expect(desk).not.toContain('app-1');
      expect(desk).toContain('<link rel="modulepreload" href="/snippets/app-x/src/a.js" integrity="sha384-s">');
      expect(desk).toContain(`<link rel="modulepreload" href="/${stem}.js" integrity="${sri('sha384', 'export default 2;')}">`);
      const deskWasm = readFileSync(join(dir, `${stem}_bg.wasm`));
      expect(desk).toContain(`<link rel="preload" href="/${stem}_bg.wasm" integrity="${sri('sha384', deskWasm)}" as="fetch">`);
      const deskTag = /<script type="module" src="\/(desk-start-[0-9a-f]{16}\.js)" integrity="([^"]+)"><\/script>/.exec(desk);
      const deskStart = readFileSync(join(dir, deskTag![1]), 'utf8');
      expect(sri('sha384', deskStart)).toBe(deskTag![2]);
      expect(deskStart).toContain(loader.trim().replaceAll('app-1', stem));
      // The search's module, renamed with its hash, is named by desk.html's meta only.
      const search = /<meta name="takt-optimizer" content="\/(takt-optimize-[0-9a-f]{16})\.js \/(takt-optimize-[0-9a-f]{16})_bg\.wasm" \/>\n?/.exec(desk);
      expect(search, desk).not.toBeNull();
      expect(search![2]).toBe(search![1]);
      expect(readFileSync(join(dir, `${search![1]}.js`), 'utf8')).toBe('export default 3;');
      expect(html).not.toContain('takt-optimize');
      expect(desk.replace(deskTag![0], '').replace(search![0], '').replaceAll(/<link [^>]*>/g, '').replaceAll(/>\s+</g, '><')).toBe(
        html.replace(tag![0], '').replaceAll(/<link [^>]*>/g, '').replaceAll(/>\s+</g, '><'),
      );

      // classroom.html: the same again with the classroom mode's module, and no search.
      const room = readFileSync(join(dir, 'classroom.html'), 'utf8');
      const roomStem = /href="\/(takt-room-[0-9a-f]{16})\.js"/.exec(room)![1];
      expect(room).not.toContain('app-1');
      expect(room).not.toContain('takt-optimize');
      expect(room).toContain(`<link rel="modulepreload" href="/${roomStem}.js" integrity="${sri('sha384', 'export default 4;')}">`);
      const roomTag = /<script type="module" src="\/(classroom-start-[0-9a-f]{16}\.js)" integrity="([^"]+)"><\/script>/.exec(room);
      const roomStart = readFileSync(join(dir, roomTag![1]), 'utf8');
      expect(sri('sha384', roomStart)).toBe(roomTag![2]);
      expect(roomStart).toContain(loader.trim().replaceAll('app-1', roomStem));

      // sheets.html: the same again with the sheets' module.
      const sheets = readFileSync(join(dir, 'sheets.html'), 'utf8');
      const sheetsStem = /href="\/(takt-sheets-[0-9a-f]{16})\.js"/.exec(sheets)![1];
      expect(sheets).not.toContain('app-1');
      expect(sheets).toContain(`<link rel="modulepreload" href="/${sheetsStem}.js" integrity="${sri('sha384', 'export default 5;')}">`);
      const sheetsTag = /<script type="module" src="\/(sheets-start-[0-9a-f]{16}\.js)" integrity="([^"]+)"><\/script>/.exec(sheets);
      expect(readFileSync(join(dir, sheetsTag![1]), 'utf8')).toContain(loader.trim().replaceAll('app-1', sheetsStem));

      const first = buildOf(readFileSync(join(dir, 'sw.js'), 'utf8'));
      // Every page downloads sw.js: the source's comments stay in scripts/pwa/sw.js, and only
      // the generated header is a comment.
      const comments = readFileSync(join(dir, 'sw.js'), 'utf8').split('\n').filter((l) => /^\s*(\/\/|\/\*\*)/.test(l));
      expect(comments).toEqual([expect.stringContaining('Generated by scripts/pwa/post_build.py')]);
      expect(first.files.map(([path]) => path)).toEqual(filesIn(dir).filter((f) => f !== 'sw.js'));
      expect(first.files.map(([path]) => path)).toEqual(
        ['app-1.js', 'app-1_bg.wasm', deskTag![1], 'desk.html', 'icons/a.png', 'index.html', tag![1], `${stem}.js`, `${stem}_bg.wasm`,
         `${search![1]}.js`, `${search![1]}_bg.wasm`, roomTag![1], 'classroom.html', `${roomStem}.js`, `${roomStem}_bg.wasm`,
         sheetsTag![1], 'sheets.html', `${sheetsStem}.js`, `${sheetsStem}_bg.wasm`].sort(),
      );
      for (const [path, integrity] of first.files) {
        expect(integrity, path).toBe(sri('sha256', readFileSync(join(dir, path))));
      }

      // Run again on the same files: the same version, and both pages untouched.
      run();
      expect(buildOf(readFileSync(join(dir, 'sw.js'), 'utf8')).version).toBe(first.version);
      expect(readFileSync(join(dir, 'index.html'), 'utf8')).toBe(html);
      expect(readFileSync(join(dir, 'desk.html'), 'utf8')).toBe(desk);
      expect(readFileSync(join(dir, 'classroom.html'), 'utf8')).toBe(room);
      expect(readFileSync(join(dir, 'sheets.html'), 'utf8')).toBe(sheets);

      // One byte of one file changes: a new version (a new cache), the same list.
      writeFileSync(join(dir, 'icons', 'a.png'), 'pnG');
      run();
      const second = buildOf(readFileSync(join(dir, 'sw.js'), 'utf8'));
      expect(second.version).not.toBe(first.version);
      expect(second.files.map(([path]) => path)).toEqual(first.files.map(([path]) => path));

      // A new file: listed, and another version.
      writeFileSync(join(dir, 'icons', 'b.png'), 'png');
      run();
      const third = buildOf(readFileSync(join(dir, 'sw.js'), 'utf8'));
      expect(third.files.map(([path]) => path)).toContain('icons/b.png');
      expect(third.version).not.toBe(second.version);

      // A debug build: the start script registers nothing and sw.js switches offline mode off.
      rmSync(join(dir, tag![1]));
      writeFileSync(join(dir, 'index.html'), page());
      run('debug');
      const debugTag = /src="\/(start-[0-9a-f]{16}\.js)"/.exec(readFileSync(join(dir, 'index.html'), 'utf8'));
      expect(readFileSync(join(dir, debugTag![1]), 'utf8')).not.toContain('serviceWorker');
      const off = readFileSync(join(dir, 'sw.js'), 'utf8');
      expect(off).not.toContain('const BUILD');
      expect(off).toContain('unregister()');

      // A build without the search's module fails, naming it.
      writeFileSync(join(dir, 'desk.html'), desk.replace(search![0], ''));
      expect(() => run()).toThrow(/no takt-optimize\.js and takt-optimize_bg\.wasm/);

      // A build without the desk's module fails, naming it.
      rmSync(join(dir, 'desk.html'));
      expect(() => run()).toThrow(/no takt-desk\.js and takt-desk_bg\.wasm/);

      // Any other inline script fails the build: the CSP would block it.
      writeFileSync(join(dir, 'index.html'), page('<script>alert(1)</script>'));
      expect(() => run()).toThrow(/inline script/);

      // A page without the CSP <meta> (another page built with Trunk.toml) is left alone.
      rmSync(join(dir, 'sw.js'));
      const plain = page().replace(/<meta http-equiv[^>]*>/, '');
      writeFileSync(join(dir, 'index.html'), plain);
      run();
      expect(readFileSync(join(dir, 'index.html'), 'utf8')).toBe(plain);
      expect(filesIn(dir)).not.toContain('sw.js');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
