// Takes the README's screenshots of the main views (docs/screenshots/*.png) from the
// release build: `scripts/build-web.sh && node scripts/screenshots.mjs`.
// Not a test: it only drives the app through a session, then a class on the instructor's
// page (share card, leaderboard, projector, print), and saves pictures.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const port = 4199;
const server = spawn('python3', ['scripts/serve-dist.py', '--dir', 'dist', '--port', String(port), '--quiet'], { stdio: 'inherit' });
await new Promise((resolve) => setTimeout(resolve, 800));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'ru-RU' });
  const shot = (name, testid) => page.getByTestId(testid).screenshot({ path: `docs/screenshots/${name}.png` });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.getByTestId('session-start').waitFor();
  await shot('1-scenario', 'picker');
  await page.getByTestId('session-start').click();
  await page.getByTestId('run-start').click();
  await page.getByTestId('results-title').waitFor({ timeout: 60_000 });
  await page.getByTestId('replay-slider').fill('900');
  await shot('2-results', 'kpi-cards');
  await shot('3-states', 'state-chart');
  await shot('4-shift', 'line-diagram');
  await shot('5-wastes', 'wastes');
  await page.locator('[data-element="fix cover"]').focus();
  await page.keyboard.press('ArrowRight');
  await shot('6-improve', 'improve');
  await page.getByTestId('run-start').click();
  await page.getByTestId('score-total').waitFor({ timeout: 60_000 });
  await shot('7-rounds', 'rounds');
  await page.getByTestId('view-editor').click();
  await page.getByTestId('ed-load').selectOption({ index: 2 });
  await page.getByTestId('ed-valid').waitFor();
  await page.getByTestId('ed-station-0').screenshot({ path: 'docs/screenshots/8-editor.png' });
  await page.getByTestId('ed-share').click();
  await page.getByTestId('ed-share-card').screenshot({ path: 'docs/screenshots/9-share.png' });

  // A class: four teams play the process factory in their own browsers and hand in files.
  const base = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'takt-shots-'));
  const files = [];
  const team = async (name, rounds, plan) => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ru-RU', acceptDownloads: true });
    const p = await context.newPage();
    await p.goto(`${base}/`);
    await p.getByTestId('session-start').click();
    for (let round = 1; round <= rounds; round++) {
      if (round > 1) await plan(p, round);
      await p.getByTestId('run-start').click();
      await p.getByTestId('results-title').filter({ hasText: String(round) }).waitFor({ timeout: 60_000 });
    }
    await p.getByTestId('team').fill(name);
    await p.getByTestId('team').press('Tab');
    const [download] = await Promise.all([p.waitForEvent('download'), p.getByTestId('export-result').click()]);
    const path = join(dir, download.suggestedFilename());
    await download.saveAs(path);
    files.push(path);
    await context.close();
  };
  const balance = async (p, round) => {
    // Round 2 moves a work element off the bottleneck; round 3 changes nothing more.
    if (round !== 2) return;
    await p.locator('[data-element="fix cover"]').focus();
    await p.keyboard.press('ArrowRight');
  };
  const nothing = async () => {};
  await team('Бригада 1', 3, balance);
  await team('Бригада 2', 3, nothing);
  await team('Бригада 3', 1, nothing);

  const desk = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'ru-RU' });
  await desk.goto(`${base}/desk.html`);
  await desk.getByTestId('results-input').setInputFiles(files);
  await desk.waitForFunction(() => !document.querySelector('[data-status="checking"], [data-status="waiting"]'), null, { timeout: 120_000 });
  await desk.getByTestId('instructor').screenshot({ path: 'docs/screenshots/10-desk.png' });
  await desk.setViewportSize({ width: 1920, height: 1080 });
  await desk.getByTestId('projector').click();
  await desk.getByTestId('debrief-open-0').click();
  await desk.getByTestId('team-report').waitFor();
  await desk.screenshot({ path: 'docs/screenshots/11-projector.png' });
  await desk.getByTestId('projector').click();
  await desk.setViewportSize({ width: 1366, height: 768 });
  await desk.evaluate(() => { window.print = () => {}; });
  await desk.getByTestId('summary-print').click();
  await desk.emulateMedia({ media: 'print' });
  await desk.screenshot({ path: 'docs/screenshots/12-print-summary.png', fullPage: true });
  console.log('screenshots written to docs/screenshots/');
} finally {
  await browser.close();
  server.kill();
}
