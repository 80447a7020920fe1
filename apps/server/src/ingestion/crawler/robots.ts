// robots.txt, read the way RFC 9309 says: groups are found by user-agent product token (ours is
// `ParleyBot`, matched case-insensitively, falling back to the `*` groups), Allow/Disallow patterns
// support `*` and a trailing `$`, the longest matching pattern wins and an Allow wins a tie.
// Crawl-delay (not in the RFC, but widely used) and Sitemap lines are read as well.
//
// Fetch outcomes (RFC 9309 §2.3.1):
//   2xx                → the file's rules (the first 500 KiB are parsed, as the RFC allows);
//   4xx (not 429)      → "unavailable": everything is allowed;
//   5xx, 429, network  → "unreachable": everything is disallowed. The RFC lets a crawler that has
//   failure, timeout     seen the file before use its cached copy; we keep no cache, so the site is
//                        treated as closed until robots.txt answers again;
//   refused address,   → not a robots question: the error is passed on and the page fails with it;
//   unknown host
//   more than 5 redirects → unavailable (allow), as §2.3.1.2 permits.
import { CrawlError, type CrawlErrorCode } from './crawl-error.js';

export const parleyRobotsToken = 'ParleyBot';

/** The RFC asks crawlers to parse at least 500 KiB of robots.txt; we read that much and no more. */
export const robotsMaxBytes = 500 * 1024;

interface RobotsRule {
  readonly allow: boolean;
  /** Pattern with non-ASCII percent-encoded, without a trailing `$`. */
  readonly pattern: string;
  readonly anchored: boolean;
  /** Length of the pattern as written (after encoding), for longest-match precedence. */
  readonly length: number;
}

interface RobotsGroup {
  readonly agents: string[];
  readonly rules: RobotsRule[];
  crawlDelaySeconds?: number;
}

export interface ParsedRobotsTxt {
  readonly groups: readonly RobotsGroup[];
  /** Absolute sitemap URLs from `Sitemap:` lines, in order. */
  readonly sitemaps: readonly string[];
}

export type RobotsSource = 'file' | 'unavailable' | 'unreachable';

