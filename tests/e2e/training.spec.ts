import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { TrainingPage } from './pages/training.page';

/** The same figure as the app prints it in Russian: two decimals at most, decimal comma. */
function ru(x: number): string {
  return x.toFixed(2).replace(/0+$/, '').replace(/\.$/, '').replace('.', ',');
}

/** "mean ± ci" as on a KPI card. */
function est(e: { mean: number; ci95: number }, scale = 1): string {
  return e.ci95 > 0 ? `${ru(e.mean * scale)} ± ${ru(e.ci95 * scale)}` : ru(e.mean * scale);
}

/** `takt analyze` on the same scenario and seed (the CLI built by `cargo test`). */
function analyze(scenario: string, replications: number) {
  const takt = process.env.TAKT_BIN ?? 'target/debug/takt';
  if (!existsSync(takt)) throw new Error(`${takt} not found: build it with \`cargo build -p takt-cli\``);
  const out = execFileSync(takt, [
    'analyze', `public/scenarios/${scenario}.json`, '--seed', '1', '--replications', String(replications), '--format', 'json',
  ]);
  return JSON.parse(out.toString());
}

test.describe('a training round', () => {
  test('the KPIs and the bottleneck shown are those of `takt analyze`', async ({ app, page }) => {
    const training = new TrainingPage(page);
    await app.goto();
    await training.startSession('process-factory');
    await expect(training.roundLabel).toHaveText('Раунд 1 из 3');
    await training.playRound(30, 1);
    const a = analyze('process-factory', 30);
    await expect(training.kpi('completed')).toHaveText(est(a.kpis.completed));
    await expect(training.kpi('lead-time')).toHaveText(est(a.kpis.lead_time));
    await expect(training.kpi('wip')).toHaveText(est(a.kpis.wip));
    await expect(training.kpi('quality')).toHaveText(est(a.kpis.first_pass_yield, 100));
    await expect(training.kpi('unit-cost')).toHaveText(est(a.kpis.unit_cost));
    await expect(training.kpi('profit')).toHaveText(est(a.kpis.profit));
    await expect(training.bottleneck).toHaveAttribute('data-station', a.report.bottleneck);
    // Round 1 fails the order by design, and the card says so in words, not only colour.
    expect(a.kpis.completed.mean).toBeLessThan(35);
    await expect(page.getByTestId('kpi-completed')).toHaveAttribute('data-status', 'missed');
    await expect(page.getByTestId('kpi-completed')).toContainText('✗ заказ 35');
    await expect(training.roundLabel).toHaveText('Раунд 2 из 3');
    // The waste breakdown in minutes and roubles, one row per waste: the whole line's
    // wastes as `takt analyze` reports them (every station's and the line's own), so waiting,
    // transport, over-processing and defects at the stations are not hidden.
    await expect(page.getByTestId('wastes').locator('tbody tr')).toHaveCount(7);
    const keys: Record<string, string> = { 'over-processing': 'over_processing' };
    for (const w of ['overproduction', 'inventory', 'transport', 'waiting', 'over-processing', 'motion', 'defects']) {
      const figure = a.wastes[keys[w] ?? w];
      const cells = page.getByTestId(`waste-${w}`).locator('td.num');
      await expect(cells.nth(0)).toHaveText(ru(figure.time.mean / 60));
      await expect(cells.nth(1)).toHaveText(ru(figure.money.mean));
    }
    expect(a.wastes.waiting.money.mean).toBeGreaterThan(0);
  });

  test('draws each station\'s time by state, marks the bottleneck, and labels it in the current language', async ({ app, page }) => {
    const training = new TrainingPage(page);
    await app.goto();
    await training.startSession('process-factory');
    await training.playRound(10, 1);
    const a = analyze('process-factory', 30);
    for (const station of a.report.stations) {
      await expect(training.stateBar(station.id)).toBeVisible();
    }
    await expect(training.stateBar(a.report.bottleneck)).toHaveClass(/bottleneck/);
    await expect(training.stateBar(a.report.bottleneck)).toContainText('▲');
    await expect(training.legend('blocked')).toHaveText('Блокировка');
    await expect(training.stateAxis).toHaveText('Доля времени, %');
    await expect(page.getByTestId('kpi-cards')).toContainText('Выработка, шт.');
    await app.switchLanguage('en');
    await expect(training.legend('blocked')).toHaveText('Blocked');
    await expect(training.legend('working')).toHaveText('Working');
    await expect(training.stateAxis).toHaveText('Share of time, %');
    await expect(page.getByTestId('kpi-cards')).toContainText('Output, units');
    await expect(page.getByTestId('waste-waiting')).toContainText('waiting');
  });

  test('balances the work of each station against the takt line (Yamazumi)', async ({ app, page }) => {
    const training = new TrainingPage(page);
    await app.goto();
    await training.choose('process-factory');
    // Takt 1800 s ÷ 35 = 51.43 s; housing (52.33 s of work) and only housing is over it.
    await expect(page.getByTestId('yamazumi-takt')).toHaveText('такт 51,43');
    await expect(training.yamazumiBar('housing')).toContainText('52,33');
    await expect(training.yamazumiBar('housing')).toHaveClass(/over-takt/);
    await expect(training.yamazumiBar('housing')).toContainText('▲');
    for (const station of ['kit', 'valve', 'gauge', 'test', 'pack']) {
      await expect(training.yamazumiBar(station)).not.toHaveClass(/over-takt/);
    }
    // Searching is non-value-added work, drawn apart from value-added work.
    await expect(training.yamazumiBar('housing').locator('[data-kind="nva"]')).toHaveCount(1);
    await expect(training.yamazumiBar('housing').locator('[data-kind="va"]')).toHaveCount(3);
    await expect(page.getByTestId('yamazumi-axis')).toHaveText('Время на единицу, с');
    await app.switchLanguage('en');
    await expect(page.getByTestId('yamazumi-axis')).toHaveText('Time per unit, s');
    await expect(page.getByTestId('yamazumi-takt')).toHaveText('takt 51.43');
    await training.choose('kanban');
    await expect(page.getByTestId('yamazumi-axis')).toHaveText('Time per unit, min');
  });

  test('shows progress, keeps the page responsive, and can be cancelled', async ({ app, page }) => {
    const training = new TrainingPage(page);
    await app.goto();
    // A class of 10000 replications: long enough to be cancelled mid-round.
    const kanban = JSON.parse(readFileSync('public/scenarios/kanban.json', 'utf8'));
    await training.openScenario({ ...kanban, training: { ...kanban.training, replications: 10000 } });
    await expect(training.replications).toHaveValue('10000');
    await training.start.click();
    await expect(training.progress).toBeVisible();
    await expect.poll(async () => Number(await training.progress.getAttribute('value'))).toBeGreaterThan(0);
    // The page answers while the worker computes.
    await app.computeTakt('480', '240');
    await expect(app.result).toHaveText('2 мин на единицу (120 с)');
    await expect(training.start).toBeDisabled();
    const done = Number(await training.progress.getAttribute('value'));
    expect(done).toBeLessThan(10000);
    await training.cancel.click();
    await expect(training.progress).toHaveCount(0);
    await expect(training.cancelled).toBeVisible();
    await expect(training.results).toHaveCount(0);
    await expect(training.start).toBeEnabled();
    await expect(training.roundLabel).toHaveText('Раунд 1 из 3');
  });

  test('refuses a replication count that is not a whole number in range', async ({ app, page }) => {
    const training = new TrainingPage(page);
    await app.goto();
    // Free practice (a scenario without `training`): the team chooses the replications.
    const kanban = JSON.parse(readFileSync('public/scenarios/kanban.json', 'utf8'));
    delete kanban.training;
    await training.openScenario(kanban);
    await training.replications.fill('0');
    await expect(training.replicationsError).toHaveText('Введите целое число от 1 до 10000.');
    await expect(training.start).toBeDisabled();
    await training.replications.fill('5');
    await expect(training.replicationsError).toHaveCount(0);
    await expect(training.start).toBeEnabled();
  });
});

