// Crawls a web site for knowledge ingestion: breadth-first from the start URL plus the URLs its
// sitemaps list (as depth 1), within one site, obeying robots.txt (and its Crawl-delay, capped),
// <meta name=robots>, X-Robots-Tag and rel=nofollow, with a small pool bounding the requests in
// flight. Every request goes through the SSRF guard. Pages (HTML, PDF, plain text) are handed to
// `onPage` as they arrive, so the pipeline can index each one and report progress; the result is a
// summary of what was read, skipped and why, and what failed.
import { setTimeout as sleep } from 'node:timers/promises';
import { parseContentType, decodeText } from './charset.js';
import { CrawlError, type CrawlErrorCode } from './crawl-error.js';
import { normalizeCrawlUrl, SiteScope } from './crawl-url.js';
import { inspectHtml, parseRobotsDirectives } from './html-page.js';
import { loadRobotsPolicy, parleyRobotsToken, robotsMaxBytes, type RobotsPolicy } from './robots.js';
import { readSitemaps } from './sitemap.js';
import { assertPublicUrl, guardedFetch, type GuardedFetchOptions, type HopTransport, type HostLookup } from './ssrf-guard.js';

export interface CrawlOptions {
  /** Link hops from the start page; 0 fetches the start URL only (no sitemap). Default 2, at most 10. */
  readonly maxDepth?: number;
  /** Pages returned at most. Default 50, hard cap 1000. */
  readonly maxPages?: number;
  /** Stay on the start URL's host (equal modulo a leading "www."). Default true. */
  readonly sameSite?: boolean;
  /** Requests in flight at most. Default 4, at most 16. */
  readonly concurrency?: number;
  /** Allow private, loopback and link-local addresses (PARLEY_CRAWL_ALLOW_PRIVATE_NETWORKS). Default false. */
  readonly allowPrivateNetworks?: boolean;
  readonly userAgent?: string;
  /** Per request, redirects and body included. Default 15 s. */
  readonly timeoutMs?: number;
  /** Default 5 MB; larger pages are skipped. */
  readonly maxBytesPerPage?: number;
  /** Read robots.txt Sitemap: lines (or /sitemap.xml). Default true. */
  readonly useSitemaps?: boolean;
  /** robots.txt Crawl-delay is obeyed up to this. Default 5 s. */
  readonly maxCrawlDelayMs?: number;
  readonly signal?: AbortSignal;
  /** Called with each page as it arrives; awaited (a slow consumer slows the crawl). A throw stops the crawl. */
  readonly onPage?: (page: CrawledPage) => void | Promise<void>;
  /** One HTTP exchange with a vetted address (tests); defaults to node:http/https. */
  readonly fetchImpl?: HopTransport;
  /** Host name resolution (tests); defaults to dns.lookup({ all: true }). */
  readonly lookup?: HostLookup;
}

export const crawlDefaults = Object.freeze({
  maxDepth: 2,
  maxPages: 50,
  maxPagesHardCap: 1000,
  concurrency: 4,
  userAgent: 'Mozilla/5.0 (compatible; ParleyBot/0.1; +https://github.com/parley)',
  timeoutMs: 15_000,
  maxBytesPerPage: 5 * 1024 * 1024,
  maxCrawlDelayMs: 5_000,
});

export type CrawledPageKind = 'html' | 'pdf' | 'text';

export interface CrawledPage {
  /** The URL as queued (normalised: no fragment, lower-case host, no default port). */
  readonly url: string;
  /** The URL that answered, after redirects. */
  readonly finalUrl: string;
  /** <link rel=canonical>, when it names another URL on the site. */
  readonly canonicalUrl?: string;
  readonly status: number;
  /** Lower-case MIME type without parameters (sniffed when the server sent none). */
  readonly contentType: string;
  readonly kind: CrawledPageKind;
  readonly body: Uint8Array;
  /** Decoded body, for HTML and text pages. */
  readonly text?: string;
  /** The encoding `text` was decoded with. */
  readonly charset?: string;
  /** <title>, for HTML pages. */
  readonly title?: string;
  /** 0 for the start URL, 1 for its links and sitemap URLs, and so on. */
  readonly depth: number;
  readonly discoveredVia: 'start' | 'link' | 'sitemap';
}

export type CrawledPageSummary = Pick<CrawledPage, 'url' | 'finalUrl' | 'status' | 'contentType' | 'kind' | 'depth' | 'title'> & {
  readonly bytes: number;
};

