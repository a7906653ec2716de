// Benchmarks (not tests: nothing here fails on a number). Prints a table and writes
// reports/bench.json: the weight of each page type of the built site (HTML, JS, CSS; raw and gzip),
// the JS each island adds, the budgets, the time to lay out the route graph and to answer mapper
// queries for the real atlas and a generated 1,000-concept one, and (scripts/bench-builds.mjs)
// build and Pagefind times, index sizes and the graph page's load time for both atlases.
// Usage: npm run build && npm run bench   (minutes: it builds twice; `-- --quick` skips the builds,
// `-- --concepts=N` sizes the generated atlas)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { benchBuilds } from './bench-builds.mjs';

const DIST = 'dist';
if (!existsSync(join(DIST, 'index.html'))) {
  console.error('No build in dist/: run `npm run build` first.');
  process.exit(1);
}

const PAGES = {
  home: 'index.html',
  concept: 'concepts/softmax/index.html',
  'concept + calculator': 'concepts/kv-cache/index.html',
  'concept + attention lab': 'concepts/scaled-dot-product-attention/index.html',
  'concept + vector playground': 'concepts/dot-product/index.html',
  'concept + function explorer': 'concepts/chain-rule/index.html',
  'concept + descent lab': 'concepts/gradient-descent/index.html',
  'concept + roofline': 'concepts/prefill-and-decode/index.html',
  'concept + paged blocks': 'concepts/paged-attention/index.html',
  // Every written notebook has a demo now; a planned page is the notebook frame with no island.
  'concept, planned (no island)': 'concepts/sparse-autoencoders/index.html',
  review: 'review/index.html',
  track: 'tracks/attention-to-serving/index.html',
  graph: 'graph/index.html',
  calculator: 'tools/kv-cache/index.html',
  lab: 'labs/kv-cache-lever/index.html',
  start: 'start/index.html',
  search: 'search/index.html',
  map: 'map/index.html',
  offline: 'offline/index.html',
};

const size = (text) => ({ raw: Buffer.byteLength(text), gzip: gzipSync(text).length });
const sum = (list) =>
  list.reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });

const topScripts = (html) => [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);

/**
 * The JS files reached from `roots` (script addresses): the scripts and everything they import,
 * each file once. With `lazy`, also the chunks islands import on demand (Vite lists them in
 * __vite__mapDeps), which a reader downloads once the island nears the viewport.
 */
