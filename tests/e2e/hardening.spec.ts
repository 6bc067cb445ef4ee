import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { TrainingPage } from './pages/training.page';

/** Markup that would run script if any of it reached the page as HTML. */
const HOSTILE = {
  img: `<img src=x onerror="window.__pwned='img'">`,
  script: `<script>window.__pwned='script'</script>`,
  svg: `<svg><script>window.__pwned='svg'</script></svg>`,
  attr: `"><iframe srcdoc="<script>parent.__pwned='iframe'</script>">`,
  element: `<b onmouseover="window.__pwned='b'">fix cover</b>`,
};

/** The process factory with hostile markup in every text a scenario carries. */
function hostileScenario(): string {
  const kit = JSON.stringify(HOSTILE.img.slice(0, 40));
  const text = readFileSync('public/scenarios/process-factory.json', 'utf8').replaceAll('"kit"', kit);
  const sc = JSON.parse(text);
  sc.name = HOSTILE.script;
  sc.title = { ru: HOSTILE.script, en: HOSTILE.script };
  sc.briefing = { ru: HOSTILE.attr, en: HOSTILE.attr };
  sc.description = HOSTILE.svg;
  sc.stations[1].name = HOSTILE.img;
  sc.stations[1].elements[2].name = HOSTILE.element;
  sc.operators[0].name = HOSTILE.attr;
  return JSON.stringify(sc, null, 2);
}

/** Fails the test if any of the hostile markup ran or became an element. */
async function expectNothingRan(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  expect(await page.locator('img[src="x"], iframe, b[onmouseover], body script').count()).toBe(0);
}

