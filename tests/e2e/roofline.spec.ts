import type { Page } from '@playwright/test';
import { at, expect, expectNoSeriousA11yViolations, test } from './fixtures';

const PAGE = 'concepts/prefill-and-decode/';
const demo = (page: Page) => page.locator('cf-roofline');
const figure = (page: Page, key: string) => demo(page).locator(`[data-rf="${key}"]`);
const batchRange = (page: Page) => page.getByLabel('Decode batch B (sequences)', { exact: true });
const batchField = (page: Page) => page.getByLabel('Decode batch B (sequences), exact value');
const contextField = (page: Page) =>
  page.getByLabel('Context T (tokens each new token attends to), exact value');

/** Collects uncaught errors; every test asserts there were none. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** The island is live once its module has defined the element. */
async function ready(page: Page) {
  await demo(page).scrollIntoViewIfNeeded();
  await page.waitForFunction(() => customElements.get('cf-roofline') !== undefined);
}

test('the page shows the worked example before and after the island loads', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(at(PAGE));
  // Llama 3.1 8B on one H100 SXM, B = 16, T = 4096, P = 2048 (the witness's numbers).
  await expect(figure(page, 'max-batch')).toHaveText('119');
  await expect(figure(page, 'ridge-batch')).toHaveText('never (cap 33.9 FLOPs/byte)');
  await expect(figure(page, 'decode-intensity')).toHaveText('11.8 FLOPs/byte, memory-bound');
  await expect(figure(page, 'ttft')).toHaveText('34.4 ms');
  await expect(demo(page).locator('[data-rf-sentence="batching"]')).toContainText('never reaches the ridge');
  await ready(page);
  await expect(figure(page, 'tpot')).toHaveText('7.36 ms');
  const chart = demo(page).getByRole('img', { name: /Roofline: attainable TFLOP\/s/ });
  await expect(chart).toBeVisible();
  await expect(chart.locator('desc')).toContainText('Decode at B = 16 sits at 11.8 (memory-bound)');
  expect(errors).toEqual([]);
});

test('the keyboard drives the sliders, the results follow and the hash round-trips', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(at(PAGE));
  await ready(page);
  const range = batchRange(page);
  await range.focus();
  await page.keyboard.press('ArrowRight'); // 16 → 24, the next stop
  await expect(batchField(page)).toHaveValue('24');
  await expect(range).toHaveAttribute('aria-valuetext', '24 sequences');
  await expect(figure(page, 'decode-intensity')).toHaveAttribute('data-value', /^15\.09/); // 24 · 18.21e9 / (16.06e9 + 24 · 0.537e9) = 15.097
  await expect(page).toHaveURL(
    /#roofline\?model=llama-3-1-8b&gpu=h100-sxm&gpus=1&batch=24&context=4096&prompt=2048$/,
  );
  await page.keyboard.press('End'); // the largest batch: its cache cannot fit
  await expect(batchField(page)).toHaveValue('4096');
  await expect(demo(page).locator('[data-rf-warning]')).toContainText('B = 4,096 does not fit');
  // The context slider by keyboard: Home is the smallest stop, 16 tokens.
  await page.getByLabel('Context T (tokens each new token attends to)', { exact: true }).focus();
  await page.keyboard.press('Home');
  await expect(contextField(page)).toHaveValue('16');
  await page.reload();
  await ready(page);
  await expect(batchField(page)).toHaveValue('4096');
  await expect(contextField(page)).toHaveValue('16');
  await expect(demo(page).locator('[data-rf-warning]')).toHaveCount(0); // 4096 × 16 tokens fits
  expect(errors).toEqual([]);
});

test('the pointer chooses a batch on the chart and a model from the list', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(at(PAGE));
  await ready(page);
  await demo(page).locator('svg [data-batch="64"] .rf-hit').click();
  await expect(batchField(page)).toHaveValue('64');
  await expect(demo(page).locator('tr.rf-chosen th')).toHaveText('decode B = 64 (chosen)');
  // A short context: decode now reaches the ridge, at B = 425 (worked out in the witness).
  await contextField(page).fill('128');
  await expect(figure(page, 'ridge-batch')).toHaveText('425');
  await expect(demo(page).locator('[data-rf-sentence="batching"]')).toContainText(
    'reaches the ridge at B = 425',
  );
  // Pointer on the select: Llama 2 7B reads at most 4,096 tokens, so a longer prompt comes down.
  await page.getByLabel('Prompt P (tokens in the prefill), exact value').fill('100000');
  await page.getByLabel('Model', { exact: true }).selectOption('llama-2-7b');
  await expect(page.getByLabel('Prompt P (tokens in the prefill), exact value')).toHaveValue('4096');
  await expect(demo(page).locator('[data-msg="prompt"]')).toHaveText(
    'Llama 2 7B reads at most 4,096 tokens; set to 4,096.',
  );
  await expect(demo(page).locator('[data-figures]')).toContainText('Llama 2 7B: 6.74 billion parameters');
  await expect(page).toHaveURL(/model=llama-2-7b/);
  // The batch slider by mouse: press at its left end.
  const box = (await batchRange(page).boundingBox())!;
  await batchRange(page).click({ position: { x: 2, y: box.height / 2 } });
  await expect(batchField(page)).toHaveValue('1');
  expect(errors).toEqual([]);
});

