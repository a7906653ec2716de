/**
 * Isomorphic: the rules of the offline copy. Which built files are precached, the manifest and its
 * version id, page URLs under the base, cache names, the lookup keys for a request, and the sentences
 * a reader sees (sizes, progress, failures). scripts/offline.mjs (at build time, run by Node, which is
 * why this module imports nothing), the service worker (src/service-worker/sw.ts) and the island
 * (src/islands/cf-offline) all use it.
 */

/** Every cache the offline copy makes starts with this; one cache per deployed version. */
export const CACHE_PREFIX = 'cf-offline-';
/** Written by scripts/offline.mjs at the root of the build (under the base). */
export const MANIFEST_FILE = 'offline-manifest.json';
export const WORKER_FILE = 'sw.js';

/** A file of the build: its path inside dist/ with "/" separators, its size and a content hash. */
export interface BuiltFile {
  path: string;
  bytes: number;
  rev: string;
  /** Its size gzipped, roughly what a host that compresses sends; the size itself if not given. */
  gzipBytes?: number;
}

/** One precached URL (with the base) and the hash of its content, so an update can reuse it. */
export interface ManifestEntry {
  url: string;
  bytes: number;
  rev: string;
}

export interface OfflineManifest {
  /** Derived from every URL and content hash (and the worker's code): a new deployment, a new id. */
  version: string;
  /** The base path the site was built for, e.g. "/" or "/atlas/". */
  base: string;
  /** Sum of the files' sizes: what the copy takes on the device, and the download if uncompressed. */
  bytes: number;
  /** Sum of their gzipped sizes: about what saving downloads from a host that compresses. */
  gzipBytes: number;
  files: ManifestEntry[];
}

/**
 * Files a reader never needs offline. KaTeX's CSS lists woff2 first and every browser that has
 * service workers reads woff2, so its woff and ttf copies would only double the download; the site
 * calls Pagefind's API and never loads Pagefind's ready-made interfaces.
 */
const SKIPPED: RegExp[] = [
  /^sw\.js$/,
  /^offline-manifest\.json$/,
  /^sitemap[^/]*\.xml$/,
  /\.map$/,
  /(^|\/)\.[^/]*$/,
  /^_astro\/KaTeX_[^/]+\.(woff|ttf)$/,
  /^pagefind\/pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$/,
];

/** True when a built file (path inside dist/) belongs in the offline copy. */
export function shouldPrecache(path: string): boolean {
  return !SKIPPED.some((pattern) => pattern.test(path));
}

/** "/atlas" or "atlas/" → "/atlas/". */
export function normaliseBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/**
 * The URL a built file is requested at: "concepts/x/index.html" → "<base>concepts/x/" (pages are
 * addressed by their folder, as every link on the site writes them), anything else under the base.
 */
export function fileUrl(base: string, path: string): string {
  const head = normaliseBase(base);
  if (path === 'index.html') return head;
  if (path.endsWith('/index.html')) return `${head}${path.slice(0, -'index.html'.length)}`;
  return `${head}${path}`;
}

