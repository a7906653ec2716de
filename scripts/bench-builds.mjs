// The build half of the benchmark: how long `astro build` and Pagefind take, and how large the
// search index comes out, for the real atlas and for a generated one of 1,000 concepts; and how fast
// the graph page of the large atlas loads in Chromium. Each atlas is built in a temporary copy of the
// project (what a clean clone has, with node_modules hard-linked), so dist/ is never touched.
//
// The generated atlas keeps every real concept and adds copies of the written notebooks under new
// slugs until there are 1,000: real pages, with their math, witnesses and demos, not empty stubs.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from '@playwright/test';
import { findChromium } from './chromium.mjs';

const isComplete = (dir) => /^status:\s*complete\s*$/m.test(readFileSync(join(dir, 'index.mdx'), 'utf8'));

/** A copy of the files a clean clone has, with node_modules hard-linked (fast, and no second install). */
function copyProject() {
  const root = mkdtempSync(join(tmpdir(), 'cf-bench-'));
  const tracked = spawnSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).stdout.split('\0').filter(Boolean);
  for (const file of tracked) {
    if (!existsSync(file)) continue; // deleted in the work tree, not yet committed
    mkdirSync(join(root, dirname(file)), { recursive: true });
    cpSync(file, join(root, file));
  }
  const linked = spawnSync('cp', ['-al', 'node_modules', join(root, 'node_modules')]);
  if (linked.status !== 0) throw new Error(`could not link node_modules: ${linked.stderr}`);
  return root;
}

/** Adds copies of the written notebooks (slug-copy-N) until the atlas has `total` concepts. */
function growAtlas(root, total) {
  const dir = join(root, 'content/concepts');
  const slugs = readdirSync(dir);
  const written = slugs.filter((slug) => isComplete(join(dir, slug)));
  for (let n = 0; slugs.length + n < total; n++) {
    const source = written[n % written.length];
    cpSync(join(dir, source), join(dir, `${source}-copy-${Math.floor(n / written.length) + 1}`), {
      recursive: true,
    });
  }
  return readdirSync(dir).length;
}

function timed(root, command, args) {
  const started = performance.now();
  const run = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${run.stderr || run.stdout}`);
  return Math.round((performance.now() - started) / 100) / 10;
}

function folderSize(dir) {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { recursive: true })) {
    const stat = statSync(join(dir, entry));
    if (stat.isFile()) {
      bytes += stat.size;
      files += 1;
    }
  }
  return { bytes, files };
}

const pagesIn = (dist) =>
  readdirSync(dist, { recursive: true }).filter((f) => f === 'index.html' || f.endsWith('/index.html')).length;

/** Median over `runs` cold loads of the graph page: navigation start to the load event, in ms. */
async function graphLoad(dist, runs = 3) {
  const serverModule = join(process.cwd(), 'reports', 'bench-static-server.mjs');
  const bundle = await build({
    entryPoints: ['tests/e2e/static-server.ts'],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
  });
  writeFileSync(serverModule, bundle.outputFiles[0].text);
  const { serveBuild } = await import(serverModule);
  const site = await serveBuild({ dir: dist, base: '/' });
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  try {
    const times = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext(); // a cold cache each time
      const page = await context.newPage();
      await page.goto(`${site.url}graph/`, { waitUntil: 'load' });
      times.push(
        await page.evaluate(() => {
          const [nav] = performance.getEntriesByType('navigation');
          return nav.loadEventEnd - nav.startTime;
        }),
      );
      await context.close();
    }
    times.sort((a, b) => a - b);
    return Math.round(times[Math.floor(runs / 2)]);
  } finally {
    await browser.close();
    await site.close();
  }
}

async function benchAtlas(total) {
  const root = copyProject();
  try {
    const concepts = total ? growAtlas(root, total) : readdirSync(join(root, 'content/concepts')).length;
    const buildS = timed(root, 'node_modules/.bin/astro', ['build']);
    const pagefindS = timed(root, 'node_modules/.bin/pagefind', ['--site', 'dist']);
    const dist = join(root, 'dist');
    const graphHtml = statSync(join(dist, 'graph/index.html')).size;
    return {
      concepts,
      pages: pagesIn(dist),
      buildS,
      pagefindS,
      searchIndex: folderSize(join(dist, 'pagefind')),
      site: folderSize(dist),
      graphHtmlBytes: graphHtml,
      graphLoadMs: await graphLoad(dist),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function benchBuilds(generatedConcepts = 1000) {
  return { real: await benchAtlas(0), generated: await benchAtlas(generatedConcepts) };
}