test('bad and extreme input is clamped or refused with a message beside the field', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(at(PAGE));
  await ready(page);
  const before = await figure(page, 'decode-intensity').getAttribute('data-value');
  const field = batchField(page);
  await field.fill('<img src=x onerror="document.title=1">');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(demo(page).locator('[data-msg="batch"]')).toHaveText(
    'The batch needs a whole number from 1 to 4,096; keeping 16.',
  );
  await expect(figure(page, 'decode-intensity')).toHaveAttribute('data-value', before!);
  await expect(demo(page).locator('img')).toHaveCount(0);
  await field.fill('99999');
  await field.press('Tab'); // commit: the field shows what is used
  await expect(field).toHaveValue('4096');
  await expect(demo(page).locator('[data-msg="batch"]')).toHaveText(
    'The batch is at most 4,096; set to 4,096.',
  );
  await contextField(page).fill('0');
  await expect(demo(page).locator('[data-msg="context"]')).toHaveText('The context is at least 1; set to 1.');
  await contextField(page).fill('9999999');
  await expect(demo(page).locator('[data-msg="context"]')).toContainText('at most 131,072 for Llama 3.1 8B');
  await expect(demo(page)).not.toContainText(/NaN|Infinity|undefined/);
  expect(errors).toEqual([]);
});

test('memory limits: weights that do not fit, a cache that does not fit, and too many GPUs', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto(
    at(`${PAGE}#roofline?model=llama-3-1-8b&gpu=h100-sxm&gpus=1&batch=16&context=131072&prompt=2048`),
  );
  await ready(page);
  // The weights of a 70B model do not fit on one GPU; two make room.
  await page.getByLabel('Model', { exact: true }).selectOption('llama-3-1-70b');
  await expect(demo(page).locator('[data-rf-sentence="batching"]')).toContainText('do not fit');
  // Two GPUs hold the weights (141.2 GB) but not one 131,072-token cache (42.9 GB) beside them; four hold four.
  await page.getByLabel('GPUs', { exact: true }).fill('2');
  await expect(demo(page).locator('[data-rf-sentence="batching"]')).toContainText(
    'Even one sequence of 131,072 tokens does not fit',
  );
  await page.getByLabel('GPUs', { exact: true }).fill('4');
  await expect(figure(page, 'max-batch')).toHaveText('4');
  await page.getByLabel('GPUs', { exact: true }).fill('40');
  await expect(demo(page).locator('[data-msg="gpus"]')).toHaveText(
    'The number of GPUs is at most 16; set to 16.',
  );
  await expect(demo(page)).not.toContainText(/NaN|Infinity|undefined/);
  expect(errors).toEqual([]);
});

test('a shared hash sets the state, and a broken one is reported instead of thrown', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(
    at(`${PAGE}#roofline?model=llama-2-7b&gpu=a100-80gb-sxm&gpus=1&batch=8&context=1024&prompt=512`),
  );
  await ready(page);
  await expect(page.getByLabel('GPU', { exact: true })).toHaveValue('a100-80gb-sxm');
  await expect(batchField(page)).toHaveValue('8');
  await expect(figure(page, 'ridge')).toHaveText('153 FLOPs/byte'); // 312 / 2.039
  await page.goto(at(`${PAGE}#roofline?model=gpt-9&gpu=tpu&batch=lots&context=-5`));
  await page.reload();
  await ready(page);
  await expect(demo(page).locator('[data-msg="model"]')).toHaveText(
    'There is no model preset named “gpt-9”; showing the default instead.',
  );
  await expect(demo(page).locator('[data-msg="gpu"]')).toContainText('no GPU preset named “tpu”');
  await expect(demo(page).locator('[data-msg="batch"]')).toContainText('needs a whole number');
  await expect(demo(page).locator('[data-msg="context"]')).toHaveText('The context is at least 1; set to 1.');
  await expect(demo(page)).not.toContainText(/NaN|Infinity|undefined/);
  expect(errors).toEqual([]);
});

// The whole notebook is in the axe sweep of pages.spec.ts; here the live demo with its table open.
test('the live demo has no serious accessibility violations', async ({ page }) => {
  await page.goto(at(PAGE));
  await ready(page);
  await demo(page).locator('.rf-table summary').click();
  await expectNoSeriousA11yViolations(page, 'cf-roofline');
});
