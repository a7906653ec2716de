// The built site under the strict Content-Security-Policy that README's Deploying section recommends:
// no inline script anywhere, no inline <style> element; only style attributes (KaTeX's box heights,
// Shiki's colour variables) are allowed. Every page type is visited and used; any violation fails.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { serveBuild, type StaticSite } from './static-server';

/** Keep in step with README.md, "Content-Security-Policy". */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

let site: StaticSite;
test.beforeAll(async () => {
  // The same base the build in dist/ used (playwright.config.ts reads it from BASE_PATH too).
  const base = `/${(process.env.BASE_PATH ?? '').replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
  site = await serveBuild({ dir: 'dist', base, headers: { 'content-security-policy': CSP } });
});
test.afterAll(async () => site?.close());

/** A page on the CSP server that records every violation and every console error. */
async function strictPage(page: Page): Promise<() => Promise<string[]>> {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`error: ${e.message}`));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  return async () => [
    ...problems,
    ...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)),
  ];
}

test('the site sends the policy, and every page type works under it with no violation', async ({ browser }) => {
  test.setTimeout(180_000);
  // A context of its own: the shared fixture counts requests to the preview server's origin as local.
  const context = await browser.newContext({ baseURL: site.url });
  const page = await context.newPage();
  const problems = await strictPage(page);
  const visit = async (path: string) => {
    const response = await page.goto(path);
    expect(response?.headers()['content-security-policy']).toBe(CSP);
    // Bring every lazy island near the viewport so its code loads and runs.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState('networkidle');
    expect(await problems(), path).toEqual([]);
  };
  try {
    // Notebooks with islands (the calculator behind a prediction, the attention lab) and KaTeX.
    await visit('concepts/kv-cache/');
    await visit('concepts/scaled-dot-product-attention/');
    // The function explorer imports its registry family on demand, a second dynamic import.
    await visit('concepts/chain-rule/');
    // visit() jumps to the foot of the page, past the explorer, whose code loads when it nears the viewport.
    await page.locator('cf-function-explorer').scrollIntoViewIfNeeded();
    await expect(page.locator('cf-function-explorer')).toHaveAttribute('data-ready', '');
    expect(await problems(), 'concepts/chain-rule/ (explorer live)').toEqual([]);

    // Search: the page and the dialog (Pagefind's WebAssembly and its worker).
    await visit('search/?q=sqrt(d_k)');
    await expect(page.locator('[data-hits] .search-hit-title').first()).toHaveText('Scaled dot-product attention');
    await page.goto('concepts/softmax/');
    await page.keyboard.press('Control+k');
    await page.keyboard.type('sqrt(d_k)');
    await expect(page.getByRole('dialog').locator('.search-hit-title').first()).toHaveText(
      'Scaled dot-product attention',
    );
    expect(await problems()).toEqual([]);

    // The mapper, the calculator, a lab, the graph, and the rest.
    await visit('map/?q=2305.13245');
    await expect(page.locator('[data-result] [data-concept]').first()).toHaveAttribute(
      'data-concept',
      'grouped-query-attention',
    );
    await visit('tools/kv-cache/?model=llama-2-7b&batch=8&tokens=4096&dtype=fp16');
    await expect(page.locator('[data-kv="total-bytes"]').first()).toHaveAttribute('data-value', '17179869184');
    await visit('labs/kv-cache-lever/');
    await visit('graph/');
    for (const path of ['', 'start/', 'review/', 'notes/', 'tracks/attention-to-serving/', 'domains/linear-algebra/'])
      await visit(path);

    // The offline copy installs its service worker under the policy too.
    await visit('offline/');
    await page.getByRole('button', { name: 'Save the atlas for offline use' }).click();
    await expect(page.locator('cf-offline [data-status]')).toContainText('Saved: every page', { timeout: 90_000 });
    expect(await problems()).toEqual([]);
  } finally {
    await context.close();
  }
});

test('an inline script is refused under the policy (the test would notice one)', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: site.url });
  const page = await context.newPage();
  const problems = await strictPage(page);
  try {
    await page.goto('');
    // Injected the way an inline <script> in the HTML would run: refused, and reported.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.ranInline = true';
      document.body.append(script);
    });
    expect(await page.evaluate(() => 'ranInline' in window)).toBe(false);
    expect((await problems()).join('\n')).toMatch(/script-src-elem blocked inline/);
  } finally {
    await context.close();
  }
});
