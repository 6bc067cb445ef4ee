// Takes the README's screenshots of the main views (docs/screenshots/*.png) from the
// release build: `scripts/build-web.sh && node scripts/screenshots.mjs`.
// Not a test: it only drives the app through a session and saves pictures.
import { spawn } from 'node:child_process';
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
  console.log('screenshots written to docs/screenshots/');
} finally {
  await browser.close();
  server.kill();
}
