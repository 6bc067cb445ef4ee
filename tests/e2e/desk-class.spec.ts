import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { setField } from './helpers';
import { TrainingPage } from './pages/training.page';

/** Clicks `testid` and returns the download it starts, saved into `dir`. */
async function download(page: Page, testid: string, dir: string): Promise<{ name: string; path: string; text: string }> {
  const [file]: [Download, void] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const name = file.suggestedFilename();
  const path = join(dir, name);
  await file.saveAs(path);
  return { name, path, text: readFileSync(path, 'utf8') };
}

/** Reads a CSV as a spreadsheet of `language` would (BOM, separator, quotes). */
function readCsv(text: string, separator: string): string[][] {
  expect(text.charCodeAt(0), 'a byte-order mark').toBe(0xfeff);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.slice(1);
  for (let k = 0; k < body.length; k++) {
    const c = body[k];
    if (quoted) {
      if (c === '"' && body[k + 1] === '"') { cell += '"'; k++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) { row.push(cell); cell = ''; }
    else if (c === '\r' && body[k + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; k++; }
    else cell += c;
  }
  return rows;
}

/** Counts the page's calls to window.print (the dialog itself is the browser's). */
async function stubPrint(page: Page) {
  await page.addInitScript(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => { (window as unknown as { printed: number }).printed += 1; };
  });
}

const printed = (page: Page) => page.evaluate(() => (window as unknown as { printed: number }).printed);

test.describe("the class's scenario on the desk", () => {
  test('a scenario built in the editor and shared checks the result made on it, and stays after a reload (ru)', async ({ app, page }) => {
    test.setTimeout(120_000);
    const dir = mkdtempSync(join(tmpdir(), 'takt-class-'));
    await app.goto();
    await page.getByTestId('view-editor').click();
    await page.getByTestId('ed-load').selectOption('blank');
    await setField(page, 'ed-name-ru', 'Две станции');
    await setField(page, 'ed-stations-0--process', '50');
    await page.getByTestId('ed-add-station').click();
    await setField(page, 'ed-stations-1--process', '45,5');
    await setField(page, 'ed-demand-quantity', '500');
    await expect(page.getByTestId('ed-valid')).toBeVisible();
    await page.getByTestId('ed-share').click();
    const link = (await page.getByTestId('ed-share-link').getAttribute('href'))!;

    // A team plays the shared scenario; a result without a team name is refused at the field.
    await page.goto(link);
    await expect(page.getByTestId('session-title')).toHaveText('Две станции');
    const training = new TrainingPage(page);
    await training.playRound(3, 1);
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.getByTestId('export-result').click();
    await expect(page.getByTestId('team-error')).toHaveText('Введите название команды: без него результат не отправить преподавателю.');
    await expect(page.getByTestId('team')).toBeFocused();
    await expect(page.getByTestId('team')).toHaveAttribute('aria-invalid', 'true');
    expect(downloads).toBe(0);
    await page.getByTestId('team').fill('Бригада: 1/А');
    await page.getByTestId('team').press('Tab');
    await expect(page.getByTestId('team-error')).toHaveCount(0);
    const result = await download(page, 'export-result', dir);
    expect(result.name).toBe('takt-result-Бригада-1А-round-1.json');
    const file = JSON.parse(result.text);
    expect(file.team).toBe('Бригада: 1/А');
    expect(file.exported).toBeGreaterThan(Date.UTC(2024, 0, 1));

    // The desk checks against a built-in at first: the file is from another scenario.
    await page.goto('/desk.html');
    await page.getByTestId('results-input').setInputFiles([result.path]);
    await expect(page.getByTestId('leader-0')).toHaveAttribute('data-status', 'flagged', { timeout: 30_000 });
    await expect(page.getByTestId('leader-0')).toContainText('сделан на другом сценарии');
    // The instructor opens the same share link: the file is checked again, and verifies.
    await page.getByTestId('class-link').fill(link);
    await page.getByTestId('class-link-open').click();
    const inForce = page.getByTestId('class-in-force');
    await expect(inForce).toContainText('«Две станции» (по ссылке)');
    const fingerprint = (await inForce.getAttribute('data-fingerprint'))!;
    expect(fingerprint).toBe(file.scenario);
    await expect(inForce).toContainText(`отпечаток ${fingerprint.slice(0, 12)}`);
    await expect(page.getByTestId('instructor-scenario')).toHaveValue('');
    // One round of three: verified, unfinished.
    await expect(page.getByTestId('leader-0')).toHaveAttribute('data-status', 'unfinished', { timeout: 30_000 });
    await expect(page.getByTestId('leader-0')).toContainText('подтверждено, но не закончено: 1 из 3 раундов');

    await app.reload();
    await expect(inForce).toContainText('«Две станции» (по ссылке)');
    await expect(inForce).toHaveAttribute('data-fingerprint', fingerprint);
    await page.getByTestId('results-input').setInputFiles([result.path]);
    await expect(page.getByTestId('leader-0')).toHaveAttribute('data-status', 'unfinished', { timeout: 30_000 });
    // Back to a built-in: checked again, flagged again.
    await page.getByTestId('instructor-scenario').selectOption({ index: 1 });
    await expect(inForce).toContainText('(встроенный)');
    await expect(page.getByTestId('leader-0')).toHaveAttribute('data-status', 'flagged', { timeout: 30_000 });
  });

  test('a scenario file, the editor\'s scenario and a link, with their errors named (en)', async ({ app, page }) => {
    const dir = mkdtempSync(join(tmpdir(), 'takt-class-'));
    await app.goto('/desk.html');
    await app.switchLanguage('en');
    const inForce = page.getByTestId('class-in-force');
    const error = page.getByTestId('class-error');
    await expect(inForce).toContainText('(built-in)');
    const before = await inForce.getAttribute('data-fingerprint');

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'x', stations: 5 }));
    await page.getByTestId('class-file').setInputFiles(bad);
    await expect(error).toContainText('stations');
    await expect(inForce).toHaveAttribute('data-fingerprint', before!);

    await page.getByTestId('class-link').fill('https://example.org/page');
    await page.getByTestId('class-link-open').click();
    await expect(error).toHaveText('This is not a scenario link: it has no “#scenario=”.');
    await page.getByTestId('class-link').fill('/#scenario=AAAA');
    await page.getByTestId('class-link-open').click();
    await expect(error).not.toHaveText('This is not a scenario link: it has no “#scenario=”.');

    await page.evaluate(() => localStorage.removeItem('takt.v1.editor.draft'));
    await page.getByTestId('class-editor').click();
    await expect(error).toHaveText('The editor holds no valid scenario: open the editor and fix it.');

    const kanban = readFileSync('public/scenarios/kanban.json', 'utf8');
    const good = join(dir, 'my-line.json');
    writeFileSync(good, kanban);
    await page.getByTestId('class-file').setInputFiles(good);
    await expect(error).toHaveCount(0);
    await expect(inForce).toContainText('(from the file my-line.json)');
    expect(await inForce.getAttribute('data-fingerprint')).not.toBe(before);

    // The editor keeps its draft in storage (desk::draft); the desk takes it as it stands.
    const own = JSON.parse(kanban);
    own.name = { ru: 'Моя линия', en: 'My line' };
    await page.evaluate((text) => localStorage.setItem('takt.v1.editor.draft', JSON.stringify({ history: [text], at: 0 })), JSON.stringify(own));
    await page.getByTestId('class-editor').click();
    await expect(inForce).toContainText('“My line” (from the editor)');
    await app.reload();
    await expect(inForce).toContainText('“My line” (from the editor)');
  });
});

