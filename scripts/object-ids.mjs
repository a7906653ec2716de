// `npm run ids`: records every object id the atlas publishes in content/object-ids.yaml, so an id is
// never reused (src/lib/object-registry.ts). New ids are added; ids no longer on the site are retired
// with today's date and the reason the content shows. Running it again on the same content changes
// nothing. It exits with 1 if a current object takes a retired id (the build refuses that too).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

// The registry and content readers are TypeScript: bundle them on the fly (as scripts/bench.mjs does),
// leaving packages to node_modules so the bundle resolves them from node_modules/.cache.
const bundle = await build({
  stdin: {
    contents: [
      `export { readAtlasObjects } from './scripts/atlas-objects.ts';`,
      `export { REGISTRY_FILE, formatRegistry, parseRegistry, registryProblems, updateRegistry } from './src/lib/object-registry.ts';`,
    ].join('\n'),
    resolveDir: process.cwd(),
    loader: 'ts',
  },
  bundle: true,
  format: 'esm',
  platform: 'node',
  packages: 'external',
  write: false,
});
const cache = join(process.cwd(), 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const modulePath = join(cache, 'object-ids-script.mjs');
// A new file, never one written in place: work trees may share node_modules files through hard links.
rmSync(modulePath, { force: true });
writeFileSync(modulePath, bundle.outputFiles[0].text);
const { readAtlasObjects, REGISTRY_FILE, formatRegistry, parseRegistry, registryProblems, updateRegistry } =
  await import(modulePath);

const before = existsSync(REGISTRY_FILE) ? readFileSync(REGISTRY_FILE, 'utf8') : '';
const parsed = parseRegistry(before);
if (!parsed.ok) {
  console.error(
    `${REGISTRY_FILE} cannot be read: ${parsed.error}\nFix the file by hand (git diff shows what changed), then run npm run ids again.`,
  );
  process.exit(1);
}
const { objects, renames } = readAtlasObjects();
const today = new Date().toISOString().slice(0, 10);
const { registry, added, retired, restored } = updateRegistry(parsed.registry, objects, { today, renames });
const after = formatRegistry(registry);
if (after !== before) writeFileSync(REGISTRY_FILE, after);

const ids = Object.keys(registry);
const current = ids.filter((id) => registry[id].retired === undefined).length;
for (const id of added) console.log(`added    ${id}`);
for (const { id, reason } of retired) console.log(`retired  ${id} (${reason})`);
for (const id of restored) console.log(`restored ${id} (back on the site with its concept)`);
console.log(
  `${REGISTRY_FILE}: ${added.length} added, ${retired.length} retired, ${restored.length} restored; ${current} current ids, ${ids.length - current} retired in all.` +
    (after === before ? ' No change.' : ''),
);
const reused = registryProblems(objects, registry).filter((p) => p.problem === 'reused');
for (const p of reused) console.error(`error: ${p.message} ${p.fix}`);
if (reused.length > 0) process.exit(1);
