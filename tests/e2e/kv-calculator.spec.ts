import { at, expect, expectNoSeriousA11yViolations, test } from './fixtures';
import type { Page } from '@playwright/test';

const TOOL = 'tools/kv-cache/';
const kv = (page: Page, key: string) => page.locator(`[data-kv="${key}"]`).first();

test('the URL sets the inputs and the results are exact bytes (Llama 2 7B, 8 × 4096 tokens)', async ({
  page,
}) => {
  await page.goto(at(`${TOOL}?model=llama-2-7b&batch=8&tokens=4096&dtype=fp16`));
  await expect(kv(page, 'per-token-bytes')).toHaveAttribute('data-value', '524288');
  await expect(kv(page, 'total-bytes')).toHaveAttribute('data-value', '17179869184');
  await expect(kv(page, 'total-bytes')).toHaveText('17,179,869,184 bytes = 16 GiB ≈ 17.18 GB');
  await expect(page.locator('[data-steps] li').first()).toContainText('32 × 128 × 2');
});

test('changing the controls recomputes and writes the URL', async ({ page }) => {
  await page.goto(at(TOOL));
  // Qwen2.5 7B: 28 layers, 4 KV heads of 128, bf16.
  const perToken = 28 * 4 * 128 * 2 * 2;
  await page.getByLabel('Model preset', { exact: true }).selectOption('qwen2-5-7b');
  await expect(page.getByLabel('Layers, N_layers')).toHaveValue('28');
  await page.getByLabel('Context, T (tokens per sequence)').fill('131072');
  await expect(kv(page, 'per-token-bytes')).toHaveAttribute('data-value', String(perToken));
  await expect(kv(page, 'total-bytes')).toHaveAttribute('data-value', String(8 * 131072 * perToken));
  await expect(page).toHaveURL(/model=qwen2-5-7b/);
  await expect(page).toHaveURL(/tokens=131072/);
  // The URL is the state: a reload keeps it.
  await page.reload();
  await expect(page.getByLabel('Context, T (tokens per sequence)')).toHaveValue('131072');
  await expect(kv(page, 'total-bytes')).toHaveAttribute('data-value', String(8 * 131072 * perToken));
});

test('a symbol of the equation selects its input and explains it', async ({ page }) => {
  await page.goto(at(TOOL));
  await page.getByRole('button', { name: /^H k v:/ }).click();
  await expect(page.getByLabel('KV heads, H_kv')).toBeFocused();
  const panel = page.getByRole('region', { name: 'Symbol explanation' });
  await expect(panel).toContainText('not query heads');
  await expect(panel.getByRole('link', { name: 'Grouped-query attention (GQA)' })).toBeVisible();
  await page.getByRole('button', { name: /^B:/ }).press('Enter');
  await expect(page.getByLabel('Batch, B (sequences)')).toBeFocused();
});

test('until its code has run, the calculator takes no input it would ignore or overwrite', async ({ page }) => {
  // Hold the island's script back, as a slow network would.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_astro\/cf-kv-calculator\.[\w-]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(at(TOOL));
  await expect(page.getByRole('button', { name: /^H k v:/ })).toBeDisabled();
  await expect(page.getByLabel('KV heads, H_kv')).toBeDisabled();
  await expect(page.locator('cf-kv-calculator')).not.toHaveAttribute('data-ready', '');
  release();
  await expect(page.getByRole('button', { name: /^H k v:/ })).toBeEnabled();
  await expect(page.getByLabel('KV heads, H_kv')).toBeEnabled();
  await expect(page.locator('cf-kv-calculator')).toHaveAttribute('data-ready', '');
});