test.describe('improving and scoring', () => {
  test('a work element moved by keyboard rebalances the line live, and the next round is scored', async ({ app, page }) => {
    const training = new TrainingPage(page);
    await app.goto();
    await training.startSession('process-factory');
    await training.playRound(10, 1);
    await expect(training.yamazumiBar('housing')).toHaveClass(/over-takt/);
    // "fix cover" (крепление крышки) is done at housing, the bottleneck; → moves it to valve.
    const element = training.element('fix cover');
    await element.focus();
    await page.keyboard.press('ArrowRight');
    await expect(training.plan.locator('li')).toHaveCount(1);
    await expect(training.plan).toContainText('крепление крышки');
    await expect(training.plan).toContainText('500 ₽');
    await expect(training.planBudget).toHaveText('Затраты плана: 500 ₽ из бюджета 30000 ₽');
    await expect(training.yamazumiBar('valve').locator('[data-element="fix cover"]')).toHaveCount(1);
    await expect(training.yamazumiBar('housing')).not.toHaveClass(/over-takt/);
    // The focus stays on the element moved, so it can be moved on.
    await expect(training.element('fix cover')).toBeFocused();
    // Live feedback: housing loses the element's 10.33 s (52.33 → 42), and the planned line
    // is forecast in the page over the round's replications (tests/e2e/forecast.spec.ts).
    await expect(training.yamazumiBar('housing')).toContainText('42');
    await expect(training.forecast).toHaveText(/^Прогноз: \d+(,\d+)? ± \d+(,\d+)? шт\. за смену \(заказ 35; смен в прогнозе: 30\) — заказ/);
    await training.playRound(10, 2);
    await expect(training.scoreTotal).toBeVisible();
    await expect(page.getByTestId('score-completed')).toBeVisible();
    await expect(training.roundsTable.locator('thead th')).toHaveCount(3);
    await expect(training.roundLabel).toHaveText('Раунд 3 из 3');
    await expect(page.getByTestId('rounds-bar-2')).toBeVisible();
  });

  test('a card from the catalog joins the plan; a value outside its bounds is refused naming its field', async ({ app, page }) => {
    const training = new TrainingPage(page);
    await app.goto();
    await training.startSession('process-factory');
    await training.playRound(5, 1);
    // The buffer card allows up to 10 places (the scenario's card): 12 is refused.
    await page.getByTestId('tool-select').selectOption('buffer');
    await page.getByTestId('tool-station').selectOption('housing');
    await expect(page.getByTestId('tool-form')).toContainText('инструктор разрешает от — до 10');
    await page.getByTestId('tool-buffer').fill('12');
    await page.getByTestId('tool-add').click();
    await expect(page.getByTestId('tool-error')).toContainText('Мест в буфере');
    await expect(page.getByTestId('tool-error')).toContainText('от — до 10, а не 12');
    await expect(training.plan.locator('li')).toHaveCount(0);
    await page.getByTestId('tool-buffer').fill('4');
    await page.getByTestId('tool-add').click();
    await expect(page.getByTestId('tool-error')).toHaveCount(0);
    await expect(training.plan.locator('li')).toHaveCount(1);
    // 5S: only where; the strength is the card's.
    await page.getByTestId('tool-select').selectOption('five_s');
    await expect(page.getByTestId('tool-select').locator('option[value="five_s"]')).toContainText('×0,3');
    await page.getByTestId('tool-station').selectOption('housing');
    await page.getByTestId('tool-add').click();
    await expect(training.plan.locator('li')).toHaveCount(2);
    await expect(training.plan).toContainText('5S');
    // A tool this training does not allow is not offered at all.
    await expect(page.getByTestId('tool-select').locator('option[value="add_server"]')).toHaveCount(0);
    await page.getByTestId('plan-remove-0').click();
    await expect(training.plan.locator('li')).toHaveCount(1);
  });
});

