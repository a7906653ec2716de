/**
 * The offline copy's service worker. scripts/offline.mjs bundles it to <base>sw.js after the build
 * (and Pagefind) and writes this deployment's version id into VERSION. Pages never register it by
 * themselves: only the "Save the atlas for offline use" button on /offline/ does.
 *
 * Lifecycle of one version:
 *  install  — read offline-manifest.json and check it is this worker's version; download every file
 *             into a new cache "cf-offline-<version>" (a file whose content hash is unchanged is copied
 *             from the previous version's cache instead); read the manifest again to make sure no
 *             deployment happened meanwhile. Pages get progress messages. On any failure the new
 *             cache is deleted and the install fails, so an older copy stays in charge, whole.
 *  waiting  — a worker for a newer deployment waits, so open pages keep one version; pages show
 *             "update ready" and send {type: 'skip-waiting'} when the reader applies it.
 *  activate — delete every other cf-offline-* cache, then take control of open pages.
 *  fetch    — GETs under the base: from this version's cache (the query is ignored: pages read it
 *             in the browser), else the network; an unknown page with the network off gets 404.html.
 *             sw.js and the manifest go to the network first, so a page can see a newer deployment.
 */
import {
  MANIFEST_FILE,
  WORKER_FILE,
  cacheName,
  classifyFailure,
  lookupKeys,
  parseManifest,
  staleCaches,
  type OfflineManifest,
  type WorkerReport,
} from '../lib/offline';

/** Filled in by scripts/offline.mjs (esbuild define, then the id replaces the placeholder). */
declare const VERSION: string;

// The few service-worker types used here. TypeScript's "webworker" lib clashes with the DOM lib the
// rest of the project compiles against, so they are declared locally.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerMessageEvent extends ExtendableEvent {
  readonly data: unknown;
  readonly ports: readonly MessagePort[];
}
interface WindowClient {
  postMessage(message: WorkerReport): void;
}
interface WorkerScope {
  readonly registration: { readonly scope: string };
  readonly location: Location;
  skipWaiting(): Promise<void>;
  readonly clients: {
    claim(): Promise<void>;
    matchAll(options: { includeUncontrolled: boolean; type: 'window' }): Promise<readonly WindowClient[]>;
  };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: WorkerMessageEvent) => void): void;
}

const sw = self as unknown as WorkerScope;
const CACHE = cacheName(VERSION);
const scope = new URL(sw.registration.scope);
const base = scope.pathname;
const manifestUrl = new URL(MANIFEST_FILE, scope).href;
const workerUrl = new URL(WORKER_FILE, scope).href;
/** Files fetched at once while saving: enough to keep the line busy, few enough to be polite. */
const PARALLEL = 6;

async function tellPages(report: WorkerReport): Promise<void> {
  for (const client of await sw.clients.matchAll({ includeUncontrolled: true, type: 'window' }))
    client.postMessage(report);
}

/** An error that carries what classifyFailure reads. */
function failure(name: string, message: string, status?: number): Error & { status?: number } {
  return Object.assign(new Error(message), { name, status });
}

async function readManifest(): Promise<OfflineManifest> {
  const response = await fetch(manifestUrl, { cache: 'no-store' });
  if (!response.ok) throw failure('HttpError', `${MANIFEST_FILE}: HTTP ${response.status}`, response.status);
  const manifest = parseManifest(await response.json());
  if (typeof manifest === 'string') throw failure('HttpError', manifest, 0);
  if (manifest.version !== VERSION)
    throw failure('VersionChanged', `the manifest is version ${manifest.version}, this worker ${VERSION}`);
  return manifest;
}

/** Content hashes of the previous version's files, to copy the unchanged ones instead of downloading. */
async function previousCopy(): Promise<{ cache: Cache; revs: Map<string, string> } | undefined> {
  const [previous] = staleCaches(await caches.keys(), CACHE);
  if (!previous) return undefined;
  const cache = await caches.open(previous);
  const stored = await cache.match(manifestUrl);
  const manifest = stored ? parseManifest(await stored.json().catch(() => null)) : 'none';
  if (typeof manifest === 'string') return undefined;
  return { cache, revs: new Map(manifest.files.map((f) => [new URL(f.url, scope).href, f.rev])) };
}

