// The offline copy: save it on /offline/, cut the network, and read, search, map, calculate and use a
// lab; an update published meanwhile is announced and applied whole; removing it leaves nothing.
// Runs in both projects: at the root, and under /base-check/ against dist-base/.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { at, expect, expectNoSeriousA11yViolations, test } from './fixtures';
import { serveBuild } from './static-server';

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

const status = (page: Page) => page.locator('cf-offline [data-status]');

async function saveCopy(page: Page) {
  await page.goto(at('offline/'));
  await expect(status(page)).toContainText('Not saved');
  await expect(page.locator('[data-size]')).toHaveText(/^\d[\d.]* (kB|MB) \(\d[\d.]* (kB|MB) where the server does not compress\)$/);
  await page.getByRole('button', { name: 'Save the atlas for offline use' }).click();
  await expect(status(page)).toContainText('Saved: every page', { timeout: 90_000 });
  await expect(page.getByRole('button', { name: 'Remove the offline copy' })).toBeVisible();
}

/** Cut the network for pages and the service worker alike: offline, and any request that gets out fails. */
async function goOffline(context: BrowserContext) {
  await context.setOffline(true);
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
}

test('saved, the whole atlas works with the network off: notebooks, search, the mapper, the calculator and a lab', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  const manifest = await (await page.request.get(at('offline-manifest.json'))).json();
  expect(manifest.base).toBe(new URL(baseURL!).pathname);
  expect(manifest.files.every((f: { url: string }) => f.url.startsWith(manifest.base))).toBe(true);
  await saveCopy(page);
  await expect(page.locator('[data-saved]')).toHaveText(manifest.version);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope)).toBe(baseURL);
  await expectNoSeriousA11yViolations(page, 'cf-offline');

  await goOffline(context);

  // A notebook, with its math set in KaTeX's own fonts.
  const notebook = await page.goto(at('concepts/kv-cache/'));
  expect(notebook?.fromServiceWorker()).toBe(true);
  await expect(page.getByRole('heading', { level: 1, name: 'KV cache' })).toBeVisible();
  const katexFonts = await page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].filter((f) => f.family.includes('KaTeX') && f.status === 'loaded').length;
  });
  expect(katexFonts).toBeGreaterThan(0);

  // Search: the page with ?q=, then the dialog from a notebook.
  await page.goto(at('search/?q=sqrt(d_k)'));
  await expect(page.locator('[data-hits] .search-hit-title').first()).toHaveText('Scaled dot-product attention');
  await page.goto(at('concepts/softmax/'));
  await page.keyboard.press('Control+k');
  await page.keyboard.type('sqrt(d_k)');
  await expect(page.getByRole('dialog').locator('.search-hit-title').first()).toHaveText(
    'Scaled dot-product attention',
  );

  // The paper mapper reads its index from the copy.
  await page.goto(at('map/?q=2305.13245'));
  await expect(page.locator('[data-result] [data-concept]').first()).toHaveAttribute(
    'data-concept',
    'grouped-query-attention',
  );

  // The calculator computes, and recomputes when an input changes.
  await page.goto(at('tools/kv-cache/?model=llama-2-7b&batch=8&tokens=4096&dtype=fp16'));
  const total = page.locator('[data-kv="total-bytes"]').first();
  await expect(total).toHaveText('17,179,869,184 bytes = 16 GiB ≈ 17.18 GB');
  await page.getByLabel('Batch, B (sequences)').fill('16');
  await expect(total).toHaveAttribute('data-value', String(2 * 17179869184));

  // The lever lab reveals its ranking.
  await page.goto(at('labs/kv-cache-lever/'));
  const card = page.locator('#llama-3-1-70b-long-context');
  await card.getByRole('radio', { name: 'Sliding window of 4,096 tokens' }).check();
  await card.getByRole('button', { name: 'Reveal' }).click();
  await expect(card.locator('table')).toBeVisible();

  // The notes page and the notes control work offline (their code and /notes/ are precached).
  await page.goto(at('notes/'));
  await expect(page.getByRole('heading', { level: 1, name: 'Your notes' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Download JSON' })).toBeVisible();
  await page.goto(at('concepts/kv-cache/'));
  await page.locator('cf-note[data-object="kv-cache"]').getByRole('button', { name: 'Add a note' }).click();
  await expect(page.locator('cf-note[data-object="kv-cache"]').getByLabel('Note', { exact: true })).toBeVisible();

  // A page asked for without its slash, and one that does not exist.
  await page.goto(at('concepts/softmax'));
  await expect(page.getByRole('heading', { level: 1, name: 'Softmax' })).toBeVisible();
  const missing = await page.goto(at('concepts/no-such-notebook/'));
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // Offline, /offline/ still knows what it holds.
  await page.goto(at('offline/'));
  await expect(status(page)).toContainText('Saved: every page');
  expect(errors).toEqual([]);
});

test('a new deployment downloads whole, is announced on every page, and applies when the reader says so', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  // The browser fetches a worker's script for an update check itself, past Playwright's routes, so this
  // test serves the build from its own server, where a "deployment" swaps the files.
  const base = new URL(baseURL!).pathname;
  const dir = base === '/' ? 'dist' : 'dist-base';
  const site = await serveBuild({ dir, base });
  const context = await browser.newContext({ baseURL: site.url });
  const page = await context.newPage();
  const errors = collectErrors(page);
  try {
    await saveCopy(page);
    const old = JSON.parse(await readFile(join(dir, 'offline-manifest.json'), 'utf8'));
    const worker = await readFile(join(dir, 'sw.js'), 'utf8');
    const home = await readFile(join(dir, 'index.html'), 'utf8');

    // Deploy: a changed home page, its new hash in a manifest with a new id, a worker naming that id.
    const next = 'abcdef123456';
    site.overrides.set(base, home.replace('</main>', '<p id="deployed-later">Published later.</p></main>'));
    site.overrides.set(
      `${base}offline-manifest.json`,
      JSON.stringify({
        ...old,
        version: next,
        files: old.files.map((f: { url: string }) => (f.url === base ? { ...f, rev: 'changed' } : f)),
      }),
    );
    site.overrides.set(`${base}sw.js`, worker.replaceAll(old.version, next));
    site.requests.length = 0;

    // /offline/ sees the newer manifest and checks; the new version downloads in the background.
    await page.goto(at('offline/'));
    await expect(status(page)).toContainText('An update is ready', { timeout: 90_000 });
    // Only what changed came over the network: unchanged files were copied from the saved version.
    expect(site.requests.filter((p) => p.includes('/_astro/') || p.includes('/pagefind/'))).toEqual([]);
    expect(site.requests).toContain(base);
    // Until it is applied, the saved version is the one in use, whole: the old home page.
    await expect(page.locator('[data-saved]')).toHaveText(old.version);
    await page.goto(site.url);
    await expect(page.locator('#deployed-later')).toHaveCount(0);

    // Every page announces it, in a live region, with a button that applies it.
    await page.goto(at('concepts/softmax/'));
    const notice = page.locator('[aria-live="polite"] [data-offline-update]');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('A new version of the atlas is ready');
    await expectNoSeriousA11yViolations(page, '.offline-update');
    const reloaded = page.waitForEvent('load');
    await notice.getByRole('button', { name: 'Update now' }).click();
    await reloaded;
    await expect(page.getByText('A new version of the atlas is ready')).toBeHidden();

    await context.setOffline(true);
    await page.goto(site.url);
    await expect(page.locator('#deployed-later')).toHaveText('Published later.');
    await page.goto(at('offline/'));
    await expect(status(page)).toContainText('Saved: every page');
    await expect(page.locator('[data-saved]')).toHaveText(next);
    // One version's cache, never a mix.
    expect(await page.evaluate(() => caches.keys())).toEqual([`cf-offline-${next}`]);

    // A second deployment, applied from /offline/'s own button this time.
    await context.setOffline(false);
    const third = '0123456789ab';
    site.overrides.set(
      `${base}offline-manifest.json`,
      JSON.stringify({ ...old, version: third }),
    );
    site.overrides.set(`${base}sw.js`, worker.replaceAll(old.version, third));
    site.overrides.delete(base);
    await page.goto(at('offline/'));
    const apply = page.getByRole('button', { name: 'Update the offline copy' });
    await expect(apply).toBeVisible({ timeout: 90_000 });
    const reloadedAgain = page.waitForEvent('load');
    await apply.click();
    await reloadedAgain;
    await expect(page.locator('[data-saved]')).toHaveText(third);
    await expect(status(page)).toContainText('Saved: every page');
    await page.goto(site.url);
    await expect(page.locator('#deployed-later')).toHaveCount(0);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
    await site.close();
  }
});

