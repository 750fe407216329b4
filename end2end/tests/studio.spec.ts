import { test, expect, Page, TestInfo } from '@playwright/test';
import { expectAccessible, jsOn, mailTo, matchedRequest, open } from './helpers';

/** Opens a studio page; with JavaScript, waits until it is interactive (`data-studio-ready`
 * is also set after a client-side navigation, which has no hydration to wait for). */
async function openStudio(page: Page, path: string, info: TestInfo) {
  await open(page, path, info);
  await studioReady(page, info);
}

async function studioReady(page: Page, info: TestInfo) {
  if (jsOn(info)) await expect(page.locator('html')).toHaveAttribute('data-studio-ready', 'true');
}


test('a matched requester drafts, checks, keeps and prints from the studio', async ({ page, browser, context }, info) => {
  const { email, volunteer } = await matchedRequest(browser, info);
  // The match email links the studio.
  const studio = await mailTo(email, /(\/r\/[0-9a-f]{64}\/studio)/);
  await openStudio(page, studio, info);
  await expect(page.getByRole('heading', { name: `Write to ${volunteer}`, level: 1 })).toBeVisible();
  // A first draft, filled from the request and the profile, that follows the guidelines.
  const body = page.getByRole('textbox', { name: 'Message', exact: true });
  await expect(body).toHaveValue(new RegExp(volunteer.split(' ')[0]));
  await expect(body).toHaveValue(/how people in your field gain their first experience/);
  await expect(page.getByText('Nothing to fix: the message follows the guidelines.')).toBeVisible();
  await expectAccessible(page, info);

  // A casual opening asking for a job: the counter and the findings change.
  await page.getByRole('radio', { name: 'Email' }).check();
  await body.fill('Hey! Can you get me a job at your library? I will send my resume.');
  if (!jsOn(info)) {
    // Without JavaScript, the server counts and checks after each save.
    await page.getByRole('button', { name: 'Save', exact: true }).first().click();
    await expect(page).toHaveURL(/\?saved=1#message$/);
  }
  await expect(page.locator('#g-body')).toContainText('15 / 150 words');
  const findings = page.locator('.findings');
  await expect(findings.locator('[data-rule="casual-greeting"]')).toBeVisible();
  await expect(findings.locator('[data-rule="asks-for-job"]')).toBeVisible();
  await expect(findings.getByRole('link', { name: 'Why: the guidelines' }).first()).toHaveAttribute('href', /^\/guidelines#/);
  await expectAccessible(page, info);

  // A part of the template goes back in; the time-bound ask satisfies its rule.
  await page.getByText("The template's parts").click();
  await page.getByRole('button', { name: 'Add “The ask, with a time” to the message' }).click();
  await expect(findings.locator('[data-rule="no-time-bound"]')).toHaveCount(0);
  await expect(body).toHaveValue(/minute/);

  // Kept: after a reload the draft is there.
  if (jsOn(info)) await expect(page.locator('.save-state')).toContainText(/Saved/);
  await page.reload();
  await studioReady(page, info);
  await expect(body).toHaveValue(/^Hey! Can you get me a job/);

  // Copy to the clipboard (a script feature: the button exists only with JavaScript).
  const copy = page.getByRole('button', { name: 'Copy the message' });
  if (jsOn(info)) {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await copy.click();
    await expect(page.getByText('Copied to the clipboard.')).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('Hey! Can you get me a job');
  } else {
    await expect(copy).toBeHidden();
  }

  // Questions: suggested ones are chosen; move one up; the sheet follows.
  const chosen = page.locator('ol.chosen > li');
  const count = await chosen.count();
  expect(count).toBeGreaterThan(1);
  const second = (await chosen.nth(1).locator('span').first().textContent()) ?? '';
  await chosen.nth(1).getByRole('button', { name: /^Move up:/ }).click();
  await expect(chosen.first().locator('span').first()).toHaveText(second);
  await expect(page.locator('.prep-sheet ol > li').first()).toHaveText(second);

  // Printing shows the preparation sheet only.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('heading', { name: `Preparation sheet: conversation with ${volunteer}` })).toBeVisible();
  await expect(page.locator('.prep-sheet ol > li').first()).toHaveText(second);
  await expect(page.getByRole('heading', { name: '1. Your first message' })).toBeHidden();
  await expect(page.locator('header.site-header')).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  // The thank-you note, drafted from the goal and what was discussed.
  await page.getByRole('textbox', { name: 'What you talked about' }).fill('the reference desk rota');
  await page.getByRole('button', { name: 'Draft the thank-you note' }).click();
  await expect(page.getByRole('textbox', { name: 'Thank-you note' })).toHaveValue(/the reference desk rota/);
  // The follow-up waits for the date of the first message.
  await page.getByRole('button', { name: 'Draft the follow-up' }).click();
  await expect(page.getByText('Say when you sent your first message')).toBeVisible();
  await expectAccessible(page, info);
});

test('practice mode works from a public profile, without contact details', async ({ page }, info) => {
  await open(page, '/volunteers', info);
  await page.locator('.card-title a').first().click();
  const name = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
  if (jsOn(info)) await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await page.getByRole('link', { name: `Practise the message you would write to ${name}` }).click();
  await expect(page.getByRole('heading', { name: `Write to ${name}`, level: 1 })).toBeVisible();
  await studioReady(page, info);
  await expect(page.getByText('The committee makes the introduction')).toBeVisible();
  expect(await page.content()).not.toMatch(/mailto:/);
  await expectAccessible(page, info);

  // Every channel is offered; the connection note counts characters against 200.
  await page.getByRole('radio', { name: 'LinkedIn connection note' }).check();
  const body = page.getByRole('textbox', { name: 'Message', exact: true });
  const note = 'Dear Ms Example, I read your post on teen programs 👩‍👩‍👧‍👦 and would value a brief chat. Thank you, Pat';
  // Characters as a person sees them: the family emoji is one.
  const seen = [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(note)].length;
  expect(seen).toBeLessThan(note.length);
  await body.fill(note);
  await page.getByRole('textbox', { name: 'Your name' }).fill('Pat Practice');
  if (!jsOn(info)) {
    await page.getByRole('button', { name: 'Save', exact: true }).first().click();
    await expect(page).toHaveURL(/\?saved=1#message$/);
  } else {
    await expect(page.locator('.save-state')).toContainText('Saved in this browser.');
  }
  await expect(page.locator('#g-body')).toContainText(`${seen} / 200 characters`);
  await page.reload();
  await studioReady(page, info);
  await expect(body).toHaveValue(/I read your post on teen programs/);
  await expect(page.getByRole('radio', { name: 'LinkedIn connection note' })).toBeChecked();
  await expectAccessible(page, info);
});
