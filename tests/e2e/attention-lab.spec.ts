import type { Page } from '@playwright/test';
import { at, expect as baseExpect, expectNoSeriousA11yViolations, test } from './fixtures';

const PAGE = at('concepts/scaled-dot-product-attention/');
// The notebook is a large page (KaTeX) and the test machine is shared: allow time to load, while
// every check below still fails if the lab shows the wrong thing.
const expect = baseExpect.configure({ timeout: 20_000 });
test.describe.configure({ timeout: 300_000 });

/** Page errors would mean the island threw at the reader; every test fails on one. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Open the notebook, bring the lab into view and wait until its controls are live. */
async function openLab(page: Page, hash = '') {
  await page.goto(`${PAGE}${hash}`);
  const lab = page.locator('cf-attention-lab');
  await lab.scrollIntoViewIfNeeded();
  await expect(lab.getByLabel('Tokens, 2 to 6 separated by spaces')).toBeEnabled();
  return lab;
}

const cell = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

test('the starting state: the weights, the worked explanation and the random experiment', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const lab = await openLab(page);
  // Hand-computed: ran scores 4 on fox and 0 on the rest, ÷ √4 → e²/(e² + 3) = 0.71.
  await expect(cell(page, '0.71: weight of ran on fox')).toHaveAttribute('aria-pressed', 'true');
  await expect(cell(page, '0, masked: weight of the on red')).toBeVisible();
  const explain = lab.locator('[data-explain]');
  await expect(explain.getByRole('heading')).toHaveText('Why ran puts 0.71 on fox');
  await expect(explain).toContainText('Scale: 4 ÷ √4 = 4 ÷ 2 = 2.');
  await expect(lab.locator('[data-summary]')).toHaveText(/ran puts most weight on fox \(0\.71\)/);
  // The table of the √d_k experiment at d_k = 64: raw scores spread about √64 = 8, scaled about 1.
  const spread = lab.locator('.attn-stats tbody tr').first();
  await expect(spread.locator('th')).toContainText('√64 = 8');
  const [raw, scaled] = (await spread.locator('td').allTextContents()).map(Number);
  expect(raw).toBeGreaterThan(6.5);
  expect(raw).toBeLessThan(9.5);
  expect(scaled).toBeGreaterThan(0.8);
  expect(scaled).toBeLessThan(1.2);
  await expect(lab).not.toContainText(/NaN|undefined/);
  expect(errors).toEqual([]);
});

test('keyboard: arrow keys move through the heat map, switches and sliders answer, the hash follows', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const lab = await openLab(page);
  const start = cell(page, '0.71: weight of ran on fox');
  await start.focus();
  await page.keyboard.press('ArrowUp');
  const foxOnFox = cell(page, '0.11: weight of fox on fox');
  await expect(foxOnFox).toBeFocused();
  await expect(foxOnFox).toHaveAttribute('aria-pressed', 'true');
  await expect(lab.locator('[data-explain] h4')).toHaveText('Why fox puts 0.11 on fox');
  await page.keyboard.press('ArrowLeft');
  await expect(cell(page, '0.79: weight of fox on red')).toBeFocused();
  await expect(lab.locator('[data-explain] h4')).toHaveText('Why fox puts 0.79 on red');
  // The Q row of fox and the K row of red are marked in the editor.
  await expect(lab.locator('.attn-matrix[data-matrix="q"] tr.attn-pick th')).toHaveText('fox');
  await expect(lab.locator('.attn-matrix[data-matrix="k"] tr.attn-pick th')).toHaveText('red');
  await page.keyboard.press('End');
  await expect(cell(page, '0, masked: weight of fox on ran')).toBeFocused();
  await expect(lab.locator('[data-explain]')).toContainText('ran comes after fox, so the mask adds −∞');

  // Scaling off with the keyboard: fox now puts e⁴/(e⁴ + 2) = 0.96 on red.
  await lab.getByLabel('Divide the scores by √d_k').focus();
  await page.keyboard.press('Space');
  await expect(lab.getByLabel('Divide the scores by √d_k')).not.toBeChecked();
  await expect(cell(page, '0.96: weight of fox on red')).toBeVisible();
  await expect(page).toHaveURL(/#attention-lab\?.*scale=off/);

  // The d_k slider: End goes to 512, where raw scores spread about √512 = 22.6.
  const dk = lab.getByLabel('Width of the random vectors, d_k');
  await dk.focus();
  await page.keyboard.press('End');
  await expect(dk).toHaveAttribute('aria-valuetext', 'd_k = 512');
  await expect(lab.getByLabel('d_k, a whole number from 1 to 512')).toHaveValue('512');
  await expect(lab.locator('.attn-stats tbody tr').first().locator('th')).toContainText('√512 = 22.63');
  await expect(page).toHaveURL(/dk=512/);
  await page.keyboard.press('Home');
  await expect(dk).toHaveAttribute('aria-valuetext', 'd_k = 1');
  // At d_k = 1, √1 = 1: the two columns of the table agree.
  const cells = await lab.locator('.attn-stats tbody tr').first().locator('td').allTextContents();
  expect(cells[0]).toBe(cells[1]);
  expect(errors).toEqual([]);
});

