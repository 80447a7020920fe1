import { describe, expect, it } from 'vitest';
import { CrawlError } from './crawl-error.js';
import { loadRobotsPolicy, parseRobotsTxt, RobotsPolicy } from './robots.js';

const allowed = (robots: string, path: string, token?: string) =>
  RobotsPolicy.fromText(robots, token).isAllowed(new URL(path, 'https://example.com'));

describe('parseRobotsTxt', () => {
  it('groups consecutive user-agent lines and keeps sitemaps global', () => {
    const parsed = parseRobotsTxt(
      [
        '\uFEFFUser-agent: a',
        'user-agent: B/2.1 # comment',
        'Disallow: /x',
        'Sitemap: https://example.com/s1.xml',
        'User-agent: *',
        'Crawl-delay: 2.5',
        'Allow: /',
        'sitemap: /relative.xml',
        'SITEMAP: https://cdn.example.com/s2.xml.gz',
      ].join('\r\n'),
    );
    expect(parsed.groups.map((group) => group.agents)).toEqual([['a', 'b'], ['*']]);
    expect(parsed.groups[0]!.rules).toHaveLength(1);
    expect(parsed.groups[1]!.crawlDelaySeconds).toBe(2.5);
    expect(parsed.sitemaps).toEqual(['https://example.com/s1.xml', 'https://cdn.example.com/s2.xml.gz']);
  });

  it('ignores rules before any user-agent line and lines without a colon', () => {
    const parsed = parseRobotsTxt('Disallow: /\nnonsense\nUser-agent: *\nDisallow: /a');
    expect(parsed.groups).toHaveLength(1);
    expect(parsed.groups[0]!.rules.map((rule) => rule.pattern)).toEqual(['/a']);
  });
});

