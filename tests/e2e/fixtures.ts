// Shared browser-test fixtures: every test fails if the page asks for anything outside the site,
// and `expectNoSeriousA11yViolations` runs axe on the current page.
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

export const test = base.extend<{ offsite: string[] }>({
  offsite: [
    async ({ page, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const offsite: string[] = [];
      page.on('request', (request) => {
        const url = request.url();
        if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'))
          offsite.push(url);
      });
      await use(offsite);
      expect(offsite, 'requests that left the site').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/**
 * Runs axe on the page, or only inside `within` (a CSS selector, e.g. an island's tag), and fails
 * on any serious or critical violation, naming the rule and the first elements it found.
 */
export async function expectNoSeriousA11yViolations(page: Page, within?: string): Promise<void> {
  const builder = new AxeBuilder({ page });
  const results = await (within ? builder.include(within) : builder).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join('; ')}`,
    );
  expect(serious).toEqual([]);
}

/** A site path relative to the base URL (tests must never start paths with "/"). */
export const at = (path: string) => path.replace(/^\//, '');
