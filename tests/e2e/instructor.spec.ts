import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { TrainingPage } from './pages/training.page';

test.describe("the instructor's desk", () => {
  test('imports three result files, ranks the honest one and flags the tampered and the foreign one', async ({ app, page }) => {
    const training = new TrainingPage(page);
    await app.goto();
    // A team plays two rounds and exports its result.
    await training.startSession('process-factory');
    await training.playRound(4, 1);
    await training.element('fix cover').focus();
    await page.keyboard.press('ArrowRight');
    await training.playRound(4, 2);
    await page.getByTestId('team').fill('Бригада «Север»');
    await page.getByTestId('team').press('Tab');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-result').click()]);
    const dir = mkdtempSync(join(tmpdir(), 'takt-results-'));
    const honestPath = join(dir, 'north.json');
    await download.saveAs(honestPath);
    const honest = JSON.parse(readFileSync(honestPath, 'utf8'));
    expect(honest.team).toBe('Бригада «Север»');
    expect(honest.rounds).toHaveLength(2);

    // One team claims more than it earned; another played a different scenario.
    const tampered = { ...honest, team: 'Бригада «Юг»', rounds: honest.rounds.map((r: object) => ({ ...r })) };
    tampered.rounds[1].score = honest.rounds[1].score + 20;
    const foreign = { ...honest, team: 'Бригада «Запад»', scenario: 'f'.repeat(64) };
    const tamperedPath = join(dir, 'south.json');
    const foreignPath = join(dir, 'west.json');
    writeFileSync(tamperedPath, JSON.stringify(tampered));
    writeFileSync(foreignPath, JSON.stringify(foreign));

    await page.getByTestId('view-instructor').click();
    await page.getByTestId('results-input').setInputFiles([tamperedPath, honestPath, foreignPath]);
    const board = page.getByTestId('leaderboard');
    await expect(board.locator('tbody tr')).toHaveCount(3);
    // Two rounds of the training's three: verified, but unfinished.
    await expect(board.locator('tbody tr[data-status="unfinished"]')).toHaveCount(1, { timeout: 30_000 });
    await expect(board.locator('tbody tr[data-status="flagged"]')).toHaveCount(2, { timeout: 30_000 });
    const first = page.getByTestId('leader-0');
    await expect(first).toHaveAttribute('data-team', 'Бригада «Север»');
    await expect(first).toContainText('подтверждено');
    await expect(board.locator('tr[data-team="Бригада «Юг»"]')).toContainText('раунд 2: заявлено «баллы»');
    await expect(board.locator('tr[data-team="Бригада «Запад»"]')).toContainText('сделан на другом сценарии');
    // Only the verified team is in the debrief table.
    await expect(page.getByTestId('debrief-table').locator('thead th')).toHaveCount(2);
    await expect(page.getByTestId('teams-bar-1')).toContainText('Бригада «Север»');
    await expect(page.getByTestId('teams-bar-2')).toHaveCount(0);

    // The team's debrief: its rounds, its changes, its last round replayed; printable.
    await page.getByTestId('debrief-open-0').click();
    const report = page.getByTestId('team-report');
    await expect(report).toContainText('Бригада «Север»');
    await expect(page.getByTestId('team-report-score')).toHaveText(String(honest.rounds[1].score.toFixed(2)).replace(/0+$/, '').replace(/\.$/, '').replace('.', ','));
    await expect(page.getByTestId('team-report-changes')).toContainText('крепление крышки');
    await expect(report.getByTestId('line-diagram')).toBeVisible();
    await expect(report.getByTestId('rounds-table').locator('thead th')).toHaveCount(3);
    await page.getByTestId('projector').click();
    await expect(page.locator('html')).toHaveClass(/projector/);
    await page.emulateMedia({ media: 'print' });
    await expect(board).toBeHidden();
    await expect(report).toBeVisible();
    await expect(page.getByTestId('team-report-print')).toBeHidden();
  });

  test('a file that is not a result file is flagged with the field at fault', async ({ app, page }) => {
    await app.goto();
    await page.getByTestId('view-instructor').click();
    await page.getByTestId('results-input').setInputFiles([
      { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 1, "team": 7}') },
    ]);
    await expect(page.getByTestId('leader-0')).toHaveAttribute('data-status', 'flagged');
    await expect(page.getByTestId('leader-0')).toContainText('team: не читается: invalid type');
  });
});
