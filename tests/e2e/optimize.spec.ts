import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { TrainingPage } from './pages/training.page';

// The best plan (issue 18): the editor's preview and the desk search it in a worker of the
// search's own module, with progress and cancel, list it in words with its cost, points and
// output, and the desk reads a team's score as a share of it.

const words = {
  ru: { cost: 'Затраты:', points: 'Баллы:', units: 'Выработка:', met: 'заказ выполняется', share: '% лучшего плана', progress: 'Поиск лучшего плана:', cancelled: 'Поиск отменён.' },
  en: { cost: 'Cost:', points: 'Points:', units: 'Output:', met: 'the order is met', share: '% of the best plan', progress: 'Searching the best plan:', cancelled: 'The search was cancelled.' },
};

/** Clicks "find the best plan", waits for the plan and returns the seconds it took. */
async function findBest(page: Page): Promise<number> {
  const start = Date.now();
  await page.getByTestId('best-run').click();
  await expect(page.getByTestId('best-plan')).toBeVisible({ timeout: 90_000 });
  return (Date.now() - start) / 1000;
}

for (const language of ['ru', 'en'] as const) {
  const w = words[language];

  test(`the editor finds the best plan of its draft with progress, and a cancel stops it (${language})`, async ({ app, page }) => {
    test.setTimeout(120_000);
    await app.goto('/desk.html#editor');
    if (language === 'en') await app.switchLanguage('en');
    await page.getByTestId('ed-load').selectOption({ index: 2 }); // the first built-in: the process factory
    await expect(page.getByTestId('ed-valid')).toBeVisible();

    // Started and cancelled: the progress goes, the search says it was cancelled.
    await page.getByTestId('best-run').click();
    await expect(page.getByTestId('best-progress')).toBeVisible();
    await expect(page.getByTestId('best-run')).toBeDisabled();
    await expect(page.getByTestId('best-progress-text')).toContainText(w.progress);
    await page.getByTestId('best-cancel').click();
    await expect(page.getByTestId('best-cancelled')).toHaveText(w.cancelled);
    await expect(page.getByTestId('best-progress')).toHaveCount(0);
    await expect(page.getByTestId('best-cancel')).toHaveCount(0);
    await expect(page.getByTestId('best-plan')).toHaveCount(0);

    // Found: the plan in words, its cost within the budget, its points and output.
    await expect(page.getByTestId('best-run')).toBeEnabled();
    const seconds = await findBest(page);
    console.log(`editor, process factory (${language}): the best plan in ${seconds.toFixed(1)} s`);
    const changes = page.getByTestId('best-changes').locator('li');
    expect(await changes.count()).toBeGreaterThan(2);
    await expect(page.getByTestId('best-cost')).toContainText(w.cost);
    const cost = Number((await page.getByTestId('best-cost').textContent())!.replace(/[^\d,.]/g, '').replace(',', '.'));
    expect(cost).toBeGreaterThan(0);
    expect(cost).toBeLessThanOrEqual(30_000);
    await expect(page.getByTestId('best-points')).toContainText(w.points);
    expect(Number(await page.getByTestId('best-plan').getAttribute('data-points'))).toBeGreaterThan(30);
    await expect(page.getByTestId('best-units')).toContainText(w.units);
    await expect(page.getByTestId('best-units')).toContainText(w.met);
    await expect(page.getByTestId('best-plan')).toHaveAttribute('data-verdict', 'met');
    // Stations named in the interface language.
    await expect(page.getByTestId('best-changes')).toContainText(language === 'ru' ? 'Упаковка' : 'Packing');

    // Another draft: the plan of the old one goes.
    await page.getByTestId('ed-load').selectOption({ index: 3 });
    await expect(page.getByTestId('best-plan')).toHaveCount(0);
  });

  test(`the desk finds the class's best plan and reads a team's score as a share of it (${language})`, async ({ app, page }) => {
    test.setTimeout(240_000);
    const dir = mkdtempSync(join(tmpdir(), 'takt-best-'));
    await app.goto();
    if (language === 'en') await app.switchLanguage('en');
    // A team plays two rounds of the process factory: round 2 balances the line a little.
    const training = new TrainingPage(page);
    await training.startSession('process-factory');
    await training.playRound(30, 1);
    await training.element('fix cover').focus();
    await page.keyboard.press('ArrowRight');
    await training.playRound(30, 2);
    await page.getByTestId('team').fill('Бригада 1');
    await page.getByTestId('team').press('Tab');
    const [file]: [Download, void] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-result').click()]);
    const path = join(dir, file.suggestedFilename());
    await file.saveAs(path);
    const teamScore: number = JSON.parse(readFileSync(path, 'utf8')).rounds[1].score;

    await page.getByTestId('view-instructor').click();
    await page.getByTestId('instructor-scenario').selectOption({ index: 1 });
    await page.getByTestId('results-input').setInputFiles([path]);
    const row = page.getByTestId('leader-0');
    await expect(row).toHaveAttribute('data-status', 'unfinished', { timeout: 60_000 });
    // No best plan yet: no share.
    await expect(page.getByTestId('leader-share-0')).toHaveCount(0);

    const seconds = await findBest(page);
    console.log(`desk, process factory (${language}): the best plan in ${seconds.toFixed(1)} s`);
    const best = Number(await page.getByTestId('best-plan').getAttribute('data-points'));
    const share = page.getByTestId('leader-share-0');
    await expect(share).toHaveText(`${Math.round((100 * teamScore) / best)} ${w.share}`);
    await page.screenshot({ path: test.info().outputPath(`desk-best-${language}.png`), fullPage: true });

    // Another class scenario: the plan and the share go.
    await page.getByTestId('instructor-scenario').selectOption({ index: 2 });
    await expect(page.getByTestId('best-plan')).toHaveCount(0);
    await expect(page.getByTestId('leader-share-0')).toHaveCount(0);
    writeFileSync(join(dir, 'done'), '');
  });
}
