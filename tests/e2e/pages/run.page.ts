import { expect, type Locator, type Page } from '@playwright/test';

/** The "run a shift" panel: a built-in scenario, replications in the web worker, results. */
export class RunPanel {
  readonly scenario: Locator;
  readonly replications: Locator;
  readonly replicationsError: Locator;
  readonly start: Locator;
  readonly cancel: Locator;
  readonly progress: Locator;
  readonly progressText: Locator;
  readonly cancelled: Locator;
  readonly results: Locator;
  readonly completed: Locator;
  readonly order: Locator;
  readonly wip: Locator;
  readonly bottleneck: Locator;
  readonly stateChart: Locator;
  readonly stateAxis: Locator;

  constructor(readonly page: Page) {
    this.scenario = page.getByTestId('scenario-select');
    this.replications = page.getByTestId('replications');
    this.replicationsError = page.getByTestId('replications-error');
    this.start = page.getByTestId('run-start');
    this.cancel = page.getByTestId('run-cancel');
    this.progress = page.getByTestId('run-progress');
    this.progressText = page.getByTestId('run-progress-text');
    this.cancelled = page.getByTestId('run-cancelled');
    this.results = page.getByTestId('run-results');
    this.completed = page.getByTestId('result-completed');
    this.order = page.getByTestId('result-order');
    this.wip = page.getByTestId('result-wip');
    this.bottleneck = page.getByTestId('result-bottleneck');
    this.stateChart = page.getByTestId('state-chart');
    this.stateAxis = page.getByTestId('state-axis');
  }

  /** Chooses a built-in scenario by its id (`process-factory`, `kanban`, `breakdowns-setups`). */
  async choose(id: string) {
    const value = await this.scenario.locator(`option[data-id="${id}"]`).getAttribute('value');
    await this.scenario.selectOption(value!);
  }

  /** The legend entry of a station state (`working`, `blocked`, …). */
  legend(state: string): Locator {
    return this.page.getByTestId(`legend-${state}`);
  }

  /** The Yamazumi bar of a station. */
  yamazumiBar(station: string): Locator {
    return this.page.getByTestId(`yamazumi-bar-${station}`);
  }

  /** The state bar of a station. */
  stateBar(station: string): Locator {
    return this.page.getByTestId(`state-bar-${station}`);
  }

  async run(replications: number) {
    await this.replications.fill(String(replications));
    await this.start.click();
  }

  async waitForResults() {
    await expect(this.results).toBeVisible({ timeout: 60_000 });
  }
}
