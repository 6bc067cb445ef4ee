import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { Language } from './pages/app.page';
import { TrainingPage } from './pages/training.page';

// The improve step's forecast: the planned line over the rounds' replications (at most 30),
// its mean ± 95 % half-width and what that says about the order; previewed while a work
// element is dragged over another station's column.

/** A figure as the app prints it: two decimals at most, the language's decimal mark. */
function num(x: number, language: Language): string {
  const text = x.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
  return language === 'ru' ? text.replace('.', ',') : text;
}

/** Units completed a shift by `takt analyze` (the CLI built by `cargo build -p takt-cli`). */
function completed(replications: number): { mean: number; ci95: number } {
  const takt = process.env.TAKT_BIN ?? 'target/debug/takt';
  if (!existsSync(takt)) throw new Error(`${takt} not found: build it with \`cargo build -p takt-cli\``);
  const out = execFileSync(takt, [
    'analyze', 'public/scenarios/process-factory.json', '--seed', '1', '--replications', String(replications), '--format', 'json',
  ]);
  return JSON.parse(out.toString()).kpis.completed;
}

const words = {
  ru: {
    line: (done: string, order: number, n: number) => `Прогноз: ${done} шт. за смену (заказ ${order}; смен в прогнозе: ${n})`,
    met: 'заказ выполняется',
    missed: 'заказ не выполняется',
    uncertain: 'заказ может быть не выполнен',
    preview: 'Если отпустить здесь',
    pattern: /^Прогноз: \d+(,\d+)? ± \d+(,\d+)? шт\. за смену \(заказ 35; смен в прогнозе: 30\) — заказ/,
  },
  en: {
    line: (done: string, order: number, n: number) => `Forecast: ${done} units a shift (order ${order}; shifts in the forecast: ${n})`,
    met: 'the order is met',
    missed: 'the order is not met',
    uncertain: 'the order may not be met',
    preview: 'If dropped here',
    pattern: /^Forecast: \d+(\.\d+)? ± \d+(\.\d+)? units a shift \(order 35; shifts in the forecast: 30\) — the order/,
  },
};

/** Presses the mouse on `from` and moves it, in steps, to the middle of `to` (a drag in progress). */
async function dragOver(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await moveTo(page, to);
}

async function moveTo(page: Page, to: { x: number; y: number }) {
  await page.mouse.move(to.x, to.y, { steps: 8 });
}

async function middle(page: Page, locator: ReturnType<Page['getByTestId']>) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

for (const language of ['ru', 'en'] as const) {
  test(`the forecast shows mean ± half-width over the rounds' replications, follows the plan, and previews a drag (${language})`, async ({ app, page }) => {
    const w = words[language];
    const training = new TrainingPage(page);
    await app.goto();
    if (language === 'en') await app.switchLanguage('en');
    await training.startSession('process-factory');
    // The class plays 30 replications a round (the scenario fixes them).
    await training.playRound(30, 1);

    // The unchanged line: the round's own 30 replications, the same figures as `takt analyze`.
    const c = completed(30);
    const verdict = c.mean - c.ci95 >= 35 ? w.met : c.mean + c.ci95 < 35 ? w.missed : w.uncertain;
    const text = training.forecast.getByTestId('forecast-text');
    await expect(text).toHaveText(`${w.line(`${num(c.mean, language)} ± ${num(c.ci95, language)}`, 35, 30)} — ${verdict}`);
    await expect(training.forecast.getByTestId('forecast-preview')).toHaveCount(0);
    const before = await text.textContent();

    // Dragging "fix cover" off the bottleneck (housing) over valve: a preview of that line.
    const element = training.element('fix cover');
    await element.scrollIntoViewIfNeeded();
    await dragOver(page, await middle(page, element), await middle(page, training.yamazumiBar('valve')));
    await expect(training.yamazumiBar('valve')).toHaveClass(/drop-target/);
    await expect(training.forecast.getByTestId('forecast-preview')).toHaveText(w.preview);
    await expect(training.forecast).toHaveClass(/preview/);
    await expect(text).toHaveText(w.pattern);
    await expect(text).not.toHaveText(before!);
    const preview = await text.textContent();
    // Back over its own column: the line as planned (no move), no preview.
    await moveTo(page, await middle(page, training.yamazumiBar('housing')));
    await expect(training.forecast.getByTestId('forecast-preview')).toHaveCount(0);
    await expect(text).toHaveText(before!);
    // Over valve again, then off the chart: the drag ends, the forecast goes back.
    await moveTo(page, await middle(page, training.yamazumiBar('valve')));
    await expect(text).toHaveText(preview!);
    await page.mouse.move(1, 1, { steps: 4 });
    await page.mouse.up();
    await expect(training.forecast.getByTestId('forecast-preview')).toHaveCount(0);
    await expect(text).toHaveText(before!);
    await expect(training.plan.locator('li')).toHaveCount(0);

    // Dropped on valve: the move joins the plan and the forecast is what the preview showed.
    await dragOver(page, await middle(page, training.element('fix cover')), await middle(page, training.yamazumiBar('valve')));
    await page.mouse.up();
    await expect(training.plan.locator('li')).toHaveCount(1);
    await expect(training.forecast.getByTestId('forecast-preview')).toHaveCount(0);
    await expect(text).toHaveText(preview!);
    // Taken out of the plan again: the forecast follows.
    await page.getByTestId('plan-remove-0').click();
    await expect(text).toHaveText(before!);
  });
}
