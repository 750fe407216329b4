import { test, expect } from '@playwright/test';
import { expectAccessible, jsOn, open, person, signIn } from './helpers';

test('a page that needs an account sends you to sign in, with every provider listed', async ({ page }, info) => {
  const res = await open(page, '/signin', info);
  expect(res?.status()).toBe(200);
  await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sign in with Local test sign-in' })).toHaveAttribute(
    'href',
    '/auth/login/local?next=%2Fme',
  );
  await expectAccessible(page, info);
  await page.goto('/me/profile');
  await expect(page).toHaveURL(/\/signin\?next=%2Fme%2Fprofile$/);
  await page.goto('/signin?error=state');
  await expect(page.getByRole('alert')).toContainText('already used');
});

test('a volunteer signs in, creates a profile with errors fixed on the way, and is listed', async ({ page, browser }, info) => {
  const who = person(info, 'vol');
  await signIn(page, info, '/me', who.email, who.name);
  await expect(page.getByRole('heading', { name: `Hello, ${who.name}` })).toBeVisible();
  await expect(page.getByText('No profile yet')).toBeVisible();
  await expectAccessible(page, info);

  await page.getByRole('link', { name: 'Create your volunteer profile' }).click();
  await expect(page.getByRole('heading', { name: 'Create your volunteer profile', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Contact email (required)')).toHaveValue(who.email);
  await page.getByLabel('Job title (required)').fill('Digital archivist');
  await page.getByLabel('About you').fill('I look after born-digital collections.');
  await page.getByLabel('Years of experience (required)').fill('two');
  await page.getByLabel('LinkedIn profile').fill('https://example.com/in/pat');
  await page.getByRole('button', { name: 'Create profile' }).click();

  const summary = page.locator('#form-errors');
  await expect(summary).toBeVisible();
  await expect(summary).toContainText('Roles is required.');
  await expect(summary).toContainText('Setting is required.');
  await expect(summary).toContainText('Years of experience: enter a whole number');
  await expect(summary).toContainText('LinkedIn profile: paste the address of your LinkedIn profile');
  // Nothing typed was lost.
  await expect(page.getByLabel('About you')).toHaveValue('I look after born-digital collections.');
  await expect(page.getByLabel('Job title (required)')).toHaveValue('Digital archivist');
  await expect(page.getByLabel('Years of experience (required)')).toHaveValue('two');
  await expect(page.getByLabel('Years of experience (required)')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, info);

  await page.getByLabel('Years of experience (required)').fill('8');
  if (jsOn(info)) {
    // Checked again while it is corrected, by the same rules as the server's.
    await expect(page.locator('#e-years_experience')).toBeHidden();
    await page.getByLabel('Years of experience (required)').fill('80');
    await expect(page.locator('#e-years_experience')).toHaveText('Years of experience must be between 0 and 70.');
    await page.getByLabel('Years of experience (required)').fill('8');
    await expect(page.locator('#e-years_experience')).toBeHidden();
  }
  await page.getByLabel('LinkedIn profile').fill('https://www.linkedin.com/in/pat-archivist');
  await page.getByRole('checkbox', { name: 'Records Manager' }).check();
  await page.getByLabel('Setting (required)').selectOption({ label: 'Public library' });
  await page.getByLabel('Region (required)').selectOption({ label: 'Central' });
  await page.getByRole('checkbox', { name: 'Phone' }).check();
  await page.getByLabel('Time 1: day').selectOption({ label: 'Wednesday' });
  await page.getByLabel('Time 1: from').fill('14:00');
  await page.getByLabel('Time 1: to').fill('16:00');
  await page.getByRole('textbox', { name: 'Phone' }).fill('+1 555 010 7788');
  await page.getByRole('button', { name: 'Create profile' }).click();

  await expect(page).toHaveURL(/\/me\?saved=1$/);
  await expect(page.getByRole('status').filter({ hasText: 'Your profile is saved.' })).toBeVisible();
  await expect(page.getByText('In the pool', { exact: true })).toBeVisible();
  await expect(page.getByText('3 of your 3 contacts left')).toBeVisible();

  await page.getByRole('link', { name: 'See your public profile' }).click();
  await expect(page.getByRole('heading', { name: who.name, level: 1 })).toBeVisible();
  await expect(page.getByText('Wednesday 14:00–16:00')).toBeVisible();
  // What anyone else's browser gets for that profile: no contact details.
  const anonymous = await browser.newContext({ javaScriptEnabled: jsOn(info) });
  try {
    const other = await anonymous.newPage();
    const res = await other.goto(page.url());
    expect(res?.status()).toBe(200);
    await expect(other.getByRole('heading', { name: who.name, level: 1 })).toBeVisible();
    const html = await other.content();
    expect(html).not.toContain(who.email);
    expect(html).not.toContain('555 010 7788');
    expect(html).not.toContain('pat-archivist');
  } finally {
    await anonymous.close();
  }

  // Pausing takes the profile out of the pool, and the page says why and until when.
  await page.goto('/me/profile');
  if (jsOn(info)) await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const until = new Date(Date.now() + 20 * 86400_000).toISOString().slice(0, 10);
  await page.getByLabel('Away until').fill(until);
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page).toHaveURL(/\/me\?saved=1$/);
  await expect(page.getByText('Not in the pool', { exact: true })).toBeVisible();
  await expect(page.getByText(/You are away until/)).toBeVisible();
});

test('a volunteer leaves the program after typing the confirmation', async ({ page }, info) => {
  const who = person(info, 'leaver');
  await signIn(page, info, '/me/profile', who.email, who.name);
  await page.getByLabel('Job title (required)').fill('Branch librarian');
  await page.getByLabel('Years of experience (required)').fill('5');
  await page.getByRole('checkbox', { name: 'Public Librarian' }).check();
  await page.getByLabel('Setting (required)').selectOption({ label: 'Public library' });
  await page.getByLabel('Region (required)').selectOption({ label: 'Northeast' });
  await page.getByRole('button', { name: 'Create profile' }).click();
  await expect(page).toHaveURL(/\/me\?saved=1$/);

  await page.getByRole('link', { name: 'Leave the program' }).click();
  await expect(page.getByRole('heading', { name: 'Leave the program', level: 1 })).toBeVisible();
  await expectAccessible(page, info);
  await page.getByLabel('Type LEAVE to confirm').fill('yes please');
  await page.getByRole('button', { name: 'Delete my profile and leave' }).click();
  await expect(page.locator('#e-confirm')).toContainText('Type LEAVE in the box to confirm.');
  await expect(page).toHaveURL(/\/me\/leave/);

  await page.getByLabel('Type LEAVE to confirm').fill('LEAVE');
  await page.getByRole('button', { name: 'Delete my profile and leave' }).click();
  await expect(page).toHaveURL(/\/left$/);
  await expect(page.getByRole('heading', { name: 'You have left the program' })).toBeVisible();
  await expect(page.getByText('Your account has been deleted too')).toBeVisible();
  await expectAccessible(page, info);
  await page.goto('/me');
  await expect(page).toHaveURL(/\/signin\?next=%2Fme$/);
});

test('an administrator grants the committee role, which opens the roster', async ({ page, browser }, info) => {
  const member = person(info, 'member');
  const memberContext = await browser.newContext({ javaScriptEnabled: jsOn(info) });
  const memberPage = await memberContext.newPage();
  try {
    await signIn(memberPage, info, '/me', member.email, member.name);
    const refused = await memberPage.goto('/committee/volunteers');
    expect(refused?.status()).toBe(403);
    await expect(memberPage.getByRole('heading', { name: 'Not available to you' })).toBeVisible();

    await signIn(page, info, '/admin/people', 'admin@example.org', 'Chair Person');
    await expect(page.getByRole('heading', { name: 'People and roles' })).toBeVisible();
    await expectAccessible(page, info);
    const row = page.getByRole('row').filter({ hasText: member.email });
    await row.getByRole('button', { name: `Add ${member.name} to the committee` }).click();
    await expect(
      page.getByRole('row').filter({ hasText: member.email }).getByRole('cell', { name: 'Committee member' }),
    ).toBeVisible();

    const allowed = await memberPage.goto('/committee/volunteers');
    expect(allowed?.status()).toBe(200);
    await expect(memberPage.getByRole('heading', { name: 'Volunteer roster' })).toBeVisible();
    await expect(memberPage.getByRole('row')).not.toHaveCount(1);
    await expect(memberPage.getByRole('link', { name: /@/ }).first()).toBeVisible();
    if (jsOn(info)) await expect(memberPage.locator('html')).toHaveAttribute('data-hydrated', 'true');
    await expectAccessible(memberPage, info);

    // Signing out ends the session.
    await memberPage.getByRole('button', { name: 'Sign out' }).click();
    await expect(memberPage).toHaveURL(/\/signin\?signed_out=1$/);
    await expect(memberPage.getByText('You have signed out.')).toBeVisible();
    await memberPage.goto('/committee/volunteers');
    await expect(memberPage).toHaveURL(/\/signin\?next=/);
  } finally {
    await memberContext.close();
  }
});
