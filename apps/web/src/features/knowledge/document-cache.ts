// Pure changes to the cached document lists (TanStack infinite-query data): a live event or a mutation's
// answer patched into every loaded page without a refetch. Kept free of React so it is unit-tested.
import type { DocumentDto, documentListSchema } from '@parley/contracts';
import type { z } from 'zod';

type DocumentList = z.infer<typeof documentListSchema>;

/** The shape TanStack keeps for an infinite query. */
export interface PagedDocuments {
  pages: DocumentList[];
  pageParams: unknown[];
}

/**
 * Applies `changes` to the document with `id` wherever it is loaded (null removes it). `found` says
 * whether it was there at all: a document we have never seen (added elsewhere) needs a refetch.
 */
export function patchDocument(
  data: PagedDocuments | undefined,
  id: string,
  changes: Partial<DocumentDto> | null,
): { data: PagedDocuments | undefined; found: boolean } {
  if (!data) return { data, found: false };
  let found = false;
  const pages = data.pages.map((page) => {
    const index = page.items.findIndex((d) => d.id === id);
    if (index === -1) return page;
    found = true;
    if (changes === null) return { items: page.items.filter((d) => d.id !== id), total: Math.max(0, page.total - 1) };
    const items = page.items.slice();
    items[index] = { ...items[index]!, ...changes };
    return { ...page, items };
  });
  if (found && changes === null) {
    // Every page carries the list's total: keep them equal.
    const total = Math.max(0, (data.pages[0]?.total ?? 1) - 1);
    return { data: { ...data, pages: pages.map((p) => ({ ...p, total })) }, found };
  }
  return { data: found ? { ...data, pages } : data, found };
}

/** Puts a new document first (the lists are newest first); an already listed one is refreshed in place. */
export function insertDocument(data: PagedDocuments | undefined, document: DocumentDto): PagedDocuments | undefined {
  if (!data) return data;
  const patched = patchDocument(data, document.id, document);
  if (patched.found) return patched.data;
  const [first, ...rest] = data.pages;
  if (!first) return data;
  const total = first.total + 1;
  return {
    ...data,
    pages: [{ items: [document, ...first.items], total }, ...rest.map((p) => ({ ...p, total }))],
  };
}

/** Every loaded document, in list order. */
export function flattenDocuments(data: PagedDocuments | undefined): DocumentDto[] {
  return data ? data.pages.flatMap((p) => p.items) : [];
}
