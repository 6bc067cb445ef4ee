import { expect, test } from './fixtures';

// Times the best plan of each built-in scenario in the desk's worker (issue 18: at most 30 s
// in the browser, with progress). Prints the figures; asserts only that the search shows its
// progress and ends with a plan.

test('the best plan of each built-in scenario in the browser, timed', async ({ app, page }) => {
  test.setTimeout(300_000);
  await app.goto('/desk.html');
  const select = page.getByTestId('instructor-scenario');
  const ids = await select.locator('option[data-id]').evaluateAll((options) => options.map((o) => o.getAttribute('data-id')!));
  const rows: string[] = [];
  for (const id of ids) {
    await select.selectOption({ index: ids.indexOf(id) + 1 });
    await expect(page.getByTestId('best-plan')).toHaveCount(0);
    const start = Date.now();
    await page.getByTestId('best-run').click();
    await expect(page.getByTestId('best-progress')).toBeVisible();
    let heard = 0;
    while (await page.getByTestId('best-plan').count() === 0) {
      // The bar goes when the plan comes: read it without waiting for it.
      const values = await page.getByTestId('best-progress').evaluateAll((bars) => bars.map((b) => Number(b.getAttribute('value'))));
      heard = Math.max(heard, ...values);
      await page.waitForTimeout(200);
      expect(Date.now() - start, `${id}: the search ends`).toBeLessThan(120_000);
    }
    const seconds = (Date.now() - start) / 1000;
    const points = await page.getByTestId('best-plan').getAttribute('data-points');
    const evaluated = await page.getByTestId('best-evaluated').textContent();
    rows.push(`${id.padEnd(20)} ${seconds.toFixed(1).padStart(6)} s   points ${Number(points).toFixed(2)}   progress seen up to ${heard} %   ${evaluated}`);
  }
  console.log(`the best plan in the browser's worker:\n${rows.join('\n')}`);
});
