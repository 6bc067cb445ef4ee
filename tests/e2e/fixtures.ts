import { test as base, expect } from '@playwright/test';
import { AppPage } from './pages/app.page';

/**
 * `app`: the page object, plus two guards checked after every test: no error
 * in the console (a wasm panic logs one) and no request leaving 127.0.0.1
 * (no CDN, no web font, nothing).
 */
export const test = base.extend<{ app: AppPage }>({
  app: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.protocol.startsWith('http') && url.hostname !== '127.0.0.1') {
        problems.push(`request to ${request.url()}`);
      }
    });

    await use(new AppPage(page));

    expect(problems, 'console errors or outside requests').toEqual([]);
  },
});

export { expect };
