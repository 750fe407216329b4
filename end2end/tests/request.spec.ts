import { test, expect, Page, TestInfo, Browser } from '@playwright/test';
import { expectAccessible, jsOn, mailTo, open, person, signIn, signInStrict, withContext } from './helpers';

/** A signed-in volunteer with a profile in the pool; returns their profile path. */
async function newVolunteer(page: Page, info: TestInfo, who: { email: string; name: string }) {
  await signIn(page, info, '/me/profile', who.email, who.name);
  await page.getByLabel('Job title (required)').fill('Records and archives lead');
  await page.getByLabel('Years of experience (required)').fill('11');
  await page.getByRole('checkbox', { name: 'Records Manager' }).check();
  await page.getByLabel('Setting (required)').selectOption({ label: 'Government library' });
  await page.getByLabel('Region (required)').selectOption({ label: 'Central' });
  await page.getByRole('textbox', { name: 'Phone' }).fill('+1 555 010 4242');
  await page.getByRole('button', { name: 'Create profile' }).click();
  await expect(page).toHaveURL(/\/me\?saved=1$/);
  await page.getByRole('link', { name: 'See your public profile' }).click();
  await expect(page.getByRole('heading', { name: who.name, level: 1 })).toBeVisible();
  return new URL(page.url()).pathname;
}


