import { at, expect, expectNoSeriousA11yViolations, test } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * axe over the island alone, as the fixture's expectNoSeriousA11yViolations does over a page: on a
 * loaded 2-core machine a whole notebook of KaTeX takes minutes, and pages.spec.ts sweeps whole pages.
 */
// The softmax notebook's lab: P = softmax((2, 1, 0.5, −1) / T), Q uniform over a, b, c, d.
const PAGE = 'concepts/softmax/';
const lab = (page: Page) => page.locator('cf-distribution-lab');
const measure = (page: Page, key: string) => lab(page).locator(`[data-dl="${key}"]`);

async function open(page: Page, hash = '') {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(at(PAGE + hash));
  await lab(page).scrollIntoViewIfNeeded();
  await expect(lab(page).locator('[data-nojs]')).toHaveCount(0);
  return errors;
}

test('starts at the page’s scores: H(P) = 1.463, H(P, Q) = 2, KL(P‖Q) = 0.537 bits', async ({ page }) => {
  const errors = await open(page);
  // p ≈ (0.609, 0.224, 0.136, 0.030): H(P) = 1.463 bits; against uniform Q every log₂ q = −2.
  await expect(measure(page, 'h-p')).toHaveText('1.463 bits');
  await expect(measure(page, 'cross-pq')).toHaveText('2.000 bits');
  await expect(measure(page, 'kl-pq')).toHaveText('0.537 bits');
  await expect(lab(page).locator('.dl-terms tbody tr').first()).toContainText('0.609');
  expect(errors).toEqual([]);
});

