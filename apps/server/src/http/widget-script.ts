// GET /widget.js: the website widget (packages/widget), loaded by other sites' pages with one script tag.
// The file is read and compressed (brotli, gzip) once per build and kept in memory; a rebuilt file is
// picked up on the next request. Its URL has no content hash, so it is cached briefly and revalidated
// by ETag. Other sites load it with a plain <script>: it is marked loadable cross-origin (CORP) and
// CORS-readable (for `crossorigin` tags and Subresource Integrity).
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

interface Built {
  readonly mtimeMs: number;
  readonly size: number;
  readonly etag: string;
  readonly plain: Buffer;
  readonly br: Buffer;
  readonly gzip: Buffer;
}

/** A new release reaches visitors within minutes; meanwhile a stale copy is fine to show. */
const CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400';

export class WidgetScript {
  private built: Built | null = null;

  constructor(private readonly file: string) {}

  /** The current build, reloaded when the file changed; null when it does not exist. */
  private current(): Built | null {
    let stat;
    try {
      stat = statSync(this.file);
    } catch {
      return null;
    }
    if (this.built && this.built.mtimeMs === stat.mtimeMs && this.built.size === stat.size) return this.built;
    const plain = readFileSync(this.file);
    this.built = {
      mtimeMs: stat.mtimeMs,
      size: stat.size,
      etag: `"${createHash('sha256').update(plain).digest('base64url').slice(0, 27)}"`,
      plain,
      br: brotliCompressSync(plain, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
      gzip: gzipSync(plain, { level: 9 }),
    };
    return this.built;
  }

  register(app: FastifyInstance): void {
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      const built = this.current();
      if (!built) {
        throw new AppError(
          404,
          'widget_not_built',
          'The website widget is not built: run `npm run build` in the Parley folder (or point PARLEY_WIDGET_FILE at widget.js)',
        );
      }
      reply
        .header('cache-control', CACHE_CONTROL)
        .header('etag', built.etag)
        .header('vary', 'accept-encoding')
        .header('cross-origin-resource-policy', 'cross-origin')
        .header('access-control-allow-origin', '*')
        .header('x-content-type-options', 'nosniff')
        .type('text/javascript; charset=utf-8');
      if (request.headers['if-none-match'] === built.etag) return reply.code(304).send();
      const accepts = String(request.headers['accept-encoding'] ?? '');
      if (/\bbr\b/.test(accepts)) return reply.header('content-encoding', 'br').send(built.br);
      if (/\bgzip\b/.test(accepts)) return reply.header('content-encoding', 'gzip').send(built.gzip);
      return reply.send(built.plain);
    };
    app.get('/widget.js', { config: { auth: 'none', skipRateLimit: true }, schema: { hide: true } }, handler);
  }
}