test.describe('the session in browser storage', () => {
  test('a reload mid-round restores the rounds, results and plan', async ({ app, page }) => {
    const training = new TrainingPage(page);
    await app.goto();
    await training.startSession('process-factory');
    await training.playRound(5, 1);
    const completed = await training.kpi('completed').textContent();
    await training.element('fix cover').focus();
    await page.keyboard.press('ArrowRight');
    await expect(training.plan.locator('li')).toHaveCount(1);
    await app.reload();
    await expect(training.roundLabel).toHaveText('Раунд 2 из 3');
    await expect(training.kpi('completed')).toHaveText(completed!);
    await expect(training.plan.locator('li')).toHaveCount(1);
    await expect(training.plan).toContainText('крепление крышки');
    // A class's replications: the scenario's 30, whatever was asked.
    await expect(training.replications).toHaveValue('30');
  });

  test('a corrupt stored session is reported, kept aside, and the app starts clean', async ({ app, page }) => {
    const training = new TrainingPage(page);
    await app.goto();
    const broken = '{"version": 1, "scenario_id": "process-factory", "rounds": [';
    await page.evaluate((text) => localStorage.setItem('takt.v1.session', text), broken);
    await app.reload();
    await expect(training.corrupt).toBeVisible();
    await expect(training.corrupt).toContainText('takt.v1.session.corrupt');
    await expect(training.sessionStart).toBeVisible();
    expect(await page.evaluate(() => localStorage.getItem('takt.v1.session.corrupt'))).toBe(broken);
    // Starting again works and is saved over the free key; the copy stays.
    await training.startSession('kanban');
    await expect.poll(() => page.evaluate(() => localStorage.getItem('takt.v1.session'))).toContain('"scenario_id":"kanban"');
    expect(await page.evaluate(() => localStorage.getItem('takt.v1.session.corrupt'))).toBe(broken);
  });

  test('the KPI table and the session export as files', async ({ app, page }) => {
    const training = new TrainingPage(page);
    await app.goto();
    await training.startSession('process-factory');
    await training.playRound(5, 1);
    const read = async (testid: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
      const stream = await download.createReadStream();
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
    };
    const kpis = await read('export-kpis');
    // Russian by default: the spreadsheet dialect of a Russian locale (BOM, `;`, CRLF).
    expect(kpis.name).toBe('takt-kpis-round-1.csv');
    expect(kpis.text.startsWith('\uFEFF')).toBe(true);
    const rows = kpis.text.slice(1).trim().split('\r\n');
    expect(rows[0].startsWith('round;changes;cost;completed')).toBe(true);
    expect(rows).toHaveLength(2);
    const session = await read('export-session');
    const parsed = JSON.parse(session.text);
    expect(parsed.version).toBe(1);
    expect(parsed.rounds).toHaveLength(1);
    const units = await read('export-units');
    expect(units.name).toBe('takt-units-round-1.csv');
    expect(units.text.slice(1).split('\r\n')[0]).toBe('unit;product;release;finish;lead_time;value_added;processing;reworks');
  });
});
