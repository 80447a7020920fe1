// The upload queue's pure rules: which files are refused at once, how many go at a time, and what one
// file's row shows from its first byte to the indexed or failed document.
import type { DocumentDto } from '@parley/contracts';
import { describe, expect, it } from 'vitest';
import { checkFile, isFinished, makeItems, nextUploads, rowView, uploadReducer, type UploadItem } from './upload-queue';

const limits = { maxBytes: 1000 };
const file = (name: string, size = 10, type = '') => ({ name, size, type });

function doc(status: DocumentDto['status'], progress = 0, error: string | null = null, errorCode: string | null = null): DocumentDto {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    assistantId: '00000000-0000-4000-8000-000000000002',
    title: 'handbook',
    source: { type: 'file', filename: 'handbook.pdf', mimeType: 'application/pdf', sizeBytes: 10 },
    kind: 'pdf',
    status,
    progress,
    error,
    errorCode,
    chunkCount: 0,
    pages: null,
    language: null,
    contentHash: 'x',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    indexedAt: null,
  };
}

describe('checkFile', () => {
  it('accepts the kinds the server reads, whatever the case of the extension', () => {
    for (const name of ['a.pdf', 'b.DOCX', 'c.html', 'd.htm', 'e.md', 'f.markdown', 'g.txt', 'h.csv', 'שלום.PDF'])
      expect(checkFile(file(name), limits), name).toBeNull();
  });

  it('refuses other kinds at once', () => {
    for (const name of ['a.doc', 'b.png', 'c.zip', 'd.pdf.exe', 'e.xlsx'])
      expect(checkFile(file(name), limits), name).toEqual({ reason: 'type' });
  });

  it('falls back on the browser type for a name without an extension', () => {
    expect(checkFile(file('README', 10, 'text/plain'), limits)).toBeNull();
    expect(checkFile(file('photo', 10, 'image/jpeg'), limits)).toEqual({ reason: 'type' });
    expect(checkFile(file('notes', 10, ''), limits)).toEqual({ reason: 'type' });
  });

  it('refuses empty files and files over the limit, and knows no limit before the instance answers', () => {
    expect(checkFile(file('a.pdf', 0), limits)).toEqual({ reason: 'empty' });
    expect(checkFile(file('a.pdf', 1000), limits)).toBeNull();
    expect(checkFile(file('a.pdf', 1001), limits)).toEqual({ reason: 'too_large', limitBytes: 1000 });
    expect(checkFile(file('a.pdf', 10 ** 12), { maxBytes: null })).toBeNull();
  });
});

describe('uploadReducer and nextUploads', () => {
  const five = () =>
    makeItems(
      ['1.pdf', '2.pdf', '3.pdf', '4.pdf', '5.pdf'].map((n) => file(n)),
      limits,
    );

  it('makes rejected rows for refused files and waiting rows for the rest', () => {
    const items = makeItems([file('a.pdf'), file('b.png'), file('c.pdf', 5000)], limits);
    expect(items.map((i) => i.state)).toEqual(['waiting', 'rejected', 'rejected']);
    expect(items[2]!.rejection).toEqual({ reason: 'too_large', limitBytes: 1000 });
    expect(new Set(items.map((i) => i.key)).size).toBe(3);
    expect(nextUploads(items)).toEqual([items[0]!.key]);
  });

  it('starts at most three at a time, oldest first, and the next one when a slot frees', () => {
    let items = uploadReducer([], { type: 'add', items: five() });
    const first = nextUploads(items);
    expect(first).toEqual(items.slice(0, 3).map((i) => i.key));
    for (const key of first) items = uploadReducer(items, { type: 'start', key });
    expect(nextUploads(items)).toEqual([]);
    items = uploadReducer(items, { type: 'sent', key: first[1]!, document: doc('queued') });
    expect(nextUploads(items)).toEqual([items[3]!.key]);
    items = uploadReducer(items, { type: 'fail', key: first[0]!, error: new Error('x') });
    expect(nextUploads(items)).toEqual([items[3]!.key, items[4]!.key]);
  });

  it('records whole percents only, and only while uploading', () => {
    let items = uploadReducer([], { type: 'add', items: five().slice(0, 1) });
    const key = items[0]!.key;
    const before = items;
    items = uploadReducer(items, { type: 'progress', key, fraction: 0.5 });
    expect(items).toBe(before);
    items = uploadReducer(items, { type: 'start', key });
    items = uploadReducer(items, { type: 'progress', key, fraction: 0.404 });
    expect(items[0]!.sentPercent).toBe(40);
    const same = uploadReducer(items, { type: 'progress', key, fraction: 0.409 });
    expect(same).toBe(items);
    items = uploadReducer(items, { type: 'progress', key, fraction: 1.7 });
    expect(items[0]!.sentPercent).toBe(100);
  });

  it('removes rows by key', () => {
    const items = five();
    expect(uploadReducer(items, { type: 'remove', keys: [items[1]!.key, items[3]!.key] }).map((i) => i.name)).toEqual([
      '1.pdf',
      '3.pdf',
      '5.pdf',
    ]);
  });
});

describe('rowView: one bar per file', () => {
  const base = (over: Partial<UploadItem>): UploadItem => ({ ...makeItems([file('a.pdf')], limits)[0]!, ...over });

  it('shows the upload percent, then the live document until it is indexed', () => {
    expect(rowView(base({}), undefined)).toEqual({ phase: 'waiting', percent: 0, documentError: null, documentErrorCode: null });
    expect(rowView(base({ state: 'uploading', sentPercent: 40 }), undefined).percent).toBe(40);
    const sent = base({ state: 'sent', sentPercent: 100, document: doc('queued') });
    expect(rowView(sent, undefined).phase).toBe('queued');
    expect(rowView(sent, doc('processing', 0.7))).toEqual({
      phase: 'processing',
      percent: 70,
      documentError: null,
      documentErrorCode: null,
    });
    const indexed = rowView(sent, doc('indexed', 1));
    expect(indexed).toEqual({ phase: 'indexed', percent: 100, documentError: null, documentErrorCode: null });
    expect(isFinished(indexed)).toBe(true);
  });

  it("carries the server's reason for a failed document, and marks refused and failed uploads", () => {
    const sent = base({ state: 'sent', document: doc('queued') });
    expect(rowView(sent, doc('failed', 1, 'The PDF is password-protected', 'pdf_password'))).toEqual({
      phase: 'failed',
      percent: 100,
      documentError: 'The PDF is password-protected',
      documentErrorCode: 'pdf_password',
    });
    expect(rowView(base({ state: 'rejected' }), undefined).phase).toBe('rejected');
    expect(rowView(base({ state: 'error' }), undefined).phase).toBe('failed');
    expect(isFinished(rowView(base({ state: 'uploading' }), undefined))).toBe(false);
  });

  it('uses the answer of the upload when the list does not have the document yet', () => {
    expect(rowView(base({ state: 'sent', document: doc('indexed', 1) }), undefined).phase).toBe('indexed');
  });
});