async function importIntoEditor(page: Page, name: string, text: string | Buffer) {
  await page.getByTestId('ed-import').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test.describe('hostile and bad input', () => {
  test('markup in scenario, station, element, operator and team names is shown as text and never runs', async ({ app, page }) => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const training = new TrainingPage(page);
    await app.goto();
    await page.getByTestId('view-editor').click();
    await importIntoEditor(page, 'hostile.json', hostileScenario());
    await expect(page.getByTestId('ed-valid')).toBeVisible();
    await expect(page.getByTestId('ed-name-ru')).toHaveValue(HOSTILE.script);
    await expect(page.getByTestId('ed-name-en')).toHaveValue(HOSTILE.script);
    await page.getByTestId('ed-open').click();
    await expect(page.getByTestId('session-title')).toHaveText(HOSTILE.script);
    await expect(page.locator('main')).toContainText(HOSTILE.attr);
    await training.playRound(3, 1);
    await expect(training.results).toBeVisible();
    await expect(training.improve).toContainText(HOSTILE.element);
    // The element with markup in its name moves by keyboard like any other.
    await training.element(HOSTILE.element).focus();
    await page.keyboard.press('ArrowRight');
    await expect(training.plan.locator('li')).toHaveCount(1);
    await expect(training.plan).toContainText(HOSTILE.element);
    await training.playRound(3, 2);
    await page.getByTestId('team').fill(HOSTILE.img);
    await page.getByTestId('team').press('Tab');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-result').click()]);
    const path = join(mkdtempSync(join(tmpdir(), 'takt-hostile-')), 'team.json');
    await download.saveAs(path);
    await expectNothingRan(page);

    // The instructor's desk shows the team's name and its changes as text too.
    await page.getByTestId('view-instructor').click();
    await page.getByTestId('results-input').setInputFiles([path]);
    const row = page.getByTestId('leaderboard').locator('tbody tr');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(HOSTILE.img);
    await expectNothingRan(page);
    expect(dialogs).toEqual([]);
  });

  test('files that are not scenarios are refused by the editor with the reason, and the draft is kept', async ({ app, page }) => {
    await app.goto();
    await page.getByTestId('view-editor').click();
    await page.getByTestId('ed-load').selectOption('blank');
    await page.getByTestId('ed-name-ru').fill('Мой черновик');
    await page.getByTestId('ed-name-ru').press('Tab');
    const draft = await page.getByTestId('ed-json').inputValue();
    const refused = page.getByTestId('ed-import-error');
    const cases: [string, string | Buffer, RegExp][] = [
      ['notes.txt', 'это не JSON', /notes\.txt: не читается: expected value/],
      // Typed reading stops at the first level of the wrong shape: the depth never matters.
      ['deep.json', '{"stations": ' + '['.repeat(100_000) + ']'.repeat(100_000) + '}', /deep\.json: stations\[0\]\[0\]: не читается: invalid type: sequence/],
      ['big.json', Buffer.alloc(5 << 20, 32), /big\.json: файл слишком большой \(5,0 МБ; допустимо не более 4,0 МБ\)/],
      ['huge-number.json', '{"name": "x", "time_unit": "s", "horizon": 1e999, "stations": []}', /huge-number\.json: horizon: не читается: number out of range/],
      ['typo.json', '{"name": "x", "time_unit": "s", "horizon": 60, "statoins": []}', /typo\.json: statoins: не читается: unknown field `statoins`/],
      ['wrong-type.json', '{"name": "x", "time_unit": "s", "horizon": "long", "stations": []}', /wrong-type\.json: horizon: не читается: invalid type: string "long"/],
    ];
    for (const [name, text, message] of cases) {
      await importIntoEditor(page, name, text);
      await expect(refused).toHaveText(message);
      await expect(refused).toContainText('черновик не изменён');
      await expect(page.getByTestId('ed-json')).toHaveValue(draft);
    }
    // A scenario with mistakes to fix is loaded, with every mistake under its field.
    const faulty = {
      name: 'Ошибки', time_unit: 's', horizon: 0,
      stations: [
        { id: 'a', process: -1 },
        { id: 'a', process: 10, inputs: [{ from: 'nowhere' }] },
      ],
      operators: [{ id: 'o', stations: ['ghost'] }],
    };
    await importIntoEditor(page, 'faulty.json', JSON.stringify(faulty));
    await expect(refused).toBeHidden();
    const errors = page.getByTestId('ed-errors');
    await expect(errors).toContainText('horizon');
    await expect(errors).toContainText('stations[0].process');
    await expect(errors).toContainText('stations[1].id');
    await expect(errors).toContainText('nowhere');
    await expect(errors).toContainText('ghost');
    await expect(page.getByTestId('ed-open')).toBeDisabled();
    // Undo brings the draft back.
    await page.getByTestId('ed-undo').click();
    await expect(page.getByTestId('ed-json')).toHaveValue(draft);
    await expect(page.getByTestId('ed-valid')).toBeVisible();
  });

  test('a stored session of the wrong shape is kept aside and reported; the app starts clean', async ({ app, page }) => {
    const training = new TrainingPage(page);
    await app.goto();
    for (const stored of [
      '{"version": 99, "scenario_id": "kanban"}',
      '{"version": 1, "scenario_id": "kanban", "scenario": {"name": "x"}, "seed": -1}',
      '"just a string"',
    ]) {
      await page.evaluate((text) => {
        localStorage.removeItem('takt.v1.session.corrupt');
        localStorage.setItem('takt.v1.session', text);
      }, stored);
      await app.reload();
      await expect(training.corrupt).toBeVisible();
      await expect(training.sessionStart).toBeVisible();
      expect(await page.evaluate(() => localStorage.getItem('takt.v1.session.corrupt'))).toBe(stored);
    }
  });

  test('a broken share link is reported and the session on screen is kept', async ({ app, page }) => {
    const training = new TrainingPage(page);
    await app.goto();
    await training.startSession('kanban');
    await training.playRound(2, 1);
    await expect(training.roundLabel).toHaveText('Раунд 2 из 3');
    await page.evaluate(() => {
      location.hash = 'scenario=this-is-not-a-scenario';
    });
    await expect(page.getByTestId('session-shared-broken')).toBeVisible();
    await expect(training.roundLabel).toHaveText('Раунд 2 из 3');
    await expect(training.results).toBeVisible();
  });

  test('when the browser refuses to save, the app says so and the work stays on screen and exportable', async ({ app, page }) => {
    const training = new TrainingPage(page);
    await app.goto();
    await training.startSession('kanban');
    await page.evaluate(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await training.playRound(2, 1);
    await expect(page.getByTestId('session-not-saved')).toBeVisible();
    await expect(training.results).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-session').click()]);
    expect(download.suggestedFilename()).toBe('takt-session-round-1.json');
  });

  test('an oversized file on the instructor desk is flagged unread; the others are still checked', async ({ app, page }) => {
    await app.goto();
    await page.getByTestId('view-instructor').click();
    await page.getByTestId('results-input').setInputFiles([
      { name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(17 << 20, 32) },
      { name: 'empty.json', mimeType: 'application/json', buffer: Buffer.from('') },
    ]);
    const rows = page.getByTestId('leaderboard').locator('tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: 'huge.json' })).toContainText('файл слишком большой (17,0 МБ; допустимо не более 16,0 МБ)');
    await expect(rows.filter({ hasText: 'empty.json' })).toContainText('не читается: EOF while parsing');
  });

  test('a web worker that fails is reported as a failed run, and the next run works', async ({ app, page }) => {
    const training = new TrainingPage(page);
    // Until told otherwise, every worker the page starts gets a script that is not one (the
    // server answers an unknown path with the page itself): the one the page loads ahead
    // of the round, and the one it starts when that one has failed.
    await page.addInitScript(() => {
      const RealWorker = Worker;
      const flags = window as unknown as { failWorkers: boolean };
      flags.failWorkers = true;
      window.Worker = class extends RealWorker {
        constructor(url: string | URL, options?: WorkerOptions) {
          super(flags.failWorkers ? '/no-such-worker.js' : url, options);
        }
      };
    });
    await app.goto();
    await training.startSession('kanban');
    await training.start.click();
    await expect(page.getByTestId('run-error')).toContainText('расчёт остановлен');
    await page.evaluate(() => {
      (window as unknown as { failWorkers: boolean }).failWorkers = false;
    });
    await training.playRound(2, 1);
  });

  test('the debug-only panic trigger does nothing in the release build', async ({ app, page }) => {
    await app.goto('/#debug-panic');
    await page.evaluate(() => {
      location.hash = 'x';
      location.hash = 'debug-panic';
    });
    await expect(page.getByTestId('app-title')).toBeVisible();
    await page.getByTestId('view-editor').click();
    await expect(page.getByTestId('ed-load')).toBeVisible();
    await expect(page.getByTestId('crash-overlay')).toHaveCount(0);
  });
});
