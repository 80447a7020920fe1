// The inbox list's pages: where the next page starts, and a list with one conversation taken out
// (after it was erased). Pure, so paging is tested without a server.

interface Page<T extends { id: string }> {
  items: T[];
  total: number;
}

/** The offset of the next page, or undefined when every conversation is loaded (or the last page was empty). */
export function nextOffset<T extends { id: string }>(pages: readonly Page<T>[]): number | undefined {
  const last = pages[pages.length - 1];
  if (!last || last.items.length === 0) return undefined;
  const loaded = pages.reduce((n, p) => n + p.items.length, 0);
  return loaded < last.total ? loaded : undefined;
}

/** The pages without the conversation `id`; every page's total drops by one when it was there. */
export function withoutConversation<D extends { pages: Page<T>[] }, T extends { id: string }>(data: D, id: string): D {
  const found = data.pages.some((p) => p.items.some((c) => c.id === id));
  if (!found) return data;
  return {
    ...data,
    pages: data.pages.map((p) => ({ ...p, items: p.items.filter((c) => c.id !== id), total: Math.max(0, p.total - 1) })),
  };
}
