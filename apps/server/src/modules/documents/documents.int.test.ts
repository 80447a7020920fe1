// Knowledge ingestion through the real HTTP stack, database and job worker: documents are accepted,
// parsed, chunked, embedded and indexed; bad files end `failed` with a reason and its code while the
// server keeps serving; duplicates are recognised; delete removes chunks and file; retrieval stays in its assistant;
// a document's passages can be read back in order.
import { randomBytes, randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAssistant,
  createTestApp,
  errorOf,
  registerUser,
  uploadDocument,
  waitForDocument,
  type TestApp,
  type TestUser,
} from '../../../test/harness.js';
import { fixture } from '../../../test/fixtures/documents/fixture-words.js';
import { writeZip } from '../../../test/fixtures/zip-writer.js';

const UPLOAD_LIMIT = 300_000;
let t: TestApp;
let alice: TestUser;
let assistantId: string;
let otherAssistantId: string;

async function addText(title: string, text: string, id = assistantId) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/assistants/${id}/documents`,
    headers: alice.headers,
    payload: { title, text },
  });
  expect([200, 202]).toContain(res.statusCode);
  return res.json() as { id: string; status: string; deduplicated?: boolean };
}

async function search(query: string, mode: 'text' | 'vector' | 'hybrid', id = assistantId, topK = 5) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/assistants/${id}/search`,
    headers: alice.headers,
    payload: { query, mode, topK },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { results: { documentId: string; documentTitle: string; text: string; score: number; headingPath: string[] }[] };
}

beforeAll(async () => {
  t = await createTestApp({ PARLEY_UPLOAD_LIMIT_BYTES: String(UPLOAD_LIMIT), PARLEY_LOG_LEVEL: 'error' });
  await t.deps.startWorker();
  alice = await registerUser(t.app, { name: 'Alice' });
  assistantId = (await createAssistant(t.app, alice, { name: 'Knowledge', language: 'he' })).id;
  otherAssistantId = (await createAssistant(t.app, alice, { name: 'Other', language: 'en' })).id;
}, 120_000);
afterAll(async () => t?.close());