describe('RobotsPolicy', () => {
  it('uses the ParleyBot group (case-insensitive, product token only) over *', () => {
    const robots = 'User-agent: *\nDisallow: /\n\nUser-agent: parleybot/0.1\nDisallow: /admin\n';
    expect(allowed(robots, '/docs')).toBe(true);
    expect(allowed(robots, '/admin/users')).toBe(false);
    expect(allowed(robots, '/docs', 'OtherBot')).toBe(false);
  });

  it('merges every group that names the crawler', () => {
    const robots = 'User-agent: ParleyBot\nDisallow: /a\n\nUser-agent: other\nDisallow: /\n\nUser-agent: ParleyBot\nDisallow: /b\n';
    expect(allowed(robots, '/a')).toBe(false);
    expect(allowed(robots, '/b')).toBe(false);
    expect(allowed(robots, '/c')).toBe(true);
  });

  it('allows everything when no group matches and nothing is disallowed by an empty Disallow', () => {
    expect(allowed('User-agent: googlebot\nDisallow: /', '/x')).toBe(true);
    expect(allowed('User-agent: *\nDisallow:', '/x')).toBe(true);
    expect(allowed('', '/x')).toBe(true);
  });

  it('picks the longest match, and Allow on a tie', () => {
    const robots = 'User-agent: *\nDisallow: /docs\nAllow: /docs/public\nDisallow: /docs/public/drafts\nAllow: /page\nDisallow: /page\n';
    expect(allowed(robots, '/docs/x')).toBe(false);
    expect(allowed(robots, '/docs/public/guide')).toBe(true);
    expect(allowed(robots, '/docs/public/drafts/1')).toBe(false);
    expect(allowed(robots, '/page')).toBe(true);
  });

  it('supports * and $ wildcards and matches the query', () => {
    const robots = 'User-agent: *\nDisallow: /*.pdf$\nDisallow: /search?*q=\nDisallow: /*/private/\nAllow: /$\nDisallow: /\n';
    expect(allowed(robots, '/')).toBe(true);
    expect(allowed(robots, '/index.html')).toBe(false);
    const open = 'User-agent: *\nDisallow: /*.pdf$\nDisallow: /search?*q=\nDisallow: /*/private/\n';
    expect(allowed(open, '/files/a.pdf')).toBe(false);
    expect(allowed(open, '/files/a.pdf?download=1')).toBe(true);
    expect(allowed(open, '/search?lang=en&q=x')).toBe(false);
    expect(allowed(open, '/search?lang=en')).toBe(true);
    expect(allowed(open, '/team/private/notes')).toBe(false);
    expect(allowed(open, '/private/notes')).toBe(true);
  });

  it('compares percent-encoded paths (RFC 9309 §2.2.2)', () => {
    expect(allowed('User-agent: *\nDisallow: /foo/bar/ツ', '/foo/bar/ツ')).toBe(false);
    expect(allowed('User-agent: *\nDisallow: /foo/bar/%E3%83%84', '/foo/bar/ツ')).toBe(false);
    expect(allowed('User-agent: *\nDisallow: /foo/bar/%62%61%7A', '/foo/bar/baz')).toBe(true);
  });

  it('always allows /robots.txt and reads Crawl-delay from the matching group', () => {
    const policy = RobotsPolicy.fromText('User-agent: ParleyBot\nCrawl-delay: 1.5\nDisallow: /\n');
    expect(policy.isAllowed(new URL('https://example.com/robots.txt'))).toBe(true);
    expect(policy.isAllowed(new URL('https://example.com/'))).toBe(false);
    expect(policy.crawlDelayMs).toBe(1500);
  });

  it('stays fast on pathological wildcard patterns', () => {
    const robots = `User-agent: *\nDisallow: /${'*a'.repeat(200)}b\n`;
    const started = Date.now();
    expect(allowed(robots, `/${'a'.repeat(5000)}`)).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('loadRobotsPolicy', () => {
  const site = new URL('https://example.com/docs/page');
  const text = (body: string) => new TextEncoder().encode(body);

  it('reads robots.txt from the origin', async () => {
    const requested: string[] = [];
    const policy = await loadRobotsPolicy(site, async (url) => {
      requested.push(url.href);
      return { status: 200, body: text('User-agent: *\nDisallow: /docs\nSitemap: https://example.com/sitemap.xml') };
    });
    expect(requested).toEqual(['https://example.com/robots.txt']);
    expect(policy.source).toBe('file');
    expect(policy.isAllowed(site)).toBe(false);
    expect(policy.sitemaps).toEqual(['https://example.com/sitemap.xml']);
  });

  it('allows everything on 404 (unavailable)', async () => {
    const policy = await loadRobotsPolicy(site, async () => ({ status: 404, body: new Uint8Array() }));
    expect(policy.source).toBe('unavailable');
    expect(policy.isAllowed(site)).toBe(true);
  });

  it.each([500, 503, 429])('disallows everything on %i (unreachable), with a reason', async (status) => {
    const policy = await loadRobotsPolicy(site, async () => ({ status, body: new Uint8Array() }));
    expect(policy.source).toBe('unreachable');
    expect(policy.isAllowed(site)).toBe(false);
    expect(policy.explainDisallowed(site)).toContain(`HTTP ${status}`);
  });

  it('disallows everything when robots.txt cannot be fetched, allows after too many redirects', async () => {
    const unreachable = await loadRobotsPolicy(site, async () => {
      throw new CrawlError('network_error', 'Could not fetch: the connection was refused.');
    });
    expect(unreachable.isAllowed(site)).toBe(false);
    expect(unreachable.explainDisallowed(site)).toContain('connection was refused');

    const redirected = await loadRobotsPolicy(site, async () => {
      throw new CrawlError('too_many_redirects', 'too many');
    });
    expect(redirected.isAllowed(site)).toBe(true);
  });

  it.each(['aborted', 'blocked_address', 'dns_failed'] as const)('passes %s through (the page fails with it)', async (code) => {
    await expect(
      loadRobotsPolicy(site, async () => {
        throw new CrawlError(code, 'reason');
      }),
    ).rejects.toMatchObject({ code });
  });
});
