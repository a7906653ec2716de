import { chromium } from '@playwright/test';
const slugs = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--headless'] });
for (const [i, scheme] of ['light','dark'].entries()) {
  const p = await b.newPage({ viewport: { width: 800, height: 700 }, colorScheme: scheme });
  for (const s of slugs) {
    await p.goto(`http://localhost:4390/concepts/${s}/`);
    const fig = p.locator('.notebook-body figure').first();
    await fig.screenshot({ path: `/tmp/fig-${s}-${scheme}.png` });
  }
  await p.close();
}
await b.close();
