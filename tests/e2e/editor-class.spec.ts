import { expect, test } from './fixtures';
import { download, setField } from './helpers';
import type { Page } from '@playwright/test';
import type { AppPage, Language } from './pages/app.page';

// Issue 16, the editor's side: the draft is never lost, fixed sets are picked not typed,
// numbers read as a person writes them, every label follows the language, and the share
// link comes with a QR code for the projector.

/** The editor, in `lang`. */
async function openEditor(app: AppPage, lang: Language) {
  await app.goto();
  if (lang === 'en') await app.switchLanguage('en');
  await app.page.getByTestId('view-editor').click();
  await expect(app.page.getByTestId('editor')).toBeVisible();
}

const json = async (page: Page) => JSON.parse(await page.getByTestId('ed-json').inputValue());

const words = {
  ru: { line: 'Моя линия', horizon: 'Длительность смены', station: 'Участок 1', element: 'Элемент работы 1', rate: '0,1', scrap: 'в брак', here: 'на этом же участке', housing: 'Корпус' },
  en: { line: 'My line', horizon: 'Shift length', station: 'Station 1', element: 'Work element 1', rate: '0.1', scrap: 'scrapped', here: 'this same station', housing: 'Housing' },
};

for (const lang of ['ru', 'en'] as const) {
  test.describe(`the editor in ${lang}`, () => {
    test('keeps the draft and its undo history across the desk, a reload and the trainee view', async ({ app, page }) => {
      await openEditor(app, lang);
      await page.getByTestId('ed-load').selectOption('blank');
      await setField(page, `ed-name-${lang}`, words[lang].line);
      await setField(page, 'ed-horizon', '1800');
      await expect(page.getByTestId('ed-horizon')).toHaveValue('1800');
      const expectKept = async () => {
        await expect(page.getByTestId(`ed-name-${lang}`)).toHaveValue(words[lang].line);
        await expect(page.getByTestId('ed-horizon')).toHaveValue('1800');
        await expect(page.getByTestId('ed-undo')).toBeEnabled();
      };
      // To the desk and back (the same page).
      await page.getByTestId('view-instructor').click();
      await expect(page.getByTestId('editor')).toBeHidden();
      await page.getByTestId('view-editor').click();
      await expectKept();
      // A reload.
      await app.reload();
      await expectKept();
      // Open in the trainee view, then Back.
      await page.getByTestId('ed-open').click();
      await expect(page.getByTestId('session-title')).toHaveText(words[lang].line);
      await page.goBack();
      await expect(page.getByTestId('editor')).toBeVisible();
      await expectKept();
      // The undo history came back too: the horizon, then the name, then the blank line.
      await page.getByTestId('ed-undo').click();
      await expect(page.getByTestId('ed-horizon')).toHaveValue('28800');
      await page.getByTestId('ed-redo').click();
      await expect(page.getByTestId('ed-horizon')).toHaveValue('1800');
    });

    test('loading a built-in scenario is an undoable change; a stored draft that cannot be read is kept aside and reported', async ({ app, page }) => {
      await openEditor(app, lang);
      await setField(page, 'ed-horizon', '1000');
      await page.getByTestId('ed-load').selectOption({ index: 2 }); // the process factory
      await expect(page.getByTestId('ed-horizon')).toHaveValue('1800');
      await page.getByTestId('ed-undo').click();
      await expect(page.getByTestId('ed-horizon')).toHaveValue('1000');
      await page.evaluate(() => localStorage.setItem('takt.v1.editor.draft', '{"history": ["x"], "at": 5'));
      await app.reload();
      await expect(page.getByTestId('ed-draft-corrupt')).toContainText('takt.v1.editor.draft.corrupt');
      expect(await page.evaluate(() => localStorage.getItem('takt.v1.editor.draft.corrupt'))).toBe('{"history": ["x"], "at": 5');
      await expect(page.getByTestId('ed-valid')).toBeVisible();
    });

    test('leaving with changes that could not be stored asks first', async ({ app, page }) => {
      // Storage refuses the draft (as a full storage would).
      await page.addInitScript(() => {
        const setItem = Storage.prototype.setItem;
        Storage.prototype.setItem = function (key: string, value: string) {
          if (key === 'takt.v1.editor.draft') throw new DOMException('full', 'QuotaExceededError');
          return setItem.call(this, key, value);
        };
      });
      await openEditor(app, lang);
      await setField(page, 'ed-horizon', '1200');
      await expect(page.getByTestId('ed-draft-unsaved')).toBeVisible();
      await expect(page.getByTestId('ed-draft-unsaved')).toContainText('QuotaExceededError');
      // The same page keeps it even so: to the desk and back.
      await page.getByTestId('view-instructor').click();
      await page.getByTestId('view-editor').click();
      await expect(page.getByTestId('ed-horizon')).toHaveValue('1200');
      await page.getByTestId('ed-horizon').click();
      const asked = page.waitForEvent('dialog');
      const closed = page.waitForEvent('close');
      await page.close({ runBeforeUnload: true });
      const dialog = await asked;
      expect(dialog.type()).toBe('beforeunload');
      await dialog.accept();
      await closed;
    });

    test('fixed sets are selects and checklists; new items are valid; numbers as a person writes them', async ({ app, page }) => {
      await openEditor(app, lang);
      await page.getByTestId('ed-load').selectOption({ index: 2 }); // the process factory
      // Numbers: "1800", not "1800.0"; the decimal mark of the language.
      await expect(page.getByTestId('ed-horizon')).toHaveValue('1800');
      await expect(page.getByTestId('ed-stations-4--defects-rate')).toHaveValue(words[lang].rate);
      // The defect action and the rework station are selects.
      await expect(page.getByTestId('ed-stations-4--defects-action')).toHaveValue('rework');
      await expect(page.getByTestId('ed-stations-4--defects-to')).toHaveValue('housing');
      await expect(page.getByTestId('ed-stations-4--defects-to').locator('option', { hasText: words[lang].housing })).toHaveCount(1);
      await page.getByTestId('ed-stations-4--defects-to').selectOption('');
      expect((await json(page)).stations[4].defects).toEqual({ rate: 0.1, action: 'rework' });
      await page.getByTestId('ed-stations-4--defects-action').selectOption('scrap');
      await expect(page.getByTestId('ed-stations-4--defects-action').locator('option:checked')).toHaveText(words[lang].scrap);
      await expect(page.getByTestId('ed-stations-4--defects-to')).toBeHidden();
      // Clearing the rate removes the defects: the draft stays valid.
      await setField(page, 'ed-stations-4--defects-rate', '');
      expect((await json(page)).stations[4].defects).toBeUndefined();
      await expect(page.getByTestId('ed-stations-4--defects-action')).toBeHidden();
      // An operator's stations: a checklist of the line's stations.
      await page.getByTestId('ed-operators-4--stations-gauge').check();
      expect((await json(page)).operators[4].stations).toEqual(['gauge', 'test', 'pack']);
      await page.getByTestId('ed-operators-4--stations-test').uncheck();
      expect((await json(page)).operators[4].stations).toEqual(['gauge', 'pack']);
      // New items come valid: an operator, an input (an earlier station), a work element, a station.
      // The logistician's carried stations: a checklist too.
      await expect(page.getByTestId('ed-operators-5--carries-kit')).toBeChecked();
      await expect(page.getByTestId('ed-operators-5--carries-pack')).not.toBeChecked();
      await page.getByTestId('ed-operators-add').click();
      expect((await json(page)).operators[6]).toEqual({ id: 'op7', name: { ru: 'Оператор 7', en: 'Operator 7' }, stations: ['kit'] });
      await page.getByTestId('ed-stations-2--inputs-add').click();
      expect((await json(page)).stations[2].inputs).toEqual([{ from: 'housing', qty: 1 }]);
      // Only earlier stations are offered; the validator still says what the line needs.
      const from = page.getByTestId('ed-stations-2--inputs-0--from');
      await expect(from.locator('option')).toHaveCount(2);
      await from.selectOption('kit');
      expect((await json(page)).stations[2].inputs).toEqual([{ from: 'kit', qty: 1 }]);
      await expect(page.getByTestId('ed-errors')).toContainText('stations[1]');
      await from.selectOption('housing');
      await page.getByTestId('ed-stations-0--elements-add').click();
      await page.getByTestId('ed-add-station').click();
      await expect(page.getByTestId('ed-valid')).toBeVisible();
      // The briefing is editable in both languages.
      await setField(page, 'ed-briefing-en', 'Build 35 panels.');
      expect((await json(page)).briefing.en).toBe('Build 35 panels.');
      await expect(page.getByTestId('ed-valid')).toBeVisible();
    });

    test('switching the language relabels every field and legend at once', async ({ app, page }) => {
      await openEditor(app, lang);
      await page.getByTestId('ed-load').selectOption({ index: 2 });
      const other: Language = lang === 'ru' ? 'en' : 'ru';
      const horizon = page.locator('label[for="ed-horizon"]');
      const station = page.getByTestId('ed-station-0').locator('legend').first();
      const element = page.getByTestId('ed-stations-0--elements-0-').locator('legend');
      await expect(horizon).toHaveText(words[lang].horizon);
      await expect(station).toHaveText(words[lang].station);
      await expect(element).toHaveText(words[lang].element);
      await expect(page.getByTestId('ed-stations-4--defects-rate')).toHaveValue(words[lang].rate);
      await app.switchLanguage(other);
      await expect(horizon).toHaveText(words[other].horizon);
      await expect(station).toHaveText(words[other].station);
      await expect(element).toHaveText(words[other].element);
      await expect(page.getByTestId('ed-stations-4--defects-rate')).toHaveValue(words[other].rate);
      // No label of the form is left in the first language.
      const labels = await page.getByTestId('editor').locator('label, legend').allInnerTexts();
      if (other === 'en') expect(labels.filter((l) => /[а-яё]/i.test(l))).toEqual([]);
      else expect(labels.filter((l) => !/[а-яё]/i.test(l) && /[a-z]{3}/i.test(l))).toEqual([]);
    });

    test('shares by a link that stays on its card, a QR code, full screen for the projector, and the clipboard', async ({ app, page, context }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await openEditor(app, lang);
      await page.getByTestId('ed-load').selectOption({ index: 2 }); // the process factory
      const exported = await download(page, 'ed-export');
      await page.getByTestId('ed-share').click();
      const link = await page.getByTestId('ed-share-text').inputValue();
      expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#scenario=[A-Za-z0-9_-]+$/);
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
      await expect(page.getByTestId('ed-share-status')).not.toBeEmpty();
      // Shorter than the same format made from the pretty text (what the previous version sent).
      const before = await page.evaluate(async (text) => {
        const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
        const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
        let binary = '';
        for (const b of bytes) binary += String.fromCharCode(b);
        return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      }, exported);
      const code = link.split('#scenario=')[1];
      expect(code.length).toBeLessThan(before.length);
      console.log(`process-factory link: ${link.length} characters (the pretty text's code: ${before.length}, now: ${code.length})`);
      // The link text never runs off its card.
      const card = (await page.getByTestId('ed-share-card').boundingBox())!;
      const text = (await page.getByTestId('ed-share-text').boundingBox())!;
      expect(text.x + text.width).toBeLessThanOrEqual(card.x + card.width + 1);
      // The QR code, small then full screen; Esc closes it.
      await expect(page.getByTestId('ed-qr')).toBeVisible();
      expect(Number(await page.getByTestId('ed-qr').getAttribute('data-modules'))).toBeGreaterThan(20);
      await page.getByTestId('ed-qr-open').click();
      await expect(page.getByTestId('ed-qr-full')).toBeVisible();
      const large = (await page.getByTestId('ed-qr-large').boundingBox())!;
      expect(large.height).toBeGreaterThan(600);
      await expect(page.getByTestId('ed-qr-close')).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('ed-qr-full')).toBeHidden();
      // The link opens the scenario; so does a link made by the previous version.
      await page.goto(link);
      await expect(page.getByTestId('session-shared')).toBeVisible();
      const name = JSON.parse(exported).name;
      await expect(page.getByTestId('session-title')).toHaveText(name[lang]);
      await page.goto(`/#scenario=${before}`);
      await expect(page.getByTestId('session-title')).toHaveText(name[lang]);
    });
  });
}
