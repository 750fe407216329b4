import { test, expect } from '@playwright/test';
import { expectAccessible, open } from './helpers';

test('home page explains the program and leads to the directory', async ({ page }, info) => {
  await open(page, '/', info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Talk with someone who does the work');
  await expect(page.getByRole('heading', { name: 'How it works' })).toBeVisible();
  await expectAccessible(page, info);
  await page.getByRole('main').getByRole('link', { name: 'Browse volunteers' }).click();
  await expect(page).toHaveURL(/\/volunteers$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Browse volunteers');
});

test('guidelines page states the program rules', async ({ page }, info) => {
  await open(page, '/guidelines', info);
  await expect(page).toHaveTitle('Guidelines · Career Connects');
  const main = page.getByRole('main');
  for (const rule of ['Within two weeks', '30 minutes to an hour', 'It is not a job interview', 'Do not bring or send your résumé', 'Come prepared with questions', 'There is no fee']) {
    await expect(main).toContainText(rule);
  }
  // The studio's findings link here, one anchor per rule.
  await expect(page.locator('#personal-hook')).toBeVisible();
  await expect(page.locator('#channel-limits')).toBeVisible();
  await expectAccessible(page, info);
});

test('an unknown address shows a helpful 404 page', async ({ page }, info) => {
  const res = await open(page, '/this/does/not/exist', info);
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expectAccessible(page, info);
});

test('keyboard users can skip to the main content', async ({ page }, info) => {
  await open(page, '/', info);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
});