/** Pages deliberately not returned. */
export type CrawlSkipCode = 'robots_disallowed' | 'off_site' | 'too_large' | 'unsupported_content_type' | 'noindex' | 'duplicate';

export interface CrawlIssue<Code extends string> {
  readonly url: string;
  readonly code: Code;
  readonly reason: string;
}

export interface CrawlResult {
  readonly startUrl: string;
  /** What was handed to `onPage`, in order, without bodies. */
  readonly pages: CrawledPageSummary[];
  readonly skipped: CrawlIssue<CrawlSkipCode>[];
  /** Fetches that failed (HTTP errors, network, timeouts, refused redirects) and sitemaps that could not be read. */
  readonly errors: CrawlIssue<CrawlErrorCode>[];
  /** maxPages (or the cap on URLs remembered) stopped the crawl with URLs still to visit. */
  readonly limitReached: boolean;
}

interface QueueItem {
  readonly url: URL;
  readonly depth: number;
  readonly via: CrawledPage['discoveredVia'];
}

interface Settings {
  readonly maxDepth: number;
  readonly maxPages: number;
  readonly sameSite: boolean;
  readonly concurrency: number;
  readonly userAgent: string;
  readonly maxBytesPerPage: number;
  readonly useSitemaps: boolean;
  readonly maxCrawlDelayMs: number;
}

const skipCodes = new Set<string>(['robots_disallowed', 'off_site', 'too_large']);
const maxKnownUrls = 50_000;
const sitemapMaxDownloadBytes = 10 * 1024 * 1024;
const pageAccept = 'text/html,application/xhtml+xml;q=0.9,application/pdf;q=0.8,text/plain;q=0.7,text/markdown;q=0.7,*/*;q=0.1';

function clampInt(value: number | undefined, fallback: number, min: number, max: number): number {
  const n = value === undefined || !Number.isFinite(value) ? fallback : Math.floor(value);
  return Math.min(max, Math.max(min, n));
}

function kindOfMimeType(mimeType: string): CrawledPageKind | 'sniff' | undefined {
  switch (mimeType) {
    case 'text/html':
    case 'application/xhtml+xml':
      return 'html';
    case 'application/pdf':
    case 'application/x-pdf':
      return 'pdf';
    case 'text/plain':
    case 'text/markdown':
    case 'text/x-markdown':
      return 'text';
    case '':
    case 'application/octet-stream':
      return 'sniff';
    default:
      return undefined;
  }
}

function sniffKind(body: Uint8Array): { kind: CrawledPageKind; contentType: string } | undefined {
  const head = Buffer.from(body.subarray(0, 512)).toString('latin1');
  if (head.startsWith('%PDF-')) return { kind: 'pdf', contentType: 'application/pdf' };
  if (/^(?:\uFEFF|\xEF\xBB\xBF)?\s*<(?:!doctype html|html|head|body|!--)/i.test(head)) return { kind: 'html', contentType: 'text/html' };
  return undefined;
}

class SiteCrawl {
  private readonly queue: QueueItem[] = [];
  /** Every URL queued, fetched or known to be covered by another (redirect targets, canonicals). */
  private readonly known = new Set<string>();
  /** URLs whose content has been returned (requested, final and canonical URLs). */
  private readonly emitted = new Set<string>();
  private readonly robots = new Map<string, Promise<RobotsPolicy>>();
  private readonly nextSlot = new Map<string, number>();
  private readonly pages: CrawledPageSummary[] = [];
  private readonly skipped: CrawlIssue<CrawlSkipCode>[] = [];
  private readonly errors: CrawlIssue<CrawlErrorCode>[] = [];
  private readonly scope: SiteScope;
  private readonly stop = new AbortController();
  private readonly signal: AbortSignal;
  private readonly fetchOptions: GuardedFetchOptions;
  private limitReached = false;

  constructor(
    private readonly start: URL,
    private readonly settings: Settings,
    private readonly options: CrawlOptions,
  ) {
    this.scope = new SiteScope(start);
    this.signal = options.signal ? AbortSignal.any([options.signal, this.stop.signal]) : this.stop.signal;
    this.fetchOptions = {
      allowPrivateNetworks: options.allowPrivateNetworks ?? false,
      signal: this.signal,
      timeoutMs: clampInt(options.timeoutMs, crawlDefaults.timeoutMs, 1, 10 * 60_000),
      ...(options.lookup ? { lookup: options.lookup } : {}),
      ...(options.fetchImpl ? { transport: options.fetchImpl } : {}),
    };
  }

