import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { download } from './helpers';
import { TrainingPage } from './pages/training.page';

/**
 * Issue 16, the trainee's side: a class's replications and seed are the instructor's, the
 * points explain themselves, and a share link opened again, another scenario's link, or a
 * session file brought back never lose a team's work. Each in Russian and in English.
 */

const TEXT = {
  ru: {
    fixed: (seed: number) => `Число прогонов и зерно (${seed}) задаёт инструктор в сценарии: они одинаковы для всех команд и не меняются.`,
    free: (seed: number) => `В сценарии без настроек обучения число прогонов выбираете вы (зерно ${seed}).`,
    flagReplications: (found: number, expected: number) =>
      `повторов прогона: ${found}, а в этом занятии каждый раунд прогоняется ${expected} раз (training.replications сценария)`,
    flagSeed: (found: number, expected: number) =>
      `зерно: ${found}, а в этом занятии у всех раундов зерно ${expected} (training.seed сценария)`,
    verified: 'подтверждено',
    round: (n: number, total: number) => `Раунд ${n} из ${total}`,
    negative: 'Итог отрицательный: заметно хуже, чем в раунде 1, стали — ',
    output: 'Выработка, шт.',
    profitAfter: 'после затрат на изменения: ',
    how: /^([+−-]?[\d\s,]+) из ([\d\s,]+) до цели 35 = ([+−-]?[\d,]+) %( \(предел\))? × 30 = ([−-]?[\d\s,]+)$/,
    ownHeader: 'Раунд к раунду 2 (баллы)',
    same: (n: number) => `Эта ссылка — тот же сценарий, что у вас уже идёт: сессия продолжается (раунд ${n}).`,
    kept: 'Прежняя сессия сохранена',
    previous: (played: number, total: number) => `сыграно раундов: ${played} из ${total}`,
    refused: 'Файл не загружен, текущая сессия не изменилась.',
    imported: 'Сессия загружена из файла.',
  },
  en: {
    fixed: (seed: number) =>
      `The replications and the seed (${seed}) are set by the instructor in the scenario: the same for every team, and they cannot be changed.`,
    free: (seed: number) => `In a scenario without training settings you choose the replications (seed ${seed}).`,
    flagReplications: (found: number, expected: number) =>
      `replications: ${found}, but this class plays every round with ${expected} replications (the scenario's training.replications)`,
    flagSeed: (found: number, expected: number) =>
      `seed: ${found}, but this class plays every round with seed ${expected} (the scenario's training.seed)`,
    verified: 'verified',
    round: (n: number, total: number) => `Round ${n} of ${total}`,
    negative: 'The total is negative: clearly worse than in round 1 — ',
    output: 'Output, units',
    profitAfter: 'after the cost of changes: ',
    how: /^([+−-]?[\d\s,.]+) of ([\d\s,.]+) to the target 35 = ([+−-]?[\d.]+) %( \(capped\))? × 30 = ([−-]?[\d\s,.]+)$/,
    ownHeader: 'Round against round 2 (points)',
    same: (n: number) => `This link is the scenario you are already playing: the session goes on (round ${n}).`,
    kept: 'The previous session is kept',
    previous: (played: number, total: number) => `${played} of ${total} rounds played`,
    refused: 'The file was not loaded; the current session is unchanged.',
    imported: 'The session was loaded from the file.',
  },
} as const;

type Lang = keyof typeof TEXT;

// Rounds of 30 replications, and the desk replaying three files.
test.describe.configure({ timeout: 120_000 });

/** A number as the page writes it, in either language ("−1 234,5", "-1234.5"). */
function num(text: string): number {
  return Number(text.trim().replace(/[\s\u00a0]/g, '').replace('−', '-').replace(',', '.').replace(/^\+/, ''));
}


/** The share link of the editor's built-in scenario at `index` in its list. */
async function shareLink(page: Page, index: number): Promise<string> {
  await page.getByTestId('view-editor').click();
  await page.getByTestId('ed-load').selectOption({ index });
  await expect(page.getByTestId('ed-valid')).toBeVisible();
  await page.getByTestId('ed-share').click();
  return (await page.getByTestId('ed-share-link').getAttribute('href'))!;
}