function closure(roots, lazy = false) {
  const seen = new Set();
  const queue = [...roots];
  while (queue.length) {
    const src = queue.shift();
    const path = join(DIST, src.replace(/^\//, ''));
    if (seen.has(path) || !existsSync(path)) continue;
    seen.add(path);
    const code = readFileSync(path, 'utf8');
    for (const m of code.matchAll(/(?:from|import)\s*["'](\.\/[^"']+\.js)["']/g))
      queue.push(join('/', src.slice(0, src.lastIndexOf('/') + 1), m[1]));
    if (lazy)
      for (const list of code.matchAll(/m\.f=\[([^\]]*)\]/g))
        for (const m of list[1].matchAll(/"([^"]+\.js)"/g)) queue.push(`/${m[1]}`);
  }
  return [...seen];
}
const weigh = (files) => sum(files.map((f) => size(readFileSync(f, 'utf8'))));

// The site-wide scripts (search trigger, theme toggle) are the ones every measured page loads.
const htmlOf = (file) => readFileSync(join(DIST, file), 'utf8');
const everywhere = Object.values(PAGES)
  .filter((file) => existsSync(join(DIST, file)))
  .map((file) => new Set(topScripts(htmlOf(file))))
  .reduce((a, b) => new Set([...a].filter((src) => b.has(src))));
const frameFiles = new Set(closure([...everywhere], true));

/**
 * What each island (or other page script, e.g. the copy button) on a page adds to the site-wide scripts: its loader and every chunk it pulls in
 * that the frame does not already load. Shared chunks count for each island, so a figure is what a
 * page with that island alone would load beyond the frame.
 */
function islandsOf(html, page) {
  const islands = {};
  for (const src of topScripts(html)) {
    const own = closure([src], true).filter((f) => !frameFiles.has(f));
    if (own.length === 0) continue; // a site-wide script
    own.push(...functionFamiliesOf(html, own));
    const name = src.split('/').pop().split('.')[0];
    islands[name === 'index' ? `${page} page script` : name] = weigh(own);
  }
  return islands;
}

/**
 * The function explorer loads its registry families at run time (src/lib/functions/load.ts), so no
 * preload list names them: add the chunks of the families the build wrote on the page's explorers.
 */
function functionFamiliesOf(html, own) {
  const code = own.map((f) => readFileSync(f, 'utf8')).join('\n');
  const families = new Set();
  for (const m of html.matchAll(/<cf-function-explorer[^>]*data-families="([^"]*)"/g))
    for (const family of m[1].split(',')) if (/^[a-z-]+$/.test(family)) families.add(family);
  return [...families].flatMap((family) => {
    const m = code.match(new RegExp(`import\\(["'\`]\\./(${family}\\.[\\w-]+\\.js)["'\`]\\)`));
    return m ? [join(DIST, '_astro', m[1])] : [];
  });
}

const pages = {};
for (const [name, file] of Object.entries(PAGES)) {
  const path = join(DIST, file);
  if (!existsSync(path)) continue;
  const html = readFileSync(path, 'utf8');
  const js = closure(topScripts(html));
  const withIslands = closure(topScripts(html), true);
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) =>
    size(readFileSync(join(DIST, m[1].replace(/^\//, '')), 'utf8')),
  );
  pages[name] = {
    html: size(html),
    js: weigh(js),
    jsWithIslands: weigh([...withIslands, ...functionFamiliesOf(html, withIslands)]),
    css: sum(css),
    requests: 1 + js.length + css.length,
    islands: islandsOf(html, name),
  };
}

// The budgets of issue 10, measured: the JS a notebook loads before any island (the site-wide
// scripts plus the small loaders of its islands), the heaviest single island on top of the
// site-wide scripts, and the heaviest page's CSS (font files are separate requests, not counted).
const planned = pages['concept, planned (no island)'];
const frame = weigh([...frameFiles]);
const islandCosts = {};
for (const p of Object.values(pages)) for (const [k, v] of Object.entries(p.islands)) islandCosts[k] = v;
const heaviestIsland = Object.entries(islandCosts).sort((a, b) => b[1].gzip - a[1].gzip)[0];
const heaviestCss = Object.entries(pages).sort((a, b) => b[1].css.gzip - a[1].css.gzip)[0];
const budgets = {
  frameJsGzip: { measured: planned.js.gzip, withSearchOpen: frame.gzip, budget: 5 * 1024 },
  oneIslandJsGzip: {
    island: heaviestIsland[0],
    measured: frame.gzip + heaviestIsland[1].gzip,
    budget: 30 * 1024,
  },
  cssGzip: { page: heaviestCss[0], measured: heaviestCss[1].css.gzip, budget: 15 * 1024 },
};

// Graph layout timing: bundle the pure modules on the fly (they are TypeScript).
const bundle = await build({
  stdin: {
    contents: [
      `export { layeredLayout } from './src/lib/graph/layout.ts';`,
      `export { neighbourhoodOf } from './src/lib/graph/explore.ts';`,
      `export { bigAtlas } from './tests/fixtures/big-atlas.ts';`,
      `export { buildMapperIndex } from './src/lib/mapper/index-build.ts';`,
      `export { prepareMapper, mapQuery } from './src/lib/mapper/rank.ts';`,
      `export { bigMapperInput } from './tests/fixtures/big-mapper.ts';`,
    ].join('\n'),
    resolveDir: process.cwd(),
    loader: 'ts',
  },
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  write: false,
});
mkdirSync('reports', { recursive: true });
const modulePath = join(process.cwd(), 'reports', 'bench-graph.mjs');
writeFileSync(modulePath, bundle.outputFiles[0].text);
const { layeredLayout, neighbourhoodOf, bigAtlas, buildMapperIndex, prepareMapper, mapQuery, bigMapperInput } =
  await import(modulePath);
const atlas = JSON.parse(readFileSync(join(DIST, 'atlas.json'), 'utf8'));
const real = atlas.nodes.map((n) => ({ id: n.id, prerequisites: n.prerequisites.map((p) => p.slug) }));
function timeLayout(input, runs = 5) {
  layeredLayout(input); // warm up
  const times = [];
  let layout;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    layout = layeredLayout(input);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return {
    nodes: input.length,
    medianMs: Number(times[Math.floor(runs / 2)].toFixed(1)),
    width: layout.width,
    height: layout.height,
  };
}
/** What the graph page does per hover: find a concept's ancestors and descendants (median over 200 concepts). */
function timeHover(input) {
  const concepts = input.map((n) => ({
    ...n,
    prerequisites: n.prerequisites.map((slug) => ({ slug, why: '' })),
  }));
  const times = concepts.slice(0, 200).map((n) => {
    const t = performance.now();
    neighbourhoodOf(concepts, n.id);
    return performance.now() - t;
  });
  times.sort((a, b) => a - b);
  return Number(times[Math.floor(times.length / 2)].toFixed(2));
}
const big = bigAtlas(1000);
const graph = {
  real: { ...timeLayout(real), hoverMs: timeHover(real) },
  generated: { ...timeLayout(big), hoverMs: timeHover(big) },
};

// Paper mapper: prepare the index as the page does after fetching it, then time each query kind.
// The first query of a page is also reported alone: it pays for the JIT warming up.
const MAPPER_QUERIES = [
  'softmax(QK^T / sqrt(d_k)) V',
  String.raw`\mathrm{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right)V`,
  '2305.13245',
  'https://arxiv.org/abs/2309.06180v1',
  'DeepSeek-V2',
  'Llama 3.1 70B',
  'we cache the keys and values of previous tokens so each decoding step attends over them without recomputing',
  'D_KL(P || Q)',
  'The paper trades exact key-value retention for a bounded decode-time memory budget. '.repeat(20),
];
function timeMapper(index) {
  const json = JSON.stringify(index);
  let t = performance.now();
  const mapper = prepareMapper(JSON.parse(json));
  const prepareMs = performance.now() - t;
  t = performance.now();
  mapQuery(mapper, MAPPER_QUERIES[0]);
  const firstMs = performance.now() - t;
  const times = [];
  for (let round = 0; round < 5; round++)
    for (const q of MAPPER_QUERIES) {
      t = performance.now();
      mapQuery(mapper, q);
      times.push(performance.now() - t);
    }
  times.sort((a, b) => a - b);
  return {
    concepts: index.concepts.length,
    entries: index.entries.length,
    indexBytes: size(json),
    prepareMs: Number(prepareMs.toFixed(1)),
    firstQueryMs: Number(firstMs.toFixed(1)),
    medianQueryMs: Number(times[Math.floor(times.length / 2)].toFixed(2)),
    maxQueryMs: Number(times.at(-1).toFixed(2)),
  };
}
const mapperBench = {
  real: timeMapper(JSON.parse(readFileSync(join(DIST, 'map-index.json'), 'utf8'))),
  generated: timeMapper(buildMapperIndex(bigMapperInput(1000))),
};

const kb = (n) => (n / 1024).toFixed(1);
console.log('page                     HTML kB (gz)    JS kB (gz)     +islands (gz)  CSS kB (gz)    requests');
for (const [name, p] of Object.entries(pages))
  console.log(
    `${name.padEnd(24)} ${`${kb(p.html.raw)} (${kb(p.html.gzip)})`.padEnd(15)} ${`${kb(p.js.raw)} (${kb(p.js.gzip)})`.padEnd(14)} ${`${kb(p.jsWithIslands.raw)} (${kb(p.jsWithIslands.gzip)})`.padEnd(14)} ${`${kb(p.css.raw)} (${kb(p.css.gzip)})`.padEnd(14)} ${p.requests}`,
  );
for (const [name, g] of Object.entries(graph))
  console.log(
    `graph, ${name}: ${g.nodes} concepts laid out in ${g.medianMs} ms at build time (median of 5), ` +
      `${g.width} × ${g.height}; ${g.hoverMs} ms of graph work per hover in the browser`,
  );
for (const [name, m] of Object.entries(mapperBench))
  console.log(
    `mapper, ${name}: ${m.concepts} concepts, ${m.entries} entries, index ${kb(m.indexBytes.raw)} kB (${kb(m.indexBytes.gzip)} gz); ` +
      `prepare ${m.prepareMs} ms, first query ${m.firstQueryMs} ms, median ${m.medianQueryMs} ms, slowest ${m.maxQueryMs} ms`,
  );
console.log('\nJS each island adds to the site-wide scripts (kB gzip, all of its chunks):');
console.log(
  Object.entries(islandCosts)
    .sort((a, b) => b[1].gzip - a[1].gzip)
    .map(([k, v]) => `${k} ${kb(v.gzip)}`)
    .join(' · '),
);
const verdict = (b) => `${kb(b.measured)} kB gz of ${kb(b.budget)} (${b.measured <= b.budget ? 'within' : 'OVER'})`;
console.log('\nBudgets:');
console.log(
  `  a notebook before its islands load: ${verdict(budgets.frameJsGzip)}; the site-wide scripts are ${kb(budgets.frameJsGzip.withSearchOpen)} kB once search opens`,
);
console.log(`  a page with one island (heaviest, ${budgets.oneIslandJsGzip.island}): ${verdict(budgets.oneIslandJsGzip)}`);
console.log(`  CSS per page (heaviest, ${budgets.cssGzip.page}): ${verdict(budgets.cssGzip)}`);

let builds = null;
if (!process.argv.includes('--quick')) {
  console.log('\nBuilding the real atlas and a generated large atlas in temporary folders…');
  const arg = process.argv.find((a) => a.startsWith('--concepts='));
  builds = await benchBuilds(arg ? Number(arg.split('=')[1]) : 1000);
  for (const [name, b] of Object.entries(builds))
    console.log(
      `build, ${name}: ${b.concepts} concepts, ${b.pages} pages; astro build ${b.buildS} s, Pagefind ${b.pagefindS} s; ` +
        `search index ${(b.searchIndex.bytes / 1024 / 1024).toFixed(1)} MB in ${b.searchIndex.files} files; ` +
        `site ${(b.site.bytes / 1024 / 1024).toFixed(1)} MB; graph page ${kb(b.graphHtmlBytes)} kB HTML, loads in ${b.graphLoadMs} ms`,
    );
}

writeFileSync(
  'reports/bench.json',
  `${JSON.stringify({ date: new Date().toISOString(), pages, budgets, graph, mapper: mapperBench, builds }, null, 2)}\n`,
);
console.log('Written reports/bench.json');