  async run(): Promise<CrawlResult> {
    // A start URL that can never be fetched (bad scheme, refused address, unknown host) fails the
    // whole crawl with its reason, instead of a result with nothing in it.
    try {
      await assertPublicUrl(this.start, this.fetchOptions);
    } catch (error) {
      if (this.signal.aborted) throw new CrawlError('aborted', 'The crawl was cancelled.', { cause: error });
      throw error;
    }
    this.enqueue(this.start, 0, 'start');
    if (this.settings.maxDepth >= 1 && this.settings.useSitemaps) await this.loadSitemaps();
    await this.drain();
    return {
      startUrl: this.start.href,
      pages: this.pages,
      skipped: this.skipped,
      errors: this.errors,
      limitReached: this.limitReached,
    };
  }

  private enqueue(url: URL, depth: number, via: QueueItem['via']): void {
    if (this.known.has(url.href)) return;
    if (this.known.size >= maxKnownUrls) {
      this.limitReached = true;
      return;
    }
    this.known.add(url.href);
    this.queue.push({ url, depth, via });
  }

  private async drain(): Promise<void> {
    const active = new Set<Promise<void>>();
    try {
      for (;;) {
        if (this.signal.aborted) throw new CrawlError('aborted', 'The crawl was cancelled.');
        // Reserve a page for every request in flight, so maxPages is never overshot.
        while (
          active.size < this.settings.concurrency &&
          this.queue.length > 0 &&
          this.pages.length + active.size < this.settings.maxPages
        ) {
          const task: Promise<void> = this.visit(this.queue.shift()!).finally(() => active.delete(task));
          active.add(task);
        }
        if (active.size === 0) break;
        await Promise.race(active);
      }
    } catch (error) {
      this.stop.abort();
      await Promise.allSettled(active);
      throw error;
    }
    if (this.queue.length > 0) this.limitReached = true;
  }

  private async visit(item: QueueItem): Promise<void> {
    // A redirect or a canonical link of a page already read covered this URL.
    if (this.emitted.has(item.url.href)) return;
    let page: CrawledPage | undefined;
    try {
      page = await this.fetchPage(item);
    } catch (error) {
      this.recordFailure(item.url, error);
      return;
    }
    if (!page) return;

    const keys = [page.url, page.finalUrl, ...(page.canonicalUrl ? [page.canonicalUrl] : [])];
    const duplicateOf = keys.find((key) => this.emitted.has(key));
    if (duplicateOf !== undefined) {
      this.skip(item.url, 'duplicate', `Same page as ${duplicateOf}, which was already read.`);
      return;
    }
    if (this.pages.length >= this.settings.maxPages) {
      this.limitReached = true;
      return;
    }
    for (const key of keys) {
      this.emitted.add(key);
      this.known.add(key);
    }
    this.pages.push({
      url: page.url,
      finalUrl: page.finalUrl,
      status: page.status,
      contentType: page.contentType,
      kind: page.kind,
      depth: page.depth,
      ...(page.title !== undefined ? { title: page.title } : {}),
      bytes: page.body.byteLength,
    });
    await this.options.onPage?.(page);
  }

  private recordFailure(url: URL, error: unknown): void {
    if (this.signal.aborted) throw new CrawlError('aborted', 'The crawl was cancelled.', { cause: error });
    if (!(error instanceof CrawlError)) {
      this.errors.push({ url: url.href, code: 'network_error', reason: `Could not read ${url.href}: ${String(error)}` });
      return;
    }
    if (error.code === 'aborted') throw error;
    if (skipCodes.has(error.code)) this.skip(url, error.code as CrawlSkipCode, error.reason);
    else this.errors.push({ url: url.href, code: error.code, reason: error.reason });
  }

  private skip(url: URL, code: CrawlSkipCode, reason: string): void {
    this.skipped.push({ url: url.href, code, reason });
  }

  private robotsFor(url: URL): Promise<RobotsPolicy> {
    let policy = this.robots.get(url.origin);
    if (!policy) {
      policy = loadRobotsPolicy(url, (robotsUrl) => this.fetchSmall(robotsUrl, robotsMaxBytes, true), parleyRobotsToken);
      this.robots.set(url.origin, policy);
    }
    return policy;
  }

  /** GET for robots.txt and sitemaps: the body only on 2xx. */
  private async fetchSmall(url: URL, maxBytes: number, truncate: boolean): Promise<{ status: number; body: Uint8Array }> {
    const response = await guardedFetch(url, {
      ...this.fetchOptions,
      headers: { 'user-agent': this.settings.userAgent, accept: '*/*', 'accept-encoding': 'gzip, deflate, br' },
    });
    if (response.status < 200 || response.status >= 300) {
      response.discard();
      return { status: response.status, body: new Uint8Array() };
    }
    return { status: response.status, body: await response.readBody({ maxBytes, truncate }) };
  }

