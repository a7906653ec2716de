// Screenshots of the built site for review and for the README: each page in light and dark
// theme at phone (390 px) and desktop (1280 px) width. Needs a server (npm run serve) running.
// Usage: node scripts/screenshots.mjs [origin] [outDir] [path ...]
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { findChromium } from './chromium.mjs';

const [origin = 'http://localhost:4321/', out = 'screenshots', ...given] = process.argv.slice(2);
const pages =
  given.length > 0
    ? given
    : ['', 'domains/linear-algebra/', 'concepts/kv-cache/', 'tracks/attention-to-serving/'];
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: findChromium(),
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
for (const scheme of ['light', 'dark']) {
  for (const width of [390, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
    const page = await context.newPage();
    for (const path of pages) {
      await page.goto(new URL(path, origin).href, { waitUntil: 'networkidle' });
      const name = (path.replace(/\/$/, '').replace(/\//g, '_') || 'home') + `-${scheme}-${width}.png`;
      await page.screenshot({ path: `${out}/${name}`, fullPage: true });
      console.log(`${out}/${name}`);
    }
    await context.close();
  }
}
await browser.close();
