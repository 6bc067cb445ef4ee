import { expect, test } from './fixtures';
import { TrainingPage } from './pages/training.page';

for (const [w, h] of [[1366, 768], [1920, 1080]]) {
  for (const language of ['ru', 'en'] as const) {
    test(`shot ${w}x${h} ${language}`, async ({ app, page }) => {
      await page.setViewportSize({ width: w, height: h });
      const training = new TrainingPage(page);
      await app.goto();
      if (language === 'en') await app.switchLanguage('en');
      await training.startSession('process-factory');
      await training.playRound(30, 1);
      await expect(training.forecast.getByTestId('forecast-text')).toContainText('±');
      await page.getByTestId('improve').scrollIntoViewIfNeeded();
      const yz = page.getByTestId('improve').getByTestId('yamazumi');
      await yz.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `/tmp/shots/improve-${w}-${language}.png` });
      const el = training.element('fix cover');
      const a = (await el.boundingBox())!;
      const b = (await training.yamazumiBar('valve').boundingBox())!;
      await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
      await page.mouse.down();
      await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
      await expect(training.forecast.getByTestId('forecast-preview')).toBeVisible();
      await page.screenshot({ path: `/tmp/shots/preview-${w}-${language}.png` });
      await page.mouse.up();
    });
  }
}
