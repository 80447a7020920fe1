// What the crawler needs from an HTML page, read from its DOM (linkedom): the links to follow
// (resolved against <base href>), <link rel=canonical>, the robots directives of
// <meta name="robots|parleybot"> and the <title>. Turning the page into text blocks is the HTML
// parser's job, not this module's.
import { parseHTML } from 'linkedom';
import { parleyRobotsToken } from './robots.js';

export interface HtmlLink {
  /** Absolute http(s) URL without fragment. */
  readonly url: URL;
  /** The anchor carries rel="nofollow" (or ugc/sponsored). */
  readonly nofollow: boolean;
}

export interface RobotsDirectives {
  readonly noindex: boolean;
  readonly nofollow: boolean;
}

export interface HtmlPageInfo {
  readonly title?: string;
  readonly canonical?: URL;
  readonly robots: RobotsDirectives;
  readonly links: readonly HtmlLink[];
}

function relTokens(value: string | null): string[] {
  return (value ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

function resolveHttpUrl(href: string | null, base: URL): URL | undefined {
  if (href === null) return undefined;
  const trimmed = href.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return undefined;
  try {
    const url = new URL(trimmed, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.hash = '';
    return url;
  } catch {
    return undefined;
  }
}

/**
 * Parses robots directives from a meta content or X-Robots-Tag value: "noindex, nofollow", "none",
 * or, in a header, "parleybot: noindex" (directives for other named crawlers are ignored).
 */
export function parseRobotsDirectives(values: readonly string[], userAgentToken: string = parleyRobotsToken): RobotsDirectives {
  let noindex = false;
  let nofollow = false;
  const token = userAgentToken.toLowerCase();
  for (const value of values) {
    // Several X-Robots-Tag headers arrive joined by ", "; a "name:" prefix scopes the directives
    // after it to that crawler, until the next prefix.
    let agent: string | undefined;
    for (const raw of value.toLowerCase().split(',')) {
      let directive = raw.trim();
      const colon = directive.indexOf(':');
      if (colon > 0) {
        const head = directive.slice(0, colon).trim();
        if (!/\s/.test(head) && head !== 'unavailable_after' && !head.startsWith('max-')) {
          agent = head;
          directive = directive.slice(colon + 1).trim();
        }
      }
      if (agent !== undefined && agent !== token) continue;
      if (directive === 'noindex' || directive === 'none') noindex = true;
      if (directive === 'nofollow' || directive === 'none') nofollow = true;
    }
  }
  return { noindex, nofollow };
}

export function inspectHtml(html: string, pageUrl: URL, userAgentToken: string = parleyRobotsToken): HtmlPageInfo {
  const { document } = parseHTML(html);

  let base = pageUrl;
  const baseHref = document.querySelector('base[href]')?.getAttribute('href');
  if (baseHref) {
    try {
      base = new URL(baseHref.trim(), pageUrl);
    } catch {
      // An unusable <base> is ignored, as browsers do.
    }
  }

  const metaValues: string[] = [];
  const token = userAgentToken.toLowerCase();
  for (const meta of document.querySelectorAll('meta[name]')) {
    const name = (meta.getAttribute('name') ?? '').trim().toLowerCase();
    if (name === 'robots' || name === token) metaValues.push(meta.getAttribute('content') ?? '');
  }

  let canonical: URL | undefined;
  for (const link of document.querySelectorAll('link[rel][href]')) {
    if (!relTokens(link.getAttribute('rel')).includes('canonical')) continue;
    canonical = resolveHttpUrl(link.getAttribute('href'), base);
    if (canonical) break;
  }

  const links: HtmlLink[] = [];
  const seen = new Set<string>();
  for (const anchor of document.querySelectorAll('a[href], area[href]')) {
    const url = resolveHttpUrl(anchor.getAttribute('href'), base);
    if (!url || seen.has(url.href)) continue;
    seen.add(url.href);
    const rel = relTokens(anchor.getAttribute('rel'));
    links.push({ url, nofollow: rel.includes('nofollow') || rel.includes('ugc') || rel.includes('sponsored') });
  }

  const title = document.querySelector('title')?.textContent?.replace(/\s+/g, ' ').trim();
  return {
    ...(title ? { title } : {}),
    ...(canonical ? { canonical } : {}),
    robots: parseRobotsDirectives(metaValues, userAgentToken),
    links,
  };
}
