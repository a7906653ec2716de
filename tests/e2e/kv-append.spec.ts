import { at, expect, expectNoSeriousA11yViolations, test } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * axe over the island alone, as the fixture's expectNoSeriousA11yViolations does over a page: on a
 * loaded 2-core machine a whole notebook of KaTeX takes minutes, and pages.spec.ts sweeps whole pages.
 */
// The kv-cache notebook's stepper: the witness's toy shape (3 layers, 4 query heads, 4 KV heads of 6,
// d_model 16, fp32) over a 20-token sentence. Per token the cache grows by 3 · 4 · 6 · 2 · 4 = 576 bytes.
const PAGE = 'concepts/kv-cache/';
const stepper = (page: Page) => page.locator('cf-kv-append');
const kva = (page: Page, key: string) => stepper(page).locator(`[data-kva="${key}"]`);

/** The stepper waits behind a "predict first" question (tests/e2e/prediction.spec.ts): open it without one. */
async function skipPrediction(page: Page) {
  const gate = page.locator('#prediction-kv-append-work-ratio');
  await gate.scrollIntoViewIfNeeded();
  await gate.getByRole('button', { name: 'Skip and just explore' }).click();
  await stepper(page).scrollIntoViewIfNeeded();
}

async function open(page: Page, hash = '') {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(at(PAGE + hash));
  await skipPrediction(page);
  // The island removes its no-JavaScript note once it has loaded.
  await expect(stepper(page).locator('[data-nojs]')).toHaveCount(0);
  return errors;
}

test('keyboard: Step appends a row per step, the token strip steps with arrows, Home and End', async ({
  page,
}) => {
  const errors = await open(page);
  const status = stepper(page).getByRole('status');
  await expect(status).toContainText('Step 0 of 20');
  await expect(kva(page, 'bytes')).toHaveAttribute('data-value', '0');

  const next = stepper(page).getByRole('button', { name: 'Step →' });
  await next.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
  await expect(status).toContainText(
    'Step 3 of 20: “keeps” appended one K row and one V row in each of 3 layers',
  );
  await expect(kva(page, 'bytes')).toHaveAttribute('data-value', String(3 * 576));
  await expect(kva(page, 'bytes')).toHaveText('1,728 bytes ≈ 1.688 KiB ≈ 1.728 kB');
  // Work so far, by hand: with a cache 2,304 · 3 + 144 · (1+2+3) = 7,776;
  // without, 2,304 · (1+2+3) + 144 · (1 + 3 + 6) = 15,264.
  await expect(kva(page, 'total-total-with')).toHaveAttribute('data-value', '7776');
  await expect(kva(page, 'total-total-without')).toHaveAttribute('data-value', '15264');
  await expect(page).toHaveURL(/#kv-cache-append\?step=3&/);
  await expect(next).toBeFocused();

  // The strip is one tab stop on the current token; arrows, Home and End move through the steps.
  const strip = stepper(page).getByRole('group', { name: /Tokens/ });
  const current = strip.locator('[aria-current="step"]');
  await expect(current).toHaveText('keeps');
  await current.focus();
  await page.keyboard.press('ArrowRight');
  await expect(strip.locator('[aria-current="step"]')).toHaveText('each');
  await expect(strip.locator('[aria-current="step"]')).toBeFocused();
  await expect(status).toContainText('Step 4 of 20');
  await page.keyboard.press('End');
  await expect(status).toContainText('Step 20 of 20');
  await expect(kva(page, 'bytes')).toHaveAttribute('data-value', '11520');
  // The witness's counts for one sequence instead of three: 630 and 60 positions projected.
  await expect(kva(page, 'positions-total-without')).toHaveText('630');
  await expect(kva(page, 'positions-total-with')).toHaveText('60');
  await expect(stepper(page).locator('caption').first()).toContainText('9.245 ×');
  await expect(next).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Home');
  await expect(status).toContainText('Step 0 of 20');
  expect(errors).toEqual([]);
});

test('pointer: a token jumps to its step, Back and Reset, and the rows table follows', async ({ page }) => {
  const errors = await open(page);
  await stepper(page).getByRole('button', { name: 'token', exact: true }).click();
  await expect(stepper(page).getByRole('status')).toContainText('Step 11 of 20: “token” appended');
  await stepper(page).getByRole('button', { name: '← Back' }).click();
  await expect(stepper(page).getByRole('status')).toContainText('Step 10 of 20');
  await expect(kva(page, 'bytes')).toHaveAttribute('data-value', '5760');
  await expect(kva(page, 'added')).toHaveAttribute('data-value', '576');

  // The picture's text equivalent: 10 rows, the newest marked, weights in per cent.
  await stepper(page).getByText('The picture as a table').click();
  const rows = stepper(page).locator('.kva-rows tbody tr');
  await expect(rows).toHaveCount(10);
  await expect(rows.last()).toContainText('10 (new)');
  await expect(rows.last().getByRole('rowheader')).toHaveText('next');
  // Rows 1–9 were stored earlier and do not change when row 10 arrives.
  const firstKey = await rows.first().locator('td').nth(1).textContent();
  await stepper(page).getByRole('button', { name: 'Step →' }).click();
  await expect(rows).toHaveCount(11);
  await expect(rows.first().locator('td').nth(1)).toHaveText(firstKey!);
  // The picture draws one row per cached token (+ the query), 6 numbers wide, in K and in V.
  await expect(stepper(page).locator('svg .kva-cell')).toHaveCount((11 * 2 + 1) * 6);
  await expect(stepper(page).locator('svg .kva-newest')).toHaveCount(2);

  await stepper(page).getByRole('button', { name: 'Reset' }).click();
  await expect(stepper(page).getByRole('status')).toContainText('Step 0 of 20');
  await expect(stepper(page).locator('svg .kva-cell')).toHaveCount(0);
  await expect(stepper(page).getByRole('button', { name: '← Back' })).toHaveAttribute(
    'aria-disabled',
    'true',
  );
  expect(errors).toEqual([]);
});

test('the hash sets the state, survives a reload, and follows the fields', async ({ page }) => {
  const errors = await open(
    page,
    '#kv-cache-append?step=20&layers=3&heads=4&kv_heads=1&head_dim=6&d_model=16&dtype=fp32',
  );
  const kvHeads = stepper(page).getByLabel('Key/value heads, H_kv');
  await expect(kvHeads).toHaveValue('1');
  // One KV head: 3 · 20 · 1 · 6 · 2 · 4 = 2,880 bytes, a quarter of 11,520 …
  await expect(kva(page, 'bytes')).toHaveAttribute('data-value', '2880');
  // … but the attention work is the same: 4 query heads still read every row (144 · 210 = 30,240).
  await expect(kva(page, 'attention-total-with')).toHaveAttribute('data-value', '30240');

  await stepper(page).getByLabel('Cache dtype').selectOption('fp16');
  await expect(kva(page, 'bytes')).toHaveAttribute('data-value', '1440');
  await expect(page).toHaveURL(/dtype=fp16/);
  await page.reload();
  await skipPrediction(page);
  await expect(stepper(page).getByLabel('Cache dtype')).toHaveValue('fp16');
  await expect(kva(page, 'bytes')).toHaveAttribute('data-value', '1440');
  await expect(stepper(page).getByRole('status')).toContainText('Step 20 of 20');
  expect(errors).toEqual([]);
});

test('bad inputs clamp with a message beside the field; nothing reads NaN', async ({ page }) => {
  const errors = await open(page, '#kv-cache-append?step=5&layers=0&heads=4&kv_heads=3');
  const layers = stepper(page).getByLabel('Layers, N_layers');
  await expect(layers).toHaveValue('1');
  await expect(layers).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator(`#${await layers.getAttribute('aria-describedby')}`)).toHaveText(
    'Must be from 1 to 128; using 1.',
  );
  await expect(stepper(page).locator('[data-error="kv_heads"]')).toContainText('H_kv must divide H = 4');
  await expect(stepper(page).getByLabel('Key/value heads, H_kv')).toHaveValue('2');
  // 1 layer · 5 tokens · 2 KV heads · 6 · 2 · 4 bytes = 480.
  await expect(kva(page, 'bytes')).toHaveAttribute('data-value', '480');

  await layers.fill('');
  await expect(stepper(page).locator('[data-error="layers"]')).toHaveText(
    'Type a whole number from 1 to 128; using 1.',
  );
  await layers.fill('9999');
  await layers.press('Tab');
  await expect(layers).toHaveValue('128');
  await expect(stepper(page).locator('[data-error="layers"]')).toHaveText(
    'Must be from 1 to 128; using 128.',
  );
  await layers.fill('3');
  await expect(layers).not.toHaveAttribute('aria-invalid', 'true');
  await expect(stepper(page).locator('[data-error="layers"]')).toBeEmpty();
  await expect(stepper(page)).not.toContainText(/NaN|Infinity|undefined/);
  expect(errors).toEqual([]);
});