test('a request goes from the form to a match, the contact reaches the requester and the volunteer sees the referral', async ({ page, browser }, info) => {
  const volunteer = person(info, 'ref');
  const profilePath = await newVolunteer(page, info, volunteer);
  const requester = { email: `asker-${info.project.name}-${Date.now().toString(36)}@example.net`, name: `Robin ${info.project.name}` };
  const requesterFirst = requester.name.split(' ')[0];

  // The requester picks the volunteer while browsing and fills in the form, first with a mistake.
  const statusLink = await withContext(browser, info, async (asker) => {
    await open(asker, profilePath, info);
    await asker.getByRole('link', { name: `Ask ${volunteer.name} for a conversation` }).click();
    await expect(asker.getByRole('heading', { name: 'Ask for a conversation', level: 1 })).toBeVisible();
    if (jsOn(info)) await expect(asker.locator('html')).toHaveAttribute('data-hydrated', 'true');
    await expect(asker.getByText(`You are asking to talk with ${volunteer.name}`)).toBeVisible();
    await expectAccessible(asker, info);
    await asker.getByLabel('Your name (required)').fill(requester.name);
    await asker.getByLabel('Your email (required)').fill(requester.email);
    await asker.getByRole('radio', { name: 'I am not a member' }).check();
    await asker.getByRole('radio', { name: 'Career changer' }).check();
    await asker.getByLabel('What you want to find out (required)').fill('Records?');
    await asker.getByRole('checkbox', { name: 'Records Manager' }).check();
    await asker.getByRole('checkbox', { name: /Weekday evenings/ }).check();
    await asker.getByRole('button', { name: 'Send my request' }).click();

    const summary = asker.locator('#form-errors');
    await expect(summary).toBeVisible();
    await expect(summary).toContainText('tell us a little more');
    await expect(summary).toContainText('please confirm that you have read the guidelines');
    // Nothing typed was lost.
    await expect(asker.getByLabel('Your name (required)')).toHaveValue(requester.name);
    await expect(asker.getByLabel('What you want to find out (required)')).toHaveValue('Records?');
    await expect(asker.getByRole('checkbox', { name: 'Records Manager' })).toBeChecked();
    await expect(asker.getByRole('checkbox', { name: /Weekday evenings/ })).toBeChecked();
    await expect(asker.getByText(`You are asking to talk with ${volunteer.name}`)).toBeVisible();
    await expectAccessible(asker, info);

    await asker
      .getByLabel('What you want to find out (required)')
      .fill('How do you decide what a city keeps for good, and how did you get into records work?');
    await asker.getByRole('checkbox', { name: /I have read the guidelines/ }).check();
    await asker.getByRole('button', { name: 'Send my request' }).click();
    await expect(asker).toHaveURL(/\/request\/sent$/);
    await expect(asker.getByRole('heading', { name: 'Thank you: your request is in' })).toBeVisible();
    await expectAccessible(asker, info);

    // The email carries the private link; it shows the request waiting.
    const token = await mailTo(requester.email, /\/r\/([0-9a-f]{64})/);
    await open(asker, `/r/${token}`, info);
    await expect(asker.getByRole('heading', { name: `Your request, ${requesterFirst}` })).toBeVisible();
    await expect(asker.getByText('Waiting for a match', { exact: true })).toBeVisible();
    await expectAccessible(asker, info);
    return `/r/${token}`;
  });

  // The committee finds it in the queue and matches it with the suggested volunteer.
  await withContext(browser, info, async (chair) => {
    await signIn(chair, info, '/committee/requests', 'admin@example.org', 'Chair Person');
    await expect(chair.getByRole('heading', { name: 'Request queue', level: 1 })).toBeVisible();
    await expectAccessible(chair, info);
    await chair.getByRole('link', { name: requester.name }).click();
    await expect(chair.getByRole('heading', { name: `Request from ${requester.name}`, level: 1 })).toBeVisible();
    if (jsOn(info)) await expect(chair.locator('html')).toHaveAttribute('data-hydrated', 'true');
    await expect(chair.getByRole('definition').filter({ hasText: 'weekday evenings' })).toBeVisible();
    const first = chair.locator('.suggestion').first();
    await expect(first.getByRole('heading', { level: 3 })).toContainText(volunteer.name);
    await expect(first.getByRole('row', { name: /Asked for by name/ })).toContainText('The requester asked for this volunteer');
    await expectAccessible(chair, info);
    await first.getByRole('button', { name: `Match with ${volunteer.name}` }).click();
    await expect(chair.getByRole('status').filter({ hasText: 'Matched.' })).toBeVisible();
    await expect(chair.getByRole('heading', { name: `Matched with ${volunteer.name}` })).toBeVisible();
  });

  // The requester's page now shows how to reach the volunteer.
  await withContext(browser, info, async (asker) => {
    await open(asker, statusLink, info);
    await expect(asker.getByRole('heading', { name: `Your volunteer: ${volunteer.name}` })).toBeVisible();
    await expect(asker.getByRole('link', { name: volunteer.email })).toBeVisible();
    await expect(asker.getByText('+1 555 010 4242')).toBeVisible();
    await expectAccessible(asker, info);
  });
  await mailTo(requester.email, /(You are matched with)/);

  // The volunteer sees the referral (first name and goal only) and marks it.
  await page.goto('/me/referrals');
  if (jsOn(info)) await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await expect(page.getByRole('heading', { name: new RegExp(`^${requesterFirst}, referred on`) })).toBeVisible();
  await expect(page.getByText('How do you decide what a city keeps for good')).toBeVisible();
  expect(await page.content()).not.toContain(requester.email);
  await page.getByText(`I cannot talk with ${requesterFirst} after all`).click();
  await expect(page.getByRole('button', { name: `Give ${requesterFirst}'s request back` })).toBeVisible();
  await expectAccessible(page, info);
  await page.getByRole('radio', { name: `The conversation with ${requesterFirst} took place` }).check();
  await page.getByRole('button', { name: 'Save my mark' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Thank you: noted.' })).toBeVisible();
  await expect(page.getByText('Conversation done')).toBeVisible();
  // A mis-click can be put right for a day.
  await expect(page.getByText(/^You can change your mark until /)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Change my mark' })).toBeVisible();
});

/** Sends a request through the public form (a fresh browser context); returns the name used. */
async function submitRequest(browser: Browser, info: TestInfo, label: string) {
  return (await submitRequestFrom(browser, info, label)).name;
}

/** Sends a request through the public form; returns the name and email used. */
async function submitRequestFrom(browser: Browser, info: TestInfo, label: string) {
  const name = `${label} ${info.project.name} ${Date.now().toString(36)}`;
  const email = `${label.toLowerCase()}-${info.project.name}-${Date.now().toString(36)}@example.net`;
  await withContext(browser, info, async (asker) => {
    await open(asker, '/request', info);
    if (jsOn(info)) await expect(asker.locator('html')).toHaveAttribute('data-hydrated', 'true');
    await fillAndSend(asker, name, email, 'What does a normal week look like, and which skills matter most in your work?');
  });
  return { name, email };
}

/** Fills in the request form as a student member and sends it. */
async function fillAndSend(asker: Page, name: string, email: string, goal: string) {
  await asker.getByLabel('Your name (required)').fill(name);
  await asker.getByLabel('Your email (required)').fill(email);
  await asker.getByRole('radio', { name: 'I am a member' }).check();
  await asker.getByRole('radio', { name: 'Student' }).check();
  await asker.getByLabel('What you want to find out (required)').fill(goal);
  await asker.getByRole('checkbox', { name: /I have read the guidelines/ }).check();
  await asker.getByRole('button', { name: 'Send my request' }).click();
  await expect(asker).toHaveURL(/\/request\/sent$/);
}

test('a requester who lost the email gets a new private link', async ({ page, browser }, info) => {
  const asked = await submitRequestFrom(browser, info, 'Forgetful');
  await open(page, '/request/sent', info);
  await page.getByRole('link', { name: 'Get your private link again' }).click();
  await expect(page.getByRole('heading', { name: 'Get your private link again', level: 1 })).toBeVisible();
  if (jsOn(info)) await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await expectAccessible(page, info);
  await page.getByLabel('Your email (required)').fill(asked.email);
  await page.getByRole('button', { name: 'Email me new links' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'we have emailed a new private link' })).toBeVisible();
  await expectAccessible(page, info);
  const token = await mailTo(asked.email, /Here is a new private link[\s\S]*?\/r\/([0-9a-f]{64})/);
  await open(page, `/r/${token}`, info);
  await expect(page.getByRole('heading', { name: 'Your request, Forgetful' })).toBeVisible();
});

test('the committee closes a request nobody can take', async ({ page, browser }, info) => {
  const name = await submitRequest(browser, info, 'Closable');
  await signIn(page, info, '/committee/requests', 'admin@example.org', 'Chair Person');
  await page.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { name: `Request from ${name}`, level: 1 })).toBeVisible();
  if (jsOn(info)) await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const close = page.getByRole('region', { name: 'Close without a match' });
  // Without a reason the browser asks for one and nothing is sent.
  await close.getByRole('button', { name: 'Close this request' }).click();
  await expect(page.getByRole('heading', { name: `Request from ${name}`, level: 1 })).toBeVisible();
  await expect(page.getByText('Waiting for a match', { exact: true })).toBeVisible();
  await close.getByRole('radio', { name: /Spam or not a real request/ }).check();
  await close.getByRole('button', { name: 'Close this request' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The request is closed' })).toBeVisible();
  await expect(page.getByText('Closed', { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Close without a match' })).toHaveCount(0);
  await expectAccessible(page, info);
});

test('the committee proposes matches for the whole queue and confirms them', async ({ page, browser }, info) => {
  // Two fresh requests, so that the proposal has something to match whatever ran before.
  await submitRequest(browser, info, 'Batcha');
  await submitRequest(browser, info, 'Batchb');
  await signIn(page, info, '/committee/batch', 'admin@example.org', 'Chair Person');
  await expect(page.getByRole('heading', { name: 'Propose matches for the whole queue', level: 1 })).toBeVisible();
  await expect(page.getByText(/waiting requests can be matched now/)).toBeVisible();
  const boxes = page.getByRole('checkbox', { name: /^Match / });
  const proposed = await boxes.count();
  expect(proposed).toBeGreaterThan(0);
  await expectAccessible(page, info);
  // Leave one pair out, confirm the rest.
  if (proposed > 1) await boxes.first().uncheck();
  await page.getByRole('button', { name: 'Confirm the ticked matches' }).click();
  const expected = proposed > 1 ? proposed - 1 : proposed;
  // The whole count, not a substring ("2 matched" must not pass for "12 matched").
  await expect(page.getByRole('status').filter({ hasText: new RegExp(`^${expected} matched[.;]`) })).toBeVisible();
  // The pair left out is still waiting.
  if (proposed > 1) {
    await page.goto('/committee/batch');
    if (jsOn(info)) await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
    await expect(page.getByRole('checkbox', { name: /^Match / }).first()).toBeVisible();
  }
});

/** Sends a request for the volunteer at `profilePath` and returns its private link. */
async function requestFor(browser: Browser, info: TestInfo, profilePath: string, volunteerName: string, label: string) {
  const email = `${label.toLowerCase()}-${info.project.name}-${Date.now().toString(36)}@example.net`;
  const name = `${label} ${info.project.name}`;
  await withContext(browser, info, async (asker) => {
    await open(asker, profilePath, info);
    await asker.getByRole('link', { name: `Ask ${volunteerName} for a conversation` }).click();
    await expect(asker.getByText(`You are asking to talk with ${volunteerName}`)).toBeVisible();
    if (jsOn(info)) await expect(asker.locator('html')).toHaveAttribute('data-hydrated', 'true');
    await fillAndSend(asker, name, email, 'How do you plan a week of records work, and what surprised you most?');
  });
  const token = await mailTo(email, /\/r\/([0-9a-f]{64})/);
  return { name, email, link: `/r/${token}` };
}

test('a requester withdraws from the private page', async ({ page, browser }, info) => {
  const asked = await submitRequestFrom(browser, info, 'Withdrawer');
  const token = await mailTo(asked.email, /\/r\/([0-9a-f]{64})/);
  await open(page, `/r/${token}`, info);
  await expect(page.getByRole('heading', { name: 'Withdraw your request' })).toBeVisible();
  await expectAccessible(page, info);
  await page.getByRole('checkbox', { name: 'Yes, withdraw my request' }).check();
  await page.getByRole('button', { name: 'Withdraw', exact: true }).click();
  // Without JavaScript this is the page's own form post with Origin: null (the page's
  // referrer policy is no-referrer): it must go through, not end on a bare 403.
  await expect(page).toHaveURL(new RegExp(`/r/${token}\\?withdrawn=1$`));
  await expect(page.getByRole('status').filter({ hasText: 'Your request is withdrawn.' })).toBeVisible();
  await expect(page.getByText('Withdrawn', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Withdraw your request' })).toHaveCount(0);
  await expectAccessible(page, info);
});

test('the committee matches, then undoes the match, and the page follows', async ({ page, browser }, info) => {
  const volunteer = person(info, 'undo');
  const profilePath = await newVolunteer(page, info, volunteer);
  const asked = await requestFor(browser, info, profilePath, volunteer.name, 'Undone');
  await withContext(browser, info, async (chair) => {
    await signIn(chair, info, '/committee/requests', 'admin@example.org', 'Chair Person');
    await chair.getByRole('link', { name: asked.name }).click();
    await expect(chair.getByRole('heading', { name: `Request from ${asked.name}`, level: 1 })).toBeVisible();
    if (jsOn(info)) await expect(chair.locator('html')).toHaveAttribute('data-hydrated', 'true');
    await chair.locator('.suggestion').first().getByRole('button', { name: `Match with ${volunteer.name}` }).click();
    await expect(chair.getByRole('status').filter({ hasText: 'Matched.' })).toBeVisible();
    await chair.getByRole('button', { name: `Undo the match with ${volunteer.name}` }).click();
    // The latest action speaks: not "Matched" any more.
    await expect(chair.getByRole('status').filter({ hasText: 'The match is undone' })).toBeVisible();
    await expect(chair.getByRole('status').filter({ hasText: 'Matched.' })).toHaveCount(0);
    await expect(chair.getByText('Waiting for a match', { exact: true })).toBeVisible();
    const declined = chair.locator('.facts div', { has: chair.getByText('Declined by', { exact: true }) });
    await expect(declined.getByRole('definition')).toHaveText(volunteer.name);
    await expectAccessible(chair, info);
  });
  await mailTo(asked.email, /(Your match could not go ahead)/);
});

test('a volunteer gives a referral back', async ({ page, browser }, info) => {
  const volunteer = person(info, 'giveback');
  const profilePath = await newVolunteer(page, info, volunteer);
  const asked = await requestFor(browser, info, profilePath, volunteer.name, 'Givenback');
  const first = asked.name.split(' ')[0];
  await withContext(browser, info, async (chair) => {
    await signIn(chair, info, '/committee/requests', 'admin@example.org', 'Chair Person');
    await chair.getByRole('link', { name: asked.name }).click();
    if (jsOn(info)) await expect(chair.locator('html')).toHaveAttribute('data-hydrated', 'true');
    await chair.locator('.suggestion').first().getByRole('button', { name: `Match with ${volunteer.name}` }).click();
    await expect(chair.getByRole('status').filter({ hasText: 'Matched.' })).toBeVisible();
  });
  await open(page, '/me/referrals', info);
  await page.getByText(`I cannot talk with ${first} after all`).first().click();
  await page.getByRole('button', { name: `Give ${first}'s request back` }).first().click();
  await expect(page.getByRole('status')).toBeVisible();
  await expectAccessible(page, info);
  await mailTo(asked.email, /(Your match could not go ahead)/);
  await withContext(browser, info, async (asker) => {
    await open(asker, asked.link, info);
    await expect(asker.getByText('Waiting for a match', { exact: true })).toBeVisible();
    await expect(asker.getByRole('heading', { name: /Your volunteer:/ })).toHaveCount(0);
  });
});

test('letting the committee choose drops the volunteer picked while browsing', async ({ page }, info) => {
  await open(page, '/volunteers', info);
  await page.locator('.card-title a').first().click();
  const name = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
  if (jsOn(info)) await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await page.getByRole('link', { name: `Ask ${name} for a conversation` }).click();
  await expect(page.getByText(`You are asking to talk with ${name}`)).toBeVisible();
  if (jsOn(info)) await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await page.getByRole('link', { name: 'Let the committee choose instead' }).click();
  await expect(page).toHaveURL(/\/request$/);
  await expect(page.getByText(`You are asking to talk with ${name}`)).toHaveCount(0);
  await expect(page.locator('input[name="form[preferred_volunteer]"]')).toHaveValue('');
  await expectAccessible(page, info);
});

test('a strict provider signs a person in with their name and email from UserInfo', async ({ page }, info) => {
  const who = person(info, 'strict');
  await signInStrict(page, info, '/me', who.email, who.name);
  // Before UserInfo was read, this said "Hello," and nothing.
  await expect(page.getByRole('heading', { name: `Hello, ${who.name}`, level: 1 })).toBeVisible();
  await expectAccessible(page, info);
});
