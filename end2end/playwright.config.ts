import { defineConfig } from '@playwright/test';

// The server under test: the debug build, on a fresh in-memory database seeded with demo
// volunteers. `./dev test` passes SERVER_BIN and SITE_ROOT.
const port = Number(process.env.E2E_PORT ?? 3199);
const bin = process.env.SERVER_BIN ?? '../target/debug/server';
const siteRoot = process.env.SITE_ROOT ?? '../target/site';
export const baseURL = `http://127.0.0.1:${port}`;
// The OpenID Connect providers the app signs in with (see oidc/e2e.toml): the lenient
// local one, and a strict, certified one (oidc-provider: claims only from UserInfo).
const oidcPort = 3198;
const strictPort = 3197;

const chromium = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
};

export default defineConfig({
  testDir: './tests',
  // A safety net for a stuck test, not a performance check: the longest spec walks a
  // request through four browsers and runs axe eight times.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/results.json' }]],
  use: { baseURL, trace: 'off' },
  projects: [
    // Every spec runs twice: as served (no JavaScript) and hydrated.
    { name: 'js-off', use: { ...chromium, javaScriptEnabled: false } },
    { name: 'js-on', use: { ...chromium, javaScriptEnabled: true } },
  ],
  webServer: [
    {
      command: `node oidc/provider.mjs --port ${oidcPort}`,
      url: `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `node oidc/strict-provider.mjs --port ${strictPort}`,
      url: `http://127.0.0.1:${strictPort}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `${bin} --config oidc/e2e.toml serve --listen 127.0.0.1:${port} --demo 150 --seed 7`,
      url: `${baseURL}/healthz`,
      env: {
        APP_DATABASE__URL: 'mem://',
        APP_SITE__ROOT: siteRoot,
        APP_LOG__FILTER: 'warn',
        // Emails as .eml files, read by the specs (./dev test empties the folder first).
        APP_EMAIL__FOLDER: '.mail',
        APP_EMAIL__POLL_SECONDS: '1',
        // Every spec's browser is 127.0.0.1: room for all of their request forms.
        APP_PROGRAM__REQUESTS_PER_IP_PER_HOUR: '500',
        APP_PROGRAM__SIGN_INS_PER_IP_PER_HOUR: '1000',
      },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
