// The offline copy, written after the build and after Pagefind (its index is part of the copy):
// bundles the service worker to <dist>/sw.js and lists every file to precache, with its size and
// content hash, in <dist>/offline-manifest.json. The rules live in src/lib/offline.ts.
// Usage: node scripts/offline.mjs [dist] — the base path is read from BASE_PATH, like the build's.
// It imports src/lib/offline.ts directly, which needs Node's type stripping (the project's Node 24).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { MANIFEST_FILE, WORKER_FILE, buildManifest, formatSize, normaliseBase } from '../src/lib/offline.ts';

const dist = process.argv[2] ?? 'dist';
const base = normaliseBase(process.env.BASE_PATH || '/');
const PLACEHOLDER = '__CF_OFFLINE_VERSION__';

const home = join(dist, 'index.html');
if (!existsSync(home)) {
  console.error(`offline: no build in ${dist}/ — run the build first.`);
  process.exit(1);
}
if (!readFileSync(home, 'utf8').includes(`src="${base}theme-init.js"`)) {
  console.error(
    `offline: ${dist}/ was not built for the base path ${base}. Run this script with the BASE_PATH the build used.`,
  );
  process.exit(1);
}
if (!existsSync(join(dist, 'pagefind', 'pagefind.js'))) {
  console.error(`offline: ${dist}/pagefind/ is missing — run Pagefind first, its index is part of the offline copy.`);
  process.exit(1);
}

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

const files = [...walk(dist)].map((path) => {
  const content = readFileSync(path);
  return {
    path: relative(dist, path).split(sep).join('/'),
    bytes: content.length,
    rev: createHash('sha256').update(content).digest('hex').slice(0, 16),
    gzipBytes: gzipSync(content).length,
  };
});

const bundled = await build({
  entryPoints: ['src/service-worker/sw.ts'],
  bundle: true,
  format: 'iife',
  minify: true,
  target: 'es2022',
  write: false,
  define: { VERSION: JSON.stringify(PLACEHOLDER) },
  logLevel: 'warning',
});
const code = bundled.outputFiles[0].text;
// The worker's own code is part of the version: a changed worker is a new version even if no page changed.
const salt = createHash('sha256').update(code).digest('hex');
const manifest = buildManifest(files, base, salt);

writeFileSync(join(dist, WORKER_FILE), code.replaceAll(PLACEHOLDER, manifest.version));
writeFileSync(join(dist, MANIFEST_FILE), `${JSON.stringify(manifest)}\n`);
console.log(
  `offline copy: ${manifest.files.length} files, ${formatSize(manifest.bytes)} (${formatSize(manifest.gzipBytes)} gzipped), version ${manifest.version} (${dist}/${MANIFEST_FILE}, ${dist}/${WORKER_FILE})`,
);
