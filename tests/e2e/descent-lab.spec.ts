import type { Locator, Page } from '@playwright/test';
import { at, expect, expectNoSeriousA11yViolations, test } from './fixtures';

// The gradient-descent notebook embeds the lab on the bowl f = (x² + 10y²)/2 with η = 0.15,
// start (−2, 0.8), 60 steps, β = 0.6, Adam α = 0.1 (the bowl's defaults in src/lib/descent.ts).
const PAGE = at('concepts/gradient-descent/');

// Each test loads the notebook (KaTeX, the witness) several times and drives the island step by step;
// with parallel builds on the two shared cores a test can take minutes.
test.describe.configure({ timeout: 300_000 });

/** Page errors would mean the island threw at the reader; every test fails on one. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

async function openLab(page: Page, hash = ''): Promise<Locator> {
  await page.goto(`${PAGE}${hash}`);
  const lab = page.locator('cf-descent-lab');
  // The plot, not the whole lab (taller than the window): pointer tests need it on screen.
  await lab.locator('svg[data-plot]').scrollIntoViewIfNeeded();
  // The island's code loads once the plot nears the viewport; allow for a busy machine.
  await expect(lab).toHaveAttribute('data-live', '', { timeout: 30_000 });
  return lab;
}

const row = (lab: Locator, id: string) => lab.locator(`tr[data-row="${id}"]`);
const cell = (lab: Locator, id: string, name: string) => row(lab, id).locator(`[data-cell="${name}"]`);
const hashOf = (page: Page) => page.evaluate(() => decodeURIComponent(location.hash));

/** The screen position of a point of the plane, from the plot's box and its view (bowl: 5 × 3). */
async function screenPoint(
  lab: Locator,
  p: [number, number],
  view = { x0: -2.5, x1: 2.5, y0: -1.5, y1: 1.5 },
) {
  const box = (await lab.locator('svg[data-plot]').boundingBox())!;
  return {
    x: box.x + ((p[0] - view.x0) / (view.x1 - view.x0)) * box.width,
    y: box.y + ((view.y1 - p[1]) / (view.y1 - view.y0)) * box.height,
  };
}

test('the built page shows the starting runs, and the live lab agrees with them', async ({ page }) => {
  const errors = collectErrors(page);
  const lab = await openLab(page);
  // Hand-checkable: GD's loss 2·0.85^(2t) + 3.2·0.25^t first falls to 10⁻⁴ at step 31.
  await expect(cell(lab, 'gd', 'tolerance')).toHaveText('step 31');
  await expect(cell(lab, 'momentum', 'tolerance')).toHaveText('step 21');
  await expect(cell(lab, 'adam', 'tolerance')).toHaveText('not reached');
  for (const id of ['gd', 'momentum', 'adam']) await expect(cell(lab, id, 'diverged')).toHaveText('no');
  await expect(lab.locator('[data-stability]')).toHaveAttribute('data-kind', 'stable');
  await expect(lab.locator('[data-stability]')).toContainText('y by 1 − 10η = −0.5');
  await expect(lab.getByRole('slider', { name: 'Start point' })).toHaveAttribute(
    'aria-valuetext',
    'x −2, y 0.8',
  );
  // Three trajectories, each with its own marker path, drawn on the bowl's ten contours.
  await expect(lab.locator('[data-contours] path')).toHaveCount(10);
  for (const id of ['gd', 'momentum', 'adam'])
    await expect(lab.locator(`[data-run="${id}"] [data-line]`)).toHaveAttribute('d', /^M\S+ \S+L/);
  await expect(lab).not.toContainText('NaN');
  expect(errors).toEqual([]);
});

test('without JavaScript the plot and table are there and the controls say they need it', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(PAGE);
  const lab = page.locator('cf-descent-lab');
  await expect(cell(lab, 'gd', 'tolerance')).toHaveText('step 31');
  await expect(lab.locator('[data-nojs]')).toBeVisible();
  await expect(lab.getByLabel('η exactly')).toBeDisabled();
  await context.close();
});

