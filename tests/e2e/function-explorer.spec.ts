import type { Page } from '@playwright/test';
import { at, expect, expectNoSeriousA11yViolations, test } from './fixtures';
import { FAMILIES } from '../../src/lib/functions/load';

const PAGE = at('concepts/chain-rule/');

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

const explorer = (page: Page) => page.locator('cf-function-explorer');
/** The value in the "At the point" table for a row key. */
const readout = (page: Page, key: string) =>
  explorer(page).locator(`[data-readout] tr[data-key="${key}"] td`);

async function ready(page: Page, hash = '') {
  await page.goto(`${PAGE}${hash}`);
  await explorer(page).scrollIntoViewIfNeeded();
  await expect(explorer(page)).toHaveAttribute('data-ready', '', { timeout: 30_000 });
}

test('starts at the worked example, drawn before the code loads', async ({ page }) => {
  await page.goto(PAGE);
  // sin(x²) at x = 1.3: cos(1.69) · 2.6 = −0.3092; the slip cos(1.3) · 2.6 = +0.6955.
  await expect(readout(page, 'product')).toHaveText('−0.3092');
  await expect(readout(page, 'fd')).toHaveText('−0.3092');
  await expect(readout(page, 'slip')).toHaveText('0.6955');
  await expect(explorer(page).locator('path.fx-curve')).toHaveAttribute('d', /^M[\d.,LM-]+$/);
  await expect(explorer(page).locator('line.fx-tangent')).toHaveCount(1);
  await expect(explorer(page).locator('.katex').first()).toBeVisible();
  await expect(page.locator('.demo-plan .badge-live')).toHaveText('live below');
});

test('the point moves by keyboard on its slider, and the hash keeps it', async ({ page }) => {
  const errors = collectErrors(page);
  await ready(page);
  const slider = explorer(page).getByRole('slider', { name: 'Point: x' });
  await slider.focus();
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
  // x = 1.5: u = 2.25, g′ = 3, cos(2.25) = −0.62817: product −1.8845.
  await expect(readout(page, 'x')).toHaveText('1.5');
  await expect(readout(page, 'u')).toHaveText('2.25');
  await expect(readout(page, 'product')).toHaveText('−1.885');
  await expect(readout(page, 'fd')).toHaveText('−1.885');
  await expect(slider).toHaveAttribute('aria-valuetext', 'x = 1.5');
  await expect(explorer(page).getByLabel('Type x')).toHaveValue('1.5');
  await expect(explorer(page).locator('[data-sentence]')).toContainText('the chain rule gives −1.885');
  await expect(page).toHaveURL(/#function-explorer\?fn=sin-x-squared&x=1\.5&k=1$/);
  await page.reload();
  await explorer(page).scrollIntoViewIfNeeded();
  await expect(explorer(page)).toHaveAttribute('data-ready', '', { timeout: 30_000 });
  await expect(readout(page, 'x')).toHaveText('1.5');
  await expect(readout(page, 'product')).toHaveText('−1.885');
  // The parameter slider too: End takes k to its maximum, 3.
  const k = explorer(page).getByRole('slider', { name: 'Inner factor k' });
  await k.focus();
  await page.keyboard.press('End');
  await expect(explorer(page).locator('output')).toHaveText('3');
  // k = 3, x = 1.5: u = 6.75, g′ = 2·3·1.5 = 9.
  await expect(readout(page, 'u')).toHaveText('6.75');
  await expect(readout(page, 'inner-rate')).toHaveText('9');
  await expect(page).toHaveURL(/k=3$/);
  expect(errors).toEqual([]);
});

test('a press on the plot moves the point; at 0 the inner rate jams the product', async ({ page }) => {
  const errors = collectErrors(page);
  await ready(page);
  const plot = explorer(page).locator('svg[data-plot]');
  const clip = explorer(page).locator('[data-clip]');
  const box = (await plot.boundingBox())!;
  const viewBox = (await plot.getAttribute('viewBox'))!.split(' ').map(Number);
  const left = Number(await clip.getAttribute('x'));
  const width = Number(await clip.getAttribute('width'));
  const k = box.width / viewBox[2]!;
  // x = 0 is the middle of [−3, 3].
  await page.mouse.click(box.x + (left + width / 2) * k, box.y + box.height / 2);
  await expect(readout(page, 'x')).toHaveText('0');
  await expect(readout(page, 'inner-rate')).toHaveText('0');
  await expect(readout(page, 'product')).toHaveText('0');
  await expect(explorer(page).locator('[data-sentence]')).toContainText('a jammed gear');
  expect(errors).toEqual([]);
});

test('a saturated tanh passes almost nothing on', async ({ page }) => {
  await ready(page);
  await explorer(page).getByLabel('Function').selectOption('tanh-affine');
  await expect(explorer(page).getByRole('slider', { name: 'Weight w' })).toBeVisible();
  await expect(explorer(page).getByRole('slider', { name: 'Inner factor k' })).toHaveCount(0);
  const w = explorer(page).getByRole('slider', { name: 'Weight w' });
  await w.focus();
  await page.keyboard.press('End');
  const x = explorer(page).getByLabel('Type x');
  await x.fill('2');
  await x.press('Enter');
  // u = 4·2 = 8: 1 − tanh²(8) = 4.501e−7, times w = 4: 1.801e−6.
  await expect(readout(page, 'outer-rate')).toHaveText('4.501 × 10⁻⁷');
  await expect(readout(page, 'product')).toHaveText('1.801 × 10⁻⁶');
  await expect(explorer(page).locator('[data-sentence]')).toContainText('it is saturated');
  await expect(page).toHaveURL(/fn=tanh-affine&x=2&w=4&b=0/);
});

test('a typed x out of range is clamped with a message beside the field', async ({ page }) => {
  await ready(page);
  const x = explorer(page).getByLabel('Type x');
  await x.fill('7');
  await x.press('Enter');
  await expect(x).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator(`#${await x.getAttribute('aria-describedby')}`)).toHaveText(
    '7 is outside −3 to 3: set to 3.',
  );
  await expect(readout(page, 'x')).toHaveText('3');
  await x.fill('');
  await x.press('Enter');
  await expect(explorer(page).locator('[data-msg="x"]')).toHaveText(
    'Enter a number from −3 to 3 for x; the last valid value is kept.',
  );
  await expect(readout(page, 'x')).toHaveText('3');
  await expect(explorer(page)).not.toContainText(/NaN|Infinity/);
});

