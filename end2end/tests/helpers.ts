import { Browser, expect, Page, TestInfo } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';
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

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

/**
 * axe-core finds no WCAG 2.x A/AA violation on the page as it is now.
 * axe is a script, so for a page under test with JavaScript off it runs in a second tab
 * whose own scripts (the app's JS and wasm) are blocked, on the same URL, fed the very
 * HTML the person's tab shows (signed-in pages, refused forms with their errors): nothing
 * is fetched again without the person's cookies. Style sheets load as usual, so contrast is
 * checked as seen.
 */
export async function expectAccessible(page: Page, info: TestInfo) {
  if (jsOn(info)) {
    expect(await axeViolations(page)).toEqual([]);
    return;
  }
  const url = page.url();
  const html = await page.content();
  const context = await page.context().browser()!.newContext({ javaScriptEnabled: true });
  try {
    await context.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
    // A request never carries the #fragment, so the page is matched without it.
    const bare = url.split('#')[0];
    await context.route(
      (u) => u.href.split('#')[0] === bare,
      (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
    const copy = await context.newPage();
    await copy.goto(url);
    expect(copy.url()).toBe(url);
    expect(await copy.locator('html').getAttribute('data-hydrated')).toBeNull();
    // The copy shows what the person saw: same title, same main heading.
    expect(await copy.title()).toBe(await page.title());
    expect(await copy.locator('h1').first().textContent()).toBe(
      await page.locator('h1').first().textContent(),
    );
    expect(await axeViolations(copy)).toEqual([]);
  } finally {
    await context.close();
  }
}

/** Marks the window; a full page load clears the mark, a client-side navigation keeps it. */
export async function markWindow(page: Page) {
  await page.evaluate(() => ((window as any).__noReload = true));
}

export async function windowStillMarked(page: Page) {
  return page.evaluate(() => (window as any).__noReload === true);
}

/** A different person for every test and project, so runs never meet. */
export function person(info: TestInfo, who: string) {
  const tag = `${who}-${info.project.name}-${Date.now().toString(36)}`;
  return { email: `${tag}@example.net`, name: `Pat ${who} ${info.project.name}` };
}

/** Signs in through the strict OpenID Connect provider's form (oidc-provider), from `path`. */
export async function signInStrict(page: Page, info: TestInfo, path: string, email: string, name: string) {
  await page.goto(path);
  await expect(page).toHaveURL(/\/signin\?next=/);
  await page.getByRole('link', { name: 'Sign in with Strict test sign-in' }).click();
  await expect(page.getByRole('heading', { name: 'Strict test sign-in' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(path.replace(/[/?]/g, '\\$&') + '$'));
  if (jsOn(info)) await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
}

/** Signs in through the local OpenID Connect provider's form, starting from `path`. */
export async function signIn(page: Page, info: TestInfo, path: string, email: string, name: string) {
  await page.goto(path);
  await expect(page).toHaveURL(/\/signin\?next=/);
  await page.getByRole('link', { name: 'Sign in with Local test sign-in' }).click();
  await expect(page.getByRole('heading', { name: 'Local test sign-in' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(path.replace(/[/?]/g, '\\$&') + '$'));
  if (jsOn(info)) await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
}

/** Where the e2e server writes its emails (APP_EMAIL__FOLDER in playwright.config.ts). */
const MAIL_DIR = path.join(__dirname, '..', '.mail');

/** The decoded text of an .eml file: quoted-printable and base64 parts made readable. */
function decode(raw: string): string {
  const qp = raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
  const b64 = [...raw.matchAll(/Content-Transfer-Encoding: base64\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/g)]
    .map((m) => Buffer.from(m[1].replace(/\r?\n/g, ''), 'base64').toString('utf8'))
    .join('\n');
  return `${qp}\n${b64}`;
}

/** Waits for an email to `to` whose text matches `pattern`; returns the first match group. */
export async function mailTo(to: string, pattern: RegExp): Promise<string> {
  for (let i = 0; i < 100; i++) {
    if (fs.existsSync(MAIL_DIR)) {
      for (const name of fs.readdirSync(MAIL_DIR).filter((n) => n.endsWith('.eml'))) {
        const raw = fs.readFileSync(path.join(MAIL_DIR, name), 'utf8');
        if (!new RegExp(`^To: .*${to.replace(/[.+]/g, '\\$&')}`, 'mi').test(raw)) continue;
        const m = decode(raw).match(pattern);
        if (m) return m[1] ?? m[0];
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no email to ${to} matching ${pattern}`);
}

/** Runs `run` in a fresh browser context (another person), with the project's JavaScript setting. */
export async function withContext<T>(browser: Browser, info: TestInfo, run: (page: Page) => Promise<T>) {
  const context = await browser.newContext({ javaScriptEnabled: jsOn(info) });
  try {
    return await run(await context.newPage());
  } finally {
    await context.close();
  }
}

/** A request sent and matched by the committee with its first suggestion; returns the
 * requester's name and email and the volunteer's name. */
export async function matchedRequest(browser: Browser, info: TestInfo, label = 'Studio') {
  const tag = `${info.project.name}-${Date.now().toString(36)}`;
  const name = `Zoë ${label} ${tag}`;
  const email = `${label.toLowerCase()}-${tag}@example.net`;
  await withContext(browser, info, async (asker) => {
    await open(asker, '/request', info);
    await asker.getByLabel('Your name (required)').fill(name);
    await asker.getByLabel('Your email (required)').fill(email);
    await asker.getByRole('radio', { name: 'I am a member' }).check();
    await asker.getByRole('radio', { name: 'Student' }).check();
    await asker
      .getByLabel('What you want to find out (required)')
      .fill('how people in your field gain their first experience');
    await asker.getByRole('checkbox', { name: /I have read the guidelines/ }).check();
    await asker.getByRole('button', { name: 'Send my request' }).click();
    await expect(asker).toHaveURL(/\/request\/sent$/);
  });
  const volunteer = await withContext(browser, info, async (chair) => {
    await signIn(chair, info, '/committee/requests', 'admin@example.org', 'Chair Person');
    await chair.getByRole('link', { name }).click();
    await expect(chair.getByRole('heading', { name: `Request from ${name}`, level: 1 })).toBeVisible();
    if (jsOn(info)) await expect(chair.locator('html')).toHaveAttribute('data-hydrated', 'true');
    const first = chair.locator('.suggestion').first();
    const button = first.getByRole('button', { name: /^Match with / });
    const label = (await button.textContent()) ?? '';
    await button.click();
    await expect(chair.getByRole('heading', { name: /^Matched with / })).toBeVisible();
    return label.replace(/^Match with /, '').trim();
  });
  return { name, email, volunteer };
}