test('by keyboard: a learning rate above 2/λ_max makes gradient descent diverge, and the hash records it', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const lab = await openLab(page);
  const exact = lab.getByLabel('η exactly');
  await exact.focus();
  await exact.fill('0.25');
  await exact.press('Enter');
  // y = 0.8·(−1.5)^t: 0.8·1.5¹⁷ = 788 ≤ 1000 < 0.8·1.5¹⁸ = 1182.
  await expect(cell(lab, 'gd', 'diverged')).toHaveText('step 18: |x| or |y| passed 1000');
  await expect(cell(lab, 'gd', 'tolerance')).toHaveText('not reached');
  // Momentum with β = 0.6 is stable up to 2(1 + 0.6)/10 = 0.32.
  await expect(cell(lab, 'momentum', 'diverged')).toHaveText('no');
  const note = lab.locator('[data-stability]');
  await expect(note).toHaveAttribute('data-kind', 'unstable');
  await expect(note).toContainText('η = 0.25 is above gradient descent’s stable limit 2/λ_max = 2/10 = 0.2');
  expect(await hashOf(page)).toContain('#descent-lab?s=bowl&lr=0.25&');

  // Exactly on the limit: no divergence, and the note says so.
  await exact.fill('0.2');
  await exact.press('Enter');
  await expect(note).toHaveAttribute('data-kind', 'edge');
  await expect(cell(lab, 'gd', 'diverged')).toHaveText('no');
  await expect(cell(lab, 'gd', 'loss')).toHaveText('3.2'); // x → 0, y = ±0.8: 10·0.64/2

  // The log-scale slider moves in steps of 0.01 in log₁₀ η: from −0.7 (0.2) to −0.69 = 0.204.
  const range = lab.getByLabel('Learning rate η (log scale)');
  await range.focus();
  await page.keyboard.press('ArrowRight');
  await expect(exact).toHaveValue('0.204');
  await expect(range).toHaveAttribute('aria-valuetext', 'η = 0.204');
  await expect(note).toHaveAttribute('data-kind', 'unstable');

  // The start point moves with the arrow keys: 1/50 of the view per press, 5× with Shift.
  const handle = lab.getByRole('slider', { name: 'Start point' });
  await handle.focus();
  await expect(handle).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(handle).toHaveAttribute('aria-valuetext', 'x −1.9, y 0.5');
  await expect(lab.getByLabel('Start x')).toHaveValue('-1.9');
  await expect(lab.getByLabel('Start y')).toHaveValue('0.5');
  expect(await hashOf(page)).toMatch(/&x=-1\.9&y=0\.5$/);
  expect(errors).toEqual([]);
});

test('at η = 0.25 a start on the valley floor y = 0 converges: nothing feeds the unstable direction', async ({
  page,
}) => {
  const lab = await openLab(page);
  await lab.getByLabel('η exactly').fill('0.25');
  await lab.getByLabel('η exactly').press('Enter');
  await expect(cell(lab, 'gd', 'diverged')).toHaveText('step 18: |x| or |y| passed 1000');
  await lab.getByLabel('Start y').fill('0');
  await lab.getByLabel('Start y').press('Enter');
  // y stays exactly 0; x shrinks by 0.75 a step: 2·0.5625ᵗ ≤ 10⁻⁴ first at t = 18.
  await expect(cell(lab, 'gd', 'diverged')).toHaveText('no');
  await expect(cell(lab, 'gd', 'tolerance')).toHaveText('step 18');
  // The note still warns: the limit is about the steepest direction, whatever the start.
  await expect(lab.locator('[data-stability]')).toHaveAttribute('data-kind', 'unstable');
});

test('by pointer: dragging the start point and clicking the plot move the start', async ({ page }) => {
  const errors = collectErrors(page);
  const lab = await openLab(page);
  const from = await screenPoint(lab, [-2, 0.8]);
  const to = await screenPoint(lab, [1, -1]);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
  const x = Number(await lab.getByLabel('Start x').inputValue());
  const y = Number(await lab.getByLabel('Start y').inputValue());
  // One screen pixel is about 0.01 of the plane at this size.
  expect(Math.abs(x - 1)).toBeLessThan(0.03);
  expect(Math.abs(y + 1)).toBeLessThan(0.03);
  await expect(lab.locator('[data-table-caption]')).toContainText(`from (${String(x).replace('-', '−')}, `);
  expect(await hashOf(page)).toContain(`&x=${x}&y=${y}`);

  // A click on the plot away from the handle moves the start there: onto the floor y = 0 at x = 2.
  const click = await screenPoint(lab, [2, 0]);
  await page.mouse.click(click.x, click.y);
  expect(Math.abs(Number(await lab.getByLabel('Start x').inputValue()) - 2)).toBeLessThan(0.03);
  expect(Math.abs(Number(await lab.getByLabel('Start y').inputValue()))).toBeLessThan(0.03);
  expect(errors).toEqual([]);
});

test('the hash round-trips: a shared link opens the same state, and a reload keeps edits', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const lab = await openLab(page, '#descent-lab?s=rosenbrock&lr=0.002&n=300&x=-1&y=2');
  await expect(lab.getByLabel('Surface')).toHaveValue('rosenbrock');
  await expect(lab.getByLabel('η exactly')).toHaveValue('0.002');
  await expect(lab.locator('[data-output="steps"]')).toHaveText('300');
  await expect(lab.locator('[data-table-caption]')).toContainText(
    'After 300 steps from (−1, 2) on the rosenbrock valley',
  );
  await expect(lab.locator('[data-contours] path')).toHaveCount(7);
  await expect(lab.locator('svg[data-plot]')).toHaveAttribute('viewBox', '0 0 480 480');
  await expect(lab.locator('[data-stability]')).toHaveAttribute('data-kind', 'local');

  await lab.getByLabel('Momentum β').fill('0.5');
  expect(await hashOf(page)).toContain('&b=0.5&');
  await page.reload();
  await lab.locator('svg[data-plot]').scrollIntoViewIfNeeded();
  await expect(lab).toHaveAttribute('data-live', '', { timeout: 30_000 });
  await expect(lab.getByLabel('Momentum β')).toHaveValue('0.5');
  await expect(lab.locator('[data-output="beta"]')).toHaveText('0.5');
  await expect(lab.getByLabel('Surface')).toHaveValue('rosenbrock');

  // Back to the page's start: the bowl again, and the hash says so.
  await lab.getByRole('button', { name: 'Back to this page’s start' }).click();
  await expect(lab.getByLabel('Surface')).toHaveValue('bowl');
  await expect(cell(lab, 'gd', 'tolerance')).toHaveText('step 31');
  expect(await hashOf(page)).toBe('#descent-lab?s=bowl&lr=0.15&a=0.1&b=0.6&b1=0.9&b2=0.999&n=60&x=-2&y=0.8');
  expect(errors).toEqual([]);
});

