// Keeps the crawler from being pointed at the server's own network (SSRF). Every hop of every fetch
// is checked the same way: only http/https, the host is resolved once, every address it resolves to
// must be public, and the connection is then made to that vetted address (the socket's DNS lookup is
// pinned to it), so a DNS answer that changes between the check and the connect (rebinding) cannot
// slip through. Redirects are followed by hand so each hop goes through the same check.
import { promises as dns } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { type Readable } from 'node:stream';
import zlib from 'node:zlib';
import ipaddr from 'ipaddr.js';
import { CrawlError } from './crawl-error.js';

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Resolves a host name to every address it has (the default is `dns.lookup({ all: true })`). */
export type HostLookup = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemLookup: HostLookup = async (hostname) => {
  const answers = await dns.lookup(hostname, { all: true, verbatim: true });
  return answers.map((answer) => ({ address: answer.address, family: answer.family === 6 ? 6 : 4 }));
};

export interface AddressPolicy {
  /** Lets private, loopback and link-local addresses through (PARLEY_CRAWL_ALLOW_PRIVATE_NETWORKS). */
  readonly allowPrivateNetworks: boolean;
  readonly lookup?: HostLookup;
}

export const allowPrivateNetworksHint = 'An administrator can allow it with PARLEY_CRAWL_ALLOW_PRIVATE_NETWORKS=true';

// Cloud instance-metadata endpoints (AWS/GCP/Azure/OCI, AWS over IPv6, Alibaba). They never hold
// anything worth indexing and hand out credentials, so they stay refused even when private networks
// are allowed.
const metadataAddresses = new Set(['169.254.169.254', 'fd00:ec2:0:0:0:0:0:254', '100.100.100.200']);

type ParsedAddress = ipaddr.IPv4 | ipaddr.IPv6;

function ipv4FromParts(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/**
 * The IPv4 address an IPv6 address stands for, where it embeds one that a router would reach:
 * IPv4-mapped (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d), NAT64 (64:ff9b::/96) and 6to4
 * (2002:AABB:CCDD::/16). Anything else is returned as it is.
 */
function effectiveAddress(address: ParsedAddress): ParsedAddress {
  if (address.kind() === 'ipv4') return address;
  const v6 = address as ipaddr.IPv6;
  const parts = v6.parts;
  switch (v6.range()) {
    case 'ipv4Mapped':
    case 'rfc6145':
      return ipv4FromParts(parts[6]!, parts[7]!);
    case 'rfc6052':
      // Only the well-known /96 prefix has the IPv4 address in the last 32 bits; the local-use
      // 64:ff9b:1::/48 prefix is refused below as not global unicast.
      return v6.match(ipaddr.IPv6.parseCIDR('64:ff9b::/96')) ? ipv4FromParts(parts[6]!, parts[7]!) : v6;
    case '6to4':
      return ipv4FromParts(parts[1]!, parts[2]!);
    default:
      return v6;
  }
}

function isGlobalUnicast(address: ParsedAddress): boolean {
  if (address.kind() === 'ipv4') return address.range() === 'unicast';
  const v6 = address as ipaddr.IPv6;
  // ipaddr.js calls every address outside its special ranges "unicast"; only 2000::/3 is allocated
  // as global unicast, so the deprecated IPv4-compatible ::a.b.c.d and unassigned space are refused too.
  return v6.range() === 'unicast' && (v6.parts[0]! & 0xe000) === 0x2000;
}

export type AddressClass = 'public' | 'private' | 'metadata';

/**
 * Whether an IP address may be fetched: `public`, `private` (loopback, RFC 1918, link-local,
 * unique-local, CGNAT, multicast, unspecified, broadcast, reserved, documentation, Teredo, and
 * IPv6 forms embedding any of those) or `metadata` (cloud instance metadata, never fetched).
 * Throws on a string that is not an IP address.
 */
export function classifyAddress(ip: string): AddressClass {
  const parsed = ipaddr.parse(ip.replace(/^\[|\]$/g, ''));
  const effective = effectiveAddress(parsed);
  for (const candidate of [parsed, effective]) {
    const normalized = candidate.kind() === 'ipv4' ? candidate.toString() : candidate.toNormalizedString();
    if (metadataAddresses.has(normalized)) return 'metadata';
  }
  return isGlobalUnicast(effective) ? 'public' : 'private';
}

async function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort!);
  }
}

/**
 * Checks a URL against the SSRF policy and returns the addresses it may be fetched from (at least
 * one). Throws CrawlError `invalid_url`, `dns_failed` or `blocked_address`. Literal IPs in any
 * spelling (decimal 2130706433, hex 0x7f.1, octal 0177.0.0.1, [::ffff:127.0.0.1]) reach here already
 * normalised by the URL parser and are checked without a lookup.
 */
