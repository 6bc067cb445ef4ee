import { expect, test } from './fixtures';

test.describe('takt time calculator', () => {
  test('shows the takt time computed by the core', async ({ app }) => {
    await app.goto();
    await app.computeTakt('480', '240');
    await expect(app.result).toHaveText('2 мин на единицу (120 с)');

    await app.computeTakt('7,5', '3');
    await expect(app.result).toHaveText('2,5 мин на единицу (150 с)');
  });

  test('shows an inline error for zero demand, and recovers', async ({ app }) => {
    await app.goto();
    await app.computeTakt('480', '0');
    await expect(app.demandError).toHaveText('Спрос должен быть не меньше одной единицы.');
    await expect(app.demand).toHaveAttribute('aria-invalid', 'true');
    await expect(app.result).toHaveCount(0);
    await expect(app.noResult).toBeVisible();

    await app.demand.fill('240');
    await expect(app.demandError).toHaveCount(0);
    await expect(app.result).toHaveText('2 мин на единицу (120 с)');
  });

  test('rejects text that is not a number', async ({ app }) => {
    await app.goto();
    await app.computeTakt('abc', '240');
    await expect(app.availableTimeError).toHaveText('Введите число, например 480.');
    await expect(app.availableTime).toHaveAttribute('aria-invalid', 'true');
    await expect(app.result).toHaveCount(0);
  });

  test('speaks English after the switch', async ({ app }) => {
    await app.goto();
    await app.switchLanguage('en');
    await app.computeTakt('450', '200');
    await expect(app.result).toHaveText('2.25 min per unit (135 s)');
    await app.demand.fill('0');
    await expect(app.demandError).toHaveText('Demand must be at least one unit.');
  });

  test('shows the core version in the footer', async ({ app }) => {
    await app.goto();
    await expect(app.coreVersion).toHaveText(/^Ядро takt-core \d+\.\d+\.\d+/);
  });
});
