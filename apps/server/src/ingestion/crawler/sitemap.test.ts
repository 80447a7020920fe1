import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CrawlError } from './crawl-error.js';
import { decodeSitemapBody, parseSitemap, readSitemaps, type SitemapFetcher } from './sitemap.js';

const urlset = (...locs: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs
    .map((loc) => `<url><loc>${loc}</loc><lastmod>2024-01-01</lastmod></url>`)
    .join('\n')}</urlset>`;
const index = (...locs: string[]) =>
  `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs
    .map((loc) => `<sitemap><loc>${loc}</loc></sitemap>`)
    .join('')}</sitemapindex>`;

function fakeFetcher(files: Record<string, string | Uint8Array>): SitemapFetcher & { requested: string[] } {
  const requested: string[] = [];
  const fetcher = async (url: URL) => {
    requested.push(url.href);
    const file = files[url.href];
    if (file === undefined) return { status: 404, body: new Uint8Array() };
    return { status: 200, body: typeof file === 'string' ? new TextEncoder().encode(file) : file };
  };
  return Object.assign(fetcher, { requested });
}

describe('parseSitemap', () => {
  it('reads <loc> values of a urlset, decoding entities, CDATA and namespace prefixes', () => {
    const xml =
      '<?xml version="1.0"?><!-- a <comment> --><sm:urlset xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9">' +
      '<sm:url><sm:loc> https://example.com/a?x=1&amp;y=2 </sm:loc></sm:url>' +
      '<sm:url><sm:loc><![CDATA[https://example.com/b]]></sm:loc></sm:url>' +
      '<sm:url><sm:loc>https://example.com/caf&#xE9;</sm:loc></sm:url></sm:urlset>';
    expect(parseSitemap(xml)).toEqual({
      kind: 'urlset',
      locations: ['https://example.com/a?x=1&y=2', 'https://example.com/b', 'https://example.com/café'],
    });
  });

  it('recognises sitemap index files', () => {
    expect(parseSitemap(index('https://example.com/s1.xml'))).toEqual({ kind: 'sitemapindex', locations: ['https://example.com/s1.xml'] });
  });

  it('reads plain-text sitemaps and honours the limit', () => {
    expect(parseSitemap('https://example.com/a\n\nnot a url\nhttps://example.com/b\r\nhttps://example.com/c', 2)).toEqual({
      kind: 'text',
      locations: ['https://example.com/a', 'https://example.com/b'],
    });
  });
});

describe('decodeSitemapBody', () => {
  it('gunzips by magic bytes and caps the decompressed size', () => {
    const xml = urlset('https://example.com/a');
    expect(decodeSitemapBody(gzipSync(xml), 1024 * 1024)).toBe(xml);
    const bomb = gzipSync(Buffer.alloc(2 * 1024 * 1024, 0x20));
    expect(() => decodeSitemapBody(bomb, 1024 * 1024)).toThrow(CrawlError);
  });
});

describe('readSitemaps', () => {
  it('follows index files, gzip sitemaps, filters and de-duplicates URLs', async () => {
    const fetcher = fakeFetcher({
      'https://example.com/sitemap.xml': index(
        'https://example.com/pages.xml.gz',
        'https://example.com/missing.xml',
        'https://example.com/more.xml',
      ),
      'https://example.com/pages.xml.gz': gzipSync(urlset('https://example.com/a', 'https://other.com/x', 'https://example.com/b#top')),
      'https://example.com/more.xml': urlset('https://example.com/b', 'ftp://example.com/file', 'https://example.com/c'),
    });
    const result = await readSitemaps([new URL('https://example.com/sitemap.xml')], fetcher, {
      maxUrls: 100,
      accept: (url) => url.hostname === 'example.com',
    });
    expect(result.urls.map((url) => url.href)).toEqual(['https://example.com/a', 'https://example.com/b', 'https://example.com/c']);
    expect(result.errors).toEqual([
      { url: 'https://example.com/missing.xml', code: 'http_error', reason: 'The sitemap answered HTTP 404.' },
    ]);
    expect(result.truncated).toBe(false);
  });

  it('stops at maxUrls and at maxSitemaps', async () => {
    const many = Array.from({ length: 50 }, (_, i) => `https://example.com/p${i}`);
    const capped = await readSitemaps(
      [new URL('https://example.com/s.xml')],
      fakeFetcher({ 'https://example.com/s.xml': urlset(...many) }),
      {
        maxUrls: 10,
      },
    );
    expect(capped.urls).toHaveLength(10);
    expect(capped.truncated).toBe(true);

    // An index that lists itself and 30 others: only maxSitemaps files are fetched.
    const files: Record<string, string> = {
      'https://example.com/s.xml': index(
        'https://example.com/s.xml',
        ...Array.from({ length: 30 }, (_, i) => `https://example.com/s${i}.xml`),
      ),
    };
    for (let i = 0; i < 30; i++) files[`https://example.com/s${i}.xml`] = urlset(`https://example.com/page${i}`);
    const fetcher = fakeFetcher(files);
    const limited = await readSitemaps([new URL('https://example.com/s.xml')], fetcher, { maxUrls: 1000, maxSitemaps: 5 });
    expect(fetcher.requested).toHaveLength(5);
    expect(limited.urls).toHaveLength(4);
    expect(limited.truncated).toBe(true);
  });
});