  private async loadSitemaps(): Promise<void> {
    let robots: RobotsPolicy;
    try {
      robots = await this.robotsFor(this.start);
    } catch (error) {
      if (error instanceof CrawlError && error.code === 'aborted') throw error;
      return; // the start page will fail with the same error, and report it
    }
    if (robots.source === 'unreachable') return;
    const declared = robots.sitemaps.map((href) => normalizeCrawlUrl(href)).filter((url): url is URL => url !== undefined);
    const fallback = new URL('/sitemap.xml', this.start.origin);
    const roots = declared.length > 0 ? declared : robots.isAllowed(fallback) ? [fallback] : [];
    if (roots.length === 0) return;

    const result = await readSitemaps(roots, (url) => this.fetchSmall(url, sitemapMaxDownloadBytes, false), {
      maxUrls: Math.min(5000, this.settings.maxPages * 3),
      accept: (url) => !this.settings.sameSite || this.scope.includes(url),
    });
    for (const url of result.urls) {
      const normalized = normalizeCrawlUrl(url);
      if (normalized) this.enqueue(normalized, 1, 'sitemap');
    }
    // A site without /sitemap.xml is normal; a sitemap robots.txt names but that fails is worth reporting.
    if (declared.length > 0) this.errors.push(...result.errors);
  }

  /** Spaces requests to one origin by its Crawl-delay (capped). */
  private async waitTurn(origin: string, crawlDelayMs: number | undefined): Promise<void> {
    if (!crawlDelayMs) return;
    const delay = Math.min(crawlDelayMs, this.settings.maxCrawlDelayMs);
    const now = Date.now();
    const at = Math.max(now, this.nextSlot.get(origin) ?? now);
    this.nextSlot.set(origin, at + delay);
    if (at > now) await sleep(at - now, undefined, { signal: this.signal });
  }

  private async fetchPage(item: QueueItem): Promise<CrawledPage | undefined> {
    const { url } = item;
    const robots = await this.robotsFor(url);
    if (!robots.isAllowed(url)) throw new CrawlError('robots_disallowed', robots.explainDisallowed(url));
    await this.waitTurn(url.origin, robots.crawlDelayMs);

    const response = await guardedFetch(url, {
      ...this.fetchOptions,
      headers: { 'user-agent': this.settings.userAgent, accept: pageAccept, 'accept-encoding': 'gzip, deflate, br' },
      beforeHop: async (hopUrl, hop) => {
        if (hop === 0) return;
        if (this.settings.sameSite && !this.scope.includes(hopUrl)) {
          // The start URL may move the whole site (example.com → example.org/en); any other page may not.
          if (item.via === 'start') this.scope.add(hopUrl);
          else throw new CrawlError('off_site', `${url.href} redirects off the site, to ${hopUrl.href}.`);
        }
        const hopRobots = await this.robotsFor(hopUrl);
        if (!hopRobots.isAllowed(hopUrl)) throw new CrawlError('robots_disallowed', hopRobots.explainDisallowed(hopUrl));
      },
    });
    const finalUrl = normalizeCrawlUrl(response.url) ?? response.url;
    if (response.status < 200 || response.status >= 300) {
      response.discard();
      throw new CrawlError('http_error', `The page answered HTTP ${response.status}.`, { status: response.status });
    }
    if (this.emitted.has(finalUrl.href)) {
      response.discard();
      this.skip(url, 'duplicate', `Redirects to ${finalUrl.href}, which was already read.`);
      return undefined;
    }
    this.known.add(finalUrl.href);

    const { mimeType, charset } = parseContentType(response.headers.get('content-type'));
    const declaredKind = kindOfMimeType(mimeType);
    if (declaredKind === undefined) {
      response.discard();
      this.skip(url, 'unsupported_content_type', `Not an HTML, PDF or text page (${mimeType}).`);
      return undefined;
    }
    const body = await response.readBody({ maxBytes: this.settings.maxBytesPerPage });
    let kind: CrawledPageKind;
    let contentType = mimeType;
    if (declaredKind === 'sniff') {
      const sniffed = sniffKind(body);
      if (!sniffed) {
        this.skip(url, 'unsupported_content_type', `Not an HTML, PDF or text page (${mimeType || 'no content type'}).`);
        return undefined;
      }
      ({ kind, contentType } = sniffed);
    } else {
      kind = declaredKind;
    }

    const headerRobots = response.headers.get('x-robots-tag');
    let { noindex, nofollow } = parseRobotsDirectives(headerRobots === null ? [] : [headerRobots], parleyRobotsToken);
    const base = {
      url: url.href,
      finalUrl: finalUrl.href,
      status: response.status,
      contentType,
      kind,
      body,
      depth: item.depth,
      discoveredVia: item.via,
    };
    let page: CrawledPage = base;

    if (kind !== 'pdf') {
      const decoded = decodeText(body, { ...(charset ? { charset } : {}), html: kind === 'html' });
      page = { ...base, text: decoded.text, charset: decoded.charset };
    }
    if (kind === 'html' && page.text !== undefined) {
      const info = inspectHtml(page.text, finalUrl, parleyRobotsToken);
      noindex ||= info.robots.noindex;
      nofollow ||= info.robots.nofollow;
      const canonical = info.canonical && normalizeCrawlUrl(info.canonical);
      page = {
        ...page,
        ...(info.title !== undefined ? { title: info.title } : {}),
        ...(canonical && canonical.href !== finalUrl.href && this.scope.includes(canonical) ? { canonicalUrl: canonical.href } : {}),
      };
      if (!nofollow && item.depth < this.settings.maxDepth) {
        for (const link of info.links) {
          if (link.nofollow) continue;
          const target = normalizeCrawlUrl(link.url);
          if (!target || (this.settings.sameSite && !this.scope.includes(target))) continue;
          this.enqueue(target, item.depth + 1, 'link');
        }
      }
    }
    if (noindex) {
      this.skip(url, 'noindex', 'The page asks not to be indexed (noindex).');
      return undefined;
    }
    return page;
  }
}

