import { at, expect, expectNoSeriousA11yViolations, test } from './fixtures';
import type { Page } from '@playwright/test';

// The paged blocks simulator on the PagedAttention notebook. Expected figures come from the unit
// test of the simulation (tests/unit/paged-blocks.test.ts) and the notebook's witness: with the
// default settings, at step 40 both memories hold 275 tokens; after 200 steps contiguous
// reservation has finished 8 requests and paged blocks 13.
const PAGE = 'concepts/paged-attention/';
// Each test makes many round trips; the shared 2-core machine can be very slow.
test.describe.configure({ timeout: 360_000 });

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return errors;
}

/** Open the page, bring the island near the viewport and wait until its code has run. */
async function open(page: Page, hash = '') {
  await page.goto(at(`${PAGE}${hash}`));
  const island = page.locator('cf-paged-blocks');
  await island.scrollIntoViewIfNeeded();
  // The island's chunk loads when it nears the viewport; allow for a slow, shared machine.
  await expect(island.getByRole('button', { name: 'Step' })).toBeEnabled({ timeout: 30_000 });
  return island;
}

const cell = (page: Page, key: string) => page.locator(`[data-m="${key}"]`);
const summary = (page: Page, key: string) => page.locator(`[data-s="${key}"]`);

test('without JavaScript the page already shows step 40 and its table', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(at(PAGE));
  await expect(page.locator('[data-clock]')).toHaveText('Step 40 of 200');
  await expect(cell(page, 'contiguous-stored')).toHaveText('275 (26.9 %)');
  await expect(cell(page, 'contiguous-free')).toHaveText('0 (0.0 %)');
  await expect(cell(page, 'paged-free')).toHaveText('720 (70.3 %)');
  await expect(page.getByRole('img', { name: /^Paged memory at step 40/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run' })).toBeDisabled();
  await context.close();
});

test('keyboard: Step advances one iteration, Run jumps to the end under reduced motion', async ({ page }) => {
  const errors = watchErrors(page);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const island = await open(page);
  const step = island.getByRole('button', { name: 'Step' });
  await step.focus();
  await page.keyboard.press('Enter');
  await expect(island.locator('[data-clock]')).toHaveText('Step 41 of 200');
  await expect(island.locator('[data-status]')).toContainText('Step 41 of 200. Contiguous: 4 running');
  await page.keyboard.press('Space');
  await expect(island.locator('[data-clock]')).toHaveText('Step 42 of 200');

  // Tab from Step to Run; with reduced motion Run shows the end of the run at once.
  await page.keyboard.press('Tab');
  await expect(island.getByRole('button', { name: 'Run' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(island.locator('[data-clock]')).toHaveText('Step 200 of 200');
  await expect(island.locator('[data-status]')).toContainText('(end of run)');
  await expect(summary(page, 'contiguous-finished')).toHaveText('8');
  await expect(summary(page, 'paged-finished')).toHaveText('13');
  await expect(summary(page, 'contiguous-storedShareOfAllocated')).toHaveText('37.1 %');
  await expect(summary(page, 'paged-storedShareOfAllocated')).toHaveText('91.9 %');
  await expect(summary(page, 'contiguous-generated')).toHaveText('708');
  await expect(summary(page, 'paged-generated')).toHaveText('1,153');
  await expect(island.getByRole('button', { name: 'Step' })).toBeDisabled();

  // Focus moved to Reset (Run and Step are disabled now): Enter goes back to step 0.
  await expect(island.getByRole('button', { name: 'Reset' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(island.locator('[data-clock]')).toHaveText('Step 0 of 200');
  await expect(cell(page, 'paged-free')).toHaveText('1,024 (100.0 %)');
  expect(errors).toEqual([]);
});

test('keyboard: the arrival-rate slider moves with arrow keys and the hash records it', async ({ page }) => {
  const errors = watchErrors(page);
  const island = await open(page);
  const rate = island.getByLabel('Arrival rate (requests per step)');
  await rate.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(rate).toHaveValue('0.1');
  await expect(island.locator('[data-echo="rate"]')).toHaveText('0.1');
  await expect(page).toHaveURL(/#paged-blocks\?seed=7&rate=0\.1&/);
  // The step is kept: the new workload is shown at the same step.
  await expect(island.locator('[data-clock]')).toHaveText('Step 40 of 200');
  expect(errors).toEqual([]);
});

test('pointer: Run animates, Pause stops it, Reset clears; pointing at a slot reads it', async ({ page }) => {
  const errors = watchErrors(page);
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  const island = await open(page);
  await island.getByRole('button', { name: 'Run' }).click();
  await expect(island.getByRole('button', { name: 'Pause' })).toBeEnabled();
  await expect(island.locator('[data-clock]')).not.toHaveText('Step 40 of 200');
  await expect(island.getByRole('button', { name: 'Run' })).toBeDisabled();
  await island.getByRole('button', { name: 'Pause' }).click();
  const paused = await island.locator('[data-clock]').textContent();
  await page.waitForTimeout(400);
  await expect(island.locator('[data-clock]')).toHaveText(paused!);
  expect(Number(paused!.match(/Step (\d+)/)![1])).toBeGreaterThan(40);
  await expect(island.getByRole('button', { name: 'Run' })).toBeFocused();

  await island.getByRole('button', { name: 'Reset' }).click();
  await island.getByRole('button', { name: 'Step' }).click();
  await island.getByRole('button', { name: 'Step' }).click();
  await island.getByRole('button', { name: 'Step' }).click();
  await expect(island.locator('[data-clock]')).toHaveText('Step 3 of 200');
  // Request 1 arrives at step 3 with a 37-token prompt: slot 0 holds its first token.
  const grid = island.locator('[data-lane="contiguous"] svg');
  const box = (await grid.boundingBox())!;
  const cellPx = box.width / 64;
  await page.mouse.move(box.x + cellPx / 2, box.y + cellPx / 2);
  await expect(island.locator('[data-lane="contiguous"] [data-readout]')).toHaveText(
    'Slot 0: request 1, a stored token.',
  );
  // Slot 37 (row 0, column 37) is reserved for its later tokens; slot 256 is free.
  await page.mouse.move(box.x + cellPx * 37.5, box.y + cellPx / 2);
  await expect(island.locator('[data-lane="contiguous"] [data-readout]')).toContainText(
    'request 1, reserved for a token it has not generated yet',
  );
  await page.mouse.move(box.x + cellPx / 2, box.y + cellPx * 4.5);
  await expect(island.locator('[data-lane="contiguous"] [data-readout]')).toHaveText('Slot 256: free.');
  const paged = island.locator('[data-lane="paged"] svg');
  await paged.scrollIntoViewIfNeeded();
  const pbox = (await paged.boundingBox())!;
  // Paged: request 1 holds ceil(37 / 16) = 3 blocks, 0 to 2; slot 40 is in its last block, slot 48 free.
  await page.mouse.move(pbox.x + (pbox.width / 64) * 40.5, pbox.y + pbox.width / 128);
  await expect(island.locator('[data-lane="paged"] [data-readout]')).toHaveText(
    'Slot 40 (block 2, position 8): request 1, reserved for a token it has not generated yet.',
  );
  await page.mouse.move(pbox.x + (pbox.width / 64) * 48.5, pbox.y + pbox.width / 128);
  await expect(island.locator('[data-lane="paged"] [data-readout]')).toHaveText(
    'Slot 48 (block 3, position 0): free.',
  );

  // Drag the rate slider to its right end with the mouse.
  const slider = island.getByLabel('Arrival rate (requests per step)');
  await slider.scrollIntoViewIfNeeded();
  const s = (await slider.boundingBox())!;
  await page.mouse.move(s.x + 4, s.y + s.height / 2);
  await page.mouse.down();
  await page.mouse.move(s.x + s.width + 20, s.y + s.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(slider).toHaveValue('4');
  await expect(page).toHaveURL(/rate=4&/);
  expect(errors).toEqual([]);
});

test('the hash round-trips the configuration; blocks of 256 behave like max-length chunks', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  let island = await open(page);
  const block = island.getByLabel('Block size (tokens)');
  await block.fill('256');
  await block.press('Enter');
  await expect(page).toHaveURL(/block=256/);
  await page.reload();
  island = page.locator('cf-paged-blocks');
  await island.scrollIntoViewIfNeeded();
  await expect(island.getByRole('button', { name: 'Run' })).toBeEnabled();
  await expect(island.getByLabel('Block size (tokens)')).toHaveValue('256');
  await expect(island.locator('[data-lane="paged"] [data-title]')).toHaveText(
    'Paged: blocks of 256 tokens, taken on demand',
  );
  await island.getByRole('button', { name: 'Run' }).click();
  await expect(summary(page, 'paged-finished')).toHaveText('8');
  await expect(summary(page, 'paged-generated')).toHaveText('708');
  await expect(summary(page, 'paged-storedShareOfAllocated')).toHaveText(
    (await summary(page, 'contiguous-storedShareOfAllocated').textContent())!,
  );

  // A shared link opens with its own settings.
  await page.goto(at(`${PAGE}#paged-blocks?seed=3&rate=0.2&block=32&policy=oracle`));
  island = page.locator('cf-paged-blocks');
  await island.scrollIntoViewIfNeeded();
  await expect(island.getByLabel('Block size (tokens)')).toHaveValue('32');
  await expect(island.getByLabel('Seed')).toHaveValue('3');
  await expect(island.getByLabel('Contiguous chunk size')).toHaveValue('oracle');
  await expect(island.locator('[data-lane="contiguous"] [data-title]')).toContainText(
    'exactly prompt plus output',
  );
  expect(errors).toEqual([]);
});

test('bad and extreme inputs are clamped with a message beside the field', async ({ page }) => {
  const errors = watchErrors(page);
  const island = await open(page);
  const capacity = island.getByLabel('KV memory (token slots)');
  // Number inputs drop non-numeric text; an empty commit falls back to the default.
  await capacity.fill('');
  await capacity.press('Enter');
  await expect(island.locator('[data-msg="capacity"]')).toHaveText('Empty, so the default 1,024 is used.');
  await expect(capacity).toHaveAttribute('aria-invalid', 'true');
  await expect(capacity).toHaveValue('1024');

  const block = island.getByLabel('Block size (tokens)');
  await block.fill('0');
  await block.press('Tab');
  await expect(island.locator('[data-msg="blockSize"]')).toHaveText('Raised to 1, the smallest allowed.');
  await expect(block).toHaveValue('1');

  await block.fill('48');
  await block.press('Enter');
  await capacity.fill('1000');
  await capacity.press('Enter');
  await expect(island.locator('[data-msg="capacity"]')).toHaveText(
    'Rounded to 960, a whole number of 48-token blocks.',
  );
  await expect(capacity).toHaveValue('960');

  const maxLen = island.getByLabel('Maximum sequence length');
  await maxLen.fill('100000');
  await maxLen.press('Enter');
  await expect(island.locator('[data-msg="maxLen"]')).toContainText(
    'one full-length request must fit in memory',
  );
  await expect(maxLen).toHaveValue('960');

  const steps = island.getByLabel('Steps to simulate');
  await steps.fill('1e9');
  await steps.press('Enter');
  await expect(island.locator('[data-msg="steps"]')).toHaveText('Lowered to 1,000, the largest allowed.');
  await expect(island.locator('[data-clock]')).toHaveText('Step 40 of 1,000');

  // A fixed field loses its message on the next valid change.
  await block.fill('16');
  await block.press('Enter');
  await expect(island.locator('[data-msg="blockSize"]')).toBeEmpty();
  await expect(block).not.toHaveAttribute('aria-invalid', 'true');

  // Garbage in the hash never reaches the page as markup or NaN.
  await page.goto(at(`${PAGE}#paged-blocks?cap=%3Cimg%20src%3Dx%3E&rate=NaN&policy=%3Cb%3Ex`));
  const fresh = page.locator('cf-paged-blocks');
  await fresh.scrollIntoViewIfNeeded();
  await expect(fresh.locator('[data-msg="capacity"]')).toContainText('is not a number');
  await expect(fresh.locator('[data-msg="policy"]')).toContainText('Unknown policy “<b>x”');
  await expect(fresh.locator('img, b')).toHaveCount(0);
  // (The message may quote what was typed, "NaN" included; the results never show it.)
  for (const part of ['[data-metrics]', '[data-summary]', '[data-status]', '.pb-lanes'])
    await expect(fresh.locator(part)).not.toContainText(/NaN|Infinity|undefined/);
  await expect(fresh.locator('[data-msg="rate"]')).toHaveText(
    '“NaN” is not a number, so the default 0.08 is used.',
  );
  expect(errors).toEqual([]);
});

test('the notebook with its simulator has no serious accessibility problems (light and dark)', async ({
  page,
}) => {
  // The whole notebook is in the axe sweep of pages.spec.ts; here the island, after a step, with its tables open.
  test.slow();
  const island = await open(page);
  await island.getByRole('button', { name: 'Step' }).click();
  await island.locator('details.pb-holders summary').click();
  await expect(island.locator('[data-holders="paged"] tr')).toHaveCount(4);
  await expectNoSeriousA11yViolations(page, 'cf-paged-blocks');
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  await expectNoSeriousA11yViolations(page, 'cf-paged-blocks');
});

test('on a 360 px phone the notebook and its simulator do not scroll sideways', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  const island = await open(page);
  await island.locator('details.pb-holders summary').click();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
