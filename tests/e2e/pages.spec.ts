import { readdirSync, readFileSync } from 'node:fs';
import { at, expect, expectNoSeriousA11yViolations, test } from './fixtures';

/** Slugs of the written notebooks, read from their frontmatter so new ones are checked too. */
const COMPLETE = readdirSync('content/concepts').filter((slug) =>
  /^status:\s*complete\s*$/m.test(readFileSync(`content/concepts/${slug}/index.mdx`, 'utf8')),
);

const PAGES = [
  { name: 'home', path: '', heading: /Understand modern machine learning/ },
  { name: 'domain', path: 'domains/linear-algebra/', heading: 'Linear Algebra' },
  { name: 'concept', path: 'concepts/kv-cache/', heading: /KV cache/i },
  { name: 'track', path: 'tracks/attention-to-serving/', heading: 'Attention to Serving' },
];

for (const { name, path, heading } of PAGES) {
  test(`${name} page renders and passes axe in light and dark`, async ({ page }) => {
    const response = await page.goto(at(path));
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expectNoSeriousA11yViolations(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoSeriousA11yViolations(page);
  });
}

test('the home page renders the Mem_KV equation with every symbol linked', async ({ page }) => {
  await page.goto(at(''));
  const equation = page.getByRole('group', { name: 'The KV-cache memory equation' });
  await expect(equation.locator('.katex-display')).toBeVisible();
  await expect(equation.locator('math annotation')).toContainText('H_{kv}');
  const legend = page.locator('.symbol-legend a');
  await expect(legend).toHaveCount(7);
  await legend.first().click();
  await expect(page).toHaveURL(/\/concepts\/continuous-batching\/$/);
});

test('the home page shows fourteen domain cards with counts', async ({ page }) => {
  await page.goto(at(''));
  const cards = page.locator('#domains ~ .card-grid .card');
  await expect(cards).toHaveCount(14);
  await expect(cards.first()).toContainText(/\d+ complete · \d+ planned/);
});

test('a notebook renders math at build time, with subscripts smaller than their base', async ({ page }) => {
  await page.goto(at('concepts/scaled-dot-product-attention/'));
  const display = page.locator('.notebook-body .katex-display').first();
  await expect(display).toBeVisible();
  // KaTeX CSS and markup must match (a mismatched CSS version draws subscripts full size).
  const sizes = await page
    .locator('.notebook-body .katex .msupsub')
    .first()
    .evaluate((sub) => {
      const base = sub.previousElementSibling ?? sub.parentElement!;
      return {
        sub: parseFloat(getComputedStyle(sub.querySelector('.mord, .mathnormal') ?? sub).fontSize),
        base: parseFloat(getComputedStyle(base).fontSize),
      };
    });
  expect(sizes.sub).toBeLessThan(sizes.base);
  await expect(page.locator('.katex-error')).toHaveCount(0);
});

test('a notebook has its four sections in order, a table of contents and its witness', async ({ page }) => {
  await page.goto(at('concepts/kv-cache/'));
  const sections = await page.locator('.notebook-body > h2').allTextContents();
  expect(sections).toEqual(['Intuition', 'Math', 'Code', 'Demo']);
  const toc = page.getByRole('navigation', { name: 'On this page' });
  await toc.getByRole('link', { name: 'Math', exact: true }).click();
  await expect(page).toHaveURL(/#math$/);
  await expect(page.locator('.witness pre')).toContainText('import numpy');
  const download = await page.getByRole('link', { name: 'Download' }).getAttribute('href');
  const witness = await page.request.get(download!);
  expect(await witness.text()).toContain('import numpy');
  for (const heading of ['Prerequisites', 'Symbols', 'Claim boundary', 'Sources', 'Discussion prompts', 'Next question'])
    await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
  // A discussion prompt links to the section it is about.
  const prompt = page.locator('.discussion li').first();
  await expect(prompt).toContainText('?');
  await prompt.getByRole('link', { name: /^About the / }).click();
  await expect(page).toHaveURL(/#(intuition|math|code|demo)$/);
  await expect(page.getByRole('navigation', { name: 'Track navigation' })).toContainText(
    'Attention to Serving',
  );
});

test('a planned concept says plainly that it is not written', async ({ page }) => {
  await page.goto(at('concepts/normalizing-flows/'));
  await expect(page.getByRole('heading', { level: 2, name: 'Not written yet' })).toBeVisible();
  await expect(page.locator('.notebook-body')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 2, name: 'Prerequisites' })).toBeVisible();
});

test('the copy button copies the witness', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(at('concepts/softmax/'));
  await page.getByRole('button', { name: 'Copy code' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('import numpy');
});

test('an unknown address gets the 404 page', async ({ page }) => {
  const response = await page.goto(at('concepts/no-such-concept/'));
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
});

test('the skip link moves focus to the content', async ({ page }) => {
  await page.goto(at('domains/transformers/'));
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
});

test('pages fit a 360 px wide screen without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  for (const { path } of PAGES) {
    await page.goto(at(path));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path || 'home'} scrolls sideways`).toBeLessThanOrEqual(0);
  }
});

// The sweep over every written notebook, one test each: on a 360 px screen every display equation
// fits and nothing scrolls sideways; then axe, light and dark, figures, code and islands included.
const sweep = (slug: string) => `concepts/${slug}/`;
test('the notebook sweep finds the written notebooks', () => {
  expect(COMPLETE.length).toBeGreaterThanOrEqual(49);
});
for (const slug of COMPLETE)
  test(`the ${slug} notebook fits 360 px and axe finds nothing serious (light and dark)`, async ({ page }) => {
    test.slow();
    const viewport = page.viewportSize()!;
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(at(sweep(slug)));
    const wide = await page
      .locator('.katex-display')
      .evaluateAll((els) =>
        els
          .filter((el) => el.scrollWidth > el.clientWidth + 1)
          .map((el) => el.querySelector('annotation')?.textContent),
      );
    expect(wide, `${slug}: split these equations into rows (aligned or gathered)`).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${slug} scrolls sideways on a 360 px screen`).toBeLessThanOrEqual(0);
    await page.setViewportSize(viewport);
    await expectNoSeriousA11yViolations(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoSeriousA11yViolations(page);
  });

/**
 * Every other page of the build (planned notebooks, domains, tracks, tools, labs, the 404 page…),
 * read from dist so a new page is swept without a list to keep up to date.
 */
const BUILT = readdirSync('dist', { recursive: true, encoding: 'utf8' })
  .filter((f) => f === 'index.html' || f.endsWith('/index.html') || f === '404.html')
  .map((f) => (f === '404.html' ? '404.html' : f.slice(0, -'index.html'.length)))
  .filter((path) => !PAGES.some((p) => p.path === path) && !COMPLETE.some((slug) => sweep(slug) === path))
  .sort();

test('the sweep finds the built pages', () => {
  // Guards the sweep itself: an empty or truncated list would pass every page it skipped.
  expect(BUILT).toEqual(expect.arrayContaining(['404.html', 'graph/', 'map/', 'review/', 'domains/mlops/']));
  expect(BUILT.length + PAGES.length + COMPLETE.length).toBeGreaterThanOrEqual(100);
});

for (const path of BUILT)
  test(`axe finds nothing serious on /${path} (light and dark)`, async ({ page }) => {
    test.slow();
    // The 404 page is what a reader sees at an unknown address.
    const response = await page.goto(at(path === '404.html' ? 'no-such-page/' : path));
    expect(response?.status()).toBe(path === '404.html' ? 404 : 200);
    await expectNoSeriousA11yViolations(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoSeriousA11yViolations(page);
  });
