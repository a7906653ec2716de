import type { Page } from '@playwright/test';
import { at, expect, expectNoSeriousA11yViolations, test } from './fixtures';

const LAB = at('labs/kv-cache-lever/');
const LLAMA = '#llama-3-1-70b-long-context';
const PERCENT = 'How much of the total memory will it save? (%)';

/** Page errors would mean the island threw at the reader; every test fails on one. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

test('the answer stays hidden until a lever is chosen, then the ranking and score appear', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto(LAB);
  const card = page.locator(LLAMA);
  const reveal = card.getByRole('button', { name: 'Reveal' });
  await expect(reveal).toBeEnabled();
  // Neither shown nor in the accessibility tree before a prediction.
  await expect(card.getByRole('heading', { name: /^Answer:/ })).toHaveCount(0);
  await expect(card.locator('table')).toBeHidden();

  await reveal.click();
  await expect(card.getByRole('alert').filter({ hasText: 'Choose a lever first.' })).toBeVisible();
  await expect(card.locator('table')).toBeHidden();

  // The page names its winner; for this scenario it was verified by hand to be the window.
  const winner = await card.getAttribute('data-winner');
  expect(winner).toBe('window');
  await card.getByRole('radio', { name: 'Sliding window of 4,096 tokens' }).check();
  await expect(card.getByText('Choose a lever first.')).toHaveCount(0);
  await reveal.click();

  const heading = card.getByRole('heading', { name: 'Answer: Sliding window of 4,096 tokens' });
  await expect(heading).toBeVisible();
  await expect(heading).toBeFocused();
  const firstRow = card.locator('tbody tr').first();
  await expect(firstRow).toHaveAttribute('data-lever', winner!);
  await expect(firstRow.getByRole('rowheader')).toContainText('Sliding window of 4,096 tokens');
  await expect(firstRow).toContainText('your pick');
  // MQA saves nothing here: tensor parallelism would copy the single head to all eight GPUs.
  await expect(card.locator('tr[data-lever="mqa"]')).toContainText('0 bytes');
  await expect(card.locator('[data-score]')).toHaveText(
    /saves the most: 2 points\. Score for this scenario: 2\.$/,
  );
  await expect(page.locator('[data-total]')).toHaveText(/2 points from 1 prediction/);
  expect(errors).toEqual([]);
});

test('a percentage outside 0–100 gets a message beside the field and blocks the reveal', async ({ page }) => {
  await page.goto(LAB);
  const card = page.locator(LLAMA);
  const field = card.getByLabel(PERCENT);
  await card.getByRole('radio', { name: 'Store the cache in int4' }).check();
  await field.fill('150');
  await card.getByRole('button', { name: 'Reveal' }).click();

  const message = card.locator('[data-percent-error]');
  await expect(message).toHaveText(/between 0 and 100 %.*not 150/);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAttribute(
    'aria-describedby',
    new RegExp(`\\b${await message.getAttribute('id')}\\b`),
  );
  await expect(field).toBeFocused();
  await expect(card.locator('table')).toBeHidden();

  // Fixing it clears the message; the guess (68 % against 68.01 %) earns the extra point.
  await field.fill('68');
  await expect(message).toBeEmpty();
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await card.getByRole('button', { name: 'Reveal' }).click();
  await expect(card.locator('[data-score]')).toContainText('saves the second most: 1 point');
  await expect(card.locator('[data-score]')).toContainText('Score for this scenario: 2.');
  await expect(page.locator('main')).not.toContainText('NaN');
});

test('predictions are kept across reloads, survive a damaged store and can be cleared', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(LAB);
  const card = page.locator('#llama-3-1-8b-chat');
  await card.getByRole('radio', { name: 'Quantize the weights to fp8' }).check();
  await card.getByRole('button', { name: 'Reveal' }).click();
  await expect(card.getByRole('heading', { name: /^Answer:/ })).toBeVisible();

  await page.reload();
  const history = page.getByRole('region', { name: 'Your past predictions' });
  const items = history.getByRole('listitem');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText('Llama 3.1 8B serving short chats on one GPU');
  await expect(items.first()).toContainText('it was the best. 2 points.');
  // The reloaded card asks again: nothing is revealed by the history.
  await expect(card.getByRole('heading', { name: /^Answer:/ })).toHaveCount(0);

  await history.getByRole('button', { name: 'Clear history' }).click();
  await expect(items).toHaveCount(0);
  await page.reload();
  await expect(items).toHaveCount(0);

  // A damaged record is reported, not thrown, and the next prediction starts afresh.
  await page.evaluate(() =>
    localStorage.setItem('cf:lever-lab', '{"format":"continuous-function/lever-lab"'),
  );
  await page.reload();
  await expect(history.getByRole('status')).toContainText('not valid JSON');
  await card.getByRole('radio', { name: 'Halve the batch' }).check();
  await card.getByRole('button', { name: 'Reveal' }).click();
  await expect(items).toHaveCount(1);
  await expect(history.locator('[data-status]')).toBeEmpty();
  expect(errors).toEqual([]);
});

test('the lab passes axe before and after a reveal', async ({ page }) => {
  await page.goto(LAB);
  await expect(page.getByRole('heading', { level: 1, name: 'Predict the KV-cache lever' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  const card = page.locator(LLAMA);
  await card.getByRole('radio', { name: 'Share one KV head (MQA)' }).check();
  await card.getByLabel(PERCENT).fill('-4');
  await card.getByRole('button', { name: 'Reveal' }).click();
  await expect(card.locator('[data-percent-error]')).not.toBeEmpty();
  await card.getByLabel(PERCENT).fill('');
  await card.getByRole('button', { name: 'Reveal' }).click();
  await expect(card.getByRole('heading', { name: /^Answer:/ })).toBeFocused();
  await expectNoSeriousA11yViolations(page);
});