function resolveSettings(options: CrawlOptions): Settings {
  return {
    maxDepth: clampInt(options.maxDepth, crawlDefaults.maxDepth, 0, 10),
    maxPages: clampInt(options.maxPages, crawlDefaults.maxPages, 1, crawlDefaults.maxPagesHardCap),
    sameSite: options.sameSite ?? true,
    concurrency: clampInt(options.concurrency, crawlDefaults.concurrency, 1, 16),
    userAgent: options.userAgent ?? crawlDefaults.userAgent,
    maxBytesPerPage: clampInt(options.maxBytesPerPage, crawlDefaults.maxBytesPerPage, 1, 100 * 1024 * 1024),
    useSitemaps: options.useSitemaps ?? true,
    maxCrawlDelayMs: clampInt(options.maxCrawlDelayMs, crawlDefaults.maxCrawlDelayMs, 0, 60_000),
  };
}

/**
 * Crawls `startUrl` and resolves with a summary once done. Pages stream to `options.onPage`.
 * Rejects with a CrawlError when the start URL cannot be fetched at all (`invalid_url`,
 * `blocked_address`, `dns_failed`), when `signal` aborts (`aborted`), or with what `onPage` threw.
 */
export async function crawlSite(startUrl: string, options: CrawlOptions = {}): Promise<CrawlResult> {
  const start = normalizeCrawlUrl(startUrl.trim());
  if (!start) throw new CrawlError('invalid_url', `"${startUrl}" is not an http or https address.`);
  return new SiteCrawl(start, resolveSettings(options), options).run();
}

/**
 * The same crawl as an async iterator of pages; the generator's return value is the summary.
 * Breaking out of the loop cancels the crawl. Pages are produced no faster than they are consumed
 * (at most `concurrency` wait).
 */
export async function* crawlSitePages(startUrl: string, options: CrawlOptions = {}): AsyncGenerator<CrawledPage, CrawlResult, undefined> {
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const ready: { page: CrawledPage; taken: () => void }[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const run = crawlSite(startUrl, {
    ...options,
    signal,
    onPage: async (page) => {
      await options.onPage?.(page);
      await new Promise<void>((taken) => {
        ready.push({ page, taken });
        notify();
      });
    },
  }).finally(() => {
    finished = true;
    notify();
  });
  run.catch(() => undefined); // observed below; this only keeps an early exit from leaving it unhandled

  let current: (typeof ready)[number] | undefined;
  try {
    for (;;) {
      current = ready.shift();
      if (current) {
        yield current.page;
        current.taken();
        current = undefined;
        continue;
      }
      if (finished) return await run;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    if (!finished) {
      stop.abort();
      current?.taken();
      for (const waiting of ready.splice(0)) waiting.taken();
      await run.catch(() => undefined);
    }
  }
}
