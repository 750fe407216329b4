import { test, expect } from '@playwright/test';
import * as fs from 'node:fs';
import { expectAccessible, jsOn, mailTo, matchedRequest, open, signIn, withContext } from './helpers';

test('feedback given through the private link is counted on the dashboard, which changes range and exports CSV', async ({ page, browser }, info) => {
  const { email } = await matchedRequest(browser, info, 'Dashboard');
  const comment = `Practical advice on archives courses ${info.project.name} ${Date.now().toString(36)}`;
  const link = await mailTo(email, /(\/r\/[0-9a-f]{64})\b(?!\/)/);
  await withContext(browser, info, async (asker) => {
    await open(asker, link, info);
    await asker.getByLabel('The day of your conversation').fill(new Date().toISOString().slice(0, 10));
    await asker.getByRole('button', { name: 'Save the day' }).click();
    await asker.getByRole('link', { name: 'Give feedback' }).click();
    if (jsOn(info)) await expect(asker.locator('html')).toHaveAttribute('data-hydrated', 'true');
    await asker.getByRole('radio', { name: 'Yes, we talked' }).check();
    await asker.getByRole('radio', { name: 'Phone' }).check();
    await asker.getByRole('radio', { name: '4 – Very useful' }).check();
    await asker.getByLabel(/Anything else you would like to tell us/).fill(comment);
    await asker.getByRole('button', { name: 'Send my feedback' }).click();
    await expect(asker).toHaveURL(/\?thanks=1$/);
  });

  // The committee's dashboard counts it: the comment, without a name, and the figures.
  await signIn(page, info, '/committee/dashboard', 'admin@example.org', 'Chair Person');
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await expect(page.getByText(comment)).toBeVisible();
  await expect(page.locator('.tile', { hasText: 'Average rating' })).toContainText('/ 5');
  await expect(page.getByRole('img', { name: /Requests per month/ })).toBeVisible();
  await page.getByText('Requests per month: the numbers').click();
  await expect(page.getByRole('table', { name: 'Requests per month' })).toBeVisible();
  await expectAccessible(page, info);

  // The CSV of the range holds the answer, neutral for spreadsheets.
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'feedback', exact: true }).click();
  const file = await (await downloading).path();
  const csv = fs.readFileSync(file, 'utf8');
  expect(csv.startsWith('\ufeffrequest,given_on,took_place,mode,rating,most_useful,comment\r\n')).toBe(true);
  expect(csv).toContain(`,yes,phone,4,,${comment}\r\n`);

  // Another range: an old one has nothing in it, and the range is in the address.
  await page.getByLabel('From', { exact: true }).fill('2020-01-01');
  await page.getByLabel('To', { exact: true }).fill('2020-12-31');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/from=2020-01-01&to=2020-12-31/);
  await expect(page.getByText('Requests made from 1 January 2020 to 31 December 2020.')).toBeVisible();
  await expect(page.locator('.tile', { hasText: 'Requests made' })).toContainText('0');
  await expect(page.getByText('No comments on the requests of this range yet.')).toBeVisible();
  await expectAccessible(page, info);

  // A range the wrong way round is refused with why, and nothing else is shown.
  await page.getByLabel('From', { exact: true }).fill('2020-12-31');
  await page.getByLabel('To', { exact: true }).fill('2020-01-01');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByText('From must be on or before To.')).toBeVisible();
});