test('Play steps on its own, and is not offered under reduced motion', async ({ page }) => {
  const errors = await open(page);
  const play = stepper(page).getByRole('button', { name: 'Play' });
  await play.click();
  await expect(stepper(page).getByRole('button', { name: 'Pause' })).toHaveAttribute('aria-pressed', 'true');
  const stepNow = async () =>
    Number(/Step (\d+) of/.exec((await stepper(page).getByRole('status').textContent()) ?? '')?.[1]);
  await expect.poll(stepNow, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
  await stepper(page).getByRole('button', { name: 'Pause' }).click();
  const stopped = await stepper(page).getByRole('status').textContent();
  await page.waitForTimeout(1200);
  await expect(stepper(page).getByRole('status')).toHaveText(stopped!);

  await page.emulateMedia({ reducedMotion: 'reduce' });
  await expect(stepper(page).locator('[data-play]')).toBeHidden();
  expect(errors).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the server-rendered stepper shows its first state and says the buttons need JavaScript', async ({
    page,
  }) => {
    await page.goto(at(PAGE));
    await expect(stepper(page).locator('[data-nojs]')).toContainText('need JavaScript');
    await expect(stepper(page).getByRole('status')).toContainText('Step 0 of 20');
    await expect(kva(page, 'total-total-without')).toHaveAttribute('data-value', '0');
    await expect(stepper(page).getByRole('button', { name: 'Step →' })).toBeDisabled();
  });
});

test('the stepper has no serious accessibility violations, in light and dark', async ({ page }) => {
  test.slow();
  await open(page, '#kv-cache-append?step=6&layers=0');
  await stepper(page).getByText('The picture as a table').click();
  await expectNoSeriousA11yViolations(page, 'cf-kv-append');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousA11yViolations(page, 'cf-kv-append');
});
