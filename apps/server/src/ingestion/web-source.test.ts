// A web page as a document, from a node:http site on 127.0.0.1 (hence allowPrivateNetworks): what it
// reads, the progress it reports, and the failure when nothing could be read.
import http from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCrawlError } from './crawler/crawl-error.js';
import { DocumentParseError } from './document-model.js';
import { fetchWebDocument } from './web-source.js';

const pages: Record<string, { type: string; body: string }> = {
  '/help': {
    type: 'text/html; charset=utf-8',
    body: '<!doctype html><html><head><title>Help</title></head><body><main><h1>Returns</h1><p>Returns are free within 30 days.</p></main></body></html>',
  },
  '/menu': { type: 'text/html; charset=utf-8', body: '<html><body><nav><a href="/">Home</a></nav></body></html>' },
};

let server: http.Server;
let origin: string;
const options = { allowPrivateNetworks: true, concurrency: 2 };

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const page = pages[request.url ?? '/'];
    response.writeHead(page ? 200 : 404, { 'content-type': page?.type ?? 'text/plain' });
    response.end(page?.body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function failureOf(url: string, allowPrivateNetworks = true): Promise<unknown> {
  return fetchWebDocument(url, null, { ...options, allowPrivateNetworks }, async () => undefined).then(
    () => null,
    (err: unknown) => err,
  );
}

describe('fetchWebDocument', () => {
  it('reads a page and reports its progress', async () => {
    const seen: number[] = [];
    const doc = await fetchWebDocument(`${origin}/help`, null, options, async (fraction) => {
      seen.push(fraction);
    });
    expect(doc).toMatchObject({ kind: 'html', title: 'Help' });
    expect(doc.blocks.map((b) => b.text)).toEqual(['Returns', 'Returns are free within 30 days.']);
    expect(seen).toEqual([1]);
  });

  it('fails with crawl_nothing_read and the first reason when no page could be read', async () => {
    const missing = await failureOf(`${origin}/gone`);
    expect(missing).toBeInstanceOf(DocumentParseError);
    expect(missing).toMatchObject({ code: 'crawl_nothing_read' });
    expect((missing as DocumentParseError).reason).toMatch(/^Nothing could be read from http:\/\/127\.0\.0\.1:\d+\/gone \(.*HTTP 404/);

    const empty = await failureOf(`${origin}/menu`);
    expect(empty).toMatchObject({ code: 'crawl_nothing_read' });
    expect((empty as DocumentParseError).reason).toContain('No text could be extracted from the file');
  });

  it('lets the crawler’s refusal of the start address through, for the pipeline to code', async () => {
    const blocked = await failureOf(`${origin}/help`, false);
    expect(isCrawlError(blocked, 'blocked_address')).toBe(true);
  });
});