export async function assertPublicUrl(url: URL, policy: AddressPolicy & { signal?: AbortSignal }): Promise<ResolvedAddress[]> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CrawlError('invalid_url', `Only http and https addresses can be fetched (got ${url.protocol.replace(/:$/, '')}).`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new CrawlError('invalid_url', 'Addresses with a user name or password in them are not supported.');
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === '') throw new CrawlError('invalid_url', `The address ${url.href} has no host.`);

  let addresses: ResolvedAddress[];
  const literal = isIP(host);
  if (literal !== 0) {
    addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await raceAbort((policy.lookup ?? systemLookup)(host), policy.signal);
    } catch (error) {
      if (policy.signal?.aborted) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      throw new CrawlError('dns_failed', `Could not find the host ${host}${code ? ` (${code})` : ''}.`, { cause: error });
    }
    if (addresses.length === 0) throw new CrawlError('dns_failed', `Could not find the host ${host}.`);
  }

  for (const { address } of addresses) {
    let verdict: AddressClass;
    try {
      verdict = classifyAddress(address);
    } catch (error) {
      throw new CrawlError('dns_failed', `The host ${host} resolved to something that is not an IP address (${address}).`, {
        cause: error,
      });
    }
    const shown = literal !== 0 ? address : `${host} resolves to ${address}`;
    if (verdict === 'metadata') {
      throw new CrawlError('blocked_address', `Fetching cloud metadata endpoints is never allowed (${shown}).`);
    }
    if (verdict === 'private' && !policy.allowPrivateNetworks) {
      throw new CrawlError(
        'blocked_address',
        `Fetching private, loopback or link-local addresses is not allowed (${shown}). ${allowPrivateNetworksHint}`,
      );
    }
  }
  return addresses;
}

// ---------------------------------------------------------------------------------------------
// One HTTP exchange with a vetted address (the transport), and the guarded fetch built on it.

export interface HopRequest {
  readonly url: URL;
  /** The address the guard vetted; the transport must connect to it and nowhere else. */
  readonly address: ResolvedAddress;
  readonly headers: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
}

export interface ReadBodyOptions {
  readonly maxBytes: number;
  /** Return the first `maxBytes` instead of failing with `too_large` (robots.txt). */
  readonly truncate?: boolean;
}

export interface HopResponse {
  readonly status: number;
  readonly headers: Headers;
  /** Reads the (decompressed) body; call it or `discard()` exactly once. */
  readBody(options: ReadBodyOptions): Promise<Uint8Array>;
  discard(): void;
}

/** Makes one GET request to `request.address` for `request.url`, without following redirects. */
export type HopTransport = (request: HopRequest) => Promise<HopResponse>;

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

export function tooLargeError(maxBytes: number): CrawlError {
  return new CrawlError('too_large', `The response is larger than the ${formatBytes(maxBytes)} limit.`);
}

function decompressorFor(encoding: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  switch (encoding) {
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      throw new CrawlError('network_error', `The server used a content encoding Parley cannot read (${encoding}).`);
  }
}

async function readLimited(response: http.IncomingMessage, signal: AbortSignal, options: ReadBodyOptions): Promise<Uint8Array> {
  const encoding = String(response.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  const declared = Number(response.headers['content-length']);
  if (encoding === '' && !options.truncate && Number.isFinite(declared) && declared > options.maxBytes) {
    response.destroy();
    throw tooLargeError(options.maxBytes);
  }
  let decompressor: ReturnType<typeof decompressorFor>;
  try {
    decompressor = decompressorFor(encoding);
  } catch (error) {
    response.destroy();
    throw error;
  }
  const source: Readable = decompressor ? response.pipe(decompressor) : response;
  if (decompressor) response.once('error', (error) => decompressor.destroy(error));
  const onAbort = () => source.destroy(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });

  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (total + chunk.length > options.maxBytes) {
        if (!options.truncate) throw tooLargeError(options.maxBytes);
        chunks.push(chunk.subarray(0, options.maxBytes - total));
        total = options.maxBytes;
        break;
      }
      chunks.push(chunk);
      total += chunk.length;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    if (!response.complete) response.destroy();
    source.destroy();
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

function toHeaders(rawHeaders: string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    try {
      headers.append(rawHeaders[i]!, rawHeaders[i + 1]!);
    } catch {
      // A header value the Fetch spec rejects is dropped rather than failing the page.
    }
  }
  return headers;
}

