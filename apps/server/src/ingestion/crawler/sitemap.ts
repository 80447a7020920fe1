// Sitemaps (sitemaps.org): <urlset> files, <sitemapindex> files that list other sitemaps, either of
// them gzip-compressed (.xml.gz), and plain-text sitemaps (one URL per line). Sitemaps can be huge
// (50 MB, 50,000 URLs each), so <loc> values are picked out with a linear scan rather than a DOM,
// and both the number of sitemap files and the number of URLs read are capped.
import zlib from 'node:zlib';
import { CrawlError, type CrawlErrorCode } from './crawl-error.js';
import { tooLargeError } from './ssrf-guard.js';

export interface ParsedSitemap {
  readonly kind: 'urlset' | 'sitemapindex' | 'text';
  /** The <loc> values (or text lines) in document order, entity-decoded and trimmed. */
  readonly locations: readonly string[];
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXmlText(raw: string): string {
  const cdata = raw.trim().match(/^<!\[CDATA\[([\s\S]*)\]\]>$/);
  if (cdata) return cdata[1]!.trim();
  return raw
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return entities[name.toLowerCase()] ?? whole;
    })
    .trim();
}

function localName(tag: string): string {
  const name = tag.split(/[\s/]/, 1)[0] ?? '';
  return name.slice(name.indexOf(':') + 1).toLowerCase();
}

/** Parses a sitemap document; `limit` stops reading after that many locations. */
export function parseSitemap(text: string, limit = Number.POSITIVE_INFINITY): ParsedSitemap {
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trimStart().startsWith('<')) {
    const locations: string[] = [];
    for (const line of body.split(/\r\n|\r|\n/)) {
      if (locations.length >= limit) break;
      const candidate = line.trim();
      if (/^https?:\/\//i.test(candidate)) locations.push(candidate);
    }
    return { kind: 'text', locations };
  }

  let kind: ParsedSitemap['kind'] = 'urlset';
  let sawRoot = false;
  const locations: string[] = [];
  let at = 0;
  while (locations.length < limit) {
    const open = body.indexOf('<', at);
    if (open === -1) break;
    if (body.startsWith('<!--', open)) {
      const end = body.indexOf('-->', open + 4);
      if (end === -1) break;
      at = end + 3;
      continue;
    }
    const close = body.indexOf('>', open + 1);
    if (close === -1) break;
    const tag = body.slice(open + 1, close);
    at = close + 1;
    if (tag.startsWith('?') || tag.startsWith('!') || tag.startsWith('/')) continue;
    const name = localName(tag);
    if (!sawRoot) {
      sawRoot = true;
      if (name === 'sitemapindex') kind = 'sitemapindex';
    }
    if (name !== 'loc' || tag.endsWith('/')) continue;
    // <loc> holds text only (possibly CDATA, which cannot contain "</"), so the next "</" closes it.
    const end = body.indexOf('</', at);
    if (end === -1) break;
    const location = decodeXmlText(body.slice(at, end));
    if (location !== '') locations.push(location);
    at = end;
  }
  return { kind, locations };
}

/** Gunzips a .xml.gz sitemap (by name, content type or magic bytes) and decodes it as UTF-8. */
export function decodeSitemapBody(body: Uint8Array, maxBytes: number): string {
  let bytes = body;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = zlib.gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLargeError(maxBytes);
      throw new CrawlError('network_error', 'The sitemap is not valid gzip.', { cause: error });
    }
  }
  return new TextDecoder('utf-8').decode(bytes);
}

/** Fetches one sitemap file (following redirects); throws CrawlError when no HTTP answer came back. */
export type SitemapFetcher = (url: URL) => Promise<{ status: number; body: Uint8Array }>;

export interface ReadSitemapsOptions {
  /** Stop after this many accepted page URLs. */
  readonly maxUrls: number;
  /** Sitemap files fetched at most, index files included. Default 20. */
  readonly maxSitemaps?: number;
  /** Bytes of one sitemap after decompression. Default 50 MB (the protocol's own limit). */
  readonly maxBytes?: number;
  /** Which page URLs to keep (e.g. same site only); the cap counts kept URLs only. */
  readonly accept?: (url: URL) => boolean;
}

export interface SitemapIssue {
  readonly url: string;
  readonly code: CrawlErrorCode;
  readonly reason: string;
}

export interface SitemapReadResult {
  readonly urls: URL[];
  readonly errors: SitemapIssue[];
  /** True when a cap stopped the reading before every sitemap was read. */
  readonly truncated: boolean;
}

/** Reads sitemaps breadth-first from `roots`, following index files (nested at most 3 deep). */
export async function readSitemaps(
  roots: readonly URL[],
  fetchSitemap: SitemapFetcher,
  options: ReadSitemapsOptions,
): Promise<SitemapReadResult> {
  const maxSitemaps = options.maxSitemaps ?? 20;
  const maxBytes = options.maxBytes ?? 50 * 1024 * 1024;
  const queue = roots.map((url) => ({ url, level: 0 }));
  const visited = new Set<string>();
  const seenUrls = new Set<string>();
  const urls: URL[] = [];
  const errors: SitemapIssue[] = [];
  let fetched = 0;
  let stoppedEarly = false;

  while (queue.length > 0 && urls.length < options.maxUrls) {
    const { url, level } = queue.shift()!;
    if (visited.has(url.href)) continue;
    visited.add(url.href);
    if (fetched >= maxSitemaps) return { urls, errors, truncated: true };
    fetched++;

    let parsed: ParsedSitemap;
    try {
      const { status, body } = await fetchSitemap(url);
      if (status < 200 || status >= 300) {
        errors.push({ url: url.href, code: 'http_error', reason: `The sitemap answered HTTP ${status}.` });
        continue;
      }
      parsed = parseSitemap(decodeSitemapBody(body, maxBytes), options.maxUrls * 4 + 1000);
    } catch (error) {
      if (error instanceof CrawlError && error.code === 'aborted') throw error;
      if (error instanceof CrawlError) errors.push({ url: url.href, code: error.code, reason: error.reason });
      else errors.push({ url: url.href, code: 'network_error', reason: String(error) });
      continue;
    }

    for (const [index, location] of parsed.locations.entries()) {
      let target: URL;
      try {
        target = new URL(location, url);
      } catch {
        continue;
      }
      if (target.protocol !== 'http:' && target.protocol !== 'https:') continue;
      target.hash = '';
      if (parsed.kind === 'sitemapindex') {
        if (level < 3) queue.push({ url: target, level: level + 1 });
        continue;
      }
      if (seenUrls.has(target.href) || (options.accept && !options.accept(target))) continue;
      seenUrls.add(target.href);
      urls.push(target);
      if (urls.length >= options.maxUrls) {
        stoppedEarly = index < parsed.locations.length - 1;
        break;
      }
    }
  }
  return { urls, errors, truncated: stoppedEarly || queue.length > 0 };
}