test('removing the copy unregisters the worker and deletes every cache', async ({ page }) => {
  const errors = collectErrors(page);
  await saveCopy(page);
  await page.getByRole('button', { name: 'Remove the offline copy' }).click();
  await expect(status(page)).toContainText('Removed: the offline copy is deleted');
  await expect(page.getByRole('button', { name: 'Save the atlas for offline use' })).toBeVisible();
  await expect(page.locator('[data-saved]')).toHaveText('none');
  expect(await page.evaluate(() => caches.keys())).toEqual([]);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
  await page.reload();
  await expect(status(page)).toContainText('Not saved');
  expect(errors).toEqual([]);
});

test('an interrupted download says so, keeps nothing and can be retried', async ({ page, context }) => {
  const errors = collectErrors(page);
  await page.goto(at('offline/'));
  await expect(status(page)).toContainText('Not saved');
  // The worker's requests for the search index fail, as if the connection dropped midway.
  await context.route(/\/pagefind\/fragment\//, (route) => route.abort('connectionreset'));
  await page.getByRole('button', { name: 'Save the atlas for offline use' }).click();
  await expect(page.getByRole('alert')).toContainText('Saving stopped: the download was interrupted', {
    timeout: 60_000,
  });
  await expect(status(page)).toContainText('Not saved');
  expect(await page.evaluate(() => caches.keys())).toEqual([]);
  await context.unroute(/\/pagefind\/fragment\//);
  await page.getByRole('button', { name: 'Save the atlas for offline use' }).click();
  await expect(status(page)).toContainText('Saved: every page', { timeout: 90_000 });
  expect(errors).toEqual([]);
});

test('too little storage is said before anything downloads', async ({ page }) => {
  await page.addInitScript(() => {
    navigator.storage.estimate = async () => ({ quota: 2_000_000, usage: 1_500_000 });
  });
  await page.goto(at('offline/'));
  await page.getByRole('button', { name: 'Save the atlas for offline use' }).click();
  await expect(page.getByRole('alert')).toContainText('Not enough storage: this browser lets the site keep about 500 kB more');
  await expect(status(page)).toContainText('Not saved');
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
});

test('a browser without service workers is told why it cannot save', async ({ page }) => {
  await page.addInitScript(() => delete (Navigator.prototype as { serviceWorker?: unknown }).serviceWorker);
  await page.goto(at('offline/'));
  await expect(status(page)).toHaveText('Offline copies are not available here.');
  await expect(page.getByRole('alert')).toContainText('This browser has no service workers');
  await expect(page.getByRole('button', { name: 'Save the atlas for offline use' })).toBeHidden();
});

test('the offline page passes axe in light and dark and fits a 360 px screen', async ({ page }) => {
  await page.goto(at('offline/'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Save the atlas for offline use');
  await expect(status(page)).toContainText('Not saved');
  await expectNoSeriousA11yViolations(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousA11yViolations(page);
  await page.setViewportSize({ width: 360, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // The footer of every page links here.
  await page.goto(at('concepts/softmax/'));
  await page.getByRole('contentinfo').getByRole('link', { name: 'Save the atlas for offline use' }).click();
  await expect(page).toHaveURL(/\/offline\/$/);
});
