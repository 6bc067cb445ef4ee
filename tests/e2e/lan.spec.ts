import { expect, test } from '@playwright/test';
import { startClassroom } from './classroom-server';
import { TrainingPage } from './pages/training.page';

// Issue 19: on the room's network the app comes from `takt classroom --lan` over plain http
// at the machine's network address. That is not a secure context (no service worker, no
// crypto.subtle), and the app must still work fully there: a round in the web worker, the
// desk, the API on the same origin.

test('on the room network (plain http, not a secure context) the app, its worker and the desk work', async ({ page }) => {
  test.setTimeout(90_000);
  const { server, teams, instructor } = await startClassroom(true);
  try {
    test.skip(teams.hostname === '127.0.0.1', 'this machine has no network address but loopback');
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.protocol.startsWith('http') && url.host !== teams.host) problems.push(`request to ${r.url()}`);
    });

    console.log(`the app at ${teams.href}`);
    await page.goto(teams.href);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    expect(await page.evaluate(() => 'serviceWorker' in navigator)).toBe(false);
    expect(await page.evaluate(() => typeof crypto.subtle)).toBe('undefined');
    // A round of the process factory, in the web worker, with its results.
    const training = new TrainingPage(page);
    await training.startSession('process-factory');
    await training.playRound(30, 1);
    await expect(training.kpi('completed')).toBeVisible();
    // The instructor's page, and the class's API on the same origin.
    await page.goto(new URL('/desk.html', teams).href);
    await expect(page.getByTestId('instructor-scenario')).toBeVisible();
    expect(await page.evaluate(async () => (await (await fetch('/api/health')).json()).ok)).toBe(true);
    // The classroom mode, by the printed link on the network address: a class, whose join
    // link is on that address too, and the live events.
    expect(instructor.host).toBe(teams.host);
    await page.goto(instructor.href);
    await page.getByTestId('live-create').click();
    await expect(page.getByTestId('live-link')).toHaveText(new RegExp(`^${teams.href.replaceAll('.', '\\.')}#join=[2-9A-Z]{6}$`));
    expect(problems).toEqual([]);
  } finally {
    server.kill('SIGKILL');
  }
});
