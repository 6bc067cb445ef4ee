import { expect, test } from './fixtures';
import { download, setField } from './helpers';

test.describe('the scenario editor', () => {
  test('builds a small line from scratch, previews it and runs it in the trainee view', async ({ app, page }) => {
    await app.goto();
    await page.getByTestId('view-editor').click();
    await page.getByTestId('ed-load').selectOption('blank');
    await setField(page, 'ed-name-ru', 'Две станции');
    await setField(page, 'ed-stations-0--process', '50');
    await page.getByTestId('ed-add-station').click();
    await expect(page.getByTestId('ed-station-1')).toBeVisible();
    await setField(page, 'ed-stations-1--process', '45,5');
    await setField(page, 'ed-demand-quantity', '500');
    await expect(page.getByTestId('ed-valid')).toBeVisible();
    const json = JSON.parse(await page.getByTestId('ed-json').inputValue());
    expect(json.stations.map((s: { process: number }) => s.process)).toEqual([50, 45.5]);
    await page.getByTestId('ed-preview-run').click();
    await expect(page.getByTestId('ed-preview-completed')).toHaveText(/^\d+/);
    await expect(page.getByTestId('ed-preview-bottleneck')).toHaveText('Участок 1');
    await expect(page.getByTestId('ed-preview-bottleneck')).toHaveAttribute('data-station', 's1');
    // The class's replications are the instructor's: the trainee view shows them, fixed.
    await setField(page, 'ed-training-replications', '3');
    await expect(page.getByTestId('ed-valid')).toBeVisible();
    await page.getByTestId('ed-open').click();
    await expect(page.getByTestId('session-title')).toHaveText('Две станции');
    await expect(page.getByTestId('replications')).toHaveValue('3');
    await expect(page.getByTestId('replications')).not.toBeEditable();
    await page.getByTestId('run-start').click();
    await expect(page.getByTestId('results-title')).toBeVisible({ timeout: 60_000 });
  });

  test('an invalid value shows an inline error naming the field and blocks the run; undo restores', async ({ app, page }) => {
    await app.goto();
    await page.getByTestId('view-editor').click();
    await page.getByTestId('ed-load').selectOption('blank');
    await expect(page.getByTestId('ed-valid')).toBeVisible();
    await setField(page, 'ed-stations-0--servers', '0');
    await expect(page.getByTestId('ed-stations-0--servers-error')).toHaveText('должно быть от 1 до 1000');
    await expect(page.getByTestId('ed-stations-0--servers')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('ed-errors')).toContainText('stations[0].servers');
    await expect(page.getByTestId('ed-preview-run')).toBeDisabled();
    await expect(page.getByTestId('ed-open')).toBeDisabled();
    await setField(page, 'ed-stations-0--servers', 'two');
    await expect(page.getByTestId('ed-stations-0--servers-error')).toContainText('не читается: invalid type');
    await page.getByTestId('ed-undo').click();
    await page.getByTestId('ed-undo').click();
    await expect(page.getByTestId('ed-valid')).toBeVisible();
    await expect(page.getByTestId('ed-open')).toBeEnabled();
    await page.getByTestId('ed-redo').click();
    await expect(page.getByTestId('ed-stations-0--servers-error')).toBeVisible();
  });

  test('work elements, operators and the release policy as form fields', async ({ app, page }) => {
    await app.goto();
    await page.getByTestId('view-editor').click();
    await page.getByTestId('ed-load').selectOption('blank');
    const json = async () => JSON.parse(await page.getByTestId('ed-json').inputValue());
    await setField(page, 'ed-stations-0--process', '');
    await expect(page.getByTestId('ed-errors')).toContainText('stations[0]');
    await page.getByTestId('ed-stations-0--elements-add').click();
    await page.getByTestId('ed-stations-0--elements-add').click();
    await setField(page, 'ed-stations-0--elements-1--name-en', 'search');
    await setField(page, 'ed-stations-0--elements-1--name-ru', 'поиск');
    await setField(page, 'ed-stations-0--elements-1--time', '12,5');
    await page.getByTestId('ed-stations-0--elements-1--value_added').uncheck();
    await expect(page.getByTestId('ed-valid')).toBeVisible();
    expect((await json()).stations[0].elements[1]).toEqual({ name: { en: 'search', ru: 'поиск' }, time: 12.5, value_added: false });
    await page.getByTestId('ed-stations-0--elements-0--remove').click();
    expect((await json()).stations[0].elements).toHaveLength(1);
    await page.getByTestId('ed-operators-add').click();
    expect((await json()).operators[0].stations).toEqual(['s1']);
    await page.getByTestId('ed-operators-0--stations-s1').uncheck();
    expect((await json()).operators[0].stations).toEqual([]);
    await page.getByTestId('ed-operators-0--stations-s1').check();
    expect((await json()).operators[0].stations).toEqual(['s1']);
    // Defects, breakdowns and changeovers of a station; the defect action is picked, not typed.
    await setField(page, 'ed-stations-0--defects-rate', '0,05');
    await page.getByTestId('ed-stations-0--defects-action').selectOption('rework');
    await page.getByTestId('ed-stations-0--defects-action').selectOption('scrap');
    await setField(page, 'ed-stations-0--breakdowns-between', '3600');
    await setField(page, 'ed-stations-0--breakdowns-repair', '300');
    await expect(page.getByTestId('ed-valid')).toBeVisible();
    expect((await json()).stations[0].defects).toEqual({ rate: 0.05, action: 'scrap' });
    // A time can be any distribution of the format.
    await page.getByTestId('ed-stations-0--breakdowns-repair-dist').selectOption('triangular');
    await setField(page, 'ed-stations-0--breakdowns-repair-max', '200');
    await expect(page.getByTestId('ed-stations-0--breakdowns-repair-mode-error')).toContainText('мода должна лежать между минимумом и максимумом');
    await setField(page, 'ed-stations-0--breakdowns-repair-max', '600');
    expect((await json()).stations[0].breakdowns.repair).toEqual({ dist: 'triangular', min: 240, mode: 300, max: 600 });
    await page.getByTestId('ed-release').selectOption('kanban');
    await setField(page, 'ed-release-limits-s1', '3');
    expect((await json()).release).toEqual({ policy: 'kanban', limits: { s1: 3 } });
    await page.getByTestId('ed-release').selectOption('conwip');
    await setField(page, 'ed-release-limit', '5');
    expect((await json()).release).toEqual({ policy: 'conwip', limit: 5 });
    await expect(page.getByTestId('ed-valid')).toBeVisible();
  });

  test('the training settings: improvement cards, targets and weights', async ({ app, page }) => {
    await app.goto();
    await page.getByTestId('view-editor').click();
    await page.getByTestId('ed-load').selectOption('blank');
    const json = async () => JSON.parse(await page.getByTestId('ed-json').inputValue());
    // The first card closed writes every other tool's default card, in format 2.
    await page.getByTestId('ed-allow-add_server').uncheck();
    const closed = await json();
    expect(closed.format).toBe(2);
    expect(Object.keys(closed.training.tools)).toHaveLength(16);
    expect(closed.training.tools.add_server).toBeUndefined();
    await expect(page.getByTestId('ed-training-tools-add_server-cost')).toBeHidden();
    await page.getByTestId('ed-allow-add_server').check();
    expect((await json()).training.tools.add_server).toEqual({});
    // The instructor sets what a card costs and achieves, and the bounds of a choice.
    await setField(page, 'ed-training-tools-five_s-cost', '1234');
    await setField(page, 'ed-training-tools-five_s-factor', '0,3');
    await setField(page, 'ed-training-tools-buffer-max', '6');
    await setField(page, 'ed-training-weights-completed', '50');
    expect((await json()).training.tools.five_s).toEqual({ cost: 1234, factor: 0.3 });
    expect((await json()).training.tools.buffer).toEqual({ max: 6 });
    expect((await json()).training.weights).toEqual({ completed: 50 });
    await setField(page, 'ed-training-tools-five_s-factor', '1,5');
    await expect(page.getByTestId('ed-training-tools-five_s-factor-error')).toContainText('от 0 до 1');
    await setField(page, 'ed-training-tools-five_s-factor', '0,3');
    await setField(page, 'ed-training-targets-completed', 'много');
    await expect(page.getByTestId('ed-training-targets-completed-error')).toContainText('не читается: invalid type');
    await expect(page.getByTestId('ed-open')).toBeDisabled();
    await setField(page, 'ed-training-targets-completed', '420');
    await expect(page.getByTestId('ed-valid')).toBeVisible();
  });

  test('a format-1 file opens as format 2: its allowed tools and costs become cards', async ({ app, page }) => {
    await app.goto();
    await page.getByTestId('view-editor').click();
    const v1 = {
      name: 'v1', time_unit: 's', horizon: 3600,
      stations: [{ id: 'cut', elements: [{ name: 'saw', time: 5 }, { name: 'search', time: 2, value_added: false }] }],
      training: { budget: 9000, allowed: ['five_s', 'batch'], costs: { batch: 700 } },
    };
    await page.getByTestId('ed-import').setInputFiles({ name: 'v1.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(v1)) });
    const json = JSON.parse(await page.getByTestId('ed-json').inputValue());
    expect(json.format).toBe(2);
    expect(json.training.allowed).toBeUndefined();
    expect(json.training.costs).toBeUndefined();
    expect(json.training.tools).toEqual({ batch: { cost: 700 }, five_s: { cost: 5000, factor: 0.5 } });
    await expect(page.getByTestId('ed-allow-five_s')).toBeChecked();
    await expect(page.getByTestId('ed-allow-smed')).not.toBeChecked();
    await expect(page.getByTestId('ed-valid')).toBeVisible();
  });

  test('export then import is lossless', async ({ app, page }) => {
    await app.goto();
    await page.getByTestId('view-editor').click();
    const options = page.getByTestId('ed-load').locator('option');
    await page.getByTestId('ed-load').selectOption({ index: 2 }); // the first built-in scenario
    await expect(page.getByTestId('ed-valid')).toBeVisible();
    expect(await options.count()).toBe(5);
    const exported = await download(page, 'ed-export');
    await page.getByTestId('ed-load').selectOption('blank');
    await page.getByTestId('ed-import').setInputFiles({ name: 'line.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await expect(page.getByTestId('ed-json')).toHaveValue(exported);
    expect(await download(page, 'ed-export')).toBe(exported);
  });

  test('a share link opens the same scenario in the trainee view', async ({ app, page }) => {
    await app.goto();
    await page.getByTestId('view-editor').click();
    await page.getByTestId('ed-load').selectOption({ index: 3 });
    const exported = await download(page, 'ed-export');
    await page.getByTestId('ed-share').click();
    const link = await page.getByTestId('ed-share-link').getAttribute('href');
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#scenario=[A-Za-z0-9_-]+$/);
    expect(link!.length).toBeLessThan(exported.length);
    await page.goto(link!);
    await expect(page.getByTestId('session-shared')).toBeVisible();
    const name = JSON.parse(exported).name;
    await expect(page.getByTestId('session-title')).toHaveText(name.ru ?? name);
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('takt.v1.session') ?? '{}'));
    expect(stored.scenario).toEqual(JSON.parse(exported));
    expect(stored.scenario_id).toBe('shared');
  });
});
