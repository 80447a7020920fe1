// Crawls small sites served by node:http on 127.0.0.1 (hence allowPrivateNetworks: true), and, for
// the SSRF cases, sites reached under public-looking names through a fake resolver and a transport
// that delivers every vetted request to the local server.
import http from 'node:http';
import { type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { CrawlError } from './crawl-error.js';
import { type CrawledPage, type CrawlOptions, type CrawlResult, crawlSite, crawlSitePages } from './crawler.js';
import { type HopTransport, type HostLookup, nodeTransport } from './ssrf-guard.js';

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void | Promise<void>;

interface TestSite {
  readonly port: number;
  readonly origin: string;
  /** host + path of every request, in arrival order. */
  readonly hits: string[];
  readonly times: Map<string, number>;
  maxInFlight: number;
  paths(): string[];
}

const sites: http.Server[] = [];
afterEach(async () => {
  for (const server of sites.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function startSite(routes: (origin: string, port: number) => Record<string, Handler>, delayMs = 0): Promise<TestSite> {
  let table: Record<string, Handler> = {};
  let inFlight = 0;
  const site: TestSite = {
    port: 0,
    origin: '',
    hits: [],
    times: new Map(),
    maxInFlight: 0,
    paths: () => site.hits.map((hit) => hit.slice(hit.indexOf('/'))),
  };
  const server = http.createServer(async (request, response) => {
    const path = request.url ?? '/';
    site.hits.push(`${(request.headers.host ?? '').replace(/:\d+$/, '')}${path}`);
    site.times.set(path, Date.now());
    inFlight++;
    site.maxInFlight = Math.max(site.maxInFlight, inFlight);
    try {
      if (delayMs > 0 && path !== '/robots.txt') await sleep(delayMs);
      const handler = table[`${(request.headers.host ?? '').replace(/:\d+$/, '')}${path}`] ?? table[path];
      if (handler) await handler(request, response);
      else {
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('not found');
      }
    } finally {
      inFlight--;
    }
  });
  sites.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  Object.assign(site, { port, origin: `http://127.0.0.1:${port}` });
  table = routes(site.origin, port);
  return site;
}

const send =
  (contentType: string, body: string | Uint8Array, status = 200): Handler =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': contentType });
    response.end(body);
  };
const html = (body: string, head = '') =>
  send('text/html; charset=utf-8', `<!doctype html><html><head>${head}</head><body>${body}</body></html>`);
const redirect =
  (location: string, status = 302): Handler =>
  (_request, response) => {
    response.writeHead(status, { location });
    response.end();
  };
const urlset = (...locs: string[]) =>
  `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs.map((loc) => `<url><loc>${loc}</loc></url>`).join('')}</urlset>`;

function mainSite(origin: string, port: number): Record<string, Handler> {
  return {
    '/robots.txt': send('text/plain', `User-agent: *\nDisallow: /private\n\nSitemap: ${origin}/sitemap-index.xml\n`),
    '/sitemap-index.xml': send(
      'application/xml',
      `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${origin}/sitemap-pages.xml.gz</loc></sitemap></sitemapindex>`,
    ),
    '/sitemap-pages.xml.gz': send(
      'application/gzip',
      gzipSync(urlset(`${origin}/`, `${origin}/orphan`, `${origin}/private/hidden`, `http://localhost:${port}/elsewhere`)),
    ),
    '/': html(
      `<nav><a href="/about">About</a> <a href="/docs/">Docs</a> <a href="/private/secret">Secret</a></nav>
       <main><a href="http://localhost:${port}/external">Partner</a> <a href="/loop-a">Loop</a> <a href="/files/guide.pdf">Guide</a>
       <a href="/image.png">Logo</a> <a href="/sponsored" rel="nofollow">Ad</a> <a href="/about#team">Team</a> <a href="/redirect-home">Home</a></main>
       <footer><a href="/about">About</a> <a href="/contact">Contact</a> <a href="/notes.txt">Notes</a></footer>`,
      '<title>Home</title>',
    ),
    '/about': html(
      '<a href="/">Home</a> <a href="/docs/">Docs</a> <a href="/latin1">Café</a> <a href="/missing">Gone</a>',
      '<title>About</title>',
    ),
    '/docs/': html('<a href="/docs/a">A</a> <a href="/docs/b">B</a> <a href="/docs/b?print=1">Print B</a>'),
    '/docs/a': html('<a href="/docs/a/deep">Deeper</a>'),
    '/docs/b': html('B'),
    '/docs/b?print=1': html('B, printable', '<link rel="canonical" href="/docs/b">'),
    '/docs/a/deep': html('too deep'),
    '/contact': html('<a href="/contact/team">Team</a>', '<meta name="robots" content="noindex">'),
    '/contact/team': html('<a href="/contact/hidden">Hidden</a>', '<meta name="robots" content="nofollow">'),
    '/contact/hidden': html('hidden'),
    '/orphan': html('Only the sitemap links here'),
    '/private/secret': html('secret'),
    '/private/hidden': html('secret'),
    '/external': html('external'),
    '/elsewhere': html('elsewhere'),
    '/sponsored': html('sponsored'),
    '/loop-a': redirect('/loop-b'),
    '/loop-b': redirect('/loop-a'),
    '/redirect-home': redirect('/', 301),
    '/files/guide.pdf': send('application/pdf', '%PDF-1.4\n% a tiny stand-in\n%%EOF\n'),
    '/image.png': send('image/png', new Uint8Array([0x89, 0x50, 0x4e, 0x47])),
    '/notes.txt': send('text/plain; charset=utf-8', 'Plain notes'),
    '/latin1': send('text/html; charset=windows-1252', Buffer.from('<title>Caf\xe9</title><p>Caf\xe9 cr\xe8me</p>', 'latin1')),
  };
}

const local: CrawlOptions = { allowPrivateNetworks: true };

describe('crawlSite on a local site', () => {
  it('crawls breadth-first with sitemaps, robots.txt, robots meta, nofollow, canonical and same-site rules', async () => {
    const site = await startSite(mainSite);
    const streamed: CrawledPage[] = [];
    const result = await crawlSite(`${site.origin}/`, { ...local, concurrency: 1, onPage: (page) => void streamed.push(page) });
    const path = (url: string) => url.slice(site.origin.length);

    expect(result.pages.map((page) => [path(page.url), page.depth, page.kind])).toEqual([
      ['/', 0, 'html'],
      ['/orphan', 1, 'html'],
      ['/about', 1, 'html'],
      ['/docs/', 1, 'html'],
      ['/files/guide.pdf', 1, 'pdf'],
      ['/notes.txt', 1, 'text'],
      ['/latin1', 2, 'html'],
      ['/docs/a', 2, 'html'],
      ['/docs/b', 2, 'html'],
      ['/contact/team', 2, 'html'],
    ]);
    expect(streamed.map((page) => page.url)).toEqual(result.pages.map((page) => page.url));
    expect(streamed.find((page) => page.url.endsWith('/orphan'))?.discoveredVia).toBe('sitemap');

    expect(result.skipped.map((issue) => [path(issue.url), issue.code])).toEqual([
      ['/private/hidden', 'robots_disallowed'],
      ['/private/secret', 'robots_disallowed'],
      ['/image.png', 'unsupported_content_type'],
      ['/redirect-home', 'duplicate'],
      ['/contact', 'noindex'],
      ['/docs/b?print=1', 'duplicate'],
    ]);
    expect(result.skipped[0]!.reason).toBe(`robots.txt on ${site.origin} asks crawlers like ParleyBot not to fetch this page.`);
    expect(result.errors.map((issue) => [path(issue.url), issue.code, issue.reason])).toEqual([
      ['/loop-a', 'redirect_loop', `The redirects starting at ${site.origin}/loop-a go round in a loop.`],
      ['/missing', 'http_error', 'The page answered HTTP 404.'],
    ]);
    expect(result.limitReached).toBe(false);

    const hits = site.paths();
    expect(hits.filter((hit) => hit === '/robots.txt')).toHaveLength(1);
    for (const never of [
      '/private/secret',
      '/private/hidden',
      '/external',
      '/elsewhere',
      '/sponsored',
      '/docs/a/deep',
      '/contact/hidden',
    ]) {
      expect(hits).not.toContain(never);
    }
    expect(site.hits.every((hit) => hit.startsWith('127.0.0.1/'))).toBe(true);
    // Each URL is requested once; "/" twice because /redirect-home redirects there.
    const counts = new Map<string, number>();
    for (const hit of hits) counts.set(hit, (counts.get(hit) ?? 0) + 1);
    expect([...counts].filter(([, count]) => count > 1)).toEqual([['/', 2]]);
  });

  it('returns bodies, decoded text, titles and charsets', async () => {
    const site = await startSite(mainSite);
    const pages = new Map<string, CrawledPage>();
    await crawlSite(`${site.origin}/`, { ...local, onPage: (page) => void pages.set(page.url.slice(site.origin.length), page) });

    const home = pages.get('/')!;
    expect(home).toMatchObject({ status: 200, contentType: 'text/html', charset: 'utf-8', title: 'Home', finalUrl: `${site.origin}/` });
    expect(home.text).toContain('<nav>');
    expect(new TextDecoder().decode(home.body)).toBe(home.text);

    expect(pages.get('/latin1')).toMatchObject({ title: 'Café', charset: 'windows-1252' });
    expect(pages.get('/latin1')!.text).toContain('Café crème');

    const pdf = pages.get('/files/guide.pdf')!;
    expect(pdf).toMatchObject({ contentType: 'application/pdf', kind: 'pdf' });
    expect(pdf.text).toBeUndefined();
    expect(Buffer.from(pdf.body).toString('latin1').startsWith('%PDF-1.4')).toBe(true);

    expect(pages.get('/notes.txt')).toMatchObject({ kind: 'text', text: 'Plain notes', contentType: 'text/plain' });
  });

  it('fetches just the one page with maxDepth 0', async () => {
    const site = await startSite(mainSite);
    const result = await crawlSite(`${site.origin}/#top`, { ...local, maxDepth: 0 });
    expect(result.pages.map((page) => page.url)).toEqual([`${site.origin}/`]);
    expect(site.paths()).toEqual(['/robots.txt', '/']);
  });

  it('stops at maxPages and at maxDepth', async () => {
    const site = await startSite(mainSite);
    const limited = await crawlSite(`${site.origin}/`, { ...local, maxPages: 3 });
    expect(limited.pages).toHaveLength(3);
    expect(limited.limitReached).toBe(true);

    const shallow = await startSite(mainSite);
    const one = await crawlSite(`${shallow.origin}/`, { ...local, maxDepth: 1, concurrency: 1 });
    expect(Math.max(...one.pages.map((page) => page.depth))).toBe(1);
    expect(shallow.paths()).not.toContain('/docs/a');
    expect(shallow.paths()).toContain('/orphan');
  });

  it('never has more requests in flight than the concurrency bound', async () => {
    const pageCount = 24;
    const links = Array.from({ length: pageCount }, (_, i) => `<a href="/p${i}">${i}</a>`).join('');
    const routes = () => {
      const table: Record<string, Handler> = { '/': html(links) };
      for (let i = 0; i < pageCount; i++) table[`/p${i}`] = html(`page ${i} <a href="/">home</a>`);
      return table;
    };
    for (const concurrency of [1, 3]) {
      const site = await startSite(routes, 20);
      const result = await crawlSite(`${site.origin}/`, { ...local, concurrency, useSitemaps: false });
      expect(result.pages).toHaveLength(pageCount + 1);
      expect(site.maxInFlight).toBe(concurrency);
    }
  });

  it('spaces requests by Crawl-delay, capped by maxCrawlDelayMs', async () => {
    const routes = (delay: string) => () => ({
      '/robots.txt': send('text/plain', `User-agent: ParleyBot\nCrawl-delay: ${delay}\n`),
      '/': html('<a href="/a">a</a><a href="/b">b</a><a href="/c">c</a>'),
      '/a': html('a'),
      '/b': html('b'),
      '/c': html('c'),
    });
    const site = await startSite(routes('0.15'));
    await crawlSite(`${site.origin}/`, { ...local, concurrency: 4, useSitemaps: false });
    const starts = ['/', '/a', '/b', '/c'].map((path) => site.times.get(path)!).sort((a, b) => a - b);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(130);

    const slow = await startSite(routes('30'));
    const started = Date.now();
    const result = await crawlSite(`${slow.origin}/`, { ...local, useSitemaps: false, maxCrawlDelayMs: 50 });
    expect(result.pages).toHaveLength(4);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('treats a robots.txt that answers 5xx as disallowing everything', async () => {
    const site = await startSite(() => ({ '/robots.txt': send('text/plain', 'down', 503), '/': html('home') }));
    const result = await crawlSite(`${site.origin}/`, local);
    expect(result.pages).toEqual([]);
    expect(result.skipped).toEqual([
      {
        url: `${site.origin}/`,
        code: 'robots_disallowed',
        reason: `robots.txt on ${site.origin} answered HTTP 503, so the site is treated as closed to crawlers until it answers (RFC 9309).`,
      },
    ]);
    expect(site.paths()).toEqual(['/robots.txt']);
  });

  it('skips pages over maxBytesPerPage', async () => {
    const site = await startSite(() => ({ '/': html('<a href="/big">big</a>'), '/big': html('x'.repeat(10_000)) }));
    const result = await crawlSite(`${site.origin}/`, { ...local, maxBytesPerPage: 2000 });
    expect(result.pages.map((page) => page.url)).toEqual([`${site.origin}/`]);
    expect(result.skipped).toEqual([
      { url: `${site.origin}/big`, code: 'too_large', reason: 'The response is larger than the 2 KB limit.' },
    ]);
  });
});

describe('crawlSite and the SSRF guard', () => {
  it('refuses http://127.0.0.1:<port>/ with default settings, with the readable reason, without a request', async () => {
    const site = await startSite(mainSite);
    const error = await crawlSite(`${site.origin}/`).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(CrawlError);
    expect(error).toMatchObject({
      code: 'blocked_address',
      reason:
        'Fetching private, loopback or link-local addresses is not allowed (127.0.0.1). An administrator can allow it with PARLEY_CRAWL_ALLOW_PRIVATE_NETWORKS=true',
    });
    expect(site.hits).toEqual([]);
  });

  it.each(['ftp://example.com/', 'not a url', 'http://user:pw@example.com/'])('rejects the start URL %s', async (url) => {
    await expect(crawlSite(url)).rejects.toMatchObject({ code: 'invalid_url' });
  });

  describe('with public-looking host names', () => {
    const publicIp = '93.184.216.34';
    const lookup: HostLookup = async (hostname) => {
      if (['public.test', 'www.public.test', 'other.test', 'moved.test'].includes(hostname)) return [{ address: publicIp, family: 4 }];
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    };
    const vetted: string[] = [];
    // Every request the guard lets through goes to the local server instead of the vetted address.
    const toLocalServer: HopTransport = (request) => {
      vetted.push(`${request.url.hostname} ${request.address.address}`);
      return nodeTransport({ ...request, address: { address: '127.0.0.1', family: 4 } });
    };

    it('refuses a page that redirects to 127.0.0.1', async () => {
      const site = await startSite((_origin, port) => ({
        'public.test/': html('<a href="/go-private">Admin</a> <a href="/fine">Fine</a>'),
        'public.test/go-private': redirect(`http://127.0.0.1:${port}/secret`),
        'public.test/fine': html('fine'),
        '/secret': html('secret'),
      }));
      vetted.length = 0;
      const start = `http://public.test:${site.port}/`;
      // sameSite: false, so that only the SSRF guard stands between the redirect and 127.0.0.1.
      const result = await crawlSite(start, { lookup, fetchImpl: toLocalServer, sameSite: false });

      expect(result.pages.map((page) => page.finalUrl)).toEqual([start, `${start}fine`]);
      expect(result.errors).toEqual([
        {
          url: `${start}go-private`,
          code: 'blocked_address',
          reason:
            'Fetching private, loopback or link-local addresses is not allowed (127.0.0.1). An administrator can allow it with PARLEY_CRAWL_ALLOW_PRIVATE_NETWORKS=true',
        },
      ]);
      expect(site.paths()).not.toContain('/secret');
      expect(vetted.length).toBeGreaterThan(0);
      expect(vetted.every((line) => line.endsWith(publicIp))).toBe(true);
    });

    it('keeps to the site (www. included) and skips redirects off it', async () => {
      const site = await startSite((_origin, port) => ({
        'public.test/': html(
          `<a href="http://www.public.test:${port}/www-page">WWW</a> <a href="http://other.test:${port}/x">Other site</a>
           <a href="/go-offsite">Partner</a>`,
        ),
        'public.test/go-offsite': redirect(`http://other.test:${port}/landing`),
        'www.public.test/www-page': html('www'),
      }));
      const start = `http://public.test:${site.port}/`;
      const result = await crawlSite(start, { lookup, fetchImpl: toLocalServer });

      expect(result.pages.map((page) => page.finalUrl)).toEqual([start, `http://www.public.test:${site.port}/www-page`]);
      expect(result.skipped).toEqual([
        {
          url: `${start}go-offsite`,
          code: 'off_site',
          reason: `${start}go-offsite redirects off the site, to http://other.test:${site.port}/landing.`,
        },
      ]);
      expect(result.errors).toEqual([]);
      expect(site.hits.some((hit) => hit.startsWith('other.test'))).toBe(false);
    });

    it('follows the site when the start URL redirects to another host', async () => {
      const site = await startSite((_origin, port) => ({
        'public.test/': redirect(`http://moved.test:${port}/home`, 301),
        'moved.test/home': html('<a href="/about">About</a>'),
        'moved.test/about': html('about'),
      }));
      const result = await crawlSite(`http://public.test:${site.port}/`, { lookup, fetchImpl: toLocalServer, useSitemaps: false });
      expect(result.pages.map((page) => page.finalUrl)).toEqual([
        `http://moved.test:${site.port}/home`,
        `http://moved.test:${site.port}/about`,
      ]);
    });
  });
});

describe('cancellation and streaming', () => {
  const manyPages = () => {
    const table: Record<string, Handler> = { '/': html(Array.from({ length: 30 }, (_, i) => `<a href="/p${i}">${i}</a>`).join('')) };
    for (let i = 0; i < 30; i++) table[`/p${i}`] = html(`page ${i}`);
    return table;
  };

  it('stops when the signal aborts', async () => {
    const site = await startSite(manyPages, 10);
    const controller = new AbortController();
    let seen = 0;
    const crawl = crawlSite(`${site.origin}/`, {
      ...local,
      signal: controller.signal,
      onPage: () => {
        if (++seen === 3) controller.abort();
      },
    });
    await expect(crawl).rejects.toMatchObject({ code: 'aborted' });
    const hitsAtStop = site.hits.length;
    await sleep(100);
    expect(site.hits.length).toBe(hitsAtStop);
    expect(hitsAtStop).toBeLessThan(20);
  });

  it('rejects with what onPage threw', async () => {
    const site = await startSite(manyPages);
    const failure = new Error('index is full');
    await expect(
      crawlSite(`${site.origin}/`, {
        ...local,
        onPage: () => {
          throw failure;
        },
      }),
    ).rejects.toBe(failure);
  });

  it('yields pages as an async iterator and returns the summary', async () => {
    const site = await startSite(mainSite);
    const iterator = crawlSitePages(`${site.origin}/`, { ...local, maxDepth: 1 });
    const pages: CrawledPage[] = [];
    let step = await iterator.next();
    while (!step.done) {
      pages.push(step.value);
      step = await iterator.next();
    }
    const summary: CrawlResult = step.value;
    expect(pages.length).toBeGreaterThan(3);
    expect(summary.pages.map((page) => page.url)).toEqual(pages.map((page) => page.url));
    expect(summary.errors.map((issue) => issue.code)).toEqual(['redirect_loop']);
  });

  it('cancels the crawl when the consumer stops iterating', async () => {
    const site = await startSite(manyPages, 10);
    const seen: string[] = [];
    for await (const page of crawlSitePages(`${site.origin}/`, { ...local, concurrency: 2 })) {
      seen.push(page.url);
      if (seen.length === 2) break;
    }
    const hitsAtStop = site.hits.length;
    await sleep(100);
    expect(site.hits.length).toBe(hitsAtStop);
    expect(hitsAtStop).toBeLessThan(10);
  });
});
