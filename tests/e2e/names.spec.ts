import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { TrainingPage } from './pages/training.page';

type Name = { ru: string; en: string };

/** The process factory's own names, as the scenario file gives them in both languages. */
const factory = JSON.parse(readFileSync('public/scenarios/process-factory.json', 'utf8'));
const station = (id: string): Name => factory.stations.find((s: { id: string }) => s.id === id).name;
const element = (key: string): Name =>
  factory.stations.flatMap((s: { elements?: { name: Name }[] }) => s.elements ?? []).find((e: { name: Name }) => e.name.en === key).name;
const operator = (id: string): Name => factory.operators.find((o: { id: string }) => o.id === id).name;

test.describe('names in the interface language', () => {
  test('stations, elements, operators and the product follow the RU/EN switch without a reload', async ({ app, page }) => {
    const training = new TrainingPage(page);
    const [housing, valve, fixCover, op2] = [station('housing'), station('valve'), element('fix cover'), operator('op2')];
    expect(housing).toEqual({ ru: 'Сборка корпуса', en: 'Housing assembly' });
    expect(fixCover).toEqual({ ru: 'крепление крышки', en: 'fix cover' });

    await app.goto();
    await app.expectLanguage('ru');
    // The picker: the scenario, its product and its line in Russian.
    await training.choose('process-factory');
    await expect(training.scenario.locator('option[data-id="process-factory"]')).toHaveText(factory.name.ru);
    await expect(page.getByTestId('fact-product')).toHaveText(factory.products[0].name.ru);
    await expect(training.yamazumiLabel('housing')).toContainText(housing.ru);
    await expect(training.yamazumiElement('fix cover').locator('title')).toContainText(fixCover.ru);

    await training.startSession('process-factory');
    await expect(page.getByTestId('session-title')).toHaveText(factory.name.ru);
    await training.playRound(3, 1);
    // The results page: the state chart, the line replayed and its crew, the improve step.
    await expect(training.stateLabel('housing')).toContainText(housing.ru);
    await expect(training.replayName('housing')).toHaveText(housing.ru);
    await expect(page.getByTestId('replay-operator-op2')).toContainText(op2.ru);
    await expect(training.element('fix cover')).toHaveAttribute('aria-label', new RegExp(`^${fixCover.ru}, ${housing.ru}, `));
    await training.element('fix cover').focus();
    await page.keyboard.press('ArrowRight');
    await expect(training.plan).toContainText(fixCover.ru);
    await expect(training.plan).toContainText(valve.ru);
    await page.getByTestId('tool-select').selectOption('move_element');
    await expect(page.getByTestId('tool-element').locator('option[value="fix cover"]')).toHaveText(`${fixCover.ru} (${housing.ru})`);
    const bottleneck = (await training.bottleneck.getAttribute('data-station'))!;
    await expect(training.bottleneck).toHaveText(`▲ ${station(bottleneck).ru}`);

    await app.switchLanguage('en');
    await expect(page.getByTestId('session-title')).toHaveText(factory.name.en);
    await expect(page.getByTestId('fact-product')).toHaveText(factory.products[0].name.en);
    await expect(training.stateLabel('housing')).toContainText(housing.en);
    await expect(training.replayName('housing')).toHaveText(housing.en);
    await expect(page.getByTestId('replay-operator-op2')).toContainText(op2.en);
    await expect(training.bottleneck).toHaveText(`▲ ${station(bottleneck).en}`);
    // The element moved is at valve now in the planned line; its key is unchanged.
    await expect(training.yamazumiLabel('valve')).toContainText(valve.en);
    await expect(training.element('fix cover')).toHaveAttribute('aria-label', new RegExp(`^${fixCover.en}, ${valve.en}, `));
    await expect(training.yamazumiElement('fix cover').locator('title')).toContainText(fixCover.en);
    await expect(training.plan).toContainText(fixCover.en);
    await expect(training.plan).toContainText(valve.en);
    await expect(training.plan).not.toContainText(fixCover.ru);
    await expect(page.getByTestId('tool-element').locator('option[value="fix cover"]')).toHaveText(`${fixCover.en} (${housing.en})`);

    // And back, still without a reload.
    await app.switchLanguage('ru');
    await expect(training.stateLabel('housing')).toContainText(housing.ru);
    await expect(training.plan).toContainText(fixCover.ru);
  });

  test('the editor edits a name in both languages without losing the other', async ({ app, page }) => {
    await app.goto();
    await page.getByTestId('view-editor').click();
    await page.getByTestId('ed-load').selectOption({ index: 2 }); // the process factory
    await expect(page.getByTestId('ed-valid')).toBeVisible();
    const json = async () => JSON.parse(await page.getByTestId('ed-json').inputValue());
    await expect(page.getByTestId('ed-stations-0--name-ru')).toHaveValue(station('kit').ru);
    await expect(page.getByTestId('ed-stations-0--name-en')).toHaveValue(station('kit').en);
    await page.getByTestId('ed-stations-0--name-en').fill('Kit preparation');
    await page.getByTestId('ed-stations-0--name-en').press('Tab');
    expect((await json()).stations[0].name).toEqual({ ru: station('kit').ru, en: 'Kit preparation' });
    // One language is enough: the other shows it as a placeholder.
    await page.getByTestId('ed-stations-0--name-ru').fill('');
    await page.getByTestId('ed-stations-0--name-ru').press('Tab');
    expect((await json()).stations[0].name).toEqual({ en: 'Kit preparation' });
    await expect(page.getByTestId('ed-stations-0--name-ru')).toHaveAttribute('placeholder', 'Kit preparation');
    // A work element keeps its key when its English name changes, if it is given one.
    await expect(page.getByTestId('ed-stations-0--elements-0--id-key')).toContainText('pick parts');
    await page.getByTestId('ed-stations-0--elements-0--id').fill('pick parts');
    await page.getByTestId('ed-stations-0--elements-0--id').press('Tab');
    await page.getByTestId('ed-stations-0--elements-0--name-en').fill('take the parts');
    await page.getByTestId('ed-stations-0--elements-0--name-en').press('Tab');
    expect((await json()).stations[0].elements[0]).toMatchObject({ id: 'pick parts', name: { ru: element('pick parts').ru, en: 'take the parts' } });
    await expect(page.getByTestId('ed-stations-0--elements-0--id-key')).toContainText('pick parts');
    await expect(page.getByTestId('ed-valid')).toBeVisible();
    // A language the format does not know is refused at its field.
    const doc = await json();
    doc.stations[1].name = { ru: 'Корпус', de: 'Gehäuse' };
    await page.getByTestId('ed-json').fill(JSON.stringify(doc, null, 2));
    await page.getByTestId('ed-json').press('Tab');
    await expect(page.getByTestId('ed-stations-1--name-error')).toContainText("unknown language 'de'");
  });
});