test('pointer: presets, heads, the mask and the temperature slider', async ({ page }) => {
  const errors = collectErrors(page);
  const lab = await openLab(page);
  await lab.getByLabel('Example').selectOption('two-heads');
  await expect(lab.getByLabel('2 heads, d_k = 2 each')).toBeChecked();
  await expect(lab.locator('.attn-heads table')).toHaveCount(2);
  await lab.getByLabel('4 heads, d_k = 1 each').click();
  await expect(lab.locator('.attn-heads table')).toHaveCount(4);
  await expect(lab.locator('.attn-heads caption').nth(2)).toHaveText('Head 3: columns 3');
  // Pick a weight in head 3's map with the mouse: the explanation follows that head.
  await lab.locator('.attn-heads table').nth(2).locator('button[data-i="2"][data-j="1"]').click();
  await expect(lab.locator('[data-explain] h4')).toHaveText(/^Why saw puts [\d.]+ on fox in head 3$/);
  await expect(lab.locator('[data-explain]')).toContainText('Scale: 4 ÷ √1 = 4 ÷ 1 = 4.');
  await expect(page).toHaveURL(/heads=4&head=3/);

  await lab.getByLabel('1 head, d_k = 4').click();
  await lab.getByLabel('Example').selectOption('lookup');
  // Mask off: the first token can read ahead and looks for a noun, fox (e²/(e² + 3) = 0.71).
  await lab.getByLabel('Causal mask: a token reads only itself and earlier tokens').click();
  await expect(cell(page, '0.71: weight of the on fox')).toBeVisible();
  await expect(lab.locator('.attn-heat .attn-masked')).toHaveCount(0);

  // Click the right end of the temperature slider: τ = 10 flattens every row towards 1/4.
  const slider = lab.getByLabel('Temperature τ (logits are divided by it)');
  const box = (await slider.boundingBox())!;
  await page.mouse.click(box.x + box.width - 2, box.y + box.height / 2);
  await expect(lab.getByLabel('τ, from 0.1 to 10')).toHaveValue('10');
  await expect(lab.locator('[data-summary]')).toContainText('τ = 10');
  // Row "ran" at τ = 10: logits 0.2 and 0, so e^0.2/(e^0.2 + 3) = 0.29.
  await expect(cell(page, '0.29: weight of ran on fox')).toBeVisible();
  expect(errors).toEqual([]);
});

