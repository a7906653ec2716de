// Runs only in the "base-path" project, against the build in dist-base/ served under /base-check/.
import { at, expect, test } from './fixtures';

test('under a sub-path, search, the dialog and the mapper load their data and link inside the prefix', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(at('search/?q=sqrt(d_k)'));
  const first = page.locator('[data-hits] .search-hit-title').first();
  await expect(first).toHaveText('Scaled dot-product attention');
  await expect(first).toHaveAttribute('href', '/base-check/concepts/scaled-dot-product-attention/');

  await page.goto(at('map/?q=2305.13245'));
  const top = page.locator('[data-result] [data-concept]').first();
  await expect(top).toHaveAttribute('data-concept', 'grouped-query-attention');
  await expect(top.getByRole('link').first()).toHaveAttribute(
    'href',
    '/base-check/concepts/grouped-query-attention/',
  );
  await expect(page.getByRole('link', { name: /in the route graph$/ })).toHaveAttribute(
    'href',
    '/base-check/graph/?focus=grouped-query-attention',
  );

  await page.goto(at('concepts/kv-cache/'));
  await page.keyboard.press('Control+k');
  await page.keyboard.type('Mem_KV');
  await expect(page.getByRole('dialog').locator('.search-hit-title').first()).toHaveAttribute(
    'href',
    '/base-check/concepts/kv-cache/',
  );
  expect(errors).toEqual([]);
});

test('under a sub-path, the notes control, /notes/ and problem reports stay inside the prefix', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(at('concepts/kv-cache/'));
  const control = page.locator('#eq-mem-kv cf-note');
  await control.scrollIntoViewIfNeeded();
  await control.getByRole('button', { name: 'Add a note' }).click();
  await expect(control.getByRole('link', { name: 'All your notes' })).toHaveAttribute('href', '/base-check/notes/');
  const report = new URL((await control.locator('a.object-report').getAttribute('href'))!);
  expect(report.searchParams.get('body')).toMatch(/Page: \S+\/base-check\/concepts\/kv-cache\/#eq-mem-kv/);
  await control.getByLabel('Note', { exact: true }).fill('Under a prefix.');
  await control.getByRole('button', { name: 'Save note' }).click();
  await expect(control.getByRole('button', { name: 'Notes (1)' })).toBeVisible();

  await page.goto(at('notes/'));
  await expect(page.getByRole('link', { name: 'KV cache · Equation mem-kv' })).toHaveAttribute(
    'href',
    '/base-check/concepts/kv-cache/#eq-mem-kv',
  );
  expect(errors).toEqual([]);
});
