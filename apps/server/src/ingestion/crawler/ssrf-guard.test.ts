import http from 'node:http';
import { type AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrawlError } from './crawl-error.js';
import { assertPublicUrl, classifyAddress, guardedFetch, type HopRequest, type HopTransport, type HostLookup } from './ssrf-guard.js';

const publicIp = '93.184.216.34';

function fakeLookup(table: Record<string, string[]>): HostLookup & { calls: string[] } {
  const calls: string[] = [];
  const lookup = async (hostname: string) => {
    calls.push(hostname);
    const answers = table[hostname];
    if (!answers) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return answers.map((address) => ({ address, family: (address.includes(':') ? 6 : 4) as 4 | 6 }));
  };
  return Object.assign(lookup, { calls });
}

/** A transport answering from a table of `status location` strings, recording what it was asked. */
function scriptedTransport(answers: Record<string, [number, string?]>): HopTransport & { requests: HopRequest[] } {
  const requests: HopRequest[] = [];
  const transport: HopTransport = async (request) => {
    requests.push(request);
    const [status, location] = answers[request.url.href] ?? [404];
    const headers = new Headers(location ? { location } : {});
    return { status, headers, readBody: async () => new TextEncoder().encode('ok'), discard: () => undefined };
  };
  return Object.assign(transport, { requests });
}

async function refusal(promise: Promise<unknown>): Promise<CrawlError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CrawlError);
  return error as CrawlError;
}

describe('classifyAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.255.254',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.1.1',
    '100.64.0.1',
    '100.127.255.255',
    '0.0.0.0',
    '0.1.2.3',
    '255.255.255.255',
    '224.0.0.1',
    '239.255.255.250',
    '240.0.0.1',
    '192.0.2.10',
    '198.18.0.1',
    '::',
    '::1',
    'fe80::1',
    'fe80::1%eth0',
    'febf::1',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:0:a00:1',
    '::127.0.0.1',
    '64:ff9b::7f00:1',
    '64:ff9b::10.0.0.1',
    '64:ff9b:1::1',
    '2002:7f00:1::1',
    '2002:c0a8:101::1',
    '2001::1',
    '2001:db8::1',
    '[::1]',
  ])('%s is private', (address) => {
    expect(classifyAddress(address)).toBe('private');
  });

  it.each([
    '8.8.8.8',
    publicIp,
    '1.1.1.1',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('%s is public', (address) => {
    expect(classifyAddress(address)).toBe('public');
  });

  it.each(['169.254.169.254', '::ffff:169.254.169.254', 'fd00:ec2::254', '100.100.100.200'])('%s is a metadata endpoint', (address) => {
    expect(classifyAddress(address)).toBe('metadata');
  });
});