test('keyboard: the temperature slider moves with arrows and H(P, Q) stays at 2 bits', async ({ page }) => {
  const errors = await open(page);
  const slider = lab(page).getByRole('slider', { name: 'temperature T' });
  await slider.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await expect(lab(page).getByRole('spinbutton', { name: 'temperature T' })).toHaveValue('1.4');
  await expect(measure(page, 'cross-pq')).toHaveText('2.000 bits');
  const warmer = Number(await measure(page, 'kl-pq').getAttribute('data-value'));
  expect(warmer).toBeLessThan(0.537);
  await page.keyboard.press('Home');
  await expect(lab(page).getByRole('spinbutton', { name: 'temperature T' })).toHaveValue('0.1');
  await expect(measure(page, 'cross-pq')).toHaveText('2.000 bits');
  // Cold: KL(P‖Q) = 2 − H(P) stays under 2 bits, KL(Q‖P) runs far past it.
  expect(Number(await measure(page, 'kl-pq').getAttribute('data-value'))).toBeLessThan(2);
  expect(Number(await measure(page, 'kl-qp').getAttribute('data-value'))).toBeGreaterThan(10);
  await expect(page).toHaveURL(/#distribution-lab\?mode=logits&z=2%2C1%2C0\.5%2C-1&t=0\.1&/);
  expect(errors).toEqual([]);
});

test('pointer: a zero in Q makes one direction infinite, with the reason; Swap flips it', async ({
  page,
}) => {
  const errors = await open(page);
  await lab(page).getByRole('button', { name: 'A zero in Q' }).click();
  await expect(measure(page, 'kl-pq')).toHaveText('infinite');
  await expect(lab(page).locator('.dl-measures')).toContainText(
    'Q gives “d” probability 0 while P gives it 0.1, so the term 0.1 · log(0.1 / 0) is infinite.',
  );
  // KL(Q‖P) with q = (5, 4, 3, 0)/12 and p = (4, 3, 2, 1)/10: 0.156 bits (hand-computed in the unit test).
  await expect(measure(page, 'kl-qp')).toHaveText('0.156 bits');
  await expect(lab(page).locator('[data-asym]')).toContainText(
    'KL(P‖Q) is infinite but KL(Q‖P) is 0.156 bits',
  );
  await expect(lab(page).locator('.dl-terms')).toContainText('infinite (Q = 0)');
  await expect(lab(page).locator('svg .dl-seg-inf')).toHaveCount(1);

  // Swap is only offered when P has its own weights.
  await expect(lab(page).getByRole('button', { name: 'Swap P and Q' })).toBeHidden();
  await lab(page).getByLabel('its own weights').check();
  await lab(page).getByRole('button', { name: 'Swap P and Q' }).click();
  await expect(measure(page, 'kl-qp')).toHaveText('infinite');
  await expect(lab(page).locator('.dl-measures')).toContainText(
    'P gives “d” probability 0 while Q gives it 0.1',
  );

  // Drag a weight slider with the mouse: P's weight of a to the far right (10).
  const slider = lab(page).getByRole('slider', { name: 'P weight of a' });
  await slider.scrollIntoViewIfNeeded();
  const box = (await slider.boundingBox())!;
  await page.mouse.click(box.x + box.width - 2, box.y + box.height / 2);
  await expect(lab(page).getByRole('spinbutton', { name: 'P weight of a' })).toHaveValue('10');
  expect(errors).toEqual([]);
});

test('the hash sets the state and survives a reload; units switch', async ({ page }) => {
  const errors = await open(page, '#distribution-lab?mode=weights&p=1,1,0,0&q=1,0,1,1&unit=nats');
  await expect(lab(page).getByLabel('its own weights')).toBeChecked();
  await expect(lab(page).getByLabel('nats (ln)')).toBeChecked();
  await expect(measure(page, 'kl-pq')).toHaveText('infinite');
  await expect(measure(page, 'kl-qp')).toHaveText('infinite');
  await expect(lab(page).locator('[data-asym]')).toHaveText(
    'Both directions are infinite: each distribution gives probability 0 to an outcome the other can produce.',
  );
  // H(P) for (½, ½, 0, 0) is ln 2 = 0.693 nats.
  await expect(measure(page, 'h-p')).toHaveText('0.693 nats');
  await lab(page).getByLabel('bits (log₂)').check();
  await expect(measure(page, 'h-p')).toHaveText('1.000 bits');
  await expect(page).toHaveURL(/unit=bits/);
  await page.reload();
  await lab(page).scrollIntoViewIfNeeded();
  await expect(measure(page, 'h-p')).toHaveText('1.000 bits');
  await expect(lab(page).getByRole('spinbutton', { name: 'P weight of c' })).toHaveValue('0');
  expect(errors).toEqual([]);
});

test('bad inputs get a message beside the field and never Infinity or NaN', async ({ page }) => {
  const errors = await open(page, '#distribution-lab?mode=weights&p=4,3,2,1&q=1,1,1,1');
  const qa = lab(page).getByRole('spinbutton', { name: 'Q weight of a' });
  await qa.fill('-3');
  await expect(qa).toHaveAttribute('aria-invalid', 'true');
  const describedBy = (await qa.getAttribute('aria-describedby'))!;
  await expect(page.locator(`#${describedBy}`)).toHaveText('Cannot be negative; using 0.');
  await expect(lab(page).locator('.dl-terms tbody tr').first().locator('td').nth(1)).toHaveText('0');
  await expect(measure(page, 'kl-pq')).toHaveText('infinite');

  for (const name of ['Q weight of b', 'Q weight of c', 'Q weight of d'])
    await lab(page).getByRole('spinbutton', { name }).fill('0');
  await expect(lab(page).locator('[data-error="q"]')).toHaveText(
    'Q needs at least one positive weight; showing the uniform distribution until it has one.',
  );
  await qa.fill('');
  await expect(page.locator(`#${describedBy}`)).toHaveText('Type a number from 0 to 1000; using 0.');
  await expect(lab(page)).not.toContainText(/Infinity|NaN|undefined/);
  await qa.fill('2');
  await expect(qa).not.toHaveAttribute('aria-invalid', 'true');
  await expect(lab(page).locator('[data-error="q"]')).toBeEmpty();
  expect(errors).toEqual([]);
});

test('the lab has no serious accessibility violations, in light and dark', async ({ page }) => {
  test.slow();
  // A bad weight (with its message) and an infinite divergence (with its reason) on show.
  await open(page, '#distribution-lab?q=1,1,1,-1');
  await expect(measure(page, 'kl-pq')).toHaveText('infinite');
  await expectNoSeriousA11yViolations(page, 'cf-distribution-lab');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousA11yViolations(page, 'cf-distribution-lab');
});
