import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { TrainingPage } from './pages/training.page';

// Issue 20, the course's sheets: the time study (хронометраж) of a round's station, from the
// session the training page keeps, in both languages; the sheet's figures agree with its own
// cells, bad input is refused by field, it prints on one page and exports as CSV and SVG.

const scenario = JSON.parse(readFileSync('public/scenarios/process-factory.json', 'utf8'));

/** The numbers of a row's cells, read back from the page's format (a decimal comma, spaces). */
const numbers = (texts: string[]) => texts.map((t) => Number(t.replace(/\s/g, '').replace(',', '.')));

test('the time study of a station and the standard work of an operator: their figures, refusals, one printed page, CSV and SVG', async ({ app, page }) => {
  test.setTimeout(90_000);
  await app.goto('/');
  const training = new TrainingPage(page);
  await training.startSession('process-factory');
  await training.playRound(30, 1);
  // Round 2 after a change: the housing's cover goes to the valve station (balancing).
  await training.element('fix cover').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('plan-item-0')).toBeVisible();
  await training.playRound(30, 2);
  await page.getByTestId('open-sheets').click();
  await expect(page).toHaveURL(/\/sheets\.html#round=2$/);
  await expect(page.getByTestId('study-table')).toBeVisible();

  // The housing: four work elements, ten cycles.
  await page.getByTestId('study-station').selectOption('housing');
  // Round 2's housing: the scenario's elements but the cover, moved to the valve.
  const built = scenario.stations.find((s: { id: string }) => s.id === 'housing');
  const housing = { elements: built.elements.filter((e: { name: { en: string } }) => e.name.en !== 'fix cover') };
  expect(housing.elements).toHaveLength(built.elements.length - 1);
  const rows = page.locator('[data-testid^="study-element-"]');
  await expect(rows).toHaveCount(housing.elements.length);
  for (let k = 0; k < housing.elements.length; k++) {
    const row = page.getByTestId(`study-element-${k}`);
    await expect(row.locator('th')).toContainText(housing.elements[k].name.ru ?? housing.elements[k].name);
    const cells = numbers(await row.locator('td.num').allTextContents());
    const times = cells.slice(0, 10);
    const [min, max, mean, k_] = cells.slice(10, 14);
    expect(times).toHaveLength(10);
    expect(min).toBeCloseTo(Math.min(...times), 2);
    expect(max).toBeCloseTo(Math.max(...times), 2);
    expect(Math.abs(mean - times.reduce((a, b) => a + b, 0) / 10)).toBeLessThan(0.011);
    // Kу = max ÷ min, the three shown rounded to 0.01: within what that rounding allows.
    expect(k_).toBeGreaterThanOrEqual((max - 0.005) / (min + 0.005) - 0.005);
    expect(k_).toBeLessThanOrEqual((max + 0.005) / (min - 0.005) + 0.005);
  }
  // The operation is the sum of the elements, cycle by cycle.
  const op = numbers((await page.getByTestId('study-operation').locator('td.num').allTextContents()).slice(0, 10));
  const sums = Array.from({ length: 10 }, () => 0);
  for (let k = 0; k < housing.elements.length; k++) {
    numbers(await page.getByTestId(`study-element-${k}`).locator('td.num').allTextContents()).slice(0, 10).forEach((t, c) => (sums[c] += t));
  }
  op.forEach((t, c) => expect(Math.abs(t - sums[c])).toBeLessThan(0.03));
  // Against the takt of 1800 s ÷ 35.
  await expect(page.getByTestId('study-verdict')).toContainText('51,43 с');
  await expect(page.getByTestId('cycle-chart').locator('g[data-testid^="cycle-"]')).toHaveCount(10);

  // Printed: the sheet of ten cycles alone, on one landscape page.
  // (the print dialogue itself is left out: the button chooses the sheet, then prints)
  await page.evaluate(() => (window.print = () => {}));
  await page.getByTestId('study-print').click();
  const pdf = await page.pdf({ preferCSSPageSize: true, path: test.info().outputPath('time-study.pdf') });
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);

  expect(pdf.toString('latin1')).toMatch(/\/MediaBox\s*\[0 0 841\.9\d* 59[45]\.\d+\]/);

  // Cycles: refused by field, in the page's language; the sheet keeps its last good count.
  const cycles = page.getByTestId('study-cycles');
  await cycles.fill('0');
  await expect(page.getByTestId('study-cycles-error')).toHaveText('Циклов наблюдения: целое число от 1 до 100.');
  await expect(cycles).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('study-element-0').locator('td.num')).toHaveCount(10 + 5);
  await cycles.fill('5');
  await expect(page.getByTestId('study-cycles-error')).toHaveCount(0);
  await expect(page.getByTestId('study-element-0').locator('td.num')).toHaveCount(5 + 5);
  await page.screenshot({ path: test.info().outputPath('time-study-ru-1366.png'), fullPage: true });

  // The CSV: the header in the page's language, a row per element and the operation's.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('study-csv').click()]);
  expect(csv.suggestedFilename()).toBe('takt-time-study-round-2.csv');
  const lines = readFileSync((await csv.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(lines[0].split(';')).toEqual(['Элемент работы', '1', '2', '3', '4', '5', 'Мин.', 'Макс.', 'Среднее', 'Kу', 'Норма Kу']);
  expect(lines).toHaveLength(1 + housing.elements.length + 1);
  expect(lines.at(-1)).toMatch(/^Операция \(сумма\);/);
  // The SVG: a file of its own, its colours written in.
  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('study-svg').click()]);
  expect(svg.suggestedFilename()).toBe('takt-time-study-round-2.svg');
  const drawing = readFileSync((await svg.path())!, 'utf8');
  expect(drawing).toMatch(/^<\?xml[^>]*>\n<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(drawing).toMatch(/<rect[^>]*fill="rgb/);
  expect(drawing).not.toContain('class=');

  // The standard work combination of the operator of test and pack, who walks between them.
  await page.getByTestId('sw-operator').selectOption('op5');
  const summary = page.getByTestId('sw-summary');
  await expect(summary).toContainText('цикл');
  const [cycle, work, walking, waiting] = await Promise.all(
    ['cycle', 'work', 'walking', 'waiting'].map(async (a) => Number(await summary.getAttribute(`data-${a}`))),
  );
  expect(Math.abs(work + walking + waiting - cycle)).toBeLessThan(1e-6);
  expect(walking).toBeGreaterThan(0);
  const steps = page.locator('[data-testid^="sw-step-"]');
  const kinds = await steps.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-kind')));
  expect(kinds).toContain('walk');
  expect(kinds).toContain('work');
  await expect(page.getByTestId('sw-chart').locator('.takt-line')).toHaveCount(1);
  // Beside it, the Yamazumi of the stations, and of the operators with their walking.
  const beside = page.getByTestId('standard-work');
  await expect(beside.getByTestId('yamazumi')).toBeVisible();
  await beside.getByTestId('yamazumi-view-operators').click();
  await expect(beside.getByTestId('yamazumi-operators')).toBeVisible();
  const [sw] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sw-csv').click()]);
  expect(sw.suggestedFilename()).toBe('takt-standard-work-round-2.csv');
  const swLines = readFileSync((await sw.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(swLines[0].split(';')).toEqual(['Шаг', 'Элемент работы', 'Начало', 'Длительность']);
  expect(swLines).toHaveLength(1 + kinds.length + 4);

  await page.getByTestId('sw-print').click();
  const swPdf = await page.pdf({ preferCSSPageSize: true, path: test.info().outputPath('standard-work.pdf') });
  expect(swPdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);

  // The value stream map of round 1 beside round 2's: a box and a stock per station, the
  // timeline's sum along the way, and the PCE its value-added share.
  for (const map of ['vsm-first', 'vsm-now']) {
    await expect(page.locator(`[data-testid^="${map}-process-"]`)).toHaveCount(scenario.stations.length);
    await expect(page.locator(`[data-testid^="${map}-stock-"]`)).toHaveCount(scenario.stations.length);
    await expect(page.getByTestId(`${map}-stock-0`)).toHaveAttribute('data-flow', 'source');
    const svgMap = page.getByTestId(map);
    const [lead, va, pce] = await Promise.all(['lead', 'va', 'pce'].map(async (a) => Number(await svgMap.getAttribute(`data-${a}`))));
    expect(lead).toBeGreaterThan(va);
    expect(Math.abs(pce - va / lead)).toBeLessThan(1e-9);
    await expect(page.getByTestId(`${map}-summary`)).toContainText('(измерено по готовым изделиям)');
    await expect(page.getByTestId(`${map}-summary`)).toContainText('эффективность процесса');
  }
  // The change shows: the housing's cycle time is shorter in round 2, the valve's longer.
  const ct = async (map: string, i: number) => Number(await page.getByTestId(`${map}-process-${i}`).getAttribute('data-ct'));
  expect(await ct('vsm-now', 1)).toBeLessThan(await ct('vsm-first', 1));
  expect(await ct('vsm-now', 2)).toBeGreaterThan(await ct('vsm-first', 2));
  await page.getByTestId('vsm-print').click();
  const vsmPdf = await page.pdf({ preferCSSPageSize: true, path: test.info().outputPath('value-stream.pdf') });
  expect(vsmPdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
  const [vsm] = await Promise.all([page.waitForEvent('download'), page.getByTestId('vsm-svg').click()]);
  expect(vsm.suggestedFilename()).toBe('takt-value-stream-round-2.svg');
  expect(readFileSync((await vsm.path())!, 'utf8')).toContain('data-testid="vsm-now"');

  // In English, at 1920×1080.
  await page.getByTestId('lang-en').click();
  await expect(page.getByRole('heading', { name: 'Time study' })).toBeVisible();
  await expect(page.getByTestId('study-verdict')).toContainText('51.43 s');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: test.info().outputPath('time-study-en-1920.png'), fullPage: true });
});

test('with no round played the sheets page says where to play one', async ({ app, page }) => {
  await app.goto('/sheets.html');
  await expect(page.getByTestId('sheets-empty')).toContainText('сначала сыграйте раунд');
});

test('the stopwatch exercise: timed on the replay, the readings are checked against the log', async ({ app, page }) => {
  test.setTimeout(90_000);
  await app.goto('/');
  const training = new TrainingPage(page);
  await training.startSession('process-factory');
  await training.playRound(30, 1);
  await page.goto('/sheets.html#round=1');
  await page.getByTestId('study-station').selectOption('housing');
  const watch = page.getByTestId('stopwatch');
  await expect(watch.getByTestId('stopwatch-status')).toHaveText(/^Готово: 3 цикла\./);
  // The log's times of the first three cycles, from the sheet, and when each cycle starts.
  const rows = await page.locator('[data-testid^="study-element-"]').count();
  const times: number[][] = [];
  for (let k = 0; k < rows; k++) {
    times.push(numbers((await page.getByTestId(`study-element-${k}`).locator('td.num').allTextContents()).slice(0, 3)));
  }
  const starts = (await watch.getAttribute('data-starts'))!.split(',').map(Number);
  // A hand on the stopwatch, on a controlled clock: ×10, a lap at each element's end.
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 1000);
  await watch.getByTestId('stopwatch-speed').selectOption('10');
  await watch.getByTestId('stopwatch-start').click();
  let at = starts[0];
  for (let c = 0; c < 3; c++) {
    await page.clock.runFor(Math.max(0, ((starts[c] - at) / 10) * 1000));
    at = starts[c];
    for (let k = 0; k < rows; k++) {
      // Halfway through the first element it is the one under way (not at its end, where the
      // sheet's rounded times may already be past it).
      await page.clock.runFor((times[k][c] / 20) * 1000);
      if (c === 0 && k === 0) await expect(watch.getByTestId('stopwatch-element-0')).toHaveClass(/current/);
      await page.clock.runFor((times[k][c] / 20) * 1000);
      at += times[k][c];
      await watch.getByTestId('stopwatch-lap').click();
    }
  }
  await expect(watch.getByTestId('stopwatch-status')).toHaveText(/^Готово\./);
  await expect(watch.getByTestId('stopwatch-cycles')).toHaveText('Засечено полных циклов: 3.');
  for (let k = 0; k < rows; k++) await expect(watch.getByTestId(`stopwatch-row-${k}`)).toHaveAttribute('data-close', 'true');
  await expect(watch.getByTestId('stopwatch-lap')).toBeDisabled();
});
