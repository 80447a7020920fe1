// The web app served at the root: index.html for deep links, caching of hashed assets and of index.html,
// precompressed files, API paths kept out of the fallback, the security policy the app runs under, and
// the note shown when the app is not built.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';

const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/x.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = 'console.log("parley web app");\n'.repeat(20);

let webDir: string;
let t: TestApp;
let unbuilt: TestApp;

beforeAll(async () => {
  webDir = await mkdtemp(join(tmpdir(), 'parley-web-'));
  await mkdir(join(webDir, 'assets'));
  await writeFile(join(webDir, 'index.html'), INDEX);
  await writeFile(join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await mkdir(join(webDir, 'icons'));
  await writeFile(join(webDir, 'icons', 'app.svg'), '<svg id="app"/>');
  await writeFile(join(webDir, '.env'), 'SECRET=1');
  await writeFile(join(webDir, 'assets', 'x.js'), SCRIPT);
  await writeFile(join(webDir, 'assets', 'x.js.gz'), gzipSync(SCRIPT));
  t = await createTestApp({ PARLEY_WEB_DIR: webDir });
  unbuilt = await createTestApp({ PARLEY_WEB_DIR: join(webDir, 'does-not-exist') });
});

afterAll(async () => {
  await t?.close();
  await unbuilt?.close();
  await rm(webDir, { recursive: true, force: true });
});

describe('the built web app', () => {
  it('answers index.html, never cached without revalidation, at / and at deep links', async () => {
    for (const url of ['/', '/assistants/123/chat', '/settings/providers?tab=1', '/invite']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body, url).toBe(INDEX);
    }
    const head = await t.app.inject({ method: 'HEAD', url: '/assistants/123/chat' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
  });

  it('caches hashed assets for a year and sends the precompressed file to clients that accept it', async () => {
    const plain = await t.app.inject({ method: 'GET', url: '/assets/x.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toMatch(/javascript/);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
    expect(String(plain.headers.vary).toLowerCase()).toContain('accept-encoding');

    const gzipped = await t.app.inject({ method: 'GET', url: '/assets/x.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(gzipped.statusCode).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['content-type']).toMatch(/javascript/);
    expect(gzipped.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(gzipped.rawPayload).toString('utf8')).toBe(SCRIPT);

    // The folder's other files are served as they are, revalidated on use.
    const other = await t.app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(other.statusCode).toBe(200);
    expect(other.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(other.headers['cache-control']).toBe('no-cache');
    expect((await t.app.inject({ method: 'GET', url: '/icons/app.svg' })).body).toBe('<svg id="app"/>');
  });

  it('keeps API paths and missing assets out of the fallback: they answer the JSON 404', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/nope'],
      ['GET', '/api'],
      ['GET', '/v1/nope'],
      ['GET', '/assets/missing.js'],
      ['GET', '/robots.txt'],
      ['GET', '/images/logo.png'],
      ['POST', '/assistants/123/chat'],
      ['DELETE', '/'],
    ] as const) {
      const res = await t.app.inject({ method, url });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json(), `${method} ${url}`).toEqual({
        error: { code: 'route_not_found', message: `No route ${method} ${url}` },
        requestId: res.headers['x-request-id'],
      });
    }
    // No catch-all route stands in front of the router's own answers.
    const long = await t.app.inject({ method: 'GET', url: `/api/v1/conversations/${'a'.repeat(300)}` });
    expect(long.statusCode).toBe(414);
    expect(long.json().error.code).toBe('uri_too_long');
    // Routes of the server are untouched, and the API still asks for credentials.
    expect((await t.app.inject({ method: 'GET', url: '/health' })).json().status).toBe('ok');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/assistants' })).statusCode).toBe(401);
  });

  it('does not serve dotfiles or leave the folder', async () => {
    const dotfile = await t.app.inject({ method: 'GET', url: '/.env' });
    expect(dotfile.body).not.toContain('SECRET');
    for (const url of ['/../package.json', '/%2e%2e/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.body, url).not.toContain('"name"');
    }
  });

  it('runs under a policy that allows the app and forbids framing', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assistants/123/chat' });
    const csp = String(res.headers['content-security-policy']);
    const directives = new Map(
      csp.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name!, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(directives.get('font-src')).toEqual(["'self'", 'data:']);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    // A plain-http install on a LAN must be able to load its own scripts.
    expect(directives.has('upgrade-insecure-requests')).toBe(false);
  });
});

describe('without a built web app', () => {
  it('answers / and page paths with a note on how to build it, and the API as usual', async () => {
    for (const url of ['/', '/assistants/123/chat']) {
      const res = await unbuilt.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('npm run build');
    }
    const api = await unbuilt.app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('route_not_found');
    expect((await unbuilt.app.inject({ method: 'GET', url: '/assets/x.js' })).statusCode).toBe(404);
    expect((await unbuilt.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });
});
