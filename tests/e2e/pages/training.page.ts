import { expect, type Locator, type Page } from '@playwright/test';

/** The trainee's training: scenario picker, rounds in the web worker, results, plan, score. */
export class TrainingPage {
  readonly scenario: Locator;
  readonly sessionStart: Locator;
  readonly sessionNew: Locator;
  readonly roundLabel: Locator;
  readonly replications: Locator;
  readonly replicationsError: Locator;
  readonly start: Locator;
  readonly cancel: Locator;
  readonly progress: Locator;
  readonly cancelled: Locator;
  readonly results: Locator;
  readonly bottleneck: Locator;
  readonly stateAxis: Locator;
  readonly improve: Locator;
  readonly plan: Locator;
  readonly planBudget: Locator;
  readonly forecast: Locator;
  readonly scoreTotal: Locator;
  readonly roundsTable: Locator;
  readonly corrupt: Locator;
  readonly toolSelect: Locator;
  readonly toolAdd: Locator;
  readonly toolError: Locator;
  readonly planRefusal: Locator;
  readonly runError: Locator;

  constructor(readonly page: Page) {
    this.scenario = page.getByTestId('scenario-select');
    this.sessionStart = page.getByTestId('session-start');
    this.sessionNew = page.getByTestId('session-new');
    this.roundLabel = page.getByTestId('round-label');
    this.replications = page.getByTestId('replications');
    this.replicationsError = page.getByTestId('replications-error');
    this.start = page.getByTestId('run-start');
    this.cancel = page.getByTestId('run-cancel');
    this.progress = page.getByTestId('run-progress');
    this.cancelled = page.getByTestId('run-cancelled');
    this.results = page.getByTestId('results');
    this.bottleneck = page.getByTestId('kpi-bottleneck-value');
    this.stateAxis = page.getByTestId('state-axis');
    this.improve = page.getByTestId('improve');
    this.plan = page.getByTestId('plan');
    this.planBudget = page.getByTestId('plan-budget');
    this.forecast = page.getByTestId('forecast');
    this.scoreTotal = page.getByTestId('score-total');
    this.roundsTable = page.getByTestId('rounds-table');
    this.corrupt = page.getByTestId('session-corrupt');
    this.toolSelect = page.getByTestId('tool-select');
    this.toolAdd = page.getByTestId('tool-add');
    this.toolError = page.getByTestId('tool-error');
    this.planRefusal = page.getByTestId('plan-refusal');
    this.runError = page.getByTestId('run-error');
  }

  /** Chooses a tool of the catalog form and fills its fields (by name: `station`, `factor`, …). */
  async chooseTool(tool: string, fields: Record<string, string>) {
    await this.toolSelect.selectOption(tool);
    for (const [name, value] of Object.entries(fields)) {
      const field = this.page.getByTestId(`tool-${name}`);
      if ((await field.evaluate((e) => e.tagName)) === 'SELECT') await field.selectOption(value);
      else await field.fill(value);
    }
  }

  /** Chooses a built-in scenario by its id (`process-factory`, `kanban`, `breakdowns-setups`). */
  async choose(id: string) {
    const value = await this.scenario.locator(`option[data-id="${id}"]`).getAttribute('value');
    await this.scenario.selectOption(value!);
  }

  /**
   * Opens `scenario` (a scenario object) in the trainee view the way an instructor's line
   * reaches it: imported in the editor, then "open in the trainee view".
   */
  async openScenario(scenario: object, name = 'line.json') {
    await this.page.getByTestId('view-editor').click();
    await this.page.getByTestId('ed-import').setInputFiles({
      name,
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(scenario)),
    });
    await expect(this.page.getByTestId('ed-valid')).toBeVisible();
    await this.page.getByTestId('ed-open').click();
    await expect(this.roundLabel).toBeVisible();
  }

  /** Starts a session on a built-in scenario. */
  async startSession(id: string) {
    await this.choose(id);
    await this.sessionStart.click();
    await expect(this.roundLabel).toBeVisible();
  }

  /**
   * Runs the next round and waits for its results. `replications` applies to free practice
   * (a scenario without `training`); a class's rounds run with the scenario's own, which the
   * page shows read-only.
   */
  async playRound(replications: number, round: number) {
    if (await this.replications.isEditable()) await this.replications.fill(String(replications));
    await this.start.click();
    await expect(this.page.getByTestId('results-title')).toContainText(String(round), { timeout: 60_000 });
  }

  /** The value shown on a KPI card (`completed`, `lead-time`, `wip`, `quality`, `unit-cost`, `profit`). */
  kpi(id: string): Locator {
    return this.page.getByTestId(`kpi-${id}-value`);
  }

  legend(state: string): Locator {
    return this.page.getByTestId(`legend-${state}`);
  }

  /** The Yamazumi bar of a station (in the picker or the improve step: only one is shown). */
  yamazumiBar(station: string): Locator {
    return this.page.getByTestId(`yamazumi-bar-${station}`);
  }

  /** A work element on the improve step's Yamazumi chart. */
  element(name: string): Locator {
    // A CSS string, quoted and escaped as JSON (names may hold quotes and markup).
    return this.improve.locator(`[data-element=${JSON.stringify(name)}]`);
  }

  stateBar(station: string): Locator {
    return this.page.getByTestId(`state-bar-${station}`);
  }

  /** A station's name on the state chart (the results page). */
  stateLabel(station: string): Locator {
    return this.page.getByTestId(`state-label-${station}`);
  }

  /** A station's name under its Yamazumi bar. */
  yamazumiLabel(station: string): Locator {
    return this.page.getByTestId(`yamazumi-label-${station}`);
  }

  /** A work element's segment on the Yamazumi chart, by the element's key (movable or not). */
  yamazumiElement(key: string): Locator {
    return this.page.locator(`[data-testid="yamazumi"] [data-key=${JSON.stringify(key)}]`);
  }

  /** A station's name on the replayed line diagram. */
  replayName(station: string): Locator {
    return this.page.getByTestId(`replay-name-${station}`);
  }
}