/** The real transport: node:http/https, with the socket's DNS lookup pinned to the vetted address. */
export const nodeTransport: HopTransport = (request) =>
  new Promise<HopResponse>((resolve, reject) => {
    const client = request.url.protocol === 'https:' ? https : http;
    const { address, family } = request.address;
    const outgoing = client.request(
      request.url,
      {
        method: 'GET',
        headers: request.headers,
        signal: request.signal,
        // No connection pooling: a pooled socket could outlive the address check it was made under.
        agent: false,
        lookup: (_hostname, options, callback) => {
          if (options.all) callback(null, [{ address, family }]);
          else callback(null, address, family);
        },
      },
      (response) => {
        // Errors while the body is being read reach the reader through the stream; this keeps one
        // that arrives before reading starts (or after a discard) from going unhandled.
        response.on('error', () => undefined);
        resolve({
          status: response.statusCode ?? 0,
          headers: toHeaders(response.rawHeaders),
          readBody: (options) => readLimited(response, request.signal, options),
          discard: () => response.destroy(),
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });

export interface GuardedFetchOptions extends AddressPolicy {
  readonly transport?: HopTransport;
  readonly headers?: Readonly<Record<string, string>>;
  /** Time for the whole exchange, redirects and body included. Default 15 s. */
  readonly timeoutMs?: number;
  /** Default 5. */
  readonly maxRedirects?: number;
  readonly signal?: AbortSignal;
  /** Called before each hop (0 = the first request), after its address passed; throw a CrawlError to refuse the hop. */
  readonly beforeHop?: (url: URL, hop: number) => void | Promise<void>;
}

export interface GuardedResponse extends HopResponse {
  /** The URL that answered, after redirects. */
  readonly url: URL;
  /** The URLs that redirected, in order. */
  readonly redirects: readonly URL[];
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const connectErrors = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ETIMEDOUT']);

function describeNetworkError(error: unknown, url: URL): CrawlError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const detail = code === 'ECONNREFUSED' ? 'the connection was refused' : code ? code : String((error as Error)?.message ?? error);
  return new CrawlError('network_error', `Could not fetch ${url.href}: ${detail}.`, { cause: error });
}

function asCrawlError(error: unknown, url: URL, timeout: AbortSignal, timeoutMs: number, signal: AbortSignal | undefined): CrawlError {
  if (signal?.aborted) return new CrawlError('aborted', 'The crawl was cancelled.', { cause: error });
  if (error instanceof CrawlError) return error;
  if (timeout.aborted) {
    return new CrawlError('timeout', `${url.host} did not answer within ${Math.round(timeoutMs / 100) / 10} s.`, { cause: error });
  }
  return describeNetworkError(error, url);
}

/**
 * GET a URL through the SSRF guard: every hop is vetted and connected to the vetted address, and
 * redirects are followed by hand (at most `maxRedirects`, loops refused). Failures are CrawlErrors.
 */
export async function guardedFetch(url: URL, options: GuardedFetchOptions): Promise<GuardedResponse> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxRedirects = options.maxRedirects ?? 5;
  const transport = options.transport ?? nodeTransport;
  if (options.signal?.aborted) throw new CrawlError('aborted', 'The crawl was cancelled.');
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;

  const chain: URL[] = [];
  let current = new URL(url.href);
  current.hash = '';
  try {
    for (let hop = 0; ; hop++) {
      if (chain.some((seen) => seen.href === current.href)) {
        throw new CrawlError('redirect_loop', `The redirects starting at ${url.href} go round in a loop.`);
      }
      chain.push(current);
      const addresses = await assertPublicUrl(current, { ...options, signal });
      await options.beforeHop?.(current, hop);

      let response: HopResponse | undefined;
      for (const [index, address] of addresses.entries()) {
        try {
          response = await transport({ url: current, address, headers: options.headers ?? {}, signal });
          break;
        } catch (error) {
          const code = (error as NodeJS.ErrnoException | undefined)?.code;
          const last = index === addresses.length - 1;
          if (last || signal.aborted || !code || !connectErrors.has(code)) throw error;
        }
      }
      if (!response) throw new CrawlError('network_error', `Could not fetch ${current.href}.`);
      const answer = response;

      const location = response.headers.get('location');
      if (!redirectStatuses.has(response.status) || location === null) {
        const answered = current;
        return {
          url: answered,
          redirects: chain.slice(0, -1),
          status: answer.status,
          headers: answer.headers,
          readBody: async (readOptions) => {
            try {
              return await answer.readBody(readOptions);
            } catch (error) {
              throw asCrawlError(error, answered, timeout, timeoutMs, options.signal);
            }
          },
          discard: () => answer.discard(),
        };
      }
      response.discard();
      if (hop >= maxRedirects) {
        throw new CrawlError('too_many_redirects', `${url.href} redirects more than ${maxRedirects} times.`);
      }
      let next: URL;
      try {
        next = new URL(location, current);
      } catch (error) {
        throw new CrawlError('invalid_url', `${current.href} redirects to an invalid address (${location}).`, { cause: error });
      }
      next.hash = '';
      current = next;
    }
  } catch (error) {
    throw asCrawlError(error, current, timeout, timeoutMs, options.signal);
  }
}
