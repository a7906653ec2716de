import { describe, expect, it } from 'vitest';
import {
  buildManifest,
  classifyFailure,
  describeProgress,
  failureMessage,
  fileUrl,
  fnv1a64,
  formatSize,
  lookupKeys,
  normaliseBase,
  parseManifest,
  shouldPrecache,
  staleCaches,
  versionOf,
  type BuiltFile,
} from '../../src/lib/offline';

const file = (path: string, bytes = 100, rev = 'r0'): BuiltFile => ({ path, bytes, rev });

describe('shouldPrecache', () => {
  it.each([
    ['index.html', true],
    ['concepts/kv-cache/index.html', true],
    ['concepts/kv-cache/witness.py', true],
    ['404.html', true],
    ['map-index.json', true],
    ['atlas.json', true],
    ['theme-init.js', true],
    ['_astro/Base.CMiAvSsf.css', true],
    ['_astro/KaTeX_Main-Regular.B22Nviop.woff2', true],
    ['_astro/KaTeX_Main-Regular.Dr94JaBh.woff', false],
    ['_astro/KaTeX_Main-Regular.ypZvNtVU.ttf', false],
    ['pagefind/pagefind.js', true],
    ['pagefind/pagefind-worker.js', true],
    ['pagefind/pagefind-entry.json', true],
    ['pagefind/wasm.en.pagefind', true],
    ['pagefind/fragment/en_40bbd6e.pf_fragment', true],
    ['pagefind/pagefind-ui.js', false],
    ['pagefind/pagefind-component-ui.css', false],
    ['pagefind/pagefind-modular-ui.js', false],
    ['pagefind/pagefind-highlight.js', false],
    ['sw.js', false],
    ['offline-manifest.json', false],
    ['sitemap-index.xml', false],
    ['sitemap-0.xml', false],
    ['_astro/x.js.map', false],
    ['.DS_Store', false],
  ])('%s → %s', (path, expected) => expect(shouldPrecache(path)).toBe(expected));
});

describe('URLs under the base', () => {
  it.each([
    ['/', '/'],
    ['', '/'],
    ['/atlas', '/atlas/'],
    ['atlas/', '/atlas/'],
    ['/deep/prefix/', '/deep/prefix/'],
  ])('normaliseBase(%j) = %s', (base, expected) => expect(normaliseBase(base)).toBe(expected));

  it.each([
    ['/', 'index.html', '/'],
    ['/', 'concepts/x/index.html', '/concepts/x/'],
    ['/', '404.html', '/404.html'],
    ['/base-check/', 'index.html', '/base-check/'],
    ['/base-check/', 'concepts/x/index.html', '/base-check/concepts/x/'],
    ['/base-check/', 'pagefind/pagefind.js', '/base-check/pagefind/pagefind.js'],
    ['/atlas', 'map-index.json', '/atlas/map-index.json'],
  ])('fileUrl(%s, %s) = %s', (base, path, expected) => expect(fileUrl(base, path)).toBe(expected));

  it.each([
    ['/concepts/x/', ['/concepts/x/']],
    ['/concepts/x', ['/concepts/x', '/concepts/x/']],
    ['/concepts/x/index.html', ['/concepts/x/index.html', '/concepts/x/']],
    ['/map-index.json', ['/map-index.json']],
    ['/base/pagefind/wasm.en.pagefind', ['/base/pagefind/wasm.en.pagefind']],
  ])('lookupKeys(%s)', (path, expected) => expect(lookupKeys(path)).toEqual(expected));
});