describe('assertPublicUrl', () => {
  const noLookup: HostLookup = async () => {
    throw new Error('literal addresses must not be looked up');
  };

  it.each([
    ['http://2130706433/', '127.0.0.1'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://[::1]/', '::1'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
    ['http://0/', '0.0.0.0'],
    ['http://10.0.0.1:8080/', '10.0.0.1'],
    ['https://[fe80::1]/', 'fe80::1'],
  ])('refuses %s with the readable reason', async (href, shown) => {
    const error = await refusal(assertPublicUrl(new URL(href), { allowPrivateNetworks: false, lookup: noLookup }));
    expect(error.code).toBe('blocked_address');
    expect(error.reason).toBe(
      `Fetching private, loopback or link-local addresses is not allowed (${shown}). An administrator can allow it with PARLEY_CRAWL_ALLOW_PRIVATE_NETWORKS=true`,
    );
  });

  it('refuses http://localhost/ through the system resolver', async () => {
    const error = await refusal(assertPublicUrl(new URL('http://localhost/'), { allowPrivateNetworks: false }));
    expect(error.code).toBe('blocked_address');
    expect(error.reason).toMatch(
      /^Fetching private, loopback or link-local addresses is not allowed \(localhost resolves to (127\.0\.0\.1|::1)\)/,
    );
  });

  it('refuses a host when any of its addresses is private', async () => {
    const lookup = fakeLookup({ 'mixed.example': [publicIp, '10.0.0.7'] });
    const error = await refusal(assertPublicUrl(new URL('https://mixed.example/'), { allowPrivateNetworks: false, lookup }));
    expect(error.reason).toContain('mixed.example resolves to 10.0.0.7');
  });

  it('returns the vetted addresses of a public host', async () => {
    const lookup = fakeLookup({ 'site.example': [publicIp, '2606:4700::6810:84e5'] });
    await expect(assertPublicUrl(new URL('https://site.example/x'), { allowPrivateNetworks: false, lookup })).resolves.toEqual([
      { address: publicIp, family: 4 },
      { address: '2606:4700::6810:84e5', family: 6 },
    ]);
  });

  it('lets private addresses through when allowed, but never cloud metadata', async () => {
    await expect(assertPublicUrl(new URL('http://127.0.0.1:3000/'), { allowPrivateNetworks: true })).resolves.toEqual([
      { address: '127.0.0.1', family: 4 },
    ]);
    const error = await refusal(assertPublicUrl(new URL('http://169.254.169.254/latest/meta-data/'), { allowPrivateNetworks: true }));
    expect(error.reason).toBe('Fetching cloud metadata endpoints is never allowed (169.254.169.254).');
  });

  it.each(['ftp://example.com/file', 'file:///etc/passwd', 'gopher://example.com/', 'https://user:secret@example.com/'])(
    'refuses %s as an invalid URL',
    async (href) => {
      const error = await refusal(assertPublicUrl(new URL(href), { allowPrivateNetworks: true, lookup: noLookup }));
      expect(error.code).toBe('invalid_url');
    },
  );

  it('reports unknown hosts as dns_failed', async () => {
    const error = await refusal(
      assertPublicUrl(new URL('https://nowhere.example/'), { allowPrivateNetworks: false, lookup: fakeLookup({}) }),
    );
    expect(error.code).toBe('dns_failed');
    expect(error.reason).toBe('Could not find the host nowhere.example (ENOTFOUND).');
  });
});

describe('guardedFetch redirects', () => {
  const lookup = fakeLookup({ 'public.example': [publicIp], 'internal.example': ['10.0.0.5'] });

  it('connects to the vetted address and re-checks every hop: a redirect to 127.0.0.1 is refused', async () => {
    const transport = scriptedTransport({ 'http://public.example/start': [302, 'http://127.0.0.1:8080/admin'] });
    const error = await refusal(guardedFetch(new URL('http://public.example/start'), { allowPrivateNetworks: false, lookup, transport }));
    expect(error.code).toBe('blocked_address');
    expect(error.reason).toContain('(127.0.0.1)');
    expect(transport.requests.map((request) => [request.url.href, request.address.address])).toEqual([
      ['http://public.example/start', publicIp],
    ]);
  });

  it('refuses a redirect to a name that resolves to a private address', async () => {
    const transport = scriptedTransport({ 'http://public.example/': [301, '//internal.example/secret'] });
    const error = await refusal(guardedFetch(new URL('http://public.example/'), { allowPrivateNetworks: false, lookup, transport }));
    expect(error.reason).toContain('internal.example resolves to 10.0.0.5');
    expect(transport.requests).toHaveLength(1);
  });

  it('does not resolve a host twice for one hop (no window for DNS rebinding)', async () => {
    let calls = 0;
    const rebinding: HostLookup = async () => [{ address: calls++ === 0 ? publicIp : '127.0.0.1', family: 4 }];
    const transport = scriptedTransport({ 'http://rebind.example/': [200] });
    const response = await guardedFetch(new URL('http://rebind.example/'), { allowPrivateNetworks: false, lookup: rebinding, transport });
    expect(response.status).toBe(200);
    expect(calls).toBe(1);
    expect(transport.requests[0]!.address).toEqual({ address: publicIp, family: 4 });
  });

  it('follows up to 5 redirects, then refuses; refuses loops', async () => {
    const chain = (length: number) =>
      Object.fromEntries(Array.from({ length }, (_, i) => [`http://public.example/${i}`, [301, `/${i + 1}`] as [number, string]]));
    const five = await guardedFetch(new URL('http://public.example/0'), {
      allowPrivateNetworks: false,
      lookup,
      transport: scriptedTransport({ ...chain(5), 'http://public.example/5': [200] }),
    });
    expect(five.url.href).toBe('http://public.example/5');
    expect(five.redirects.map((url) => url.pathname)).toEqual(['/0', '/1', '/2', '/3', '/4']);

    const six = await refusal(
      guardedFetch(new URL('http://public.example/0'), { allowPrivateNetworks: false, lookup, transport: scriptedTransport(chain(6)) }),
    );
    expect(six.code).toBe('too_many_redirects');

    const loop = scriptedTransport({ 'http://public.example/a': [302, '/b'], 'http://public.example/b': [302, '/a#x'] });
    const looped = await refusal(
      guardedFetch(new URL('http://public.example/a'), { allowPrivateNetworks: false, lookup, transport: loop }),
    );
    expect(looped.code).toBe('redirect_loop');
  });

  it('lets beforeHop refuse a hop', async () => {
    const transport = scriptedTransport({ 'http://public.example/': [302, 'https://elsewhere.example/'] });
    const error = await refusal(
      guardedFetch(new URL('http://public.example/'), {
        allowPrivateNetworks: false,
        lookup: fakeLookup({ 'public.example': [publicIp], 'elsewhere.example': [publicIp] }),
        transport,
        beforeHop: (url, hop) => {
          if (hop > 0) throw new CrawlError('off_site', `left for ${url.hostname}`);
        },
      }),
    );
    expect(error).toMatchObject({ code: 'off_site', reason: 'left for elsewhere.example' });
    expect(transport.requests).toHaveLength(1);
  });
});

describe('guardedFetch over node:http', () => {
  let server: http.Server;
  let port: number;

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      const path = request.url ?? '/';
      if (path === '/gzip') {
        response.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
        response.end(gzipSync('hello, compressed'));
      } else if (path === '/big-declared') {
        response.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(4096) });
        response.end('x'.repeat(4096));
      } else if (path === '/big-chunked') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        for (let i = 0; i < 8; i++) response.write('y'.repeat(512));
        response.end();
      } else if (path === '/bomb') {
        response.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
        response.end(gzipSync(Buffer.alloc(1024 * 1024)));
      } else if (path === '/hang') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.write('partial');
        // never ends
      } else if (path === '/host') {
        response.end(request.headers.host ?? '');
      } else {
        response.writeHead(404);
        response.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('connects to the vetted address while keeping the host name in the request', async () => {
    // pinned.invalid does not resolve anywhere; the request only works because the socket's
    // lookup is pinned to the address the (fake) resolver vetted.
    const lookup = fakeLookup({ 'pinned.invalid': ['127.0.0.1'] });
    const response = await guardedFetch(new URL(`http://pinned.invalid:${port}/host`), { allowPrivateNetworks: true, lookup });
    expect(new TextDecoder().decode(await response.readBody({ maxBytes: 1000 }))).toBe(`pinned.invalid:${port}`);
    expect(lookup.calls).toEqual(['pinned.invalid']);
  });

  it('refuses 127.0.0.1 by default before connecting', async () => {
    const error = await refusal(guardedFetch(new URL(`http://127.0.0.1:${port}/host`), { allowPrivateNetworks: false }));
    expect(error.code).toBe('blocked_address');
  });

  it('decompresses gzip and enforces byte limits on the decompressed body', async () => {
    const options = { allowPrivateNetworks: true };
    const gz = await guardedFetch(new URL(`http://127.0.0.1:${port}/gzip`), options);
    expect(new TextDecoder().decode(await gz.readBody({ maxBytes: 1000 }))).toBe('hello, compressed');

    const declared = await guardedFetch(new URL(`http://127.0.0.1:${port}/big-declared`), options);
    expect((await refusal(declared.readBody({ maxBytes: 1024 }))).code).toBe('too_large');

    const chunked = await guardedFetch(new URL(`http://127.0.0.1:${port}/big-chunked`), options);
    expect((await refusal(chunked.readBody({ maxBytes: 1024 }))).reason).toBe('The response is larger than the 1 KB limit.');

    const truncated = await guardedFetch(new URL(`http://127.0.0.1:${port}/big-chunked`), options);
    expect((await truncated.readBody({ maxBytes: 1000, truncate: true })).byteLength).toBe(1000);

    const bomb = await guardedFetch(new URL(`http://127.0.0.1:${port}/bomb`), options);
    expect((await refusal(bomb.readBody({ maxBytes: 64 * 1024 }))).code).toBe('too_large');
  });

  it('times out a body that never ends', async () => {
    const response = await guardedFetch(new URL(`http://127.0.0.1:${port}/hang`), { allowPrivateNetworks: true, timeoutMs: 300 });
    const error = await refusal(response.readBody({ maxBytes: 1000 }));
    expect(error.code).toBe('timeout');
    expect(error.reason).toBe(`127.0.0.1:${port} did not answer within 0.3 s.`);
  });

  it('reports a refused connection as a network error, and cancellation as aborted', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await refusal(guardedFetch(new URL(`http://127.0.0.1:${closedPort}/`), { allowPrivateNetworks: true }));
    expect(error.code).toBe('network_error');
    expect(error.reason).toContain('the connection was refused');

    const controller = new AbortController();
    const pending = guardedFetch(new URL(`http://127.0.0.1:${port}/hang`), { allowPrivateNetworks: true, signal: controller.signal }).then(
      (response) => response.readBody({ maxBytes: 1000 }),
    );
    setTimeout(() => controller.abort(), 50);
    expect((await refusal(pending)).code).toBe('aborted');
  });
});
