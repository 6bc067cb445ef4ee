import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { AppPage, Language } from './pages/app.page';
import { TrainingPage } from './pages/training.page';

// Issue 16, items 9 and 10: the projector mode, the app's buttons, the Yamazumi per station
// and per operator, nice axis ticks, factors as a person writes them, the same tool twice,
// and the takt calculator tied to the session's scenario. Each in Russian and English.

/** The size in screen pixels an SVG text is drawn at (its font size × the chart's scale). */
async function drawnPx(text: Locator): Promise<number> {
  return text.evaluate((el) => {
    const svg = el as SVGGraphicsElement;
    return parseFloat(getComputedStyle(svg).fontSize) * svg.getScreenCTM()!.a;
  });
}

/** The numbers of a chart's tick labels, in either language's writing. */
async function tickValues(chart: Locator): Promise<number[]> {
  const texts = await chart.locator('svg text.tick').allTextContents();
  return texts.map((t) => Number(t.replace(',', '.')));
}

/** Ticks from 0 by one nice step (1, 2 or 5 × 10ᵏ). */
function expectNice(values: number[]) {
  expect(values[0]).toBe(0);
  const step = values[1] - values[0];
  const mantissa = step / 10 ** Math.floor(Math.log10(step));
  expect([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-9), `step ${step} of ${values}`).toBe(true);
  values.forEach((v, k) => expect(v).toBeCloseTo(k * step, 9));
}

/** What a transfer batch costs in the process factory (its training's card). */
const batchCost: number = JSON.parse(readFileSync('public/scenarios/process-factory.json', 'utf8')).training.tools.batch.cost;

const words = {
  ru: {
    projector: 'Проектор',
    operators: 'По операторам',
    op5: 'Оператор 5',
    test: 'Контроль',
    pack: 'Упаковка',
    walking: 'Ходьба',
    total: '47,67',
    strength: 'Силу улучшения задал инструктор: ×0,3',
    repeated: 'уже применяется к тому же месту изменением 1',
    cardUsed: 'уже сыграна на этом месте в раунде 2',
    madeBefore: 'уже выбран в раунде 2',
    paidAgain: `будет оплачено снова: ${batchCost} ₽`,
    fromScenario: 'Заполнено из сценария',
    free: 'Свободный калькулятор',
    takt: '0,86 мин на единицу (51,43 с)',
  },
  en: {
    projector: 'Projector',
    operators: 'By operator',
    op5: 'Operator 5',
    test: 'Testing',
    pack: 'Packing',
    walking: 'Walking',
    total: '47.67',
    strength: 'The instructor set how strong this improvement is: ×0.3',
    repeated: 'is already used on the same place by change 1',
    cardUsed: 'was already played on this place in round 2',
    madeBefore: 'was already chosen on this place in round 2',
    paidAgain: `is paid for again: ${batchCost} ₽`,
    fromScenario: 'Filled from the scenario',
    free: 'A free calculator',
    takt: '0.86 min per unit (51.43 s)',
  },
};

async function open(app: AppPage, language: Language) {
  await app.goto();
  if (language === 'en') await app.switchLanguage('en');
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: false });
}