test('a link cannot pick an unlisted function or smuggle in code; bad numbers get messages', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await ready(page, '#function-explorer?fn=alert(document.domain)&k=99&x=abc');
  await expect(explorer(page).locator('[data-msg="fn"]')).toContainText('does not offer');
  await expect(explorer(page).locator('[data-msg="k"]')).toHaveText(
    'From the link: 99 is outside 0.2 to 3: set to 3.',
  );
  await expect(explorer(page).locator('[data-msg="x"]')).toContainText('Enter a number');
  await expect(explorer(page).getByLabel('Function')).toHaveValue('sin-x-squared');
  await expect(readout(page, 'x')).toHaveText('1.3');
  expect(errors).toEqual([]);
});

test('the page downloads only the registry family its functions belong to', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname.split('/').pop()!);
  });
  await ready(page);
  await expect(readout(page, 'product')).toHaveText('−0.3092');
  const families = Object.keys(FAMILIES).filter((f) => scripts.some((s) => s.startsWith(`${f}.`)));
  expect(families).toEqual(['activations']);
});

test('a family that cannot be fetched leaves the starting state and says so', async ({ page }) => {
  const errors = collectErrors(page);
  await page.route(/\/_astro\/activations\.[\w-]+\.js$/, (route) => route.abort('internetdisconnected'));
  await page.goto(PAGE);
  await explorer(page).scrollIntoViewIfNeeded();
  await expect(explorer(page).locator('[data-msg="fn"]')).toHaveText(
    'The functions for this explorer could not be loaded; reload the page to try again.',
  );
  await expect(explorer(page)).toHaveAttribute('data-load-failed', '');
  await expect(explorer(page)).not.toHaveAttribute('data-ready', '');
  await expect(explorer(page).getByLabel('Point: x')).toBeDisabled();
  await expect(readout(page, 'product')).toHaveText('−0.3092');
  expect(errors).toEqual([]);
});

test('the table of sampled values lists the curve', async ({ page }) => {
  await ready(page);
  await explorer(page).getByText('Table of sampled values').click();
  const rows = explorer(page).locator('[data-samples] tbody tr');
  await expect(rows).toHaveCount(13);
  // x = 1: sin 1 = 0.8415, slope 2 cos 1 = 1.081.
  await expect(rows.nth(8)).toHaveText(/^10\.84151\.081$/);
  await expect(rows.first().locator('td').first()).toHaveText('−3');
});

// The whole notebook is in the axe sweep of pages.spec.ts; here the live island, in both themes.
for (const scheme of ['light', 'dark'] as const)
  test(`the explorer passes axe once live (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await ready(page);
    await expectNoSeriousA11yViolations(page, 'cf-function-explorer');
  });

test('the explorer fits a 360 px screen', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await ready(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