for (const lang of ['ru', 'en'] as const) {
  const T = TEXT[lang as Lang];

  test.describe(`[${lang}] the class's rounds`, () => {
    test('are played with the scenario\'s replications and seed, shown read-only; the desk refuses others', async ({ app, page }) => {
      const training = new TrainingPage(page);
      await app.goto();
      await app.switchLanguage(lang);
      await training.startSession('process-factory');
      // The built-in class: 30 replications (training.replications), seed 1 (the default).
      await expect(training.replications).toHaveValue('30');
      await expect(training.replications).not.toBeEditable();
      await expect(page.getByTestId('class-run')).toHaveText(T.fixed(1));
      await training.playRound(30, 1);
      await page.getByTestId('team').fill('North');
      await page.getByTestId('team').press('Tab');
      const honest = JSON.parse(await download(page, 'export-result'));
      expect([honest.replications, honest.seed]).toEqual([30, 1]);

      // Two copies edited by hand: more replications (fewer "noise" verdicts), another seed.
      const dir = mkdtempSync(join(tmpdir(), 'takt-class-'));
      const files = [
        ['north.json', honest],
        ['more.json', { ...honest, team: 'More', replications: 5 }],
        ['seeded.json', { ...honest, team: 'Seeded', seed: 2 }],
      ].map(([name, body]) => {
        const path = join(dir, name as string);
        writeFileSync(path, JSON.stringify(body));
        return path;
      });
      await page.getByTestId('view-instructor').click();
      await page.getByTestId('results-input').setInputFiles(files);
      const board = page.getByTestId('leaderboard');
      await expect(board.locator('tbody tr[data-status="flagged"]')).toHaveCount(2, { timeout: 60_000 });
      // One round of the training's three: reproduced, ranked as unfinished.
      await expect(board.locator('tbody tr[data-status="unfinished"]')).toHaveCount(1, { timeout: 60_000 });
      await expect(board.locator('tr[data-team="North"]')).toContainText(T.verified);
      await expect(board.locator('tr[data-team="More"]')).toContainText(T.flagReplications(5, 30));
      await expect(board.locator('tr[data-team="Seeded"]')).toContainText(T.flagSeed(2, 1));
    });

    test('follow the instructor\'s training.seed and replications; free practice lets the team choose', async ({ app, page }) => {
      const training = new TrainingPage(page);
      await app.goto();
      await app.switchLanguage(lang);
      const kanban = JSON.parse(readFileSync('public/scenarios/kanban.json', 'utf8'));
      await training.openScenario({ ...kanban, training: { ...kanban.training, replications: 4, seed: 77 } });
      await expect(training.replications).toHaveValue('4');
      await expect(training.replications).not.toBeEditable();
      await expect(page.getByTestId('class-run')).toHaveText(T.fixed(77));
      await training.playRound(4, 1);
      const session = JSON.parse(await download(page, 'export-session'));
      expect([session.replications, session.seed]).toEqual([4, 77]);
      expect(session.rounds[0].analysis.report.replications).toBe(4);

      // The same line without `training`: practice, the replications are the team's.
      delete kanban.training;
      await training.openScenario(kanban, 'practice.json');
      await expect(training.roundLabel).toHaveText(T.round(1, 3));
      await expect(training.replications).toBeEditable();
      await expect(page.getByTestId('class-run')).toHaveText(T.free(1));
      await training.replications.fill('3');
      await training.playRound(3, 1);
      const practice = JSON.parse(await download(page, 'export-session'));
      expect([practice.replications, practice.seed]).toEqual([3, 1]);
    });
  });

  test.describe(`[${lang}] the points`, () => {
    test('say how each KPI scored, why the total is negative, one profit, and each round\'s own effect', async ({ app, page }) => {
      const training = new TrainingPage(page);
      await app.goto();
      await app.switchLanguage(lang);
      await training.startSession('process-factory');
      await training.playRound(30, 1);
      // Round 2: a CONWIP limit of 2 (the card's least) starves the line: clearly worse
      // output and profit.
      await training.chooseTool('conwip', { limit: '2' });
      await training.toolAdd.click();
      await expect(training.plan.locator('li')).toHaveCount(1);
      await training.playRound(30, 2);
      const total2 = num((await training.scoreTotal.textContent())!);
      expect(total2).toBeLessThan(0);
      await expect(page.getByTestId('score-negative')).toContainText(T.negative);
      await expect(page.getByTestId('score-negative')).toContainText(T.output);
      // Output's points, in numbers: gain of its full step to the target (35), × weight 30.
      const how = (await page.getByTestId('score-completed-how').textContent())!;
      const m = how.match(T.how);
      expect(m, how).not.toBeNull();
      const [gain, scale, progress, points] = [num(m![1]), num(m![2]), num(m![3]), num(m![5])];
      expect(gain).toBeLessThan(0);
      expect(progress).toBeCloseTo(Math.max(-100, (gain / scale) * 100), 0);
      expect(points).toBeCloseTo((progress / 100) * 30, 1);
      await expect(page.getByTestId('score-completed').locator('td.num').last()).toHaveText(`${m![5]} / 30`);
      // One profit figure after changes: the card names it, and it is the score's.
      const after = page.getByTestId('kpi-profit-after');
      await expect(after).toContainText(T.profitAfter);
      const afterValue = num((await after.textContent())!.replace(T.profitAfter, '').replace('₽', ''));
      const scored = num((await page.getByTestId('score-profit').locator('td.num').nth(1).textContent())!);
      expect(scored).toBe(afterValue);
      // Round 2 has no separate own column: its previous round is round 1.
      await expect(page.getByTestId('score-completed-own')).toHaveCount(0);

      // Round 3: one more change; its own effect beside the effect against round 1.
      await training.element('fix cover').focus();
      await page.keyboard.press('ArrowRight');
      await training.playRound(30, 3);
      await expect(page.getByTestId('score-table').locator('thead th').nth(4)).toHaveText(T.ownHeader);
      await expect(page.getByTestId('score-completed-own')).toBeVisible();
      const total3 = num((await training.scoreTotal.textContent())!);
      const own = (await page.getByTestId('rounds-own-scores').locator('td').allTextContents()).map((t) => t.trim());
      expect(own[0]).toBe('—');
      expect(num(own[1])).toBeCloseTo(total2, 2);
      expect(num(own[2])).toBeCloseTo(total3 - total2, 1);
      const ownTotal = (await page.getByTestId('score-own-total').textContent())!;
      expect(ownTotal).toContain(/^[−-]/.test(own[2]) || own[2] === '0' ? own[2] : `+${own[2]}`);
    });
  });

  test.describe(`[${lang}] sessions`, () => {
    test('the same link again continues; another scenario keeps the session to bring back; a session file comes back', async ({ app, page }) => {
      const training = new TrainingPage(page);
      await app.goto();
      await app.switchLanguage(lang);
      const first = await shareLink(page, 2);
      const second = await shareLink(page, 3);
      await page.goto(first);
      await expect(training.roundLabel).toHaveText(T.round(1, 3));
      const title = (await page.getByTestId('session-title').textContent())!;
      await training.playRound(30, 1);
      await expect(training.roundLabel).toHaveText(T.round(2, 3));

      // The same link again, mid-game: the team is not sent back to round 1.
      await page.goto(first);
      await expect(page.getByTestId('session-shared-same')).toHaveText(new RegExp(T.same(2).replace(/[.()]/g, '\\$&')));
      await expect(training.roundLabel).toHaveText(T.round(2, 3));
      await expect(training.results).toBeVisible();

      // Another scenario's link: a new session, the first one kept and brought back.
      await page.goto(second);
      await expect(page.getByTestId('session-shared')).toContainText(T.kept);
      await expect(training.roundLabel).toHaveText(T.round(1, 3));
      const previous = page.getByTestId('previous-session');
      await expect(previous).toContainText(title);
      await expect(previous).toContainText(T.previous(1, 3));
      await page.getByTestId('previous-restore').click();
      await expect(page.getByTestId('session-title')).toHaveText(title);
      await expect(training.roundLabel).toHaveText(T.round(2, 3));
      await expect(training.results).toBeVisible();
      await expect(previous).toContainText(T.previous(0, 3));
      await expect(previous).not.toContainText(title);

      // "Session (JSON)" comes back in: a broken file is refused naming the field, the
      // session kept; the exported file restores the rounds, the replaced one kept.
      const exported = await download(page, 'export-session');
      await page.getByTestId('session-import').setInputFiles({
        name: 'broken.json',
        mimeType: 'application/json',
        buffer: Buffer.from('{"version": 1, "scenario_id": "x"}'),
      });
      await expect(page.getByTestId('session-import-error')).toContainText(T.refused);
      await expect(page.getByTestId('session-import-error')).toContainText('broken.json');
      await expect(page.getByTestId('session-import-error')).toContainText('scenario');
      await expect(training.roundLabel).toHaveText(T.round(2, 3));
      await page.getByTestId('session-new').click();
      await page.getByTestId('session-new-yes').click();
      await expect(training.sessionStart).toBeVisible();
      // "New session" closes the session with its round played, kept to bring back.
      await expect(previous).toContainText(title);
      await expect(previous).toContainText(T.previous(1, 3));
      await training.startSession('kanban');
      await page.getByTestId('session-import').setInputFiles({
        name: 'takt-session.json',
        mimeType: 'application/json',
        buffer: Buffer.from(exported),
      });
      await expect(page.getByTestId('session-imported')).toContainText(T.imported);
      await expect(page.getByTestId('session-imported')).toContainText(T.kept);
      await expect(page.getByTestId('session-import-error')).toBeHidden();
      await expect(page.getByTestId('session-title')).toHaveText(title);
      await expect(training.roundLabel).toHaveText(T.round(2, 3));
      await expect(previous).toContainText(T.previous(0, 3));
      // It is stored: a reload keeps the imported session.
      await app.reload();
      await expect(training.roundLabel).toHaveText(T.round(2, 3));
      await expect(page.getByTestId('session-title')).toHaveText(title);
    });
  });
}
