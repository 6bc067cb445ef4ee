import { expect, test } from './fixtures';

test.describe('language', () => {
  test('starts in Russian even for an English browser', async ({ app }) => {
    await app.goto();
    await app.expectLanguage('ru');
    await expect(app.calculatorTitle).toHaveText('Время такта');
    await expect(app.tagline).toHaveText('тренажёр бережливого производства');
  });

  test('switching to English translates the page and survives a reload', async ({ app }) => {
    await app.goto();
    await app.switchLanguage('en');
    await expect(app.calculatorTitle).toHaveText('Takt time');
    await expect(app.tagline).toHaveText('lean production training simulator');
    await app.expectLanguage('en');

    await app.reload();
    await app.expectLanguage('en');
    await expect(app.calculatorTitle).toHaveText('Takt time');

    await app.switchLanguage('ru');
    await app.reload();
    await app.expectLanguage('ru');
    await expect(app.calculatorTitle).toHaveText('Время такта');
  });

  test('a deep link serves the app too', async ({ app }) => {
    await app.goto('/some/deep/link');
    await expect(app.calculatorTitle).toHaveText('Время такта');
  });
});