test.describe('the leaderboard, its CSV, the downloads and printing', () => {
  for (const language of ['ru', 'en'] as const) {
    test(`unfinished files rank after finished ones, a team's earlier file is a duplicate; print and CSV (${language})`, async ({ app, page }, testInfo) => {
      test.setTimeout(180_000);
      const ru = language === 'ru';
      const dir = mkdtempSync(join(tmpdir(), 'takt-board-'));
      await stubPrint(page);
      await app.goto();
      if (!ru) await app.switchLanguage('en');
      const training = new TrainingPage(page);
      await training.startSession('process-factory');
      await training.playRound(4, 1);
      await training.element('fix cover').focus();
      await page.keyboard.press('ArrowRight');
      await training.playRound(4, 2);
      // No team name, no result file: said at the field, in the interface language.
      await page.getByTestId('export-result').click();
      await expect(page.getByTestId('team-error')).toHaveText(ru
        ? 'Введите название команды: без него результат не отправить преподавателю.'
        : "Enter the team's name: the result cannot go to the instructor without it.");
      await page.getByTestId('team').fill('Бригада 1');
      await page.getByTestId('team').press('Tab');
      const second = await download(page, 'export-result', dir);
      expect(second.name).toBe('takt-result-Бригада-1-round-2.json');
      await training.playRound(4, 3);
      const third = await download(page, 'export-result', dir);
      expect(third.name).toBe('takt-result-Бригада-1-round-3.json');
      // Every download names the team and the round; the CSV is in the language's dialect.
      const sep = ru ? ';' : ',';
      const kpis = await download(page, 'export-kpis', dir);
      expect(kpis.name).toBe('takt-kpis-Бригада-1-round-3.csv');
      const kpiRows = readCsv(kpis.text, sep);
      expect(kpiRows).toHaveLength(4);
      expect(kpiRows.every((r) => r.length === kpiRows[0].length)).toBe(true);
      expect(kpiRows[0].slice(0, 4)).toEqual(['round', 'changes', 'cost', 'completed']);
      expect(kpiRows[3][3]).toMatch(ru ? /^\d+(,\d+)?$/ : /^\d+(\.\d+)?$/);
      const units = await download(page, 'export-units', dir);
      expect(units.name).toBe('takt-units-Бригада-1-round-3.csv');
      expect(readCsv(units.text, sep)[1][1]).toBe('panel');
      expect((await download(page, 'export-session', dir)).name).toBe('takt-session-Бригада-1-round-3.json');
      expect((await download(page, 'export-results', dir)).name).toBe('takt-results-Бригада-1-round-3.json');

      // Two more teams made of the same files: "Север" finished, "Юг" stopped after round 2.
      const north = { ...JSON.parse(third.text), team: 'Север' };
      delete north.exported;
      const south = { ...JSON.parse(second.text), team: 'Юг' };
      const northPath = join(dir, 'north.json');
      const southPath = join(dir, 'south.json');
      writeFileSync(northPath, JSON.stringify(north));
      writeFileSync(southPath, JSON.stringify(south));

      await page.getByTestId('view-instructor').click();
      await page.getByTestId('instructor-scenario').selectOption({ index: 1 });
      await page.getByTestId('results-input').setInputFiles([southPath, third.path, second.path, northPath]);
      const board = page.getByTestId('leaderboard');
      await expect(board.locator('tbody tr[data-status="waiting"], tbody tr[data-status="checking"]')).toHaveCount(0, { timeout: 60_000 });
      await expect(page.getByTestId('board-rule')).toContainText(ru ? 'незаконченные' : 'unfinished');
      const row = (k: number) => page.getByTestId(`leader-${k}`);
      await expect(row(0)).toHaveAttribute('data-team', 'Бригада 1');
      await expect(row(0)).toHaveAttribute('data-status', 'verified');
      await expect(row(1)).toHaveAttribute('data-team', 'Север');
      await expect(row(2)).toHaveAttribute('data-team', 'Юг');
      await expect(row(2)).toHaveAttribute('data-status', 'unfinished');
      await expect(row(2)).toContainText(ru ? '2 из 3 раундов' : '2 of 3 rounds');
      await expect(row(3)).toHaveAttribute('data-status', 'duplicate');
      await expect(row(3)).toContainText(third.name);
      await expect(row(3).locator('td').first()).toHaveText('—');
      await expect(row(0).locator('td').first()).toHaveText('1');
      await expect(row(2).locator('td').first()).toHaveText('3');

      // For a person to look at (test-results/): the desk at a laptop's and a projector's size.
      await page.screenshot({ path: testInfo.outputPath(`desk-1366-${language}.png`), fullPage: true });
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.screenshot({ path: testInfo.outputPath(`desk-1920-${language}.png`) });
      await page.setViewportSize({ width: 1366, height: 768 });

      const csv = await download(page, 'board-csv', dir);
      expect(csv.name).toBe('takt-leaderboard.csv');
      const rows = readCsv(csv.text, sep);
      expect(rows[0]).toEqual(ru ? ['Место', 'Команда', 'Баллы', 'Раунды', 'Проверка', 'Файл'] : ['Place', 'Team', 'Points', 'Rounds', 'Check', 'File']);
      expect(rows.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual([
        ['1', 'Бригада 1', '3'],
        ['2', 'Север', '3'],
        ['3', 'Юг', '2'],
        ['', 'Бригада 1', '2'],
      ]);
      const score: number = JSON.parse(third.text).rounds[2].score;
      expect(Number(rows[1][2].replace(',', '.'))).toBeCloseTo(score, 6);
      if (ru) expect(rows[1][2]).not.toContain('.');

      // "Разбор" opens the team's report, scrolled to and focused.
      await page.getByTestId('debrief-open-1').click();
      const report = page.getByTestId('team-report');
      await expect(report).toContainText('Север');
      await expect(page.locator('#team-report-title')).toBeFocused();
      await expect(page.locator('#team-report-title')).toBeInViewport();

      // The class summary: printed without the desk's controls.
      await page.getByTestId('summary-print').click();
      expect(await printed(page)).toBe(1);
      await page.emulateMedia({ media: 'print' });
      const summary = page.getByTestId('class-summary');
      await expect(summary).toBeVisible();
      await expect(board).toBeHidden();
      await expect(report).toBeHidden();
      await expect(summary.getByTestId('summary-board').locator('tbody tr')).toHaveCount(4);
      await expect(summary.locator('.summary-team')).toHaveCount(3);
      await expect(summary).toContainText(ru ? /крепление крышки/i : /fix cover/i);
      await expect(page.locator('button:visible, input:visible, select:visible')).toHaveCount(0);
      const summaryPdf = await page.pdf({ format: 'A4' });
      writeFileSync(testInfo.outputPath(`class-summary-${language}.pdf`), summaryPdf);
      expect(summaryPdf.length).toBeGreaterThan(20_000);

      // A team's report: its rounds and changes, no replay, no buttons.
      await page.emulateMedia({ media: 'screen' });
      await page.getByTestId('team-report-print').click();
      expect(await printed(page)).toBe(2);
      await page.emulateMedia({ media: 'print' });
      await expect(report).toBeVisible();
      await expect(summary).toBeHidden();
      await expect(report.getByTestId('rounds-table')).toBeVisible();
      await expect(report.getByTestId('team-report-replay')).toBeHidden();
      await expect(page.getByTestId('line-diagram')).toBeHidden();
      await expect(page.locator('button:visible, input:visible, select:visible')).toHaveCount(0);
      const teamPdf = await page.pdf({ format: 'A4' });
      writeFileSync(testInfo.outputPath(`team-report-${language}.pdf`), teamPdf);
      expect(teamPdf.length).toBeGreaterThan(10_000);
      const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
      expect(pages(teamPdf), 'a team report is one page').toBe(1);
      expect(pages(summaryPdf), 'the board, then a page per further team').toBe(3);
    });
  }
});