/** FNV-1a, 64-bit, over UTF-8: 16 hex digits. Not a security hash; it names a version. */
export function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * The version id of a file list: a hash of every URL with its content hash, in URL order, plus
 * `salt` (the worker's own code, so a changed worker is a new version too). Any changed, added or
 * removed file changes it; rebuilding the same site gives the same id.
 */
export function versionOf(entries: readonly ManifestEntry[], salt = ''): string {
  const lines = entries
    .map((e) => `${e.url}\t${e.rev}\n`)
    .sort()
    .join('');
  return fnv1a64(`${salt}\n${lines}`).slice(0, 12);
}

/** The manifest for a build: the files to precache under `base`, their total size and the version. */
export function buildManifest(files: readonly BuiltFile[], base: string, salt = ''): OfflineManifest {
  const kept = files.filter((f) => shouldPrecache(f.path));
  const entries = kept
    .map((f) => ({ url: fileUrl(base, f.path), bytes: f.bytes, rev: f.rev }))
    .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  return {
    version: versionOf(entries, salt),
    base: normaliseBase(base),
    bytes: entries.reduce((sum, e) => sum + e.bytes, 0),
    gzipBytes: kept.reduce((sum, f) => sum + (f.gzipBytes ?? f.bytes), 0),
    files: entries,
  };
}

/** Reads a fetched manifest without trusting it: the manifest, or one sentence saying what is wrong. */
export function parseManifest(value: unknown): OfflineManifest | string {
  const problem = 'The offline file list (offline-manifest.json) is not in the expected format';
  if (typeof value !== 'object' || value === null) return `${problem}.`;
  const m = value as Record<string, unknown>;
  if (typeof m.version !== 'string' || !/^[0-9a-f]{6,}$/.test(m.version)) return `${problem}: no version id.`;
  if (typeof m.base !== 'string' || !m.base.startsWith('/')) return `${problem}: no base path.`;
  if (!Array.isArray(m.files) || m.files.length === 0) return `${problem}: no files.`;
  for (const f of m.files as unknown[]) {
    const e = f as Record<string, unknown> | null;
    if (!e || typeof e.url !== 'string' || !e.url.startsWith(m.base) || typeof e.bytes !== 'number')
      return `${problem}: a file entry lacks a URL under ${m.base} or a size.`;
    if (typeof e.rev !== 'string') return `${problem}: ${e.url} has no content hash.`;
  }
  if (typeof m.bytes !== 'number' || typeof m.gzipBytes !== 'number') return `${problem}: no total size.`;
  return value as OfflineManifest;
}

/** The cache that holds one version. */
export const cacheName = (version: string) => `${CACHE_PREFIX}${version}`;

/** The offline caches other than `keep`'s: what activating a version (or removing) deletes. */
export function staleCaches(names: readonly string[], keep?: string): string[] {
  return names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== keep);
}

/**
 * Cache keys to try for a request path, in order: the path itself, then for a page asked for
 * without its trailing slash or as ".../index.html", its folder URL.
 */
export function lookupKeys(pathname: string): string[] {
  const keys = [pathname];
  if (pathname.endsWith('/index.html')) keys.push(pathname.slice(0, -'index.html'.length));
  else if (!pathname.endsWith('/') && !/\.[a-z0-9]+$/i.test(pathname.slice(pathname.lastIndexOf('/'))))
    keys.push(`${pathname}/`);
  return keys;
}

/** A download size for people, in decimal units as browsers show them: "850 kB", "4.3 MB", "12 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const units = ['kB', 'MB', 'GB'];
  let value = bytes / 1000;
  let i = 0;
  while (value >= 999.5 && i < units.length - 1) {
    value /= 1000;
    i++;
  }
  const text = value < 9.95 ? value.toFixed(1) : String(Math.round(value));
  return `${text} ${units[i]}`;
}

/** "Saved 120 of 331 files (1.9 MB of 4.3 MB)." */
export function describeProgress(done: number, total: number, bytesDone: number, bytesTotal: number): string {
  return `Saved ${done} of ${total} files (${formatSize(bytesDone)} of ${formatSize(bytesTotal)}).`;
}

/** Why saving stopped, as the worker reports it to the page. */
export type FailureReason = 'quota' | 'network' | 'missing' | 'changed';

/** What the worker posts to the pages while it saves a version. */
export type WorkerReport =
  | { type: 'progress'; version: string; done: number; total: number; bytes: number; totalBytes: number }
  | { type: 'saved'; version: string }
  | { type: 'failed'; version: string; reason: FailureReason; detail: string };

/**
 * The reason behind an error thrown while saving: the browser's storage quota, a request that never
 * got an answer (offline, connection dropped), or a file the server did not return.
 */
export function classifyFailure(error: { name?: string; status?: number }): FailureReason {
  if (error.name === 'QuotaExceededError') return 'quota';
  if (error.name === 'VersionChanged') return 'changed';
  if (typeof error.status === 'number') return 'missing';
  return 'network';
}

/** The sentence a reader sees when saving stopped. Nothing partial is ever kept. */
export function failureMessage(reason: FailureReason, detail = ''): string {
  const kept = 'Nothing partial was kept.';
  switch (reason) {
    case 'quota':
      return `Saving stopped: this browser ran out of storage for the site. ${kept} Free some space (or allow the site more storage) and try again.`;
    case 'network':
      return `Saving stopped: the download was interrupted${detail ? ` (${detail})` : ''}. ${kept} Check the connection and try again.`;
    case 'missing':
      return `Saving stopped: the server did not return a file${detail ? ` (${detail})` : ''}. ${kept} The site may be mid-deployment; try again in a minute.`;
    case 'changed':
      return `Saving stopped: a new version of the atlas was published while it downloaded. ${kept} Try again to save the new version.`;
  }
}
