import { at, expect, test } from './fixtures';

const known = (page: import('@playwright/test').Page, title: string) =>
  page.getByRole('checkbox', { name: `I know this: ${title}` });

test('progress persists across reloads and counts in every track', async ({ page }) => {
  await page.goto(at('tracks/attention-to-serving/'));
  const dot = known(page, 'Dot product');
  await expect(dot).toBeEnabled();
  await dot.check();
  await expect(page.locator('[data-count]')).toHaveText(/^1 of 22 steps marked known$/);

  await page.reload();
  await expect(known(page, 'Dot product')).toBeChecked();

  // The same concept is step 1 of the foundations track too: marked there as well.
  await page.goto(at('tracks/foundations/'));
  await expect(known(page, 'Dot product')).toBeChecked();
  await known(page, 'Dot product').uncheck();
  await page.goto(at('tracks/attention-to-serving/'));
  await expect(known(page, 'Dot product')).not.toBeChecked();
});

test('progress exports as JSON and imports by merging', async ({ page }) => {
  await page.goto(at('tracks/attention-to-serving/'));
  await known(page, 'Softmax').check();
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export progress' }).click();
  const download = await downloadPromise;
  const exported = JSON.parse(
    await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString()),
  );
  expect(exported).toEqual({ format: 'continuous-function/progress', version: 1, known: ['softmax'] });

  await page.locator('input[type="file"]').setInputFiles({
    name: 'progress.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ ...exported, known: ['dot-product', 'softmax'] })),
  });
  await expect(page.getByRole('status').filter({ hasText: 'Imported: 1 newly known concept' })).toBeVisible();
  await expect(known(page, 'Dot product')).toBeChecked();
  await expect(known(page, 'Softmax')).toBeChecked();
});

test('a malformed or hostile import is rejected and nothing saved is lost', async ({ page }) => {
  await page.goto(at('tracks/attention-to-serving/'));
  await known(page, 'Softmax').check();
  const input = page.locator('input[type="file"]');
  await input.setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{not json'),
  });
  await expect(page.getByRole('status').filter({ hasText: 'not JSON' })).toContainText(
    'Nothing was changed.',
  );

  const hostile = {
    format: 'continuous-function/progress',
    version: 1,
    known: ['<img src=x onerror="window.pwned=1">'],
  };
  await input.setInputFiles({
    name: 'x.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(hostile)),
  });
  await expect(page.getByRole('status').filter({ hasText: 'Nothing was changed.' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  await expect(page.locator('.progress-tools img')).toHaveCount(0);
  await page.reload();
  await expect(known(page, 'Softmax')).toBeChecked();
});