describe('documents', () => {
  it('indexes pushed text and finds it in every search mode, in Hebrew', async () => {
    const doc = await addText(
      'שעות פתיחה',
      '# שעות הפתיחה של החנות\n\nהחנות פתוחה בימים ראשון עד חמישי משעה 9 בבוקר עד 7 בערב.\n\nבשישי החנות פתוחה עד הצהריים.\n',
    );
    expect(doc.status).toBe('queued');
    const done = await waitForDocument(t.app, alice.headers, assistantId, doc.id);
    expect(done.status, String(done.error)).toBe('indexed');
    expect(done.chunkCount).toBeGreaterThanOrEqual(1);
    expect(done.language).toBe('he');
    expect(done.progress).toBe(1);
    for (const mode of ['text', 'vector', 'hybrid'] as const) {
      const { results } = await search('מתי החנות פתוחה בשישי?', mode);
      expect(results[0]?.documentId, mode).toBe(doc.id);
      expect(results[0]?.text).toContain('בשישי');
    }
  });

  it('recognises the same content uploaded twice', async () => {
    const first = await addText('Returns', 'Returns are accepted within 30 days with the receipt.');
    const again = await addText('Returns (copy)', 'Returns are accepted within 30 days with the receipt.');
    expect(again.id).toBe(first.id);
    expect(again.deduplicated).toBe(true);
    const bytes = Buffer.from('Delivery takes three to five working days.');
    const up1 = await uploadDocument(t.app, alice.headers, assistantId, 'delivery.txt', bytes, 'text/plain');
    const up2 = await uploadDocument(t.app, alice.headers, assistantId, 'delivery-again.txt', bytes, 'text/plain');
    expect(up1.statusCode).toBe(202);
    expect(up2.statusCode).toBe(200);
    expect(up2.json().id).toBe(up1.json().id);
  });

  it('types uploads by content, not by name, and indexes Markdown, HTML and CSV', async () => {
    const md = await uploadDocument(
      t.app,
      alice.headers,
      assistantId,
      'guide.bin',
      Buffer.from('# Warranty\n\n## Batteries\n\nBatteries carry a two year warranty.\n'),
    );
    const html = await uploadDocument(
      t.app,
      alice.headers,
      assistantId,
      'page.txt',
      Buffer.from(
        '<!doctype html><html><head><title>Shipping</title></head><body><nav><a href="/">Home</a> | <a href="/x">Menu item</a></nav><main><h1>Shipping abroad</h1><p>We ship parcels to Portugal and Brazil by air mail within ten days of the order.</p><p>Customs duties are paid by the receiver on delivery of the parcel.</p></main><footer>Copyright footer text</footer></body></html>',
      ),
    );
    const csv = await uploadDocument(
      t.app,
      alice.headers,
      assistantId,
      'prices',
      Buffer.from('product,price\nkettle,39\ntoaster,25\nblender,80\n'),
    );
    const kinds: Record<string, string> = {};
    for (const res of [md, html, csv]) {
      expect(res.statusCode, res.body).toBe(202);
      const done = await waitForDocument(t.app, alice.headers, assistantId, res.json().id);
      expect(done.status, String(done.error)).toBe('indexed');
      kinds[res.json().id] = String(done.kind);
    }
    expect(Object.values(kinds)).toEqual(['markdown', 'html', 'csv']);
    const warranty = await search('battery warranty', 'text');
    expect(warranty.results[0]?.headingPath).toEqual(['Warranty', 'Batteries']);
    const shipping = await search('parcels Portugal', 'hybrid');
    expect(shipping.results[0]?.documentId).toBe(html.json().id);
    expect(shipping.results[0]?.text).not.toContain('Copyright footer');
    const toaster = await search('toaster price', 'text');
    expect(toaster.results[0]?.text).toMatch(/toaster/);
  });

  it('fails every bad file with a readable reason and its code, and keeps serving', async () => {
    const bomb = writeZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.alloc(150 * 1024 * 1024, 0x41) },
    ]);
    expect(bomb.length).toBeLessThan(UPLOAD_LIMIT);
    const cases: [string, Uint8Array, RegExp, string][] = [
      ['empty.txt', Buffer.alloc(0), /^The file is empty$/, 'empty_file'],
      ['random.pdf', randomBytes(4096), /^The file is not a supported document type/, 'unsupported_type'],
      ['broken.docx', randomBytes(2048), /^The file is not a supported document type/, 'unsupported_type'],
      ['notzip.docx', Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(500)]), /damaged|not a .docx|zip/i, 'docx_damaged'],
      [
        'truncated.pdf',
        Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pa'),
        /^The PDF is damaged or incomplete$/,
        'pdf_damaged',
      ],
      ['secret.pdf', fixture('password.pdf'), /^The PDF is password-protected$/, 'pdf_password'],
      ['bomb.docx', bomb, /it looks like a zip bomb$/, 'zip_bomb'],
    ];
    for (const [name, bytes, reason, code] of cases) {
      const res = await uploadDocument(t.app, alice.headers, assistantId, name, bytes);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(202);
      const done = await waitForDocument(t.app, alice.headers, assistantId, res.json().id);
      expect(done.status, name).toBe('failed');
      expect(done.error, name).toMatch(reason);
      expect(done.errorCode, name).toBe(code);
    }

    const big = await uploadDocument(t.app, alice.headers, assistantId, 'big.txt', Buffer.alloc(UPLOAD_LIMIT + 10, 0x61));
    expect(big.statusCode).toBe(413);
    expect(errorOf(big).code).toBe('payload_too_large');
    const bigDoc = await waitForDocument(
      t.app,
      alice.headers,
      assistantId,
      (errorOf(big) as { details?: { documentId?: string } }).details!.documentId!,
    );
    expect(bigDoc.status).toBe('failed');
    expect(bigDoc.error).toMatch(/larger than/);
    expect(bigDoc.errorCode).toBe('too_large');

    const crawl = await t.app.inject({
      method: 'POST',
      url: `/api/v1/assistants/${assistantId}/documents`,
      headers: alice.headers,
      payload: { url: 'http://127.0.0.1:9/' },
    });
    expect(crawl.statusCode).toBe(202);
    const crawled = await waitForDocument(t.app, alice.headers, assistantId, crawl.json().id);
    expect(crawled.status).toBe('failed');
    expect(crawled.error).toMatch(/private, loopback or link-local/);
    expect(crawled.errorCode).toBe('crawl_blocked_address');

    // A failed document indexed again starts over: no code left from its failure.
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/assistants/${assistantId}/documents/${crawled.id}/reindex`,
      headers: alice.headers,
    });
    expect(again.statusCode).toBe(202);
    expect(again.json()).toMatchObject({ status: 'queued', error: null, errorCode: null });
    expect((await waitForDocument(t.app, alice.headers, assistantId, crawled.id)).errorCode).toBe('crawl_blocked_address');

    expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    const ok = await addText('After the storm', 'The server still indexes documents after bad uploads.');
    expect((await waitForDocument(t.app, alice.headers, assistantId, ok.id)).status).toBe('indexed');
  });

  it('refuses malformed requests with the one error shape', async () => {
    const none = await t.app.inject({ method: 'POST', url: `/api/v1/assistants/${assistantId}/documents`, headers: alice.headers });
    expect(none.statusCode).toBe(400);
    const badUrl = await t.app.inject({
      method: 'POST',
      url: `/api/v1/assistants/${assistantId}/documents`,
      headers: alice.headers,
      payload: { url: 'file:///etc/passwd' },
    });
    expect(badUrl.statusCode).toBe(400);
    const wrongField = await t.app.inject({
      method: 'POST',
      url: `/api/v1/assistants/${assistantId}/documents`,
      headers: { ...alice.headers, 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x\r\nContent-Disposition: form-data; name="other"; filename="a.txt"\r\n\r\nhello\r\n--x--\r\n',
    });
    expect(wrongField.statusCode).toBe(400);
    expect(errorOf(wrongField).details?.issues?.[0]?.path).toBe('body.file');
  });

  it('re-indexes to the same chunks, and deletion removes chunks and the stored file', async () => {
    const doc = await addText(
      'Long policy',
      Array.from({ length: 60 }, (_, i) => `Clause ${i + 1}: customers may exchange item ${i + 1} within ${i + 10} days.`).join('\n\n'),
    );
    const first = await waitForDocument(t.app, alice.headers, assistantId, doc.id);
    expect(first.status).toBe('indexed');
    const re = await t.app.inject({
      method: 'POST',
      url: `/api/v1/assistants/${assistantId}/documents/${doc.id}/reindex`,
      headers: alice.headers,
    });
    expect(re.statusCode).toBe(202);
    const second = await waitForDocument(t.app, alice.headers, assistantId, doc.id);
    expect(second.status).toBe('indexed');
    expect(second.chunkCount).toBe(first.chunkCount);

    const blobsBefore = await countBlobs();
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/assistants/${assistantId}/documents/${doc.id}`,
      headers: alice.headers,
    });
    expect(del.statusCode).toBe(204);
    expect(await countBlobs()).toBe(blobsBefore - 1);
    const gone = await t.app.inject({
      method: 'GET',
      url: `/api/v1/assistants/${assistantId}/documents/${doc.id}`,
      headers: alice.headers,
    });
    expect(gone.statusCode).toBe(404);
    expect(errorOf(gone).code).toBe('document_not_found');
    const { results } = await search('customers may exchange item 17', 'hybrid');
    expect(results.map((r) => r.documentId)).not.toContain(doc.id);
  });

  it('never returns another assistant’s passages', async () => {
    const secret = await addText('Vault', 'The vault combination is zebra-42-orchid.', otherAssistantId);
    expect((await waitForDocument(t.app, alice.headers, otherAssistantId, secret.id)).status).toBe('indexed');
    for (const mode of ['text', 'vector', 'hybrid'] as const) {
      const { results } = await search('vault combination zebra orchid', mode);
      expect(results.map((r) => r.documentId)).not.toContain(secret.id);
      const own = await search('vault combination zebra orchid', mode, otherAssistantId);
      expect(own.results[0]?.documentId).toBe(secret.id);
    }
  });

  it('lets a secret key of the assistant add documents, and refuses members', async () => {
    const key = await t.app.inject({
      method: 'POST',
      url: `/api/v1/assistants/${assistantId}/api-keys`,
      headers: alice.headers,
      payload: { name: 'importer', kind: 'secret' },
    });
    const keyHeaders = { authorization: `Bearer ${key.json().key}` };
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/assistants/${assistantId}/documents`,
      headers: keyHeaders,
      payload: { title: 'From the ERP', text: 'Stock of kettles: 12 units.' },
    });
    expect(res.statusCode).toBe(202);
    const other = await t.app.inject({
      method: 'POST',
      url: `/api/v1/assistants/${otherAssistantId}/documents`,
      headers: keyHeaders,
      payload: { title: 'x', text: 'y' },
    });
    expect(other.statusCode).toBe(404);
  });

  it('lists a document’s passages in order, page by page, to those who may read it', async () => {
    const small = (await createAssistant(t.app, alice, { name: 'Small chunks', retrieval: { chunkSize: 64, chunkOverlap: 0 } })).id;
    const sections = ['Returns', 'Shipping', 'Warranty'].map(
      (name, i) =>
        `## ${name}\n\n` +
        Array.from(
          { length: 6 },
          (_, j) => `${name} rule ${i}.${j}: the customer keeps the receipt for the ${name.toLowerCase()} desk.`,
        ).join(' '),
    );
    const doc = await addText('Policies', `# Policies\n\n${sections.join('\n\n')}\n`, small);
    const done = await waitForDocument(t.app, alice.headers, small, doc.id);
    expect(done.status, String(done.error)).toBe('indexed');
    expect(done.chunkCount).toBeGreaterThanOrEqual(3);

    const url = `/api/v1/assistants/${small}/documents/${doc.id}/chunks`;
    const all = await t.app.inject({ method: 'GET', url: `${url}?limit=200`, headers: alice.headers });
    expect(all.statusCode, all.body).toBe(200);
    const { items, total } = all.json() as {
      items: { id: string; ordinal: number; page: number | null; headingPath: string[]; content: string; tokens: number }[];
      total: number;
    };
    expect(total).toBe(done.chunkCount);
    expect(items.map((c) => c.ordinal)).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(items.every((c) => c.content.length > 0 && c.tokens > 0 && c.page === null)).toBe(true);
    expect(items.some((c) => c.headingPath.includes('Shipping') && c.content.includes('shipping desk'))).toBe(true);
    expect(items.map((c) => c.content).join(' ')).toContain('Warranty rule 2.5');

    const page = await t.app.inject({ method: 'GET', url: `${url}?limit=2&offset=1`, headers: alice.headers });
    expect(page.json()).toEqual({ items: items.slice(1, 3), total });

    // Another assistant's id in the path, an unknown document, bad paging, another organization: no passages.
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/assistants/${assistantId}/documents/${doc.id}/chunks`, headers: alice.headers }))
        .statusCode,
    ).toBe(404);
    const unknown = await t.app.inject({
      method: 'GET',
      url: `/api/v1/assistants/${small}/documents/${randomUUID()}/chunks`,
      headers: alice.headers,
    });
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown).code).toBe('document_not_found');
    for (const query of ['limit=0', 'limit=201', 'offset=-1', 'limit=x', 'extra=1']) {
      expect((await t.app.inject({ method: 'GET', url: `${url}?${query}`, headers: alice.headers })).statusCode, query).toBe(400);
    }
    const mallory = await registerUser(t.app, { name: 'Mallory' });
    const foreign = await t.app.inject({ method: 'GET', url, headers: mallory.headers });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toContain('receipt');
  });

  it('streams progress events to the UI', async () => {
    const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const controller = new AbortController();
    const res = await fetch(`${url}/api/v1/assistants/${assistantId}/documents/events`, {
      headers: alice.headers,
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const doc = await addText('Événements', 'Progress events reach the browser while the document is indexed.');
    let text = '';
    const decoder = new TextDecoder();
    const ours = () =>
      text
        .split('\n\n')
        .filter((e) => e.includes(doc.id))
        .map(
          (e) =>
            JSON.parse(e.split('\ndata: ')[1]!) as { type: string; document: { status: string; progress: number; errorCode?: unknown } },
        );
    while (!ours().some((e) => e.document.status === 'indexed')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    controller.abort();
    const events = ours();
    expect(events[0]).toMatchObject({ type: 'document.updated', document: { status: 'queued' } });
    expect(events.at(-1)).toMatchObject({ type: 'document.updated', document: { status: 'indexed', progress: 1 } });
    expect(events.some((e) => e.document.status === 'processing')).toBe(true);
    expect(events.every((e) => e.document.errorCode === null)).toBe(true);
    // Progress only goes forward, and reaches 1 only when indexed.
    const progress = events.filter((e) => e.document.status === 'processing').map((e) => e.document.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(Math.max(...progress)).toBeLessThan(1);
  });
});

async function countBlobs(): Promise<number> {
  const root = t.config.ingestion.blobDir;
  let n = 0;
  for (const dir of await readdir(root)) {
    if (dir === 'tmp') continue;
    n += (await readdir(join(root, dir))).length;
  }
  return n;
}
