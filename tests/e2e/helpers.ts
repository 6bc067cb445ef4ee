import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

/** Types into a field and leaves it (the editor's draft changes on "change"). */
export async function setField(page: Page, testid: string, value: string) {
  await page.getByTestId(testid).fill(value);
  await page.getByTestId(testid).press('Tab');
}

/** Clicks a download button and returns the file's text. */
export async function download(page: Page, testid: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return readFileSync((await file.path())!, 'utf8');
}