test('bad input clamps with a message beside the field, and text stays text', async ({ page }) => {
  const errors = collectErrors(page);
  const lab = await openLab(page);
  const entry = lab.getByLabel('Q, row 4 (ran), column 3');
  await entry.fill('99');
  await expect(entry).toHaveAttribute('aria-invalid', 'true');
  const describedBy = (await entry.getAttribute('aria-describedby'))!;
  await expect(page.locator(`#${describedBy}`)).toHaveText(
    'Q, row 4 (ran), column 3: the entry goes from −9 to 9: using 9.',
  );
  await entry.press('Tab');
  await expect(entry).toHaveValue('9');
  await expect(lab.getByLabel('Example')).toHaveValue('custom');
  // 9 × 2 = 18, ÷ 2 = 9: e⁹/(e⁹ + 3) = 0.9996, nearly but not exactly 1.
  await expect(cell(page, '1.00: weight of ran on fox')).toBeVisible();
  await entry.fill('');
  await entry.press('Tab');
  await expect(page.locator(`#${describedBy}`)).toContainText('Enter a number for the entry; still using 9.');
  await expect(entry).toHaveValue('9');

  const tokens = lab.getByLabel('Tokens, 2 to 6 separated by spaces');
  await tokens.fill('alone');
  await tokens.press('Tab');
  await expect(lab.locator('[data-error="tokens"]')).toContainText('Enter 2 to 6 tokens separated by spaces');
  await expect(tokens).toHaveValue('the red fox ran');
  await tokens.fill('<img src=x onerror=alert(1)> b');
  await expect(lab.locator('[data-error="tokens"]')).toHaveText('Tokens are cut to 12 characters.');
  await expect(lab.locator('img')).toHaveCount(0);
  await expect(lab.locator('.attn-heat[data-heat="0"] tbody th').first()).toHaveText('<img');
  await expect(lab.locator('.attn-heat[data-heat="0"] tbody th').nth(2)).toHaveText('onerror=aler');

  // "0" is on its way to "0.5": no message while typing, a clamp with a message on leaving.
  const tau = lab.getByLabel('τ, from 0.1 to 10');
  await tau.fill('0');
  await expect(lab.locator('[data-error="temp"]')).toBeEmpty();
  await tau.fill('0.5');
  await expect(lab.locator('[data-summary]')).toContainText('τ = 0.5');
  await tau.fill('0');
  await tau.press('Tab');
  await expect(lab.locator('[data-error="temp"]')).toHaveText('τ goes from 0.1 to 10: using 0.1.');
  await expect(tau).toHaveValue('0.1');
  await expect(tau).toHaveAttribute('aria-invalid', 'true');

  const dk = lab.getByLabel('d_k, a whole number from 1 to 512');
  await dk.fill('5000');
  await expect(lab.locator('[data-error="dk"]')).toHaveText('d_k goes from 1 to 512: using 512.');
  await expect(lab.getByLabel('Width of the random vectors, d_k')).toHaveAttribute(
    'aria-valuetext',
    'd_k = 512',
  );
  await dk.fill('0.2');
  await dk.press('Tab');
  await expect(lab.locator('[data-error="dk"]')).toHaveText('d_k goes from 1 to 512: using 1.');
  await expect(dk).toHaveValue('1');
  await expect(lab).not.toContainText(/NaN|undefined/);
  expect(errors).toEqual([]);
});

