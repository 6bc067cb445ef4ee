import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { TrainingPage } from './pages/training.page';

/**
 * A long session: 100 rounds (the most a training may have) of the kanban exercise, each
 * with a change, played through the page like a trainee would. Memory must stay bounded
 * (the event log of a shift is capped and kept only for the results on screen) and the
 * saved session well under the browser's storage quota. Prints what it measured.
 */
test('a 100-round session keeps memory bounded and storage under the quota', async ({ app, page }) => {
  test.setTimeout(600_000);
  const ROUNDS = 100;
  const scenario = JSON.parse(readFileSync('public/scenarios/kanban.json', 'utf8'));
  scenario.training = { ...scenario.training, rounds: ROUNDS, budget: null, replications: 2 };
  // Keep the wasm memory of the page where the test can read its size.
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (event) => {
      (window as unknown as { __wasmMemory: WebAssembly.Memory }).__wasmMemory = (
        event as CustomEvent
      ).detail.wasm.memory;
    });
  });
  const cdp = await page.context().newCDPSession(page);
  const measure = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    return page.evaluate((jsHeap) => {
      let storage = 0;
      for (let k = 0; k < localStorage.length; k++) {
        const key = localStorage.key(k)!;
        storage += key.length + localStorage.getItem(key)!.length;
      }
      const memory = (window as unknown as { __wasmMemory: WebAssembly.Memory }).__wasmMemory;
      return { jsHeap, wasm: memory.buffer.byteLength, storage, dom: document.getElementsByTagName('*').length };
    }, heap.usedSize);
  };

  const training = new TrainingPage(page);
  await app.goto();
  await page.getByTestId('view-editor').click();
  await page.getByTestId('ed-import').setInputFiles({
    name: 'long.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(scenario)),
  });
  await expect(page.getByTestId('ed-valid')).toBeVisible();
  await page.getByTestId('ed-open').click();
  const samples: { round: number; jsHeap: number; wasm: number; storage: number; dom: number }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    if (round > 1) {
      // A change every round: the kanban limit of the bending station goes up and down.
      await page.getByTestId('tool-select').selectOption('kanban');
      await page.getByTestId('tool-station').selectOption('bend');
      await page.getByTestId('tool-limit').fill(String(10 + (round % 5)));
      await page.getByTestId('tool-add').click();
      await expect(training.plan.locator('li')).toHaveCount(1);
    }
    await training.playRound(2, round);
    if (round % 10 === 0) samples.push({ round, ...(await measure()) });
  }
  // The rounds table has a column per round (and one of KPI names).
  await expect(training.roundsTable.locator('thead th')).toHaveCount(ROUNDS + 1);
  const mb = (b: number) => (b / 2 ** 20).toFixed(1);
  console.log('round  JS heap MB  wasm memory MB  storage MB (UTF-16: x2)  DOM elements');
  for (const s of samples) {
    console.log(`${String(s.round).padStart(5)}  ${mb(s.jsHeap).padStart(10)}  ${mb(s.wasm).padStart(14)}  ${mb(s.storage).padStart(10)}  ${String(s.dom).padStart(12)}`);
  }
  const first = samples[0];
  const last = samples[samples.length - 1];
  // Storage: the saved session of 100 rounds stays far below the 5 MB (characters) that
  // Chromium gives an origin's localStorage, and grows by the round, not by the event.
  expect(last.storage).toBeLessThan(2.5 * 2 ** 20);
  // Memory: after 100 rounds, both heaps are bounded: less than 3× what 10 rounds took and
  // far below what a kept event log per round would need.
  expect(last.jsHeap).toBeLessThan(3 * first.jsHeap + 16 * 2 ** 20);
  expect(last.wasm).toBeLessThan(128 * 2 ** 20);
  // A reload restores all 100 rounds.
  await app.reload();
  await expect(training.roundsTable.locator('thead th')).toHaveCount(ROUNDS + 1);
});