/** A redirected response cannot answer a navigation; keep its body and headers only. */
function clean(response: Response): Response {
  if (!response.redirected) return response;
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

async function save(): Promise<void> {
  let done = 0;
  let bytes = 0;
  try {
    const manifest = await readManifest();
    await caches.delete(CACHE); // what an earlier, failed attempt may have left
    const cache = await caches.open(CACHE);
    const previous = await previousCopy();
    const queue = [...manifest.files];
    let lastReport = 0;
    const worker = async () => {
      for (let entry = queue.shift(); entry; entry = queue.shift()) {
        const url = new URL(entry.url, scope).href;
        const reused = previous?.revs.get(url) === entry.rev ? await previous?.cache.match(url) : undefined;
        if (reused) await cache.put(url, reused);
        else {
          let response: Response;
          try {
            response = await fetch(url, { cache: 'no-cache', credentials: 'same-origin' });
          } catch {
            throw failure('NetworkError', entry.url);
          }
          if (!response.ok) throw failure('HttpError', `${entry.url}: HTTP ${response.status}`, response.status);
          await cache.put(url, clean(response));
        }
        done++;
        bytes += entry.bytes;
        if (done === manifest.files.length || Date.now() - lastReport > 150) {
          lastReport = Date.now();
          void tellPages({
            type: 'progress',
            version: VERSION,
            done,
            total: manifest.files.length,
            bytes,
            totalBytes: manifest.bytes,
          });
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    await readManifest(); // throws VersionChanged if a deployment landed while we downloaded
    await cache.put(
      manifestUrl,
      new Response(JSON.stringify(manifest), { headers: { 'content-type': 'application/json' } }),
    );
    await tellPages({ type: 'saved', version: VERSION });
  } catch (error) {
    await caches.delete(CACHE);
    const e = error as { name?: string; status?: number; message?: string };
    await tellPages({ type: 'failed', version: VERSION, reason: classifyFailure(e), detail: e.message ?? '' });
    throw error;
  }
}

sw.addEventListener('install', (event) => event.waitUntil(save()));

sw.addEventListener('activate', (event) =>
  event.waitUntil(
    (async () => {
      for (const name of staleCaches(await caches.keys(), CACHE)) await caches.delete(name);
      await sw.clients.claim();
    })(),
  ),
);

sw.addEventListener('message', (event) => {
  const type = (event.data as { type?: unknown } | null)?.type;
  if (type === 'skip-waiting') event.waitUntil(sw.skipWaiting());
  else if (type === 'version') event.ports[0]?.postMessage({ version: VERSION });
});

async function fromCache(href: string): Promise<Response | undefined> {
  return caches.match(href, { cacheName: CACHE, ignoreSearch: true });
}

async function respond(request: Request, url: URL): Promise<Response> {
  for (const key of lookupKeys(url.pathname)) {
    const hit = await fromCache(url.origin + key);
    if (hit) return hit;
  }
  try {
    return await fetch(request);
  } catch (error) {
    const notFound = request.mode === 'navigate' ? await fromCache(new URL('404.html', scope).href) : undefined;
    if (!notFound) throw error;
    return new Response(notFound.body, { status: 404, statusText: 'Not Found', headers: notFound.headers });
  }
}

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || request.headers.has('range')) return;
  if (url.origin !== scope.origin || !url.pathname.startsWith(base)) return;
  const path = url.href.split('?')[0];
  if (path === workerUrl) return;
  if (path === manifestUrl) {
    // Network first: /offline/ compares the deployed manifest with the saved one.
    event.respondWith(fetch(request).catch(async (error) => (await fromCache(manifestUrl)) ?? Promise.reject(error)));
    return;
  }
  event.respondWith(respond(request, url));
});
