/**
 * Isomorphic: a demo's shareable state in the URL hash, as "#<island id>?<query>", e.g.
 * "#attention-lab?dk=64&scale=off". Several islands can share a page: each reads only a hash
 * that names its own id, and writing one island's state replaces the hash as a whole. A plain
 * "#section" anchor is left to the browser.
 */

/** The island's parameters if the hash names this island, else null. */
export function readHashState(hash: string, id: string): URLSearchParams | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const mark = body.indexOf('?');
  if (mark < 0) return null;
  let name = body.slice(0, mark);
  try {
    name = decodeURIComponent(name);
  } catch {
    return null;
  }
  return name === id ? new URLSearchParams(body.slice(mark + 1)) : null;
}

/** The hash that records this island's parameters (with the leading "#"). */
export function hashFor(
  id: string,
  params: URLSearchParams | Record<string, string | number | boolean>,
): string {
  const query =
    params instanceof URLSearchParams
      ? params
      : new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  return `#${encodeURIComponent(id)}?${query.toString()}`;
}
