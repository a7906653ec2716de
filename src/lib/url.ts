/** Isomorphic: every internal URL goes through here so the site works under any base path. */

/** Joins a base ("/" or "/atlas/") and a site path ("concepts/x/" or "/concepts/x/"). */
export function joinBase(base: string, path: string): string {
  const head = base.endsWith('/') ? base : `${base}/`;
  const tail = path.startsWith('/') ? path.slice(1) : path;
  return `${head.startsWith('/') ? '' : '/'}${head}${tail}`;
}

/** A site path under the configured base (import.meta.env.BASE_URL in Astro, Vite and Vitest). */
export function url(path: string): string {
  return joinBase(import.meta.env.BASE_URL ?? '/', path);
}

/** Canonical paths of the atlas's page types. */
export const paths = {
  home: () => url('/'),
  concept: (slug: string) => url(`/concepts/${slug}/`),
  domain: (slug: string) => url(`/domains/${slug}/`),
  track: (slug: string) => url(`/tracks/${slug}/`),
  kvCalculator: () => url('/tools/kv-cache/'),
  leverLab: () => url('/labs/kv-cache-lever/'),
  graph: () => url('/graph/'),
  start: () => url('/start/'),
  review: () => url('/review/'),
  notes: () => url('/notes/'),
  atlasJson: () => url('/atlas.json'),
  search: (query?: string) => url(`/search/${query ? `?q=${encodeURIComponent(query)}` : ''}`),
  map: (query?: string) => url(`/map/${query ? `?q=${encodeURIComponent(query)}` : ''}`),
  mapIndex: () => url('/map-index.json'),
  pagefind: () => url('/pagefind/pagefind.js'),
  offline: () => url('/offline/'),
  offlineManifest: () => url('/offline-manifest.json'),
  serviceWorker: () => url('/sw.js'),
};
