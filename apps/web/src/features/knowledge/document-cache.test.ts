// Live events and mutation answers patched into the cached pages of documents.
import type { DocumentDto } from '@parley/contracts';
import { describe, expect, it } from 'vitest';
import { flattenDocuments, insertDocument, patchDocument, type PagedDocuments } from './document-cache';

function doc(n: number, over: Partial<DocumentDto> = {}): DocumentDto {
  return {
    id: `00000000-0000-4000-8000-00000000000${n}`,
    assistantId: '00000000-0000-4000-8000-000000000009',
    title: `doc ${n}`,
    source: { type: 'text', sizeBytes: 10 },
    kind: 'txt',
    status: 'queued',
    progress: 0,
    error: null,
    errorCode: null,
    chunkCount: 0,
    pages: null,
    language: null,
    contentHash: String(n),
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    indexedAt: null,
    ...over,
  };
}

const paged = (...pages: DocumentDto[][]): PagedDocuments => {
  const total = pages.flat().length;
  return { pages: pages.map((items) => ({ items, total })), pageParams: pages.map((_, i) => i) };
};

describe('document cache', () => {
  it('patches a document on whichever page holds it', () => {
    const data = paged([doc(1), doc(2)], [doc(3)]);
    const { data: next, found } = patchDocument(data, doc(3).id, { status: 'processing', progress: 0.5 });
    expect(found).toBe(true);
    expect(flattenDocuments(next).map((d) => [d.status, d.progress])).toEqual([
      ['queued', 0],
      ['queued', 0],
      ['processing', 0.5],
    ]);
    expect(next!.pages[0]).toBe(data.pages[0]);
  });

  it('says when the document is not loaded, leaving the data as it was', () => {
    const data = paged([doc(1)]);
    expect(patchDocument(data, doc(5).id, { status: 'indexed' })).toEqual({ data, found: false });
    expect(patchDocument(undefined, doc(5).id, { status: 'indexed' })).toEqual({ data: undefined, found: false });
  });

  it('removes a deleted document and lowers the total on every page', () => {
    const { data: next } = patchDocument(paged([doc(1), doc(2)], [doc(3)]), doc(1).id, null);
    expect(flattenDocuments(next).map((d) => d.id)).toEqual([doc(2).id, doc(3).id]);
    expect(next!.pages.map((p) => p.total)).toEqual([2, 2]);
  });

  it('puts a new document first, and refreshes one already listed instead of doubling it', () => {
    const data = paged([doc(1)]);
    const added = insertDocument(data, doc(2));
    expect(flattenDocuments(added).map((d) => d.id)).toEqual([doc(2).id, doc(1).id]);
    expect(added!.pages[0]!.total).toBe(2);
    const again = insertDocument(added, doc(2, { status: 'indexed' }));
    expect(flattenDocuments(again).map((d) => d.status)).toEqual(['indexed', 'queued']);
    expect(again!.pages[0]!.total).toBe(2);
    expect(insertDocument(undefined, doc(1))).toBeUndefined();
  });
});
