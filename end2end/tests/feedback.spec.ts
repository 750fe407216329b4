import { test, expect } from '@playwright/test';
import { expectAccessible, jsOn, mailTo, matchedRequest, open } from './helpers';

test('a matched requester notes the day of the conversation, then gives feedback and may change it', async ({ page, browser }, info) => {
  const { email, volunteer } = await matchedRequest(browser, info, 'Feedback');
  const link = await mailTo(email, /(\/r\/[0-9a-f]{64})\b(?!\/)/);
  await open(page, link, info);

  // Before the conversation: withdrawing is offered, feedback not yet.
  await expect(page.getByRole('heading', { name: 'Withdraw your request' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Give feedback' })).toHaveCount(0);

  // The day agreed: today. From then on the page asks how it went instead.
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel('The day of your conversation').fill(today);
  await page.getByRole('button', { name: 'Save the day' }).click();
  await expect(page.getByText('The day of your conversation is saved.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Give feedback' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Withdraw your request' })).toHaveCount(0);
  await expectAccessible(page, info);

  await page.getByRole('link', { name: 'Give feedback' }).click();
  await expect(page.getByRole('heading', { name: `How did your conversation with ${volunteer} go?`, level: 1 })).toBeVisible();
  if (jsOn(info)) await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await expectAccessible(page, info);

  // Sent empty: told what is missing, with a link to the question.
  await page.getByRole('button', { name: 'Send my feedback' }).click();
  const summary = page.locator('#form-errors');
  await expect(summary).toContainText('Did the conversation take place? is required.');

  // With JavaScript, the questions about how it went step aside when it did not happen.
  if (jsOn(info)) {
    await page.getByRole('radio', { name: 'No, it did not happen' }).check();
    await expect(page.getByRole('group', { name: /How you met/ })).toBeHidden();
  }
  await page.getByRole('radio', { name: 'Yes, we talked' }).check();
  await expect(page.getByRole('group', { name: /How you met/ })).toBeVisible();
  await page.getByRole('radio', { name: 'Video call' }).check();
  await page.getByRole('radio', { name: '5 – Extremely useful' }).check();
  await page.getByRole('radio', { name: 'Advice on my next steps' }).check();
  await page.getByLabel(/Anything else you would like to tell us/).fill('Warm, candid and practical.');
  await page.getByRole('button', { name: 'Send my feedback' }).click();

  // Back on the status page: thanked, the feedback step done, the answer changeable.
  await expect(page).toHaveURL(/\/r\/[0-9a-f]{64}\?thanks=1$/);
  await expect(page.getByText('Thank you for your feedback: it helps the committee')).toBeVisible();
  await expect(page.getByText('Conversation done')).toBeVisible();
  await expect(page.locator('.progress li.done', { hasText: 'Feedback' })).toBeVisible();
  const change = page.getByRole('link', { name: /^Change your answer \(until / });
  await expect(change).toBeVisible();
  await expectAccessible(page, info);

  // The answer comes back to be changed.
  await change.click();
  await expect(page.getByRole('radio', { name: '5 – Extremely useful' })).toBeChecked();
  await expect(page.getByLabel(/Anything else you would like to tell us/)).toHaveValue('Warm, candid and practical.');
  await page.getByRole('radio', { name: '4 – Very useful' }).check();
  await page.getByRole('button', { name: 'Save my changes' }).click();
  await expect(page).toHaveURL(/\?thanks=1$/);
});
