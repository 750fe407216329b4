import { expect, Page, TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const jsOn = (info: TestInfo) => info.project.name === 'js-on';

/** Opens `path`; with JavaScript on, waits until the page is hydrated. */
export async function open(page: Page, path: string, info: TestInfo) {
  const res = await page.goto(path);
  if (jsOn(info)) {
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  }
  return res;
}

/** axe-core finds no WCAG 2.x A/AA violation on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary).toEqual([]);
}

/** Marks the window; a full page load clears the mark, a client-side navigation keeps it. */
export async function markWindow(page: Page) {
  await page.evaluate(() => ((window as any).__noReload = true));
}

export async function windowStillMarked(page: Page) {
  return page.evaluate(() => (window as any).__noReload === true);
}
