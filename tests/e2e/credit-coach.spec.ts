import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { download } from './helpers';
import type { Language } from './pages/app.page';
import { TrainingPage } from './pages/training.page';

/** A figure as the app prints it: two decimals at most, the language's decimal mark. */
function num(x: number, lang: Language): string {
  const v = Math.abs(x) < 0.005 ? 0 : x;
  const text = v.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
  return lang === 'ru' ? text.replace('.', ',') : text;
}

/** A change with its sign, as the credits print it ("+3", "-2", "0"). */
function signed(x: number, lang: Language): string {
  const text = num(x, lang);
  return x > 0 && text !== '0' ? `+${text}` : text;
}

/** The round's plan, as the UI builds it below: 5S at housing, then "fix cover" to valve. */
const PLAN = [
  { tool: 'five_s', station: 'housing' },
  { tool: 'move_element', element: 'fix cover', to: 'valve' },
];

/** `takt score` of the plan on the built-in line (the CLI built by `cargo test`): its credits. */
function scored() {
  const takt = process.env.TAKT_BIN ?? 'target/debug/takt';
  if (!existsSync(takt)) throw new Error(`${takt} not found: build it with \`cargo build -p takt-cli\``);
  const file = join(mkdtempSync(join(tmpdir(), 'takt-credit-')), 'plan.json');
  writeFileSync(file, JSON.stringify(PLAN));
  const out = execFileSync(takt, ['score', 'public/scenarios/process-factory.json', file, '--seed', '1']);
  return JSON.parse(out.toString());
}

/** An effect as `takt score` prints it: each KPI's difference by name, and the points. */
type Effect = Record<string, number>;
const diff = (e: Effect, kpi: string) => e[kpi];

const words = {
  ru: {
    left: (n: number) => `осталось ${n}`,
    where: 'Где копятся запасы? Посмотрите, что ждёт перед участком «Сборка корпуса».',
    housing: 'Сборка корпуса',
    fiveS: '5S: меньше поиска — Участок: Сборка корпуса',
    move: 'Балансировка: перенос элемента работы — Элемент работы: крепление крышки; На участок: Монтаж клапана',
    line: (head: string, e: Effect) =>
      `${head}: выработка ${signed(diff(e, 'completed'), 'ru')} шт., прибыль ${signed(diff(e, 'profit'), 'ru')} ₽, баллы ${signed(e.points, 'ru')}`,
    together: (e: Effect) =>
      `Совместное действие изменений: выработка ${signed(diff(e, 'completed'), 'ru')} шт., прибыль ${signed(diff(e, 'profit'), 'ru')} ₽, баллы ${signed(e.points, 'ru')}`,
    hints: 'Подсказки тренера (2): баллы -2',
    total: (p: number) => `Итого раунд 2 к раунду 1: баллы ${signed(p, 'ru')}`,
    scoreHints: 'Подсказки тренера: 2',
  },
  en: {
    left: (n: number) => `${n} left`,
    where: "Where does stock pile up? Look at what waits in front of 'Housing assembly'.",
    housing: 'Housing assembly',
    fiveS: '5S: less searching — Station: Housing assembly',
    move: 'Line balancing: move a work element — Work element: fix cover; To station: Valve fitting',
    line: (head: string, e: Effect) =>
      `${head}: output ${signed(diff(e, 'completed'), 'en')} pcs, profit ${signed(diff(e, 'profit'), 'en')} ₽, points ${signed(e.points, 'en')}`,
    together: (e: Effect) =>
      `The changes together: output ${signed(diff(e, 'completed'), 'en')} pcs, profit ${signed(diff(e, 'profit'), 'en')} ₽, points ${signed(e.points, 'en')}`,
    hints: "The coach's hints (2): points -2",
    total: (p: number) => `Round 2 against round 1 in all: points ${signed(p, 'en')}`,
    scoreHints: "The coach's hints: 2",
  },
};

for (const lang of ['ru', 'en'] as const) {
  test(`credits beside each change and the coach's hints (${lang})`, async ({ app, page }) => {
    test.setTimeout(120_000);
    const w = words[lang];
    const training = new TrainingPage(page);
    await app.goto();
    if (lang === 'en') await app.switchLanguage('en');
    await training.startSession('process-factory');
    const round1 = Date.now();
    await training.playRound(30, 1);
    console.log(`round 1 (30 replications, 1 line): ${Date.now() - round1} ms`);
    const bottleneck = await training.bottleneck.getAttribute('data-station');
    expect(bottleneck).toBe('housing');

    // The coach: two hints a round, the first names the station the sensitivity run confirms.
    const ask = page.getByTestId('coach-ask');
    const left = page.getByTestId('coach-left');
    await expect(left).toHaveText(w.left(2));
    await ask.click();
    await expect(page.getByTestId('coach-hint-0')).toHaveText(w.where);
    await expect(left).toHaveText(w.left(1));
    await ask.click();
    await expect(page.getByTestId('coach-hint-1')).toContainText(w.housing);
    await expect(left).toHaveText(w.left(0));
    await expect(ask).toBeDisabled();

    // A small plan: 5S at housing from the catalog, then "fix cover" moved to valve.
    await training.chooseTool('five_s', { station: 'housing' });
    await training.toolAdd.click();
    await training.element('fix cover').focus();
    await page.keyboard.press('ArrowRight');
    await expect(training.plan.locator('li')).toHaveCount(2);
    const round2 = Date.now();
    await training.playRound(30, 2);
    console.log(`round 2 (30 replications, 4 lines: round 1, the round, 2 leave-one-out): ${Date.now() - round2} ms`);

    // Beside each change its credit, then the changes together, the hints and the total:
    // the figures of `takt score` on the same plan, seed and replications.
    const cli = scored();
    await expect(page.getByTestId('credit-0')).toHaveText(w.line(w.fiveS, cli.credits[0].effect));
    await expect(page.getByTestId('credit-1')).toHaveText(w.line(w.move, cli.credits[1].effect));
    await expect(page.getByTestId('credit-interaction')).toHaveText(w.together(cli.interaction));
    await expect(page.getByTestId('credit-hints')).toHaveText(w.hints);
    await expect(page.getByTestId('credit-total')).toHaveText(w.total(cli.total - 2));
    await expect(training.scoreTotal).toHaveText(num(cli.total - 2, lang));
    await expect(page.getByTestId('score-hints')).toContainText(w.scoreHints);
    await expect(page.getByTestId('score-hints')).toContainText('-2');
    // The next round has its own two hints.
    await expect(left).toHaveText(w.left(2));

    // The result file carries the hints, with their station and time.
    await page.getByTestId('team').fill('Бригада 1');
    await page.getByTestId('team').press('Tab');
    const file = JSON.parse(await download(page, 'export-result'));
    expect(file.rounds).toHaveLength(2);
    expect(file.rounds[0].hints ?? []).toHaveLength(0);
    expect(file.rounds[1].hints).toHaveLength(2);
    // Each hint as [station, depth, when]: where to look, then the largest loss there.
    const [first, second] = file.rounds[1].hints;
    expect(first.slice(0, 2)).toEqual([bottleneck, 1]);
    expect(second.slice(0, 2)).toEqual([bottleneck, 2]);
    expect(first[2]).toBeGreaterThan(1_600_000_000_000);
    expect(file.rounds[1].score).toBeCloseTo(cli.total - 2, 9);
  });
}
