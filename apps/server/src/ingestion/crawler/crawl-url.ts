// URL identity for the crawler: which URLs count as the same page (dedupe) and which hosts count as
// the same site. The URL parser already lower-cases the host, drops default ports and
// percent-encodes the path; on top of that the fragment and an empty "?" are dropped. The query is
// kept as it is (its order can matter to the server).

/** An absolute http(s) URL in canonical form, or undefined for anything else. */
export function normalizeCrawlUrl(input: string | URL, base?: string | URL): URL | undefined {
  let url: URL;
  try {
    url = new URL(input, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  if (url.search === '' || url.search === '?') url.search = '';
  return url;
}

/** The host a site is known by: the hostname without a leading "www.". */
export function siteHostOf(url: URL): string {
  return url.hostname.replace(/^www\./, '');
}

/**
 * The hosts that make up one site. Deliberately simple: the same hostname, or the same modulo a
 * leading "www." (scheme and port are ignored), rather than registrable domains from the public
 * suffix list.
 */
export class SiteScope {
  private readonly hosts = new Set<string>();

  constructor(start: URL) {
    this.add(start);
  }

  add(url: URL): void {
    this.hosts.add(siteHostOf(url));
  }

  includes(url: URL): boolean {
    return this.hosts.has(siteHostOf(url));
  }
}
