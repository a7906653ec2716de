import type { Locator, Page } from '@playwright/test';
import { at, expect, expectNoSeriousA11yViolations, test } from './fixtures';

const PAGE = at('concepts/dot-product/');

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

const playground = (page: Page) => page.locator('cf-vector-playground');
/** The value cell of a row of the table ("plain": a and b; "mapped": Ma and Mb). */
const cell = (page: Page, row: string, column: 'plain' | 'mapped' = 'plain') =>
  playground(page).locator(`tr[data-row="${row}"] [data-cell="${column}"]`);

async function ready(page: Page) {
  await page.goto(PAGE);
  await playground(page).scrollIntoViewIfNeeded();
  await expect(playground(page)).toHaveAttribute('data-ready', '', { timeout: 30_000 });
}

/** Screen position of a plane point (x, y), from the SVG's box (viewBox 400, 34 px per unit). */
async function screenOf(plane: Locator, x: number, y: number) {
  const box = (await plane.boundingBox())!;
  const k = box.width / 400;
  return { x: box.x + (200 + x * 34) * k, y: box.y + (200 - y * 34) * k };
}

test('starts at the worked example, drawn before the code loads', async ({ page }) => {
  await page.goto(PAGE);
  // Server-rendered: the table and the description are there whatever the script does.
  await expect(cell(page, 'dot')).toHaveText('8.00');
  await expect(cell(page, 'angle')).toHaveText('26.57°');
  await expect(cell(page, 'cos')).toHaveText('0.894');
  await expect(cell(page, 'proj')).toHaveText('(2.00, 2.00)');
  await expect(playground(page).locator('[data-description]')).toContainText('a · b = 8.00 is positive');
  await expect(playground(page).locator('.vp-shadow')).toHaveCount(1);
  await expect(page.getByText('Demo: the vector playground')).toBeVisible();
  await expect(page.locator('.demo-plan .badge-live')).toHaveText('live below');
});

test('the tip of a moves with the arrow keys, Shift for whole steps, and the hash keeps it', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await ready(page);
  const tipA = page.getByRole('button', { name: /^Tip of a at \(3\.0, 1\.0\)/ });
  await tipA.focus();
  await expect(tipA).toBeFocused();
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  // a = (4, 1): 4·2 + 1·2 = 10.
  await expect(cell(page, 'first')).toHaveText('(4.00, 1.00)');
  await expect(cell(page, 'dot')).toHaveText('10.00');
  await page.keyboard.press('Shift+ArrowUp');
  // a = (4, 2): 8 + 4 = 12; θ = 45° − atan(1/2) = 18.43°.
  await expect(cell(page, 'dot')).toHaveText('12.00');
  await expect(cell(page, 'angle')).toHaveText('18.43°');
  await expect(page.getByLabel('a, x', { exact: true })).toHaveValue('4');
  await expect(page.getByLabel('a, y', { exact: true })).toHaveValue('2');
  await expect(page.getByRole('button', { name: /^Tip of a at \(4\.0, 2\.0\)/ })).toBeFocused();
  await expect(page).toHaveURL(/#vector-playground\?a=4%2C2&b=2%2C2/);
  await page.reload();
  await playground(page).scrollIntoViewIfNeeded();
  await expect(playground(page)).toHaveAttribute('data-ready', '', { timeout: 30_000 });
  await expect(cell(page, 'dot')).toHaveText('12.00');
  await expect(page.getByLabel('a, x', { exact: true })).toHaveValue('4');
  expect(errors).toEqual([]);
});

test('dragging b with the pointer turns the score negative', async ({ page }) => {
  const errors = collectErrors(page);
  await ready(page);
  const plane = playground(page).locator('svg[data-plane]');
  const from = await screenOf(plane, 2, 2);
  const to = await screenOf(plane, -2, 2);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, from.y - 20, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 6 });
  await page.mouse.up();
  // b = (−2, 2): 3·(−2) + 1·2 = −4.
  await expect(cell(page, 'second')).toHaveText('(−2.00, 2.00)');
  await expect(cell(page, 'dot')).toHaveText('−4.00');
  await expect(playground(page).locator('[data-description]')).toContainText(
    'over 90°, so a · b = −4.00 is negative: the shadow of a points away from b',
  );
  // A press on empty plane moves the nearer tip there: (1, −3) is 4.47 from a = (3, 1), 5.83 from b.
  const spot = await screenOf(plane, 1, -3);
  await page.mouse.click(spot.x, spot.y);
  await expect(cell(page, 'first')).toHaveText('(1.00, −3.00)');
  expect(errors).toEqual([]);
});

