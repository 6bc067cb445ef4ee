import { expect, test } from './fixtures';
import { TrainingPage } from './pages/training.page';

const STATES = ['working', 'setup', 'down', 'starved', 'blocked', 'off'];

/** The replay clock in seconds ("12,5 с" → 12.5). */
async function clock(page: import('@playwright/test').Page): Promise<number> {
  const text = (await page.getByTestId('replay-time').textContent()) ?? '';
  return Number(text.replace(/[^\d,.-]/g, '').replace(',', '.'));
}

test.describe('watching the shift', () => {
  test('the line diagram steps, seeks, plays and pauses through the event log', async ({ app, page }) => {
    const training = new TrainingPage(page);
    await app.goto();
    await training.startSession('process-factory');
    await training.playRound(3, 1);
    const diagram = page.getByTestId('line-diagram');
    await expect(diagram).toBeVisible();
    for (const station of ['kit', 'housing', 'valve', 'gauge', 'test', 'pack']) {
      await expect(page.getByTestId(`replay-station-${station}`)).toHaveAttribute('data-state', new RegExp(`^(${STATES.join('|')})$`));
    }
    expect(await clock(page)).toBe(0);

    // Step forward to the next change of the line, twice; back once returns to the first.
    await page.getByTestId('replay-step-forward').click();
    const first = await clock(page);
    expect(first).toBeGreaterThan(0);
    await page.getByTestId('replay-step-forward').click();
    const second = await clock(page);
    expect(second).toBeGreaterThan(first);
    await page.getByTestId('replay-step-back').click();
    expect(await clock(page)).toBe(first);

    // Seek to the middle of the shift: units are in the line and someone works.
    await page.getByTestId('replay-slider').fill('900');
    expect(await clock(page)).toBe(900);
    await expect(page.getByTestId('replay-wip')).not.toHaveText(/\b0\b/);
    await expect(diagram.locator('[data-state="working"]').first()).toBeVisible();

    // Play moves the clock on; pause holds it.
    await page.getByTestId('replay-speed').selectOption({ index: 3 });
    await page.getByTestId('replay-play').click();
    await expect.poll(() => clock(page)).toBeGreaterThan(900);
    await page.getByTestId('replay-play').click();
    const paused = await clock(page);
    await page.waitForTimeout(300);
    expect(await clock(page)).toBe(paused);
  });

  test('WIP over time and the lead-time histogram are drawn with labels in the current language', async ({ app, page }) => {
    const training = new TrainingPage(page);
    await app.goto();
    await training.startSession('process-factory');
    await training.playRound(3, 1);
    const wip = page.getByTestId('wip-chart');
    const lead = page.getByTestId('lead-time-chart');
    await expect(wip.locator('figcaption')).toHaveText(/НЗП|Незавершённое/);
    await expect(lead.locator('figcaption')).toContainText('Время протекания процесса');
    await expect(page.getByTestId('replay-time')).toContainText('с');
    await app.switchLanguage('en');
    await expect(wip.locator('figcaption')).toHaveText('Work in process over the shift');
    await expect(lead.locator('figcaption')).toContainText('Lead time');
    await expect(page.getByTestId('replay-time')).toHaveText(/ s$/);
  });
});
