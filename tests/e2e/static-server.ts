// A small static server for browser tests that need what `astro preview` cannot give: a file
// swapped mid-test (a new deployment) or extra response headers (a Content-Security-Policy).
// Serves a build directory under its base path the way a plain static host does: "dir/" → index.html,
// "dir" → a redirect to "dir/", anything else missing → 404.html with status 404.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.xml': 'application/xml',
  '.py': 'text/plain; charset=utf-8',
};

export interface StaticSite {
  /** The site's address with its base, e.g. http://localhost:39123/base-check/. */
  url: string;
  /** Site paths (with the base) answered with this body instead of the file: a "deployment". */
  overrides: Map<string, string>;
  /** Every path asked for, in order (tests clear it to watch one phase). */
  requests: string[];
  close(): Promise<void>;
}

export async function serveBuild(options: {
  dir: string;
  base: string;
  headers?: Record<string, string>;
}): Promise<StaticSite> {
  const { dir, base } = options;
  const overrides = new Map<string, string>();
  const requests: string[] = [];
  const server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    requests.push(pathname);
    const send = (status: number, body: string | Buffer, type: string) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-cache', ...options.headers });
      response.end(body);
    };
    const override = overrides.get(pathname);
    if (override !== undefined)
      return send(200, override, TYPES[pathname.endsWith('/') ? '.html' : extname(pathname)] ?? 'text/plain');
    if (!pathname.startsWith(base)) return send(404, 'not under the base', 'text/plain');
    const file = normalize(join(dir, pathname.slice(base.length)));
    if (!file.startsWith(normalize(dir))) return send(403, 'forbidden', 'text/plain');
    const info = await stat(file).catch(() => undefined);
    if (info?.isDirectory()) {
      if (!pathname.endsWith('/')) {
        response.writeHead(301, { location: `${pathname}/` });
        return response.end();
      }
      return send(200, await readFile(join(file, 'index.html')), TYPES['.html']);
    }
    if (info?.isFile()) return send(200, await readFile(file), TYPES[extname(file)] ?? 'application/octet-stream');
    return send(404, await readFile(join(dir, '404.html')), TYPES['.html']);
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}${base}`,
    overrides,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