test('bad input gets a message beside the field and the last result stays, marked stale', async ({
  page,
}) => {
  await page.goto(at(`${TOOL}?model=llama-3-1-8b`));
  const before = await kv(page, 'total-bytes').getAttribute('data-value');
  const kvHeads = page.getByLabel('KV heads, H_kv');
  await kvHeads.fill('5');
  await expect(kvHeads).toHaveAttribute('aria-invalid', 'true');
  const describedBy = (await kvHeads.getAttribute('aria-describedby')) ?? '';
  await expect(page.locator(`#${describedBy.split(' ').at(-1)}`)).toHaveText(/5 KV heads does not divide 32/);
  await expect(kv(page, 'total-bytes')).toHaveAttribute('data-value', before!);
  await expect(page.locator('[data-stale]')).toContainText('last valid results');
  const batch = page.getByLabel('Batch, B (sequences)');
  await batch.fill('<img src=x onerror="document.title=1">');
  await expect(page.locator('[data-error="batch"]')).toContainText('must be a number');
  await expect(page.locator('.kv-calc img')).toHaveCount(0);
  await expect(page.locator('[data-output]')).not.toContainText(/NaN|Infinity|undefined/);
  await kvHeads.fill('8');
  await batch.fill('8');
  await expect(kvHeads).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('[data-stale]')).toBeEmpty();
});

test('an unknown preset in the URL is reported, not thrown', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(at(`${TOOL}?model=gpt-9&dtype=fp12`));
  await expect(page.locator('[data-error="model"]')).toContainText('Unknown model "gpt-9"');
  await expect(page.locator('[data-error="dtype"]')).toContainText('Unknown KV dtype "fp12"');
  await expect(page.locator('[data-stale]')).toContainText('No result yet');
  expect(errors).toEqual([]);
});

test('MLA drops heads and the factor 2 (DeepSeek-V3)', async ({ page }) => {
  await page.goto(at(`${TOOL}?model=deepseek-v3&batch=1&tokens=1`));
  await expect(kv(page, 'per-token-bytes')).toHaveAttribute('data-value', String(61 * (512 + 64) * 2));
  await expect(page.getByLabel('Latent width, d_c (kv_lora_rank)')).toBeVisible();
  await expect(page.getByLabel('KV heads, H_kv')).toBeHidden();
});

test('the chart reads values under the pointer and from the keyboard', async ({ page }) => {
  await page.goto(at(`${TOOL}?model=llama-3-1-8b`));
  const chart = page.locator('svg[data-chart]');
  await expect(chart.locator('path.kv-line')).not.toHaveCount(0);
  // The build draws the chart, so it is on screen before the island listens to the pointer.
  await expect(page.locator('cf-kv-calculator')).toHaveAttribute('data-ready', '');
  await chart.hover({ position: { x: 200, y: 100 } });
  await expect(page.locator('[data-readout]')).toContainText('At T =');
  await chart.focus();
  await page.keyboard.press('End');
  await expect(page.locator('[data-readout]')).toContainText('At T = 1M (1,048,576 tokens)');
  await expect(page.locator('[data-table] tbody tr')).toHaveCount(11);
});

test('the tool page lists passing source checks and passes axe', async ({ page }) => {
  await page.goto(at(TOOL));
  const checks = page.locator('tr[data-check]');
  await expect(checks).toHaveCount(3);
  for (const row of await checks.all()) await expect(row).toContainText('✓ yes');
  await expectNoSeriousA11yViolations(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousA11yViolations(page);
});

test('the tool and the lab fit a 360 px screen without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  for (const path of [TOOL, 'labs/kv-cache-lever/']) {
    await page.goto(at(path));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
  }
});

test('the kv-cache notebook embeds the calculator without touching its own address', async ({ page }) => {
  await page.goto(at('concepts/kv-cache/'));
  // The demo waits behind a "predict first" question (tests/e2e/prediction.spec.ts); open it without
  // one. Its island loads when it comes near the viewport, so scroll there first.
  await page.locator('#prediction-llama-2-7b-batch-8-gib').scrollIntoViewIfNeeded();
  await page
    .locator('#prediction-llama-2-7b-batch-8-gib')
    .getByRole('button', { name: 'Skip and just explore' })
    .click();
  const demo = page.locator('#demo ~ .demo-embed, .demo-embed').first();
  await expect(kv(page, 'total-bytes')).toHaveAttribute('data-value', '17179869184');
  await demo.getByLabel('Batch, B (sequences)').fill('4');
  await expect(kv(page, 'total-bytes')).toHaveAttribute('data-value', '8589934592');
  await expect(page).toHaveURL(/concepts\/kv-cache\/$/);
});
