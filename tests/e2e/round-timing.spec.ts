import { expect, test } from './fixtures';
import { TrainingPage } from './pages/training.page';

// Times a round as a person plays it, phase by phase, from the `takt:…` marks the page puts on
// its performance timeline (src/platform/timing.rs). Prints the figures (issue 17: a round in
// one frame); asserts only that every phase happens, in order.

type Marks = Record<string, number[]>;

async function marks(page: import('@playwright/test').Page): Promise<Marks> {
  return page.evaluate(() => {
    const all: Record<string, number[]> = {};
    for (const m of performance.getEntriesByType('mark')) {
      if (m.name.startsWith('takt:')) (all[m.name] ??= []).push(m.startTime);
    }
    return all;
  });
}

/** The first time of `name` at or after `from`. */
function after(all: Marks, name: string, from: number): number {
  const t = (all[name] ?? []).find((x) => x >= from);
  if (t === undefined) throw new Error(`no ${name} after ${from}`);
  return t;
}

/** The last time of `name` at or before `until`. */
function before(all: Marks, name: string, until: number): number {
  const t = (all[name] ?? []).filter((x) => x <= until).pop();
  if (t === undefined) throw new Error(`no ${name} before ${until}`);
  return t;
}

test('a round of the process factory, timed phase by phase', async ({ app, page }) => {
  test.setTimeout(120_000);
  const training = new TrainingPage(page);
  await app.goto();
  await training.startSession('process-factory');
  // Frames over 50 ms (Long Animation Frames): where the page's main thread goes.
  await page.evaluate(() => {
    const w = window as unknown as { loaf: PerformanceEntry[] };
    w.loaf = [];
    new PerformanceObserver((list) => w.loaf.push(...list.getEntries())).observe({ type: 'long-animation-frame', buffered: true });
  });
  const rows: string[] = [];
  for (const round of [1, 2, 3]) {
    await training.playRound(30, round);
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
    const all = await marks(page);
    const click = all['takt:round:click'].at(-1)!;
    const sent = after(all, 'takt:request:sent', click);
    const decoded = after(all, 'takt:reply:decoded', click);
    const doneArrived = before(all, 'takt:message', decoded);
    const recorded = after(all, 'takt:round:recorded', decoded);
    const frame = after(all, 'takt:round:frame', recorded);
    const created = before(all, 'takt:worker:created', sent);
    const ready = before(all, 'takt:worker:ready', sent);
    for (const [a, b] of [[created, ready], [ready, sent], [sent, doneArrived], [doneArrived, decoded], [decoded, recorded], [recorded, frame]]) {
      expect(b).toBeGreaterThanOrEqual(a);
    }
    // The worker's own timeline: the round played (simulation + analysis) and its reply posted.
    let played = NaN;
    let posted = NaN;
    for (const worker of page.workers()) {
      const w = await worker.evaluate(() => performance.getEntriesByType('mark').filter((m) => m.name.startsWith('takt:worker:round:')).map((m) => [m.name, m.startTime] as [string, number]));
      const last = (name: string) => w.filter(([n]) => n === name).at(-1)?.[1];
      const [start, done, out] = [last('takt:worker:round:start'), last('takt:worker:round:played'), last('takt:worker:round:posted')];
      if (start !== undefined && done !== undefined && out !== undefined && !(done - start <= played)) {
        played = done - start;
        posted = out - done;
      }
    }
    const messages = (all['takt:message'] ?? []).filter((t) => t >= sent && t <= decoded).length;
    // On the page after the answer: the session saved to storage, the shift replayed for the results.
    const span = (from: string, to: string) => {
      const a = (all[from] ?? []).filter((t) => t >= decoded && t <= frame);
      const b = (all[to] ?? []).filter((t) => t >= decoded && t <= frame);
      return a.reduce((sum, t, k) => sum + ((b[k] ?? t) - t), 0);
    };
    const saving = span('takt:session:save', 'takt:session:saved');
    const replay = span('takt:results:replay', 'takt:results:replayed');
    const ms = (x: number) => x.toFixed(1).padStart(7);
    rows.push(
      `round ${round}: click→sent ${ms(sent - click)} (worker start ${ms(ready - created)}, ` +
        `${created >= click ? 'after the click' : 'before the click'}) | sent→reply ${ms(doneArrived - sent)} ` +
        `(in the worker: played ${ms(played)}, posted ${ms(posted)}; ${messages} messages) | ` +
        `parse ${ms(decoded - doneArrived)} | record+render ${ms(recorded - decoded)} | to next frame ${ms(frame - recorded)} ` +
        `(session saved ${ms(saving)}, shift replayed ${ms(replay)}) | ` +
        `total click→frame ${ms(frame - click)} ms`,
    );
    const frames = await page.evaluate(([from, to]) => {
      const w = window as unknown as { loaf: any[] };
      return w.loaf
        .filter((f) => f.startTime + f.duration >= from && f.startTime <= to)
        .map((f) => {
          const script = f.scripts.reduce((t: number, x: any) => t + x.duration, 0);
          const layout = f.duration - (f.styleAndLayoutStart - f.startTime);
          const render = f.renderStart ? f.styleAndLayoutStart - f.renderStart : 0;
          const top = f.scripts
            .map((x: any) => `${x.invokerType} ${x.invoker} ${x.duration.toFixed(0)}`)
            .slice(0, 4)
            .join(', ');
          return `  long frame ${f.duration.toFixed(0)} ms: scripts ${script.toFixed(0)}, rAF+observers ${render.toFixed(0)}, style+layout+paint ${layout.toFixed(0)}, blocking ${f.blockingDuration.toFixed(0)} [${top}]`;
        });
    }, [click, frame + 200]);
    rows.push(...frames);
    // The improve step's forecast of the next round's line (not after the last round), asked
    // of a worker: from the request to the answer.
    if (round < 3) {
      await expect(training.forecast.getByTestId('forecast-text')).toContainText('±');
      const after = await marks(page);
      const start = after['takt:forecast:start'].filter((t) => t >= decoded);
      const end = after['takt:forecast:end'].filter((t) => t >= decoded);
      expect(end.length).toBeGreaterThan(0);
      rows.push(`  forecast (30 replications, in a worker): ${start.map((t, k) => `${((end[k] ?? NaN) - t).toFixed(1)} ms`).join(', ')} after the results`);
      // While dragging a work element over another column (the page otherwise idle).
      const element = training.element('fix cover');
      await element.scrollIntoViewIfNeeded();
      const a = (await element.boundingBox())!;
      const b = (await training.yamazumiBar('valve').boundingBox())!;
      await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
      await page.mouse.down();
      await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
      await expect(training.forecast.getByTestId('forecast-preview')).toBeVisible();
      const dragged = await marks(page);
      const t0 = dragged['takt:forecast:start'].at(-1)!;
      const t1 = dragged['takt:forecast:end'].at(-1)!;
      expect(t1).toBeGreaterThanOrEqual(t0);
      rows.push(`  forecast while dragging: ${(t1 - t0).toFixed(1)} ms from the request to the answer`);
      await page.mouse.move(1, 1, { steps: 4 });
      await page.mouse.up();
      await expect(training.forecast.getByTestId('forecast-preview')).toHaveCount(0);
    }
  }
  console.log(rows.join('\n'));
});