for (const language of ['ru', 'en'] as const) {
  const w = words[language];

  test.describe(`projector and the smaller things (${language})`, () => {
    test('projector mode on the trainee page uses the whole width, draws chart text large, and is remembered', async ({ app, page }) => {
      test.slow(); // a round, two reloads, on a shared machine
      await page.setViewportSize({ width: 1920, height: 1080 });
      const training = new TrainingPage(page);
      await open(app, language);
      await training.startSession('process-factory');
      await training.playRound(2, 1);
      const main = page.locator('main.app-main');
      const narrow = (await main.boundingBox())!.width;
      const tick = page.getByTestId('yamazumi').locator('text.tick').first();
      const smallTick = await drawnPx(tick);

      const toggle = page.getByTestId('projector-switch');
      await expect(toggle).toHaveText(w.projector);
      await toggle.click();
      await expect(page.locator('html')).toHaveClass(/projector/);
      await expect(toggle).toHaveAttribute('aria-pressed', 'true');
      const wide = (await main.boundingBox())!.width;
      expect(narrow).toBeLessThan(1400);
      expect(wide).toBeGreaterThan(1800);
      // Chart text read from the back of a room: every kind of text on the charts.
      for (const chart of ['yamazumi', 'state-chart']) {
        for (const kind of ['tick', 'bar-total', 'seg-label', 'row-label']) {
          const texts = page.getByTestId(chart).locator(`svg text.${kind}`);
          if ((await texts.count()) === 0) continue;
          expect(await drawnPx(texts.first()), `${chart} ${kind}`).toBeGreaterThanOrEqual(20);
        }
      }
      expect(await drawnPx(tick)).toBeGreaterThan(smallTick);
      await page.getByTestId('results').scrollIntoViewIfNeeded();
      await shot(page, `projector-results-${language}`);
      await page.getByTestId('yamazumi').scrollIntoViewIfNeeded();
      await shot(page, `projector-improve-${language}`);

      // Remembered like the language.
      await app.reload();
      await expect(page.locator('html')).toHaveClass(/projector/);
      await expect(page.getByTestId('projector-switch')).toHaveAttribute('aria-pressed', 'true');
      await page.getByTestId('projector-switch').click();
      await expect(page.locator('html')).not.toHaveClass(/projector/);
      await app.reload();
      await expect(page.locator('html')).not.toHaveClass(/projector/);
    });

    test("the desk's projector mode uses the whole width too", async ({ app, page }) => {
      await page.setViewportSize({ width: 1920, height: 1080 });
      await open(app, language);
      await page.getByTestId('view-instructor').click();
      await page.getByTestId('projector').click();
      await expect(page.locator('html')).toHaveClass(/projector/);
      expect((await page.locator('main.app-main').boundingBox())!.width).toBeGreaterThan(1800);
      // The file picker's button has the app's look, not the browser's.
      const picker = await page.getByTestId('results-input').evaluate((input) => {
        const s = getComputedStyle(input, '::file-selector-button');
        return { radius: s.borderTopLeftRadius, weight: s.fontWeight };
      });
      expect(picker).toEqual({ radius: '8px', weight: '600' });
      await shot(page, `projector-desk-${language}`);
    });

    test('every button has the app style, and each card has at most one primary action', async ({ app, page }) => {
      const training = new TrainingPage(page);
      await open(app, language);
      await training.startSession('process-factory');
      await training.playRound(2, 1);
      await page.getByTestId('yamazumi-view-operators').click();
      const buttons = page.locator('main button:visible');
      expect(await buttons.count()).toBeGreaterThan(5);
      for (const button of await buttons.all()) {
        const style = await button.evaluate((b) => {
          const s = getComputedStyle(b);
          return { radius: s.borderTopLeftRadius, border: s.borderTopWidth, weight: s.fontWeight };
        });
        expect(style, await button.evaluate((b) => b.outerHTML.slice(0, 120))).toEqual({ radius: '8px', border: '2px', weight: '600' });
      }
      for (const card of await page.locator('main .card').all()) {
        expect(await card.locator('button.primary').count()).toBeLessThanOrEqual(1);
      }
      // The primary actions look primary (filled), the others do not.
      const filled = (l: Locator) => l.evaluate((b) => getComputedStyle(b).backgroundColor);
      expect(await filled(training.start)).toBe('rgb(29, 78, 137)');
      await training.toolSelect.selectOption('five_s');
      expect(await filled(training.toolAdd)).toBe('rgb(29, 78, 137)');
      expect(await filled(training.sessionNew)).toBe('rgb(255, 255, 255)');
    });

    test('the Yamazumi shows stations or operators (with walking), every segment named, on nice ticks', async ({ app, page }) => {
      const training = new TrainingPage(page);
      await open(app, language);
      await training.choose('process-factory');
      const stations = page.getByTestId('yamazumi');
      expectNice(await tickValues(stations));
      await page.getByTestId('yamazumi-view-operators').click();
      await expect(page.getByTestId('yamazumi-view-operators')).toHaveAttribute('aria-pressed', 'true');
      const chart = page.getByTestId('yamazumi-operators');
      await expect(chart).toBeVisible();
      // Operator 5 tends testing and packing, 35.67 s of work, and walks 6 s each way: 47.67 s.
      const op5 = page.getByTestId('yamazumi-operator-op5');
      await expect(op5.locator('text.bar-total')).toHaveText(w.total);
      await expect(op5.locator('text.row-label')).toHaveText(w.op5);
      await expect(op5.locator('[data-kind^="work"] title')).toHaveText([`${w.test} ${language === 'ru' ? '20,33' : '20.33'}`, `${w.pack} ${language === 'ru' ? '15,33' : '15.33'}`]);
      await expect(op5.locator('[data-kind="walk"] title')).toHaveText(`${w.walking} 12`);
      await expect(page.getByTestId('yamazumi-legend-walk')).toHaveText(w.walking);
      expectNice(await tickValues(chart));
      await chart.scrollIntoViewIfNeeded();
      await shot(page, `yamazumi-operators-${language}`);
      // Every segment is named: on its bar, or in the key under the chart.
      for (const view of ['operators', 'stations']) {
        await page.getByTestId(`yamazumi-view-${view}`).click();
        const shown = page.getByTestId(view === 'operators' ? 'yamazumi-operators' : 'yamazumi');
        const segments = await shown.locator('svg g[data-kind]').all();
        const key = (await page.getByTestId('yamazumi-key').count()) ? await page.getByTestId('yamazumi-key').innerText() : '';
        for (const segment of segments) {
          const name = (await segment.locator('title').textContent())!.replace(/ [\d,.]+$/, '');
          const onBar = await segment.locator('text.seg-label[data-named="true"]').allTextContents();
          expect(onBar.includes(name) || key.includes(name), `${view}: ${name}`).toBe(true);
        }
      }
      // The key prints.
      await page.emulateMedia({ media: 'print' });
      await expect(page.getByTestId('yamazumi-key')).toBeVisible();
    });

    test("a card's strength is the instructor's; the same card twice on one place is refused in a round and across rounds; a structural choice made before is announced", async ({ app, page }) => {
      test.slow(); // two rounds
      const training = new TrainingPage(page);
      await open(app, language);
      await training.startSession('process-factory');
      await training.playRound(2, 1);
      // The card says how strong it is; the form asks only where.
      await training.chooseTool('poka_yoke', { station: 'test' });
      await expect(page.getByTestId('tool-card')).toContainText(w.strength);
      await expect(page.getByTestId('tool-factor')).toHaveCount(0);
      await expect(page.getByTestId('tool-repeat')).toHaveCount(0);
      await training.toolAdd.click();
      // A second poka-yoke on testing: said before it is added, and refused.
      await training.chooseTool('poka_yoke', { station: 'test' });
      await expect(page.getByTestId('tool-repeat')).toContainText(w.repeated);
      await training.toolAdd.click();
      await expect(training.toolError).toContainText(w.repeated);
      await expect(training.plan.locator('li')).toHaveCount(1);
      await training.chooseTool('batch', { station: 'kit', batch: '1' });
      await training.toolAdd.click();
      await expect(training.plan.locator('li')).toHaveCount(2);
      await training.playRound(2, 2);
      // Round 3: poka-yoke on testing again would act twice: refused, naming the round.
      await training.chooseTool('poka_yoke', { station: 'test' });
      await expect(page.getByTestId('tool-repeat')).toContainText(w.cardUsed);
      await training.toolAdd.click();
      await expect(training.toolError).toContainText(w.cardUsed);
      await expect(training.plan.locator('li')).toHaveCount(0);
      // A batch size is a value the team sets: set again, announced and paid for again.
      await training.chooseTool('batch', { station: 'kit', batch: '2' });
      await expect(page.getByTestId('tool-repeat')).toContainText(w.madeBefore);
      await expect(page.getByTestId('tool-repeat')).toContainText(w.paidAgain);
      await page.getByTestId('tool-repeat').scrollIntoViewIfNeeded();
      await shot(page, `tool-repeat-${language}`);
      await training.toolAdd.click();
      await expect(training.plan.locator('li')).toHaveCount(1);
      await expect(page.locator('main')).not.toContainText(/[−-]0 ₽/);
    });

    test("the takt calculator starts from the session's scenario, and says when its numbers are free", async ({ app, page }) => {
      const training = new TrainingPage(page);
      await open(app, language);
      await expect(page.getByTestId('calc-source')).toContainText(w.free);
      await training.startSession('process-factory');
      // 1800 s = 30 min for an order of 35: the scenario's own 51.43 s.
      await expect(app.availableTime).toHaveValue('30');
      await expect(app.demand).toHaveValue('35');
      await expect(app.result).toHaveText(w.takt);
      await expect(page.getByTestId('calc-source')).toContainText(w.fromScenario);
      await page.getByTestId('takt-calculator').scrollIntoViewIfNeeded();
      await shot(page, `calculator-${language}`);
      await app.demand.fill('70');
      await expect(page.getByTestId('calc-source')).toContainText(w.free);
      await page.getByTestId('calc-fill').click();
      await expect(app.demand).toHaveValue('35');
      await expect(app.result).toHaveText(w.takt);
      await expect(page.getByTestId('calc-fill')).toHaveCount(0);
    });
  });
}
