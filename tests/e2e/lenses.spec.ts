import type { Page } from '@playwright/test';
import { at, expect, expectNoSeriousA11yViolations, test } from './fixtures';

const headings = (page: Page) => page.locator('.notebook h2[id]').evaluateAll((hs) => hs.map((h) => h.id));
const tocOrder = (page: Page) =>
  page.locator('.toc .toc-depth-2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
const lensButton = (page: Page, name: string | RegExp) => page.getByRole('group', { name: 'Read as' }).getByRole('button', { name });

test('the engineer lens puts the witness, the demo and the sources first, keeps everything, and is remembered', async ({ page }) => {
  await page.goto(at('concepts/kv-cache/'));
  const learner = await headings(page);
  expect(learner.indexOf('intuition')).toBeLessThan(learner.indexOf('code'));
  await expect(lensButton(page, /Learner/)).toHaveAttribute('aria-pressed', 'true');

  await lensButton(page, /Engineer/).click();
  await expect(lensButton(page, /Engineer/)).toHaveAttribute('aria-pressed', 'true');
  await expect(lensButton(page, /Engineer/)).toBeFocused(); // focus comes back after the switch
  const engineer = await headings(page);
  expect(engineer.slice(0, 5)).toEqual(['prerequisites', 'code', 'demo', 'math', 'intuition']);
  expect(engineer.indexOf('sources')).toBeLessThan(engineer.indexOf('symbols'));
  expect([...engineer].sort()).toEqual([...learner].sort()); // nothing hidden, nothing lost
  expect((await tocOrder(page)).slice(0, 3)).toEqual(['#prerequisites', '#code', '#demo']);

  await page.goto(at('concepts/chain-rule/'));
  await expect(lensButton(page, /Engineer/)).toHaveAttribute('aria-pressed', 'true');
  expect((await headings(page)).slice(1, 3)).toEqual(['code', 'demo']);
  // The islands still work in the new order: the explorer goes live and answers its slider.
  const explorer = page.locator('cf-function-explorer').first();
  await explorer.scrollIntoViewIfNeeded();
  const slider = explorer.getByRole('slider', { name: 'Point: x' });
  await expect(slider).toBeEnabled();
  await expect(explorer.getByLabel('Type x')).toHaveValue('1.3');
  await slider.focus();
  await page.keyboard.press('End');
  await expect(explorer.getByLabel('Type x')).not.toHaveValue('1.3');
  await expectNoSeriousA11yViolations(page, 'cf-lens');

  await lensButton(page, /Learner/).click();
  await expect(lensButton(page, /Learner/)).toHaveAttribute('aria-pressed', 'true');
  expect((await headings(page)).slice(0, 3)).toEqual(['prerequisites', 'intuition', 'math']);
});

test('the teacher lens pages through the notebook one section per screen by keyboard', async ({ page }) => {
  await page.goto(at('concepts/kv-cache/'));
  await lensButton(page, /Teacher/).click();
  await expect(lensButton(page, /Teacher/)).toHaveAttribute('aria-pressed', 'true');
  const bar = page.locator('.lecture-bar');
  await expect(bar).toBeVisible();
  const where = bar.locator('[data-where]');
  await expect(where).toHaveText(/^Section 1 of \d+: Prerequisites$/);
  const total = Number((await where.textContent())!.match(/of (\d+)/)![1]);

  await page.locator('h1').click(); // focus on the page, not on a control
  await page.keyboard.press('ArrowRight');
  await expect(where).toHaveText(new RegExp(`^Section 2 of ${total}: Intuition$`));
  await expect(page.locator('h2#intuition')).toBeFocused();
  await expect(page.locator('h2#intuition')).toBeInViewport();
  await page.keyboard.press('PageDown');
  await expect(where).toHaveText(new RegExp(`^Section 3 of ${total}: Math$`));
  await page.keyboard.press('ArrowLeft');
  await expect(where).toHaveText(new RegExp(`^Section 2 of ${total}: Intuition$`));
  await page.keyboard.press('End');
  await expect(where).toHaveText(new RegExp(`^Section ${total} of ${total}: `));
  await page.keyboard.press('Home');
  await expect(where).toHaveText(/^Section 1 of /);

  // A section fills the screen.
  const height = await page.locator('.lens-section[data-section="math"]').evaluate((e) => e.getBoundingClientRect().height);
  expect(height).toBeGreaterThanOrEqual((page.viewportSize()!.height * 0.8) | 0);

  // Keys typed into a field belong to the field.
  const picker = page.getByRole('region', { name: 'Ask about this page' }).getByLabel('Ask about');
  await bar.getByRole('button', { name: 'Next section' }).click();
  await expect(where).toHaveText(/^Section 2 of /);
  await picker.focus();
  await expect(where).toHaveText(/: Ask about this page$/); // focusing it scrolled its section in
  await page.keyboard.press('ArrowLeft');
  await expect(picker).toBeFocused();
  await expect(where).toHaveText(/: Ask about this page$/); // the select took the key, not the lecture
  await expectNoSeriousA11yViolations(page, '.lecture-bar');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousA11yViolations(page, '.lecture-bar');
});

test('the printable outline lists the lesson in order', async ({ page }) => {
  await page.goto(at('concepts/kv-cache/'));
  await page.getByRole('link', { name: 'Printable outline' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('KV cache');
  const spine = page.getByRole('region', { name: 'The lesson, section by section' });
  await expect(spine.locator(':scope > ol > li > a')).toHaveText(['Intuition', 'Math', 'Code', 'Demo']);
  await expect(page.getByRole('region', { name: 'For discussion' })).toBeVisible();
});
