// The built web app (apps/web) served at the root: hashed files under /assets cached for a year,
// index.html revalidated on every load, precompressed .br/.gz siblings sent to clients that accept them,
// and every other page path answered with index.html so deep links (/assistants/…/chat) reach the
// client-side router. API paths keep the JSON 404. Without a build, page paths answer a short note
// saying how to make one; the API works either way.
import { existsSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** First path segments that belong to the server, never to the web app. */
const SERVER_SEGMENTS = new Set(['api', 'v1', 'docs', 'health', 'ready', 'metrics']);

/** Vite writes content-hashed files here: a changed file gets a new name, so they never go stale. */
const ASSETS_SEGMENT = 'assets';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Parley</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#222}code{background:#f2f2f2;padding:.1rem .3rem;border-radius:3px}</style>
</head>
<body>
<h1>Parley is running</h1>
<p>The web app is not built, so there is nothing to show here yet. Run <code>npm run build</code> in the Parley folder and restart the server (or point <code>PARLEY_WEB_DIR</code> at a built web app).</p>
<p>The API is available at <a href="/api/v1/openapi.json"><code>/api/v1</code></a>; its interactive docs are at <a href="/docs"><code>/docs</code></a> unless turned off.</p>
</body>
</html>
`;

/** A file or folder name the app's own files may have: no dotfiles, no `..`, nothing to escape with. */
const PLAIN_NAME = /^[\w-][\w.-]*$/;

function pathSegments(url: string): string[] {
  return (url.split('?')[0] ?? '').split('/').filter(Boolean);
}

/** A path the web app owns: not the server's, and not a missing hashed asset (which must stay a 404). */
function isPagePath(url: string): boolean {
  const first = pathSegments(url)[0];
  return first === undefined || (!SERVER_SEGMENTS.has(first) && first !== ASSETS_SEGMENT);
}

/** The last segment names a file (`robots.txt`, `logo.png`), not a page: the app's routes have no dots. */
function namesAFile(url: string): boolean {
  return /\.[a-z0-9]{1,8}$/i.test(pathSegments(url).at(-1) ?? '');
}

function appendVary(reply: FastifyReply, field: string): void {
  const current = reply.getHeader('vary');
  reply.header('vary', current ? `${String(current)}, ${field}` : field);
}

export class WebApp {
  /** Whether the folder holds a built app (its index.html). Checked once at start. */
  readonly built: boolean;

  constructor(readonly dir: string) {
    this.built = existsSync(join(dir, 'index.html'));
  }

  /**
   * Serves the hashed assets under /assets/ (GET and HEAD). Only that prefix gets a wildcard route: one at
   * the root would also catch malformed API paths that must keep their own answers (414 for an over-long
   * id). The folder's other files (favicon, index.html) are served by the fallback below.
   */
  async register(app: FastifyInstance): Promise<void> {
    if (!this.built) {
      app.log.info({ webDir: this.dir }, 'web app not built; its pages show how to build it');
      return;
    }
    const assets = join(this.dir, ASSETS_SEGMENT);
    // Caches must keep the compressed and plain forms of a file apart.
    app.addHook('onRequest', async (request, reply) => {
      if ((request.method === 'GET' || request.method === 'HEAD') && !SERVER_SEGMENTS.has(pathSegments(request.url)[0] ?? '')) {
        appendVary(reply, 'accept-encoding');
      }
    });
    await app.register(fastifyStatic, {
      root: assets,
      prefix: `/${ASSETS_SEGMENT}/`,
      preCompressed: true,
      dotfiles: 'ignore',
      index: false,
      // send's own max-age=0 would override ours: every file's caching is set below instead.
      cacheControl: false,
      setHeaders: (res, path) => {
        const file = path.replace(/\.(?:br|gz)$/, '');
        if (file.startsWith(assets + sep)) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
        // index.html names the current hashed files: always revalidated, so a new release shows at once.
        else res.setHeader('cache-control', 'no-cache');
      },
    });
  }

  /** The folder's own file a page path names (`/favicon.svg`), or null when there is none. */
  private fileAt(segments: string[]): string | null {
    if (segments.length === 0) return null;
    let names: string[];
    try {
      names = segments.map((s) => decodeURIComponent(s));
    } catch {
      return null;
    }
    if (!names.every((name) => PLAIN_NAME.test(name))) return null;
    try {
      return statSync(join(this.dir, ...names)).isFile() ? names.join('/') : null;
    } catch {
      return null;
    }
  }

  /**
   * The not-found fallback for GET and HEAD: a page path gets the file it names or else index.html (or,
   * unbuilt, the note), so the client-side router can resolve it. Returns null for anything else (server
   * paths, missing assets, a missing file such as /robots.txt or /logo.png, which must not come back as
   * HTML), which answers the JSON 404.
   */
  fallback(request: FastifyRequest, reply: FastifyReply): FastifyReply | null {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !isPagePath(request.url)) return null;
    if (!this.built) return reply.code(200).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
    const file = this.fileAt(pathSegments(request.url));
    if (!file && namesAFile(request.url)) return null;
    return reply.code(200).sendFile(file ?? 'index.html', this.dir);
  }
}
