import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './scripts/chromium.mjs';

// Browser tests run against the production build (npm run build first), served by `astro preview`
// under the same base path the build used.
// PW_PORT lets two work trees run their browser tests at once without sharing a server.
const PORT = Number(process.env.PW_PORT) || 4322;
const base = process.env.BASE_PATH || '/';
// `npm test` also builds the site under a sub-path into dist-base/; when that build is there, a second
// server and project check that links, search, the mapper and the islands work under the prefix.
const BASE_CHECK = '/base-check/';
const BASE_PORT = PORT + 1;
const withBaseBuild = existsSync('dist-base/index.html');

const browser = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath: findChromium(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  },
};

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // axe over a notebook full of KaTeX markup takes tens of seconds on a 2-core machine.
  timeout: 120_000,
  // Pagefind's WebAssembly and the mapper's index load on first use; a busy 2-core runner needs more than 5 s.
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    baseURL: `http://localhost:${PORT}${base}`,
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'chromium', use: browser, testIgnore: /base-path\.spec\.ts$/ },
    ...(withBaseBuild
      ? [
          {
            name: 'base-path',
            use: { ...browser, baseURL: `http://localhost:${BASE_PORT}${BASE_CHECK}` },
            // The offline copy runs here too: its worker's scope and every URL it saves carry the base.
            testMatch: /(base-path|offline)\.spec\.ts$/,
          },
        ]
      : []),
  ],
  webServer: [
    {
      // --ignore-lock: Astro allows one tracked preview per project; without it the tests would refuse
      // to start while a reader's own `npm start` server is up.
      command: `npx astro preview --port ${PORT} --ignore-lock`,
      url: `http://localhost:${PORT}${base}`,
      reuseExistingServer: !process.env.CI,
      env: { ASTRO_TELEMETRY_DISABLED: '1' },
      timeout: 60_000,
    },
    ...(withBaseBuild
      ? [
          {
            command: `npx astro preview --outDir dist-base --port ${BASE_PORT} --ignore-lock`,
            url: `http://localhost:${BASE_PORT}${BASE_CHECK}`,
            reuseExistingServer: !process.env.CI,
            env: { ASTRO_TELEMETRY_DISABLED: '1', BASE_PATH: BASE_CHECK },
            timeout: 60_000,
          },
        ]
      : []),
  ],
});