test('the hash round-trips the state, and a bad hash is explained, not thrown', async ({ page, context }) => {
  const errors = collectErrors(page);
  const lab = await openLab(page);
  await lab.getByLabel('Q, row 3 (fox), column 1').fill('-1.5');
  await lab.getByLabel('Causal mask: a token reads only itself and earlier tokens').click();
  await lab.getByLabel('2 heads, d_k = 2 each').click();
  await lab.getByRole('button', { name: 'New random draw' }).click();
  await expect(lab.locator('[data-seed]')).toHaveText('Seed 2');
  await expect(page).toHaveURL(
    /#attention-lab\?preset=custom&.*mask=off.*heads=2.*seed=2.*q=0_0_2_0\*2_0_0_0\*-1\.5_2_0_0/,
  );
  const shared = page.url();
  const summaryText = await lab.locator('[data-summary]').textContent();

  // A new tab opening the link scrolls to the lab (so it loads) and shows the same state.
  const other = await context.newPage();
  const otherErrors = collectErrors(other);
  await other.goto(shared);
  const lab2 = other.locator('cf-attention-lab');
  await expect(lab2.getByLabel('Q, row 3 (fox), column 1')).toHaveValue('-1.5');
  await expect(lab2).toBeInViewport({ ratio: 0.05 });
  await expect(
    lab2.getByLabel('Causal mask: a token reads only itself and earlier tokens'),
  ).not.toBeChecked();
  await expect(lab2.getByLabel('2 heads, d_k = 2 each')).toBeChecked();
  await expect(lab2.locator('[data-seed]')).toHaveText('Seed 2');
  await expect(lab2.locator('[data-summary]')).toHaveText(summaryText!);
  await expect(lab2.locator('[data-notes]')).toBeEmpty();

  // Editing the hash by hand is read again.
  await other.evaluate(() => (location.hash = '#attention-lab?preset=average&mask=on'));
  await expect(lab2.getByLabel('Example')).toHaveValue('average');
  await expect(other.getByRole('button', { name: '0.25: weight of ran on the', exact: true })).toBeVisible();

  await other.goto(`${PAGE}#attention-lab?temp=0&heads=3&dk=abc&preset=gpt`);
  const notes = other.locator('cf-attention-lab [data-notes]');
  await expect(notes).toContainText('τ goes from 0.1 to 10: using 0.1');
  await expect(notes).toContainText('asks for 3 heads');
  await expect(notes).toContainText('“abc” is not a number');
  await expect(notes).toContainText('preset “gpt”');
  await expect(other.locator('cf-attention-lab')).not.toContainText(/NaN|undefined/);
  expect([...errors, ...otherErrors]).toEqual([]);
});

test('loads lazily, only on pages that use it, and reads without JavaScript', async ({ page, browser }) => {
  const chunks: string[] = [];
  page.on('request', (r) => /cf-attention-lab[^/]*\.js$/.test(r.url()) && chunks.push(r.url()));
  await page.goto(PAGE);
  await page.waitForLoadState('networkidle');
  expect(chunks, 'the island code waits until the lab nears the viewport').toEqual([]);
  await page.locator('cf-attention-lab').scrollIntoViewIfNeeded();
  await expect(page.getByLabel('Tokens, 2 to 6 separated by spaces')).toBeEnabled();
  expect(chunks).toHaveLength(1);

  const scripts = await page.request.get(at('concepts/kv-cache/'));
  expect(await scripts.text()).not.toMatch(/AttentionLab|cf-attention-lab/);

  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noJs.newPage();
  await plain.goto(PAGE);
  const lab = plain.locator('cf-attention-lab');
  await expect(lab.locator('[data-nojs]')).toContainText(
    'The controls work once the lab’s script has loaded',
  );
  await expect(lab.getByLabel('Tokens, 2 to 6 separated by spaces')).toBeDisabled();
  await expect(lab.locator('[data-explain] h4')).toHaveText('Why ran puts 0.71 on fox');
  await expect(lab.locator('.attn-heat[data-heat="0"] tbody tr').nth(3)).toContainText('0.71');
  await expect(lab.locator('.attn-stats tbody tr')).toHaveCount(5);
  await noJs.close();
});

test('reduced motion: the heat map does not animate', async ({ browser }) => {
  for (const [reducedMotion, expected] of [
    ['reduce', '0s'],
    ['no-preference', '0.12s'],
  ] as const) {
    const context = await browser.newContext({ reducedMotion });
    const page = await context.newPage();
    await openLab(page);
    const duration = await page
      .locator('.attn-heat td.attn-w')
      .first()
      .evaluate((td) => getComputedStyle(td).transitionDuration);
    expect(duration).toBe(expected);
    await context.close();
  }
});

test('the lab passes axe, with two heads shown', async ({ page }) => {
  const lab = await openLab(page);
  await lab.getByLabel('2 heads, d_k = 2 each').click();
  await expect(lab.locator('.attn-heads table')).toHaveCount(2);
  await expectNoSeriousA11yViolations(page);
});