test('Double a keeps the angle; a field out of range is clamped with a message beside it', async ({
  page,
}) => {
  await ready(page);
  const box = playground(page);
  await box.getByRole('button', { name: 'Halve a' }).click();
  await expect(cell(page, 'first')).toHaveText('(1.50, 0.50)');
  await expect(cell(page, 'dot')).toHaveText('4.00');
  await expect(cell(page, 'angle')).toHaveText('26.57°');
  await box.getByRole('button', { name: 'Double a' }).click();
  await box.getByRole('button', { name: 'Double a' }).click();
  await expect(box.locator('[data-msg="scale"]')).toHaveText(
    '2.00 a = (6.00, 2.00) would leave the plane (coordinates stay within ±5), so a is unchanged.',
  );
  await expect(cell(page, 'first')).toHaveText('(3.00, 1.00)');

  const ax = page.getByLabel('a, x', { exact: true });
  await ax.fill('9');
  await ax.press('Enter');
  await ax.blur();
  await expect(ax).toHaveAttribute('aria-invalid', 'true');
  const message = page.locator(`#${await ax.getAttribute('aria-describedby')}`);
  await expect(message).toHaveText('9.00 is outside −5 to 5: set to 5.00.');
  await expect(ax).toHaveValue('5');
  await expect(cell(page, 'first')).toHaveText('(5.00, 1.00)');
  await ax.fill('');
  await ax.blur();
  await expect(message).toHaveText('Enter a number from −5 to 5 for a, x; the last valid value is kept.');
  await expect(cell(page, 'first')).toHaveText('(5.00, 1.00)');
  await ax.fill('2');
  await expect(message).toBeEmpty();
  await expect(cell(page, 'first')).toHaveText('(2.00, 1.00)');
});

test('b at the origin makes the angle undefined, with a reason instead of NaN', async ({ page }) => {
  await ready(page);
  await page.getByLabel('b, x', { exact: true }).fill('0');
  await page.getByLabel('b, y', { exact: true }).fill('0');
  await expect(cell(page, 'dot')).toHaveText('0.00');
  for (const row of ['angle', 'cos', 'shadow', 'proj']) await expect(cell(page, row)).toHaveText('undefined');
  await expect(playground(page).locator('[data-notes]')).toContainText(
    'b is the zero vector: it has no direction, so the angle between them is undefined.',
  );
  await expect(playground(page)).not.toContainText(/NaN|Infinity/);
  await expect(playground(page).locator('.vp-shadow')).toHaveCount(0);
});

test('matrix mode: rotation keeps a · b, the shear changes it, by keyboard', async ({ page }) => {
  const errors = collectErrors(page);
  await ready(page);
  const box = playground(page);
  const toggle = box.getByRole('checkbox', { name: 'Apply a matrix M to the grid and both arrows' });
  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(toggle).toBeChecked();
  await expect(box.getByRole('columnheader', { name: 'Ma, Mb' })).toBeVisible();
  // The identity to start with: nothing moves.
  await expect(cell(page, 'dot', 'mapped')).toHaveText('8.00');
  const rotation = box.getByRole('button', { name: 'Rotation (36.87°)' });
  await rotation.focus();
  await page.keyboard.press('Enter');
  await expect(rotation).toHaveAttribute('aria-pressed', 'true');
  // Ma = (0.8·3 − 0.6·1, 0.6·3 + 0.8·1) = (1.8, 2.6); the score stays 8.
  await expect(cell(page, 'first', 'mapped')).toHaveText('(1.80, 2.60)');
  await expect(cell(page, 'dot', 'mapped')).toHaveText('8.00');
  await expect(box.locator('[data-verdict]')).toContainText('M is orthogonal');
  await box.getByRole('button', { name: 'Shear' }).click();
  // Ma = (4, 1), Mb = (4, 2): 16 + 2 = 18.
  await expect(cell(page, 'dot', 'mapped')).toHaveText('18.00');
  await expect(box.locator('[data-verdict]')).toContainText('(Ma) · (Mb) = 18.00 differs from a · b = 8.00');
  await expect(page.getByLabel('M row 1, column 2')).toHaveValue('1');
  const m22 = page.getByLabel('M row 2, column 2');
  await m22.fill('-7');
  await m22.blur();
  await expect(m22).toHaveValue('-3');
  await expect(box.locator('[data-msg="m22"]')).toHaveText('−7.00 is outside −3 to 3: set to −3.00.');
  await expect(page).toHaveURL(/m=1%2C1%2C0%2C-3&mode=matrix/);
  await expect(box.locator('.vp-mgrid').first()).toBeAttached();
  expect(errors).toEqual([]);
});

test('a shared link sets the state; bad numbers in it get messages, not errors', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(`${PAGE}#vector-playground?a=9,1&b=oops&m=2,0,0,0.5&mode=matrix`);
  await playground(page).scrollIntoViewIfNeeded();
  await expect(playground(page)).toHaveAttribute('data-ready', '', { timeout: 30_000 });
  await expect(cell(page, 'first')).toHaveText('(5.00, 1.00)');
  await expect(cell(page, 'second')).toHaveText('(2.00, 2.00)');
  await expect(playground(page).locator('[data-msg="ax"]')).toHaveText(
    'From the link: 9.00 is outside −5 to 5: set to 5.00.',
  );
  await expect(playground(page).locator('[data-msg="bx"]')).toContainText('is not 2 numbers');
  // Scaling: Ma = (10, 0.5), Mb = (4, 1): 40 + 0.5.
  await expect(cell(page, 'dot', 'mapped')).toHaveText('40.50');
  await expect(playground(page).locator('[data-notes]')).toContainText(
    'Ma = (10.00, 0.50) lies outside the drawn plane',
  );
  expect(errors).toEqual([]);
});

for (const scheme of ['light', 'dark'] as const)
  // The whole notebook is in the axe sweep of pages.spec.ts; here the live island in matrix mode.
  test(`the playground passes axe in matrix mode (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await ready(page);
    await page.locator('cf-vector-playground [data-mode-toggle]').check();
    await expectNoSeriousA11yViolations(page, 'cf-vector-playground');
  });

test('the playground fits a 360 px screen', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await ready(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
