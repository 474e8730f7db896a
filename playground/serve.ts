/**
 * `npm run playground:serve`: serves playground/dist on localhost (the page is static: this
 * server only hands out its files, and listens on the loopback address alone).
 */
import { existsSync, readFileSync, statSync } from 'fs';
import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import { extname, join, normalize, sep } from 'path';
import { DIST } from './build';

const TYPES: { [ext: string]: string } = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
};

/** A running server, and its address. */
export interface Served {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `dir` on 127.0.0.1 at `port` (0: any free port). */
export function serve(dir: string = DIST, port: number = 0): Promise<Served> {
  if (!existsSync(join(dir, 'index.html'))) {
    return Promise.reject(new Error(`${dir} has no index.html: build the playground first with npm run playground`));
  }
  const server = createServer((req, res) => {
    const file = fileFor(dir, req.url ?? '/');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
    } else if (file === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    } else {
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
    }
  });
  return listen(server, port);
}

/** The file a request path names inside `dir`, or undefined (missing, a folder, or outside). */
function fileFor(dir: string, url: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return undefined;
  }
  const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
  if (!file.startsWith(normalize(dir) + sep)) return undefined;
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

function listen(server: Server, port: number): Promise<Served> {
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address() as AddressInfo;
      ok({
        url: `http://localhost:${actual}/`,
        close: () => new Promise(done => server.close(() => done())),
      });
    });
  });
}

if (require.main === module) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 5180);
  serve(DIST, port).then(s => {
    console.log(`playground: ${s.url} (Ctrl+C stops it)`);
  }, (e: unknown) => {
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}