describe('the manifest and its version', () => {
  const files = [file('index.html', 10, 'a'), file('sw.js', 5), file('concepts/x/index.html', 20, 'b'), file('_astro/a.css', 30, 'c')];

  it('lists the precached files under the base, sorted, with their total size', () => {
    const m = buildManifest(files, '/base-check/');
    expect(m.base).toBe('/base-check/');
    expect(m.files.map((f) => f.url)).toEqual(['/base-check/', '/base-check/_astro/a.css', '/base-check/concepts/x/']);
    expect(m.bytes).toBe(60);
    expect(m.gzipBytes).toBe(60);
    expect(buildManifest([{ ...files[0], gzipBytes: 4 }], '/').gzipBytes).toBe(4);
    expect(m.version).toMatch(/^[0-9a-f]{12}$/);
  });

  it('gives the same build the same version, whatever the order files were found in', () => {
    expect(buildManifest([...files].reverse(), '/').version).toBe(buildManifest(files, '/').version);
  });

  it('changes the version when a file changes, appears or goes, when the base or the worker changes', () => {
    const v = buildManifest(files, '/').version;
    expect(buildManifest([...files.slice(0, 3), file('_astro/a.css', 30, 'd')], '/').version).not.toBe(v);
    expect(buildManifest([...files, file('new/index.html')], '/').version).not.toBe(v);
    expect(buildManifest(files.slice(1), '/').version).not.toBe(v);
    expect(buildManifest(files, '/atlas/').version).not.toBe(v);
    expect(buildManifest(files, '/', 'worker v2').version).not.toBe(v);
    // A file that is not precached does not change it.
    expect(buildManifest([...files, file('sitemap-0.xml')], '/').version).toBe(v);
  });

  it('versionOf does not depend on entry order', () => {
    const a = { url: '/a', bytes: 1, rev: '1' };
    const b = { url: '/b', bytes: 1, rev: '2' };
    expect(versionOf([a, b])).toBe(versionOf([b, a]));
  });

  it('fnv1a64 matches the published test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('parseManifest accepts a built manifest and names what is wrong with a bad one', () => {
    const m = buildManifest(files, '/base-check/');
    expect(parseManifest(JSON.parse(JSON.stringify(m)))).toEqual(m);
    expect(parseManifest(null)).toMatch(/not in the expected format\.$/);
    expect(parseManifest({ ...m, version: 'x' })).toMatch(/no version id/);
    expect(parseManifest({ ...m, files: [] })).toMatch(/no files/);
    expect(parseManifest({ ...m, files: [{ url: '/elsewhere/', bytes: 1, rev: 'a' }] })).toMatch(
      /URL under \/base-check\//,
    );
    expect(parseManifest({ ...m, bytes: '60' })).toMatch(/no total size/);
  });
});

describe('caches', () => {
  it('staleCaches keeps the current version and leaves other caches alone', () => {
    expect(staleCaches(['cf-offline-aaa', 'cf-offline-bbb', 'other'], 'cf-offline-bbb')).toEqual(['cf-offline-aaa']);
    expect(staleCaches(['cf-offline-aaa', 'other'])).toEqual(['cf-offline-aaa']);
  });
});

describe('words for people', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [999, '999 bytes'],
    [1000, '1.0 kB'],
    [850_000, '850 kB'],
    [999_600, '1.0 MB'],
    [4_321_000, '4.3 MB'],
    [12_400_000, '12 MB'],
    [2_500_000_000, '2.5 GB'],
  ])('formatSize(%d) = %s', (n, expected) => expect(formatSize(n)).toBe(expected));

  it('describes progress', () => {
    expect(describeProgress(120, 331, 1_900_000, 4_300_000)).toBe('Saved 120 of 331 files (1.9 MB of 4.3 MB).');
  });

  it.each([
    [{ name: 'QuotaExceededError' }, 'quota'],
    [{ name: 'TypeError' }, 'network'],
    [{ name: 'Error', status: 404 }, 'missing'],
    [{ name: 'VersionChanged' }, 'changed'],
  ] as const)('classifyFailure(%j) = %s', (error, reason) => expect(classifyFailure(error)).toBe(reason));

  it.each(['quota', 'network', 'missing', 'changed'] as const)('failureMessage(%s) says nothing was kept', (r) => {
    expect(failureMessage(r)).toMatch(/Nothing partial was kept\./);
  });
});