test('bad input gets a message beside its field and never a NaN', async ({ page }) => {
  const errors = collectErrors(page);
  const lab = await openLab(page);
  const exact = lab.getByLabel('η exactly');
  const message = lab.locator('[data-error-for="lr"]');
  await exact.fill('abc');
  await exact.press('Enter');
  await expect(message).toHaveText('“abc” is not a number; η stays 0.15.');
  await expect(exact).toHaveAttribute('aria-invalid', 'true');
  await expect(exact).toHaveAttribute('aria-describedby', (await message.getAttribute('id'))!);
  await expect(cell(lab, 'gd', 'tolerance')).toHaveText('step 31'); // nothing changed

  await exact.fill('5');
  await exact.press('Tab'); // leaving the field commits it too
  await expect(message).toHaveText('η must be from 10⁻⁴ to 1; 5 was clamped to 1.');
  await expect(exact).toHaveValue('1');
  await expect(exact).not.toHaveAttribute('aria-invalid', 'true');
  // η = 1: y is multiplied by −9 a step, 0.8·9⁴ = 5249 > 1000 at step 4 (0.8·9³ = 583).
  await expect(cell(lab, 'gd', 'diverged')).toHaveText('step 4: |x| or |y| passed 1000');

  const startX = lab.getByLabel('Start x');
  await startX.fill('9');
  await startX.press('Enter');
  await expect(lab.locator('[data-error-for="x"]')).toHaveText(
    'start x must be from −2.5 to 2.5; 9 was clamped to 2.5.',
  );
  await expect(startX).toHaveValue('2.5');
  await expect(lab).not.toContainText('NaN');
  await expect(lab).not.toContainText('Infinity');
  expect(errors).toEqual([]);
});

test('bad values in a shared link are clamped, each with its message', async ({ page }) => {
  const errors = collectErrors(page);
  const lab = await openLab(page, '#descent-lab?lr=zzz&n=99999&s=bowl');
  await expect(lab.locator('[data-error-for="lr"]')).toHaveText('“zzz” is not a number; η stays 0.15.');
  await expect(lab.locator('[data-error-for="steps"]')).toHaveText(
    'steps must be from 1 to 1000; 99999 was clamped to 1000.',
  );
  await expect(lab.locator('[data-output="steps"]')).toHaveText('1000');
  await expect(lab.locator('[data-table-caption]')).toContainText('After 1000 steps');
  expect(errors).toEqual([]);
});

test('switching to the saddle redraws the plot; a start on y = 0 stalls at the saddle point', async ({
  page,
}) => {
  const lab = await openLab(page);
  await lab.getByLabel('Surface').selectOption('saddle');
  await expect(lab.locator('[data-contours] path')).toHaveCount(8);
  await expect(lab.locator('[data-surface-note]')).toContainText('a saddle point at (0, 0)');
  const startY = lab.getByLabel('Start y');
  await startY.fill('0');
  await startY.press('Enter');
  // On y = 0 the y-gradient y(y² − 1) is 0, so every optimizer stays on it and approaches
  // (0, 0), where the loss is 1/4: the tolerance 10⁻⁴ is never reached.
  for (const id of ['gd', 'momentum', 'adam']) {
    await expect(cell(lab, id, 'tolerance')).toHaveText('not reached');
    await expect(cell(lab, id, 'loss')).toHaveText('0.25');
  }
});

// The whole notebook (KaTeX, highlighted witness) takes axe minutes on a busy 2-core machine; the
// page type is swept in pages.spec.ts, so this run covers the island, in both themes and in the
// warning state.
test('the live lab has no serious accessibility violations, light and dark', async ({ page }) => {
  const errors = collectErrors(page);
  await openLab(page, '#descent-lab?s=bowl&lr=0.25&x=9');
  await expect(page.locator('[data-stability]')).toHaveAttribute('data-kind', 'unstable');
  await expect(page.locator('[data-error-for="x"]')).not.toBeEmpty();
  await expectNoSeriousA11yViolations(page, 'cf-descent-lab');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousA11yViolations(page, 'cf-descent-lab');
  expect(errors).toEqual([]);
});
