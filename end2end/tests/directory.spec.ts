import { test, expect, Page } from '@playwright/test';
import { expectAccessible, jsOn, markWindow, open, windowStillMarked } from './helpers';

const cards = (page: Page) => page.locator('li.card');
const count = (page: Page) => page.locator('.result-count');

async function totalShown(page: Page): Promise<number> {
  const text = (await count(page).textContent()) ?? '';
  const m = text.match(/(\d+) volunteers? match/);
  return m ? Number(m[1]) : 0;
}

test('browse shows volunteer cards without contact details', async ({ page }, info) => {
  await open(page, '/volunteers', info);
  await expect(cards(page).first()).toBeVisible();
  expect(await cards(page).count()).toBe(12);
  expect(await totalShown(page)).toBeGreaterThan(12);
  const first = cards(page).first();
  await expect(first.getByRole('heading', { level: 3 })).toBeVisible();
  await expect(first).toContainText('Meets by');
  await expect(first).toContainText('minutes');
  expect(await page.content()).not.toContain('@example.org');
  await expectAccessible(page, info);
});

test('filtering by role narrows the list and keeps the filter in the URL', async ({ page }, info) => {
  await open(page, '/volunteers', info);
  const before = await totalShown(page);
  if (jsOn(info)) await markWindow(page);
  await page.getByLabel('Role').selectOption({ label: 'Records Manager' });
  if (!jsOn(info)) await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/role=records-manager/);
  await expect(count(page)).not.toHaveText(`${before} volunteers match.`);
  const after = await totalShown(page);
  expect(after).toBeGreaterThan(0);
  expect(after).toBeLessThan(before);
  for (const card of await cards(page).all()) {
    await expect(card).toContainText('Records Manager');
  }
  if (jsOn(info)) expect(await windowStillMarked(page)).toBe(true);
  await expect(page.getByLabel('Role')).toHaveValue('records-manager');
  // The URL alone reproduces the view (shareable).
  await open(page, page.url(), info);
  expect(await totalShown(page)).toBe(after);
  await expectAccessible(page, info);
});

test('searching by name finds the volunteer', async ({ page }, info) => {
  await open(page, '/volunteers', info);
  const name = (await cards(page).nth(3).getByRole('heading').textContent())!.trim();
  if (jsOn(info)) await markWindow(page);
  await page.getByLabel('Search').fill(name);
  if (!jsOn(info)) await page.getByLabel('Search').press('Enter');
  // With JavaScript the search runs by itself once typing pauses.
  await expect(page).toHaveURL(/q=/);
  await expect(cards(page).getByRole('heading', { name })).toBeVisible();
  for (const card of await cards(page).all()) {
    await expect(card.getByRole('heading')).toContainText(name.split(' ')[0]);
  }
  if (jsOn(info)) {
    expect(await windowStillMarked(page)).toBe(true);
    await expect(page.getByLabel('Search')).toBeFocused();
  }
});

test('a search with no match says so and offers a way back', async ({ page }, info) => {
  await open(page, '/volunteers?q=zzzzqqq', info);
  await expect(count(page)).toHaveText('No volunteers match these filters.');
  await page.getByRole('link', { name: 'see everyone taking requests' }).click();
  await expect(page).toHaveURL(/\/volunteers$/);
  await expect(cards(page).first()).toBeVisible();
});

test('pagination moves through the results and keeps the filters', async ({ page }, info) => {
  await open(page, '/volunteers?mode=video', info);
  const firstOnPage1 = await cards(page).first().getByRole('heading').textContent();
  await page.getByRole('link', { name: 'Next page →' }).click();
  await expect(page).toHaveURL(/mode=video.*page=2|page=2.*mode=video/);
  await expect(page.getByText(/Page 2 of \d+/)).toBeVisible();
  await expect(cards(page).first().getByRole('heading')).not.toHaveText(firstOnPage1!);
  await page.getByRole('link', { name: '← Previous page' }).click();
  await expect(page.getByText(/Page 1 of \d+/)).toBeVisible();
});

test('a profile page shows the volunteer and never their contact details', async ({ page }, info) => {
  await open(page, '/volunteers', info);
  const link = cards(page).first().getByRole('heading').getByRole('link');
  const name = (await link.textContent())!.trim();
  await link.click();
  await expect(page).toHaveURL(/\/volunteers\/[a-z0-9-]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page).toHaveTitle(`${name} · Career Connects`);
  await expect(page.getByRole('heading', { name: 'At a glance' })).toBeVisible();
  await expect(page.getByText(/Taking requests/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'How to reach this volunteer' })).toBeVisible();
  const html = await page.content();
  expect(html).not.toContain('@example.org');
  expect(html).not.toContain('linkedin.com/in/');
  expect(html).not.toMatch(/\+1 555 01/);
  await expectAccessible(page, info);
  await page.getByRole('link', { name: '← All volunteers' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Browse volunteers');
});

test('an unknown volunteer is a 404', async ({ page }, info) => {
  const res = await open(page, '/volunteers/nobody-at-all', info);
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
});
