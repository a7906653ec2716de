import type { Page } from '@playwright/test';
import { at, expect, expectNoSeriousA11yViolations, test } from './fixtures';

const START = at('start/');

/** Page errors would mean the island threw at the reader; every test fails on one. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

const card = (page: Page, id: string) => page.locator(`[data-step="${id}"]`);
const count = (page: Page) => page.locator('[data-count]');

test('six cards, each with its link and how it ticks off; axe passes', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto(START);
  await expect(page.getByRole('heading', { level: 1, name: 'Start here' })).toBeVisible();
  await expect(page.locator('ol.start-trail-steps > li')).toHaveCount(6);

  await expect(page.getByText('Not built yet')).toHaveCount(0);
  await expect(card(page, 'note').getByRole('link', { name: 'Attach a note to the KV-cache memory equation' })).toHaveAttribute(
    'href',
    /\/concepts\/kv-cache\/#eq-mem-kv$/,
  );
  await expect(card(page, 'note')).toContainText('Ticks itself off once you have saved a note in this browser.');
  await expect(count(page)).toHaveText('0 of 6 steps available done.');
  const bar = page.getByRole('progressbar', { name: '0 of 6 steps available done.' });
  await expect(bar).toHaveAttribute('max', '6');
  await expect(bar).toHaveJSProperty('value', 0);
  await expect(card(page, 'boundary').getByRole('link')).toHaveAttribute(
    'href',
    /\/concepts\/kv-cache\/#claim-boundary$/,
  );
  await expect(card(page, 'map').getByRole('link', { name: 'Map the attention equation' })).toHaveAttribute(
    'href',
    /\/map\/\?q=softmax/,
  );
  await expectNoSeriousA11yViolations(page);
  expect(errors).toEqual([]);
});

test('following a card link ticks it off before leaving; it survives reload and can be undone', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto(START);
  await expect(card(page, 'boundary').locator('[data-done-badge]')).toBeHidden();

  // Keyboard activation of the claim-boundary link lands on the section it names.
  await card(page, 'boundary').getByRole('link').focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/concepts\/kv-cache\/#claim-boundary$/);
  await expect(page.locator('#claim-boundary')).toBeVisible();
  await page.goBack();
  await expect(card(page, 'boundary').locator('[data-done-badge]')).toBeVisible();
  await expect(count(page)).toHaveText('1 of 6 steps available done.');

  // The graph link, by mouse: marked before navigation, whatever the graph page does itself.
  await card(page, 'graph').getByRole('link', { name: 'Open the route graph' }).click();
  await page.waitForURL(/\/graph\//);
  await page.goBack();
  await expect(count(page)).toHaveText('2 of 6 steps available done.');
  await expect(page.getByRole('progressbar')).toHaveJSProperty('value', 2);

  await page.reload();
  await expect(count(page)).toHaveText('2 of 6 steps available done.');
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('cf:trail')!));
  expect(stored).toMatchObject({ format: 'continuous-function/trail', version: 1 });
  expect([...stored.done].sort()).toEqual(['boundary', 'graph']);

  const undo = card(page, 'graph').getByRole('button', { name: 'Mark as not done: Inspect the route graph' });
  await undo.click();
  await expect(count(page)).toHaveText('1 of 6 steps available done.');
  await expect(undo).toBeHidden();
  await expect(card(page, 'graph').getByRole('link')).toBeFocused();
  await page.reload();
  await expect(count(page)).toHaveText('1 of 6 steps available done.');
  await expect(card(page, 'boundary').locator('[data-done-badge]')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a prediction in the lever lab completes step 4, on the next visit and from another tab', async ({
  page,
  context,
}) => {
  const errors = collectErrors(page);
  await page.goto(START);
  const lever = card(page, 'lever');
  // Following the lab link alone does not count: only a prediction does.
  await lever.getByRole('link', { name: 'Open the lever lab' }).click();
  await page.waitForURL(/\/labs\/kv-cache-lever\//);
  await page.goBack();
  await expect(count(page)).toHaveText('0 of 6 steps available done.');
  await expect(lever.locator('[data-done-badge]')).toBeHidden();

  // Predict in the lab in a second tab; this page hears it through the `storage` event.
  const lab = await context.newPage();
  await lab.goto(at('labs/kv-cache-lever/'));
  const scenario = lab.locator('#llama-3-1-70b-long-context');
  await scenario.getByRole('radio', { name: 'Sliding window of 4,096 tokens' }).check();
  await scenario.getByRole('button', { name: 'Reveal' }).click();
  await expect(lab.locator('[data-total]')).toHaveText(/from 1 prediction/);
  await expect(lever.locator('[data-done-badge]')).toBeVisible();
  await expect(count(page)).toHaveText('1 of 6 steps available done.');

  // Marked as not done, the old prediction no longer counts, even after a reload.
  await lever.getByRole('button', { name: /^Mark as not done/ }).click();
  await expect(count(page)).toHaveText('0 of 6 steps available done.');
  await page.reload();
  await expect(count(page)).toHaveText('0 of 6 steps available done.');

  // A new prediction does.
  await lab.reload();
  await scenario.getByRole('radio', { name: 'Store the cache in int4' }).check();
  await scenario.getByRole('button', { name: 'Reveal' }).click();
  await lab.close();
  await page.reload();
  await expect(count(page)).toHaveText('1 of 6 steps available done.');
  expect(errors).toEqual([]);
});

test('an unreadable store is reported, not overwritten, and replaced when the reader acts', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('cf:trail', '{"format":"continuous-function/trail","version":1,"done":[42]}');
      sessionStorage.setItem('seeded', '1');
    }
  });
  await page.goto(START);
  const status = page.getByRole('status');
  await expect(status).toContainText('The saved start-here progress is not in a format this page reads');
  await expect(status).toContainText('Doing a step here will start a fresh record.');
  await expect(count(page)).toHaveText('0 of 6 steps available done.');
  expect(await page.evaluate(() => localStorage.getItem('cf:trail'))).toContain('[42]');

  await card(page, 'efficient-attention').getByRole('link').click();
  await page.waitForURL(/\/concepts\/efficient-attention\//);
  await page.goBack();
  await expect(count(page)).toHaveText('1 of 6 steps available done.');
  await expect(status).toBeEmpty();
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('cf:trail')!));
  expect(stored.done).toEqual(['efficient-attention']);
  expect(errors).toEqual([]);
});

test('saving a note beside the KV-cache equation ticks off the note step', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(START);
  await expect(count(page)).toHaveText('0 of 6 steps available done.');
  await card(page, 'note').getByRole('link').click();
  await page.waitForURL(/\/concepts\/kv-cache\/#eq-mem-kv$/);
  const control = page.locator('#eq-mem-kv cf-note');
  await control.getByRole('button', { name: 'Add a note' }).click();
  const panel = control.getByRole('region', { name: 'Your notes on Equation mem-kv' });
  await panel.getByRole('radio', { name: 'Question' }).check();
  await panel.getByLabel('Note', { exact: true }).fill('Why does the batch multiply the cache and not the weights?');
  await panel.getByRole('button', { name: 'Save note' }).click();
  await expect(control.getByRole('button', { name: 'Notes (1)' })).toBeVisible();
  await page.goto(START);
  await expect(count(page)).toHaveText('1 of 6 steps available done.');
  await expect(card(page, 'note').getByRole('button', { name: /Mark as not done/ })).toBeVisible();
  expect(errors).toEqual([]);
});
