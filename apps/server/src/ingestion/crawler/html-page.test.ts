import { describe, expect, it } from 'vitest';
import { decodeText, parseContentType, sniffMetaCharset } from './charset.js';
import { normalizeCrawlUrl, SiteScope } from './crawl-url.js';
import { inspectHtml, parseRobotsDirectives } from './html-page.js';

describe('inspectHtml', () => {
  const page = new URL('https://example.com/docs/guide');

  it('resolves links against the page and <base>, drops fragments, duplicates and non-http links', () => {
    const info = inspectHtml(
      `<html><head><title>  The
        Guide </title><base href="/root/"></head><body>
        <nav><a href="a">A</a><a href="/b#part">B</a><a href="/b">B again</a></nav>
        <a href="mailto:x@example.com">mail</a><a href="javascript:void(0)">js</a><a href="#top">top</a>
        <a href="https://other.com/x" rel="external NoFollow">other</a><area href="map">
        <footer><a href="//cdn.example.com/c">c</a></footer></body></html>`,
      page,
    );
    expect(info.title).toBe('The Guide');
    expect(info.links.map((link) => [link.url.href, link.nofollow])).toEqual([
      ['https://example.com/root/a', false],
      ['https://example.com/b', false],
      ['https://other.com/x', true],
      ['https://example.com/root/map', false],
      ['https://cdn.example.com/c', false],
    ]);
  });

  it('reads rel=canonical and robots meta (robots or parleybot, case-insensitive)', () => {
    const info = inspectHtml(
      '<head><link rel="Canonical" href="/docs/guide?print=0"><meta name="ROBOTS" content="index"><meta name="ParleyBot" content="NoIndex"><meta name="googlebot" content="nofollow"></head>',
      page,
    );
    expect(info.canonical?.href).toBe('https://example.com/docs/guide?print=0');
    expect(info.robots).toEqual({ noindex: true, nofollow: false });
    expect(inspectHtml('<meta name="robots" content="none">', page).robots).toEqual({ noindex: true, nofollow: true });
  });
});

describe('parseRobotsDirectives', () => {
  it('reads X-Robots-Tag values, scoped to ParleyBot or to every crawler', () => {
    expect(parseRobotsDirectives(['noindex'])).toEqual({ noindex: true, nofollow: false });
    expect(parseRobotsDirectives(['googlebot: noindex, nofollow'])).toEqual({ noindex: false, nofollow: false });
    expect(parseRobotsDirectives(['googlebot: noindex, parleybot: nofollow'])).toEqual({ noindex: false, nofollow: true });
    expect(parseRobotsDirectives(['unavailable_after: 25 Jun 2010 15:00:00 PST, max-snippet: 20'])).toEqual({
      noindex: false,
      nofollow: false,
    });
  });
});

describe('charset', () => {
  it('parses content types', () => {
    expect(parseContentType('Text/HTML; Charset="ISO-8859-8"')).toEqual({ mimeType: 'text/html', charset: 'iso-8859-8' });
    expect(parseContentType(null)).toEqual({ mimeType: '' });
  });

  it('decodes by BOM, then Content-Type, then <meta>, then UTF-8 or windows-1252', () => {
    const latin = Buffer.from('<p>caf\xe9</p>', 'latin1');
    expect(decodeText(latin, { charset: 'windows-1252', html: true })).toEqual({ text: '<p>café</p>', charset: 'windows-1252' });
    expect(decodeText(latin, { html: true })).toEqual({ text: '<p>café</p>', charset: 'windows-1252' });

    const hebrew = Buffer.concat([Buffer.from('<meta charset="windows-1255"><p>'), Buffer.from([0xf9, 0xec, 0xe5, 0xed])]);
    expect(sniffMetaCharset(hebrew)).toBe('windows-1255');
    expect(decodeText(hebrew, { html: true }).text).toContain('שלום');

    const httpEquiv = Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">');
    expect(sniffMetaCharset(httpEquiv)).toBe('koi8-r');

    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Grüße')]);
    expect(decodeText(bom, { charset: 'windows-1252' })).toEqual({ text: 'Grüße', charset: 'utf-8' });
    expect(decodeText(Buffer.from('Grüße'), { charset: 'no-such-charset' })).toEqual({ text: 'Grüße', charset: 'utf-8' });
  });
});

describe('crawl URLs', () => {
  it('normalises: drops fragments and empty queries, lower-cases hosts, removes default ports, keeps the query', () => {
    expect(normalizeCrawlUrl('HTTPS://Example.COM:443/a/../b?z=1&a=2#frag')?.href).toBe('https://example.com/b?z=1&a=2');
    expect(normalizeCrawlUrl('http://example.com:80/x?')?.href).toBe('http://example.com/x');
    expect(normalizeCrawlUrl('ftp://example.com/')).toBeUndefined();
    expect(normalizeCrawlUrl('not a url')).toBeUndefined();
  });

  it('treats hosts equal modulo a leading www. as one site', () => {
    const scope = new SiteScope(new URL('https://www.example.com/'));
    expect(scope.includes(new URL('http://example.com:8080/x'))).toBe(true);
    expect(scope.includes(new URL('https://www.example.com/y'))).toBe(true);
    expect(scope.includes(new URL('https://docs.example.com/'))).toBe(false);
    expect(scope.includes(new URL('https://example.org/'))).toBe(false);
  });
});
