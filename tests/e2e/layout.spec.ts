import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { TrainingPage } from './pages/training.page';

// Issue 20, the floor plan: the improve step's layout card moves a station and shows the
// operators' loops change at once; the logistician carries the kitting batches (the replay
// shows him); the sheets page draws the spaghetti diagram of the round, prints it on one page
// and exports it as CSV and SVG, in both languages.

/** The centre of an element's box on the page. */
async function centre(page: import('@playwright/test').Page, testid: string) {
  const box = (await page.getByTestId(testid).boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

test('the layout card moves packing beside testing; the spaghetti diagram of both rounds', async ({ app, page }) => {
  test.setTimeout(90_000);
  await app.goto('/');
  const training = new TrainingPage(page);
  await training.startSession('process-factory');
  await training.playRound(30, 1);

  // The replay lists the logistician with the operators.
  await expect(page.getByTestId('replay-operator-op6')).toContainText('Логист');

  // The card: operator 5 walks testing ↔ packing, 6 m each way; the logistician kitting ↔ housing.
  const card = page.getByTestId('layout-card');
  await expect(card).toBeVisible();
  const op5 = card.getByTestId('layout-operator-4');
  await expect(op5).toHaveAttribute('data-now', '12');
  await expect(op5).toHaveAttribute('data-planned', '12');
  await expect(op5.locator('td').first()).toHaveText('12 м · 12 с');
  expect(Number(await card.getByTestId('layout-operator-5').getAttribute('data-now'))).toBeCloseTo(2 * Math.hypot(1.5, 1), 9);
  // Pick packing, then click the floor just below testing: the move goes into the plan.
  await card.getByTestId('layout-plan-station-5').click();
  await expect(card.getByTestId('layout-plan-station-5')).toHaveClass(/picked/);
  const test_ = await centre(page, 'layout-plan-station-4');
  await page.mouse.click(test_.x, test_.y + 40);
  await expect(page.getByTestId('plan-item-0')).toContainText('Планировка: переставить участок');
  await expect(page.getByTestId('plan-item-0')).toContainText('Упаковка');
  const planned = Number(await op5.getAttribute('data-planned'));
  expect(planned).toBeGreaterThan(0);
  expect(planned).toBeLessThan(4);
  await expect(op5).toHaveAttribute('data-now', '12');
  // Packing's old place is drawn faint; a second move of the same station replaces the first.
  await expect(card.locator('.plan-ghost')).toHaveCount(1);
  await card.getByTestId('layout-plan-station-5').click();
  const moved = await centre(page, 'layout-plan-station-4');
  await page.mouse.click(moved.x - 100, moved.y);
  await expect(page.locator('[data-testid^="plan-item-"]')).toHaveCount(1);
  const again = Number(await op5.getAttribute('data-planned'));
  expect(again).toBeGreaterThan(planned);
  await card.screenshot({ path: test.info().outputPath('layout-card-ru-1366.png') });

  // The same card by keyboard: the tool form, its metres refused by field.
  await training.chooseTool('move_station', { station: 'test', x: 'десять', y: '5' });
  await page.getByTestId('tool-add').click();
  await expect(page.getByTestId('tool-error')).toHaveText('x, м: введите число метров');
  await training.chooseTool('move_station', { station: 'test', x: '9,5', y: '5' });
  await page.getByTestId('tool-add').click();
  await expect(page.locator('[data-testid^="plan-item-"]')).toHaveCount(2);
  await expect(page.getByTestId('plan-item-1')).toContainText('x, м: 9,5');

  await training.playRound(30, 2);
  await page.getByTestId('open-sheets').click();
  await expect(page).toHaveURL(/\/sheets\.html#round=2$/);

  // The spaghetti diagram of round 2: a row per operator, the crew's sum, metres per unit.
  const sheet = page.getByTestId('spaghetti');
  await expect(sheet.getByTestId('spaghetti-plan')).toBeVisible();
  await expect(sheet.locator('[data-testid^="spaghetti-operator-"]')).toHaveCount(6);
  const summary = sheet.getByTestId('spaghetti-summary');
  const metres = Number(await summary.getAttribute('data-metres'));
  const units = Number(await summary.getAttribute('data-units'));
  expect(units).toBeGreaterThan(20);
  let sum = 0;
  for (let k = 0; k < 6; k++) sum += Number(await sheet.getByTestId(`spaghetti-operator-${k}`).getAttribute('data-metres'));
  expect(Math.abs(sum - metres)).toBeLessThan(1e-6);
  // Operator 5 walks; the logistician walks and carries (solid ways); operators 1–4 stay.
  const trips = async (k: number) => Number(await sheet.getByTestId(`spaghetti-operator-${k}`).getAttribute('data-trips'));
  expect(await trips(4)).toBeGreaterThan(10);
  expect(await trips(5)).toBeGreaterThan(5);
  expect(await trips(0)).toBe(0);
  await expect(sheet.locator('.plan-way.loaded[data-who="5"]')).not.toHaveCount(0);
  await expect(sheet.locator('.plan-way[data-who="4"]')).toHaveCount(2);
  // Round 1's operator 5 walked 6 m a trip; round 2's, after the moves, under 2 m.
  const perTrip = async () => Number(await sheet.getByTestId('spaghetti-operator-4').getAttribute('data-metres')) / (await trips(4));
  expect(await perTrip()).toBeLessThan(2);
  await page.getByTestId('study-round').selectOption('1');
  await expect.poll(perTrip).toBeCloseTo(6, 6);

  // Printed alone on one page; the figures as CSV, the diagram as SVG.
  await page.evaluate(() => (window.print = () => {}));
  await page.getByTestId('spaghetti-print').click();
  const pdf = await page.pdf({ preferCSSPageSize: true, path: test.info().outputPath('spaghetti.pdf') });
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('spaghetti-csv').click()]);
  expect(csv.suggestedFilename()).toBe('takt-spaghetti-round-1.csv');
  const lines = readFileSync((await csv.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(lines[0].split(';')).toEqual(['Оператор', 'Переходов', 'Метров за смену', 'Метров на изделие']);
  expect(lines).toHaveLength(1 + 6 + 1);
  expect(lines[6]).toMatch(/^Логист;/);
  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('spaghetti-svg').click()]);
  expect(svg.suggestedFilename()).toBe('takt-spaghetti-round-1.svg');
  const drawing = readFileSync((await svg.path())!, 'utf8');
  expect(drawing).toMatch(/<line[^>]*stroke="(#|rgb)/);
  expect(drawing).not.toContain('class=');
  await sheet.screenshot({ path: test.info().outputPath('spaghetti-ru-1366.png') });

  await page.getByTestId('lang-en').click();
  await expect(page.getByRole('heading', { name: 'Spaghetti diagram' })).toBeVisible();
  await expect(summary).toContainText('The crew walked');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await sheet.screenshot({ path: test.info().outputPath('spaghetti-en-1920.png') });
});
