import { at, expect, test } from './fixtures';

for (const slug of ['stochastic-gradient-descent', 'vector-norms', 'learning-rate-schedules']) {
  test(`tmp ${slug} equations fit 360`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(at(`concepts/${slug}/`));
    const wide = await page
      .locator('.katex-display')
      .evaluateAll((els) =>
        els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.querySelector('annotation')?.textContent),
      );
    expect(wide).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
}
test('tmp lrs shots', async ({ page }) => {
  test.setTimeout(180_000);
  for (const width of [1280, 360]) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width, height: 1000 });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(at('concepts/learning-rate-schedules/'));
      await page.locator('figure:has(svg[aria-labelledby="fig-lrs-title"])').screenshot({ path: `/tmp/sgdw/shots/lrs-fig-${width}-${scheme}.png` });
      if (width === 1280) {
        const fx = page.locator('cf-function-explorer');
        await fx.scrollIntoViewIfNeeded();
        await page.waitForTimeout(1000);
        await fx.screenshot({ path: `/tmp/sgdw/shots/lrs-fx-${scheme}.png` });
      }
    }
  }
});
