import { expect, type Locator, type Page } from '@playwright/test';

export type Language = 'ru' | 'en';

/** The Takt app, seen through its `data-testid` hooks. */
export class AppPage {
  readonly title: Locator;
  readonly tagline: Locator;
  readonly calculatorTitle: Locator;
  readonly availableTime: Locator;
  readonly demand: Locator;
  readonly result: Locator;
  readonly noResult: Locator;
  readonly availableTimeError: Locator;
  readonly demandError: Locator;
  readonly coreVersion: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByTestId('app-title');
    this.tagline = page.getByTestId('app-tagline');
    this.calculatorTitle = page.getByTestId('calc-title');
    this.availableTime = page.getByTestId('takt-available');
    this.demand = page.getByTestId('takt-demand');
    this.result = page.getByTestId('takt-result');
    this.noResult = page.getByTestId('takt-no-result');
    this.availableTimeError = page.getByTestId('available-error');
    this.demandError = page.getByTestId('demand-error');
    this.coreVersion = page.getByTestId('core-version');
  }

  /** Opens `path` and waits until the wasm app has rendered. */
  async goto(path = '/') {
    await this.page.goto(path);
    await expect(this.title).toHaveText('Takt');
  }

  async reload() {
    await this.page.reload();
    await expect(this.title).toHaveText('Takt');
  }

  languageButton(language: Language): Locator {
    return this.page.getByTestId(`lang-${language}`);
  }

  async switchLanguage(language: Language) {
    await this.languageButton(language).click();
    await expect(this.languageButton(language)).toHaveAttribute('aria-pressed', 'true');
  }

  async expectLanguage(language: Language) {
    await expect(this.page.locator('html')).toHaveAttribute('lang', language);
    await expect(this.languageButton(language)).toHaveAttribute('aria-pressed', 'true');
  }

  async computeTakt(availableMinutes: string, demandUnits: string) {
    await this.availableTime.fill(availableMinutes);
    await this.demand.fill(demandUnits);
  }
}
