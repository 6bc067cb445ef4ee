import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect, test } from './fixtures';
import { RunPanel } from './pages/run.page';

/** The same figure as the app prints it in Russian: two decimals at most, decimal comma. */
function ru(x: number): string {
  return x.toFixed(2).replace(/0+$/, '').replace(/\.$/, '').replace('.', ',');
}

/** `takt simulate` on the same scenario and seed (the CLI built by `cargo test`). */
function cli(scenario: string, replications: number) {
  const takt = process.env.TAKT_BIN ?? 'target/debug/takt';
  if (!existsSync(takt)) throw new Error(`${takt} not found: build it with \`cargo build -p takt-cli\``);
  const out = execFileSync(takt, ['simulate', `public/scenarios/${scenario}.json`, '--seed', '1', '--replications', String(replications)]);
  return JSON.parse(out.toString());
}

test.describe('running a shift', () => {
  test('the web worker gives exactly what `takt simulate` gives', async ({ app, page }) => {
    const panel = new RunPanel(page);
    await app.goto();
    await panel.choose('process-factory');
    await panel.run(30);
    await panel.waitForResults();
    const report = cli('process-factory', 30);
    await expect(panel.completed).toHaveText(`${ru(report.completed)} ± ${ru(report.ci95.completed)}`);
    await expect(panel.wip).toHaveText(`${ru(report.wip.mean)} ± ${ru(report.ci95.wip)}`);
    await expect(panel.bottleneck).toHaveAttribute('data-station', report.bottleneck);
    await expect(panel.order).toHaveText('35');
    // Round 1 fails the order by design.
    expect(report.completed).toBeLessThan(35);
  });

  test('draws each station\'s time by state, marks the bottleneck, and labels it in the current language', async ({ app, page }) => {
    const panel = new RunPanel(page);
    await app.goto();
    await panel.choose('process-factory');
    await panel.run(10);
    await panel.waitForResults();
    const report = cli('process-factory', 10);
    for (const station of report.stations) {
      await expect(panel.stateBar(station.id)).toBeVisible();
    }
    await expect(panel.stateBar(report.bottleneck)).toHaveClass(/bottleneck/);
    await expect(panel.stateBar(report.bottleneck)).toContainText('▲');
    await expect(panel.legend('blocked')).toHaveText('Блокировка');
    await expect(panel.stateAxis).toHaveText('Доля времени, %');
    await app.switchLanguage('en');
    await expect(panel.legend('blocked')).toHaveText('Blocked');
    await expect(panel.legend('working')).toHaveText('Working');
    await expect(panel.stateAxis).toHaveText('Share of time, %');
  });

  test('balances the work of each station against the takt line (Yamazumi)', async ({ app, page }) => {
    const panel = new RunPanel(page);
    await app.goto();
    await panel.choose('process-factory');
    // Takt 1800 s ÷ 35 = 51.43 s; housing (52.33 s of work) and only housing is over it.
    await expect(page.getByTestId('yamazumi-takt')).toHaveText('такт 51,43');
    await expect(panel.yamazumiBar('housing')).toContainText('52,33');
    await expect(panel.yamazumiBar('housing')).toHaveClass(/over-takt/);
    await expect(panel.yamazumiBar('housing')).toContainText('▲');
    for (const station of ['kit', 'valve', 'gauge', 'test', 'pack']) {
      await expect(panel.yamazumiBar(station)).not.toHaveClass(/over-takt/);
    }
    // Searching is non-value-added work, drawn apart from value-added work.
    await expect(panel.yamazumiBar('housing').locator('[data-kind="nva"]')).toHaveCount(1);
    await expect(panel.yamazumiBar('housing').locator('[data-kind="va"]')).toHaveCount(3);
    await expect(page.getByTestId('yamazumi-axis')).toHaveText('Время на единицу, с');
    await app.switchLanguage('en');
    await expect(page.getByTestId('yamazumi-axis')).toHaveText('Time per unit, s');
    await expect(page.getByTestId('yamazumi-takt')).toHaveText('takt 51.43');
    await panel.choose('kanban');
    await expect(page.getByTestId('yamazumi-axis')).toHaveText('Time per unit, min');
  });

  test('shows progress, keeps the page responsive, and can be cancelled', async ({ app, page }) => {
    const panel = new RunPanel(page);
    await app.goto();
    await panel.choose('kanban');
    await panel.run(10000);
    await expect(panel.progress).toBeVisible();
    await expect.poll(async () => Number(await panel.progress.getAttribute('value'))).toBeGreaterThan(0);
    // The page answers while the worker computes.
    await app.computeTakt('480', '240');
    await expect(app.result).toHaveText('2 мин на единицу (120 с)');
    await expect(panel.start).toBeDisabled();
    const done = Number(await panel.progress.getAttribute('value'));
    expect(done).toBeLessThan(10000);
    await panel.cancel.click();
    await expect(panel.progress).toHaveCount(0);
    await expect(panel.cancelled).toBeVisible();
    await expect(panel.results).toHaveCount(0);
    await expect(panel.start).toBeEnabled();
  });

  test('refuses a replication count that is not a whole number in range', async ({ app, page }) => {
    const panel = new RunPanel(page);
    await app.goto();
    await panel.replications.fill('0');
    await expect(panel.replicationsError).toHaveText('Введите целое число от 1 до 10000.');
    await expect(panel.start).toBeDisabled();
    await panel.replications.fill('5');
    await expect(panel.replicationsError).toHaveCount(0);
    await expect(panel.start).toBeEnabled();
  });
});
