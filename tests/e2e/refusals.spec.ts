import { expect, test } from './fixtures';
import { setField } from './helpers';
import type { Locator } from '@playwright/test';
import { TrainingPage } from './pages/training.page';

/**
 * What the core refuses reaches the Russian interface in Russian: the core's refusals are
 * values with their data (the over-budget plan its cost and budget, the editor's field its
 * bounds, the stored session its version), worded from `locales/` by the app.
 */

/** English words of the core's own messages (its `Display` texts, which the CLI prints). */
const CORE_ENGLISH = /\b(the|must|between|cost|budget|changes|round|not|allowed|valid|version|reads|duplicate|station|also|app)\b/i;

async function expectNoCoreEnglish(locator: Locator) {
  expect(await locator.innerText()).not.toMatch(CORE_ENGLISH);
}

test.describe('refusals in the Russian interface', () => {
  test('a change without its subject and a plan over the budget are explained in Russian', async ({ app, page }) => {
    const training = new TrainingPage(page);
    await app.goto();
    await app.expectLanguage('ru');
    await training.startSession('process-factory');
    await training.playRound(2, 1);
    // Poka-yoke where there are no defects: the change, counted from 1, and its station.
    await training.chooseTool('poka_yoke', { station: 'kit' });
    await training.toolAdd.click();
    await expect(training.toolError).toHaveText('План не принят: изменение 1: на участке «kit» нет дефектов');
    await expectNoCoreEnglish(training.toolError);
    // The same tool on the same station twice in one round is refused, in words.
    await training.chooseTool('poka_yoke', { station: 'test' });
    await training.toolAdd.click();
    await expect(training.plan.locator('li')).toHaveCount(1);
    await training.toolAdd.click();
    await expect(training.toolError).toHaveText(
      'План не принят: изменение 2: «Пока-ёкэ: защита от ошибок» уже применяется к тому же месту изменением 1: в одном раунде — один раз на место (измените то изменение)',
    );
    await expectNoCoreEnglish(training.toolError);
    // Each on its own place: 5000 + 5000 + 5000 + six buffers at 2000 + 5S at 2000 = 29000 ₽
    // fit the round's budget of 30000 ₽; one more 5S (2000 ₽) does not.
    const fitting: [string, Record<string, string>][] = [
      ['transport', { station: 'kit' }],
      ['transport', { station: 'pack' }],
      ...['kit', 'housing', 'valve', 'gauge', 'test', 'pack'].map(
        (station) => ['buffer', { station, buffer: '10' }] as [string, Record<string, string>],
      ),
      ['five_s', { station: 'kit' }],
    ];
    for (const [k, [tool, fields]] of fitting.entries()) {
      await training.chooseTool(tool, fields);
      await training.toolAdd.click();
      await expect(training.plan.locator('li')).toHaveCount(k + 2);
    }
    await expect(training.toolError).toHaveCount(0);
    await training.chooseTool('five_s', { station: 'housing' });
    await training.toolAdd.click();
    await expect(training.toolError).toHaveText('План не принят: изменения стоят 31000 ₽, а бюджет раунда — 30000 ₽');
    await expectNoCoreEnglish(training.toolError);
    await expect(training.plan.locator('li')).toHaveCount(10);
    // The same refusal follows the language.
    await app.switchLanguage('en');
    await expect(training.toolError).toHaveText("The plan is refused: the changes cost 31000 ₽ but the round's budget is 30000 ₽");
  });

  test('an invalid editor field is explained in Russian under the field and in the list', async ({ app, page }) => {
    await app.goto();
    await page.getByTestId('view-editor').click();
    await app.expectLanguage('ru');
    await page.getByTestId('ed-load').selectOption('blank');
    await expect(page.getByTestId('ed-valid')).toBeVisible();
    await setField(page, 'ed-stations-0--servers', '0');
    const servers = page.getByTestId('ed-stations-0--servers-error');
    await expect(servers).toHaveText('должно быть от 1 до 1000');
    await page.getByTestId('ed-add-station').click();
    await setField(page, 'ed-stations-1--id', 's1');
    await expect(page.getByTestId('ed-stations-1--id-error')).toHaveText('код «s1» повторяется (также stations[0])');
    const errors = page.getByTestId('ed-errors');
    await expect(errors).toContainText('stations[0].servers должно быть от 1 до 1000');
    await expect(errors).toContainText('stations[1].id код «s1» повторяется');
    await expectNoCoreEnglish(servers);
    await expectNoCoreEnglish(page.getByTestId('ed-stations-1--id-error'));
    // Only the field paths stay as written in the file.
    expect((await errors.innerText()).replace(/stations\[\d\]\.(servers|id)/g, '')).not.toMatch(CORE_ENGLISH);
    await expect(page.getByTestId('ed-open')).toBeDisabled();
    await app.switchLanguage('en');
    await expect(servers).toHaveText('must be between 1 and 1000');
  });

  test('a corrupt stored session is explained in Russian, and kept aside', async ({ app, page }) => {
    const training = new TrainingPage(page);
    await app.goto();
    const detail = training.corrupt.locator('.notice-detail');
    const line = { name: 'x', time_unit: 's', horizon: 60, stations: [{ id: 'a', process: 1 }] };
    const invalid = { ...line, stations: [{ id: 'a', process: 1, servers: 0 }] };
    const session = { version: 1, scenario_id: 'custom', scenario: line, seed: 1, replications: 3, rounds: [], plan: [] };
    for (const [stored, explained] of [
      [{ ...session, version: 99 }, 'это файл версии 99, а приложение читает версию 1'],
      [{ ...session, scenario: invalid }, 'сценарий сессии недопустим: stations[0].servers: должно быть от 1 до 1000'],
    ] as const) {
      const text = JSON.stringify(stored);
      await page.evaluate((text) => {
        localStorage.removeItem('takt.v1.session.corrupt');
        localStorage.setItem('takt.v1.session', text);
      }, text);
      await app.reload();
      await expect(training.corrupt).toContainText('Сохранённую сессию не удалось прочитать');
      await expect(detail).toHaveText(explained);
      expect((await detail.innerText()).replace('stations[0].servers', '')).not.toMatch(CORE_ENGLISH);
      await expect(training.sessionStart).toBeVisible();
      expect(await page.evaluate(() => localStorage.getItem('takt.v1.session.corrupt'))).toBe(text);
    }
    await app.switchLanguage('en');
    await expect(detail).toHaveText('scenario: stations[0].servers: must be between 1 and 1000');
  });
});
