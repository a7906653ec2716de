import { at, expect, expectNoSeriousA11yViolations, test } from './fixtures';

const node = (page: import('@playwright/test').Page, id: string) =>
  page.locator(`a.graph-node[data-id="${id}"]`);

test('without JavaScript the graph is a readable SVG of links, with a list view', async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  await page.goto(at('graph/'));
  const count = await page.locator('.graph-list > ol > li').count();
  expect(count).toBeGreaterThan(70);
  await expect(page.locator('a.graph-node')).toHaveCount(count);
  await expect(page.locator('path.graph-edge').first()).toBeVisible();
  // Every edge points forward: its prerequisite sits left of the concept that needs it.
  const backwards = await page.locator('path.graph-edge').evaluateAll(
    (edges) =>
      edges.filter((e) => {
        const x = (id: string) =>
          Number(
            /translate\(([\d.]+)/.exec(
              document.querySelector(`a[data-id="${id}"]`)!.parentElement!.getAttribute('transform')!,
            )![1],
          );
        return x((e as SVGElement).dataset.from!) >= x((e as SVGElement).dataset.to!);
      }).length,
  );
  expect(backwards).toBe(0);
  await expect(page.locator('[data-controls]')).toBeHidden();
  await node(page, 'kv-cache').click();
  await expect(page).toHaveURL(/concepts\/kv-cache\/$/);
  await context.close();
});

test('focusing a concept lights what it needs and what needs it', async ({ page }) => {
  await page.goto(at('graph/'));
  await node(page, 'kv-cache').focus();
  await expect(page.locator('svg.atlas-graph')).toHaveClass(/has-highlight/);
  await expect(node(page, 'dot-product')).toHaveClass(/is-up/);
  await expect(node(page, 'paged-attention')).toHaveClass(/is-down/);
  await expect(node(page, 'entropy')).not.toHaveClass(/is-up|is-down/);
});

test('selecting a concept fills the panel and the URL; the panel walks the graph', async ({ page }) => {
  await page.goto(at('graph/'));
  await node(page, 'kv-cache').click();
  const panel = page.locator('[data-panel]');
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('KV cache');
  await expect(panel).toContainText('What it needs');
  await expect(page).toHaveURL(/focus=kv-cache/);
  await panel.getByRole('button', { name: 'Autoregressive decoding' }).click();
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Autoregressive decoding');
  await expect(node(page, 'autoregressive-decoding')).toBeFocused();
  await expect(panel.getByRole('link', { name: 'Open the Autoregressive decoding notebook' })).toHaveAttribute(
    'href',
    /concepts\/autoregressive-decoding\/$/,
  );
});

test('?focus= opens a concept with its prerequisite path lit, and ?track= numbers a route', async ({
  page,
}) => {
  await page.goto(at('graph/?focus=scaled-dot-product-attention&track=attention-to-serving'));
  await expect(node(page, 'scaled-dot-product-attention')).toHaveClass(/is-selected/);
  await expect(node(page, 'softmax')).toHaveClass(/is-up/);
  await expect(page.locator('text.graph-step')).toHaveCount(22);
  await expect(page.getByLabel('Track')).toHaveValue('attention-to-serving');
  await expect(node(page, 'entropy')).toHaveClass(/is-filtered-out/);
});

test('filters, find and progress', async ({ page }) => {
  await page.addInitScript(() =>
    localStorage.setItem(
      'cf:progress',
      JSON.stringify({ format: 'continuous-function/progress', version: 1, known: ['dot-product'] }),
    ),
  );
  await page.goto(at('graph/'));
  await page.getByLabel('Domain').selectOption('linear-algebra');
  await expect(page.locator('[data-find-status]')).toHaveText(/^\d+ of \d+ concepts match the filters\.$/);
  await expect(node(page, 'softmax')).toHaveClass(/is-filtered-out/);
  await expect(node(page, 'matrix-multiplication')).not.toHaveClass(/is-filtered-out/);
  await expect(page).toHaveURL(/domain=linear-algebra/);

  const find = page.getByLabel('Find a concept');
  await find.fill('softmax');
  await find.press('Enter');
  await expect(page.locator('[data-panel]').getByRole('heading', { level: 2 })).toHaveText('Softmax');
  await expect(node(page, 'softmax')).toBeFocused();
  await find.fill('no such thing');
  await find.press('Enter');
  await expect(page.locator('[data-find-status]')).toHaveText('No concept matches "no such thing".');

  await expect(node(page, 'dot-product')).toHaveClass(/is-known/);
  const next = page.locator('[data-next-list]');
  await expect(next.getByRole('button', { name: 'Matrix multiplication' })).toBeVisible();
  await expect(next.getByRole('button', { name: 'Dot product' })).toHaveCount(0);
});

test('the graph passes axe, and the keyboard reaches every node', async ({ page }) => {
  await page.goto(at('graph/'));
  await expectNoSeriousA11yViolations(page);
  const first = await page.locator('a.graph-node').first().getAttribute('data-id');
  await page.getByRole('button', { name: '100%' }).focus();
  await page.keyboard.press('Tab'); // the scrollable region
  await page.keyboard.press('Tab');
  await expect(node(page, first!)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-panel]').getByRole('heading', { level: 2 })).not.toHaveText(
    'Read the graph',
  );
});

test('the graph page fits a 360 px screen (the graph pans inside its own region) and passes axe in dark', async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(at('graph/'));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoSeriousA11yViolations(page);
});
