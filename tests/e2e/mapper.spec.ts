import type { Page } from '@playwright/test';
import { at, expect, expectNoSeriousA11yViolations, test } from './fixtures';

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

const ranked = (page: Page) => page.locator('[data-result] [data-concept]');
const map = (text: string) => at(`map/?q=${encodeURIComponent(text)}`);

test.describe('each input kind is placed, with its reasons', () => {
  for (const [kind, text, slug, reason] of [
    [
      'a typed equation',
      'softmax(QK^T / sqrt(d_k)) V',
      'scaled-dot-product-attention',
      /equation: .*matched .*k\^t/,
    ],
    [
      'a TeX equation',
      String.raw`\mathrm{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right)V`,
      'scaled-dot-product-attention',
      /equation:/,
    ],
    ['a bare arXiv id', '2305.13245', 'grouped-query-attention', /arXiv id of: GQA/],
    [
      'an arXiv pdf link',
      'https://arxiv.org/pdf/2309.06180v1.pdf',
      'paged-attention',
      /arXiv id of: Efficient Memory Management/,
    ],
    [
      'a model name',
      'DeepSeek-V2',
      'multi-head-latent-attention',
      /model: DeepSeek-V2: uses multi-head latent attention/,
    ],
    [
      'an excerpt',
      'we cache the keys and values of previous tokens so each decoding step attends over them',
      'kv-cache',
      /summary mentions:/,
    ],
  ] as const) {
    test(kind, async ({ page }) => {
      const errors = collectErrors(page);
      await page.goto(map(text));
      await expect(page.getByRole('textbox', { name: /Paste an equation/ })).toHaveValue(text);
      await expect(ranked(page).first()).toHaveAttribute('data-concept', slug);
      const top = ranked(page).first();
      await expect(top.getByRole('link').first()).toHaveAttribute('href', new RegExp(`concepts/${slug}/$`));
      await expect(top.locator('.mapper-confidence')).toHaveText(/Strong match|Likely match|Weak match/);
      await expect(top.locator('.mapper-reasons')).toContainText(reason);
      // The path ends at the top match, in learning order, and links to the graph focused there.
      await expect(page.locator('.mapper-path li').last()).toHaveAttribute('data-step', slug);
      await expect(page.getByRole('link', { name: /in the route graph$/ })).toHaveAttribute(
        'href',
        new RegExp(`graph/\\?focus=${slug}$`),
      );
      expect(errors).toEqual([]);
    });
  }
});

test('unplaced terms and unknown arXiv ids are listed honestly', async ({ page }) => {
  await page.goto(map('GQA with zebra stripes, see 2501.99999'));
  await expect(ranked(page).first()).toHaveAttribute('data-concept', 'grouped-query-attention');
  await expect(page.getByRole('heading', { name: 'Not placed' })).toBeVisible();
  await expect(page.locator('.mapper-unplaced li')).toHaveText(['zebra', 'stripe']);
  await expect(page.locator('[data-unknown-arxiv]')).toHaveText(
    'Not in the papers registry: arXiv 2501.99999.',
  );
});

test('the path marks known concepts and the first one to repair', async ({ page }) => {
  await page.goto(at('map/'));
  await page.evaluate(() =>
    localStorage.setItem(
      'cf:progress',
      JSON.stringify({
        format: 'continuous-function/progress',
        version: 1,
        known: ['dot-product', 'matrix-multiplication'],
      }),
    ),
  );
  await page.goto(map('softmax(QK^T / sqrt(d_k)) V'));
  const steps = page.locator('.mapper-path li');
  await expect(steps).toHaveText([
    'Dot product (you know this)',
    'Matrix multiplication (you know this)',
    'Softmax (repair this first)',
    'Scaled dot-product attention',
  ]);
  await expect(page.locator('.mapper-path .is-repair')).toHaveAttribute('data-step', 'softmax');
});

test('pasted markup is shown as text, never run', async ({ page }) => {
  const errors = collectErrors(page);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const payload = '<img src=x onerror="alert(1)"><script>alert(2)</script> GQA <svg onload=alert(3)>';
  await page.goto(at('map/'));
  await page.getByRole('textbox', { name: /Paste an equation/ }).fill(payload);
  await page.getByRole('button', { name: 'Map it' }).click();
  await expect(ranked(page).first()).toHaveAttribute('data-concept', 'grouped-query-attention');
  await expect(page.locator('[data-result] img, [data-result] script, [data-result] svg')).toHaveCount(0);
  await expect(page.locator('.mapper-unplaced')).toContainText('onerror');
  await page.goto(map(payload));
  await expect(ranked(page).first()).toHaveAttribute('data-concept', 'grouped-query-attention');
  await expect(page.locator('main img')).toHaveCount(0);
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
});

test('empty input shows examples; very long input is truncated with a notice', async ({ page }) => {
  await page.goto(at('map/'));
  await expect(page.getByRole('heading', { name: 'Try one' })).toBeVisible();
  await page.getByRole('link', { name: 'An arXiv id' }).click();
  await expect(ranked(page).first()).toHaveAttribute('data-concept', 'grouped-query-attention');
  await expect(page.getByRole('heading', { name: 'Try one' })).toBeHidden();

  const box = page.getByRole('textbox', { name: /Paste an equation/ });
  await box.fill(`KV cache ${'lorem '.repeat(600)}`);
  await box.press('Tab');
  await page.keyboard.press('Enter'); // "Map it" has focus after Tab
  await expect(page.getByRole('alert')).toHaveText(
    /longer than 2,000 characters; only the first 2,000 were read/,
  );
  await expect(ranked(page).first()).toHaveAttribute('data-concept', 'kv-cache');

  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(box).toHaveValue('');
  await expect(page.getByRole('heading', { name: 'Try one' })).toBeVisible();
  await expect(page).toHaveURL(/\/map\/$/);
  await expectNoSeriousA11yViolations(page);
});

test('the result is rank-ordered data-concept elements in a plain list', async ({ page }) => {
  await page.goto(map('Llama 3.1 70B'));
  await expect(ranked(page).first()).toHaveAttribute('data-concept', 'grouped-query-attention');
  const tags = await ranked(page).evaluateAll((els) =>
    els.map((e) => `${e.parentElement!.tagName}>${e.tagName}`),
  );
  expect(new Set(tags)).toEqual(new Set(['OL>LI']));
  await expectNoSeriousA11yViolations(page);
});
