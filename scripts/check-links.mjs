// Built-site check: every internal link and #anchor in dist/ resolves to a file and an id, and every
// written notebook has its page, its sitemap entry and its search-index entry.
// Usage: node scripts/check-links.mjs [dist] — the base path is read from BASE_PATH like the build.
// Links must carry the base (a root-relative link that skips it would 404 under a sub-path).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const base = (process.env.BASE_PATH || '/').replace(/\/?$/, '/');

function* htmlFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* htmlFiles(path);
    else if (name.endsWith('.html')) yield path;
  }
}

const idsCache = new Map();
function idsOf(file) {
  if (!idsCache.has(file)) {
    const html = readFileSync(file, 'utf8');
    idsCache.set(file, new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
  }
  return idsCache.get(file);
}

/** The file a site URL path is served from, or undefined. */
function fileFor(pathname) {
  const inside = decodeURIComponent(pathname.slice(base.length));
  const candidates =
    inside === '' || inside.endsWith('/')
      ? [join(dist, inside, 'index.html')]
      : [join(dist, inside), join(dist, inside, 'index.html')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

const problems = [];
let checked = 0;
for (const file of htmlFiles(dist)) {
  const html = readFileSync(file, 'utf8');
  const page =
    '/' +
    relative(dist, file)
      .replace(/index\.html$/, '')
      .replace(/\\/g, '/');
  for (const [, attr, raw] of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
    const value = raw.replace(/&amp;/g, '&');
    if (/^(https?:|mailto:|data:|blob:|javascript:)/i.test(value)) continue;
    checked++;
    const url = new URL(value, `http://site${base}${page.slice(1)}`);
    if (value.startsWith('#')) {
      if (!idsOf(file).has(decodeURIComponent(value.slice(1))))
        problems.push(`${relative(dist, file)}: ${attr}="${value}" — no such id on the page`);
      continue;
    }
    if (!url.pathname.startsWith(base)) {
      problems.push(`${relative(dist, file)}: ${attr}="${value}" — outside the base path ${base}`);
      continue;
    }
    const target = fileFor(url.pathname);
    if (!target) problems.push(`${relative(dist, file)}: ${attr}="${value}" — no such file in ${dist}`);
    else if (
      url.hash &&
      target.endsWith('.html') &&
      !idsOf(target).has(decodeURIComponent(url.hash.slice(1)))
    )
      problems.push(
        `${relative(dist, file)}: ${attr}="${value}" — ${relative(dist, target)} has no id "${url.hash.slice(1)}"`,
      );
  }
}

// Written notebooks: a page, a sitemap entry and a Pagefind entry each. Pagefind stores one gzipped
// fragment per page ("pagefind_dcd" then JSON), with the URL relative to the folder it indexed.
const written = readdirSync('content/concepts').filter((slug) =>
  /^status:\s*complete\s*$/m.test(readFileSync(join('content/concepts', slug, 'index.mdx'), 'utf8')),
);
const sitemap = readdirSync(dist)
  .filter((f) => /^sitemap-\d+\.xml$/.test(f))
  .map((f) => readFileSync(join(dist, f), 'utf8'))
  .join('');
const fragments = join(dist, 'pagefind', 'fragment');
const indexed = new Set(
  existsSync(fragments)
    ? readdirSync(fragments).map((f) => {
        const text = gunzipSync(readFileSync(join(fragments, f))).toString('utf8');
        return JSON.parse(text.slice(text.indexOf('{'))).url;
      })
    : [],
);
for (const slug of written) {
  const path = `concepts/${slug}/`;
  if (!fileFor(`${base}${path}`)) problems.push(`${path}: a written notebook has no page in ${dist}`);
  if (!sitemap.includes(`${base}${path}</loc>`)) problems.push(`${path}: not in the sitemap`);
  if (!indexed.has(`/${path}`) && !indexed.has(`${base}${path}`))
    problems.push(`${path}: not in the search index (run Pagefind on ${dist} after the build)`);
}

if (problems.length > 0) {
  console.error(`Built-site problems (${problems.length}):\n${problems.map((p) => `- ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(
  `Internal links: ${checked} checked in ${dist} (base ${base}), all resolve. ` +
    `${written.length} written notebooks: each has its page, a sitemap entry and a search-index entry.`,
);
