import type { Page } from '@playwright/test';
import { at, expect, expectNoSeriousA11yViolations, test } from './fixtures';

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

const hitTitles = (page: Page) => page.locator('[data-hits] .search-hit-title');

test('?q= runs on load, and equations are findable as typed text', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(at('search/?q=sqrt(d_k)'));
  await expect(page.getByRole('searchbox', { name: 'Search the notebooks' })).toHaveValue('sqrt(d_k)');
  await expect(page.getByRole('status')).toContainText('for “sqrt(d_k)”');
  await expect(hitTitles(page).first()).toHaveText('Scaled dot-product attention');
  // Each result names its domain and carries its summary.
  const first = page.locator('[data-hits] .search-hit').first();
  await expect(first.locator('.search-hit-meta')).toHaveText('Transformers');
  await expect(first.locator('.search-hit-summary')).not.toBeEmpty();

  await page.getByRole('searchbox').fill('Mem_KV');
  await expect(hitTitles(page).first()).toHaveText('KV cache');
  // Pagefind cannot split "QK^T" into words: a formula like that is the paper mapper's job.
  expect(errors).toEqual([]);
});

test('filters narrow the results and live in the address', async ({ page }) => {
  // "low-rank" finds written notebooks and a planned one, so the status filter has something to drop.
  await page.goto(at('search/?q=low-rank'));
  await expect(page.getByRole('status')).toContainText('for “low-rank”');
  // The list shows at most 20 hits, so compare the totals the status line reports.
  const total = async () => Number(/^(\d+) notebooks? for/.exec((await page.getByRole('status').textContent()) ?? '')?.[1]);
  const before = await total();
  await page.getByText('Filters').click();
  await page.getByRole('group', { name: 'Status' }).getByRole('checkbox', { name: 'Complete' }).check();
  await expect(page).toHaveURL(/status=Complete/);
  await expect(page.getByRole('status')).toContainText('more without the filters');
  const after = await total();
  expect(after).toBeGreaterThan(0);
  expect(after).toBeLessThan(before);
  const titles = await hitTitles(page).allTextContents();
  expect(titles.length).toBeGreaterThan(0);
  expect(titles).toContain('Singular value decomposition (SVD)');
  await expect(page.locator('[data-hits] .search-hit-meta', { hasText: 'planned' })).toHaveCount(0);

  // A shared address restores the same filters.
  await page.goto(at('search/?q=attention&domain=Inference%20%26%20Serving'));
  await expect(
    page.getByRole('group', { name: 'Domain' }).getByRole('checkbox', { name: 'Inference & Serving' }),
  ).toBeChecked();
  for (const meta of await page.locator('[data-hits] .search-hit-meta').allTextContents())
    expect(meta).toMatch(/^Inference & Serving/);
  await expectNoSeriousA11yViolations(page);
});

test('"/" and Ctrl-K open the search dialog from any page; Escape returns focus', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(at('concepts/dot-product/'));
  // Typing straight after the shortcut, before the dialog's code has loaded, loses no letter.
  await page.keyboard.press('/');
  await page.keyboard.type('GQA');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  const box = dialog.getByRole('searchbox', { name: 'Search the notebooks' });
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('GQA');
  await expect(dialog.locator('.search-hit-title').first()).toHaveText(/Grouped-query attention/);
  // Arrow down reaches the first result; Enter follows it.
  await page.keyboard.press('ArrowDown');
  await expect(dialog.locator('.search-hit-title').first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.keyboard.press('Control+k');
  await expect(dialog).toBeVisible();
  await expect(box).toBeFocused();
  await box.fill('sqrt(d_k)');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/concepts\/scaled-dot-product-attention\/$/);
  expect(errors).toEqual([]);
});

test('typing "/" in a text field types it instead of opening search', async ({ page }) => {
  await page.goto(at('map/'));
  const box = page.getByRole('textbox', { name: /Paste an equation/ });
  await box.click();
  await page.keyboard.type('a/b');
  await expect(box).toHaveValue('a/b');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('the header link opens the dialog, and without JavaScript it is a link to /search/', async ({
  page,
  browser,
  baseURL,
}) => {
  await page.goto(at('graph/'));
  await page.getByRole('link', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const noJs = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const plain = await noJs.newPage();
  await plain.goto(at('graph/'));
  await plain.getByRole('link', { name: 'Search', exact: true }).click();
  await expect(plain).toHaveURL(/\/search\/$/);
  // Playwright's text locators skip <noscript>; innerText holds only what is rendered, so this sees what the reader sees.
  expect(await plain.locator('main').innerText()).toContain('Search runs in your browser and needs JavaScript');
  await noJs.close();
});