/** Percent-encodes what a URL parser would (non-ASCII, controls, space) and upper-cases escapes. */
function normalizePathPattern(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (code <= 0x20 || code >= 0x7f) {
      for (const byte of Buffer.from(char, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    } else {
      out += char;
    }
  }
  return out.replace(/%[0-9a-f]{2}/gi, (escape) => escape.toUpperCase());
}

function productToken(value: string): string {
  return (value.split(/[\s/]/)[0] ?? '').toLowerCase();
}

export function parseRobotsTxt(text: string): ParsedRobotsTxt {
  const groups: RobotsGroup[] = [];
  const sitemaps: string[] = [];
  let current: RobotsGroup | undefined;
  let collectingAgents = false;

  for (const rawLine of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const hash = rawLine.indexOf('#');
    const line = (hash === -1 ? rawLine : rawLine.slice(0, hash)).trim();
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();

    switch (key) {
      case 'user-agent': {
        if (!collectingAgents || !current) {
          current = { agents: [], rules: [] };
          groups.push(current);
        }
        current.agents.push(value === '*' ? '*' : productToken(value));
        collectingAgents = true;
        break;
      }
      case 'allow':
      case 'disallow': {
        collectingAgents = false;
        // Rules before any user-agent line belong to no group and are ignored; an empty pattern
        // matches nothing (an empty Disallow means "allow everything").
        if (!current || value === '') break;
        const normalized = normalizePathPattern(value);
        const anchored = normalized.endsWith('$');
        current.rules.push({
          allow: key === 'allow',
          pattern: anchored ? normalized.slice(0, -1) : normalized,
          anchored,
          length: normalized.length,
        });
        break;
      }
      case 'crawl-delay': {
        const seconds = Number(value);
        if (current && value !== '' && Number.isFinite(seconds) && seconds >= 0 && current.crawlDelaySeconds === undefined) {
          current.crawlDelaySeconds = seconds;
        }
        break;
      }
      case 'sitemap': {
        // Sitemap lines stand outside groups and do not end a run of user-agent lines.
        try {
          const url = new URL(value);
          if (url.protocol === 'http:' || url.protocol === 'https:') sitemaps.push(url.href);
        } catch {
          // Not an absolute URL: ignored, as the sitemaps protocol requires absolute ones.
        }
        break;
      }
      default:
        break;
    }
  }
  return { groups, sitemaps };
}

/** `*` matches any run of characters, a pattern matches any path it is a prefix of unless anchored. */
function patternMatches(rule: RobotsRule, path: string): boolean {
  const pattern = rule.anchored ? rule.pattern : `${rule.pattern}*`;
  let p = 0;
  let s = 0;
  let star = -1;
  let mark = 0;
  while (s < path.length) {
    if (p < pattern.length && pattern[p] !== '*' && pattern[p] === path[s]) {
      p++;
      s++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = s;
    } else if (star !== -1) {
      p = star + 1;
      s = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** The rules that apply to one crawler on one origin. */
export class RobotsPolicy {
  private constructor(
    private readonly rules: readonly RobotsRule[],
    /** Crawl-delay from the matching group, in milliseconds (uncapped). */
    readonly crawlDelayMs: number | undefined,
    readonly sitemaps: readonly string[],
    readonly source: RobotsSource,
    /** Why everything is disallowed, when robots.txt could not be fetched. */
    private readonly unreachableReason?: string,
  ) {}

  static fromText(text: string, userAgentToken: string = parleyRobotsToken): RobotsPolicy {
    const parsed = parseRobotsTxt(text);
    const token = userAgentToken.toLowerCase();
    let matching = parsed.groups.filter((group) => group.agents.includes(token));
    if (matching.length === 0) matching = parsed.groups.filter((group) => group.agents.includes('*'));
    const delay = matching.find((group) => group.crawlDelaySeconds !== undefined)?.crawlDelaySeconds;
    return new RobotsPolicy(
      matching.flatMap((group) => group.rules),
      delay === undefined ? undefined : Math.round(delay * 1000),
      parsed.sitemaps,
      'file',
    );
  }

  static allowAll(source: RobotsSource = 'unavailable'): RobotsPolicy {
    return new RobotsPolicy([], undefined, [], source);
  }

  static disallowAll(reason: string): RobotsPolicy {
    return new RobotsPolicy([], undefined, [], 'unreachable', reason);
  }

  isAllowed(url: URL): boolean {
    if (url.pathname === '/robots.txt') return true;
    if (this.source === 'unreachable') return false;
    const path = normalizePathPattern(`${url.pathname}${url.search}`);
    let best: RobotsRule | undefined;
    for (const rule of this.rules) {
      if (!patternMatches(rule, path)) continue;
      if (!best || rule.length > best.length || (rule.length === best.length && rule.allow && !best.allow)) best = rule;
    }
    return best?.allow ?? true;
  }

  /** A sentence for the owner saying why `url` was not fetched. */
  explainDisallowed(url: URL): string {
    return this.unreachableReason ?? `robots.txt on ${url.origin} asks crawlers like ParleyBot not to fetch this page.`;
  }
}

/** Fetches a robots.txt (following redirects); throws CrawlError when no HTTP answer came back. */
export type RobotsFetcher = (url: URL) => Promise<{ status: number; body: Uint8Array }>;

const fatalCodes = new Set<CrawlErrorCode>(['aborted', 'blocked_address', 'invalid_url', 'dns_failed']);

/** Loads the policy for the origin of `url`, applying the fetch-outcome rules at the top of this file. */
export async function loadRobotsPolicy(
  url: URL,
  fetchRobots: RobotsFetcher,
  userAgentToken: string = parleyRobotsToken,
): Promise<RobotsPolicy> {
  const robotsUrl = new URL('/robots.txt', url.origin);
  let status: number;
  let body: Uint8Array;
  try {
    ({ status, body } = await fetchRobots(robotsUrl));
  } catch (error) {
    // These say the origin itself cannot be fetched, which is the page's failure, not a robots question.
    if (error instanceof CrawlError && fatalCodes.has(error.code)) throw error;
    if (error instanceof CrawlError && error.code === 'too_many_redirects') return RobotsPolicy.allowAll();
    const detail = error instanceof CrawlError ? error.reason : String(error);
    return RobotsPolicy.disallowAll(
      `robots.txt on ${url.origin} could not be fetched (${detail}), so the site is treated as closed to crawlers (RFC 9309).`,
    );
  }
  if (status >= 200 && status < 300) {
    return RobotsPolicy.fromText(new TextDecoder('utf-8').decode(body.subarray(0, robotsMaxBytes)), userAgentToken);
  }
  if (status >= 500 || status === 429) {
    return RobotsPolicy.disallowAll(
      `robots.txt on ${url.origin} answered HTTP ${status}, so the site is treated as closed to crawlers until it answers (RFC 9309).`,
    );
  }
  return RobotsPolicy.allowAll();
}
