// An assistant's knowledge as server state: its documents (pages of up to 200, newest first), counts per
// status, a document's passages, adding a web page or site, re-indexing, deleting, and test searches.
import type {
  CreateDocumentBody,
  DocumentDto,
  DocumentStatus,
  InstanceInfo,
  SearchMode,
  documentChunkListSchema,
  documentListSchema,
  searchResponseSchema,
} from '@parley/contracts';
import { useInfiniteQuery, useMutation, useQueries, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client';
import { flattenDocuments, insertDocument, patchDocument } from './document-cache';

export type DocumentList = z.infer<typeof documentListSchema>;
export type ChunkList = z.infer<typeof documentChunkListSchema>;
export type SearchResponse = z.infer<typeof searchResponseSchema>;

/** Filters the server applies (only used when an assistant has more documents than one page holds). */
export interface ServerFilters {
  q?: string;
  status?: DocumentStatus;
}

export const DOCUMENTS_PAGE = 200;
const CHUNKS_PAGE = 50;

export const documentKeys = {
  all: (assistantId: string) => ['documents', assistantId] as const,
  lists: (assistantId: string) => [...documentKeys.all(assistantId), 'list'] as const,
  list: (assistantId: string, filters: ServerFilters) => [...documentKeys.lists(assistantId), filters] as const,
  counts: (assistantId: string) => [...documentKeys.all(assistantId), 'counts'] as const,
  chunks: (assistantId: string, documentId: string) => [...documentKeys.all(assistantId), 'chunks', documentId] as const,
  // Shared with the assistant editor, which reads the same answer.
  instance: () => ['instance'] as const,
};

export function useInstanceLimits() {
  return useQuery({
    queryKey: documentKeys.instance(),
    queryFn: ({ signal }) => api<InstanceInfo>('instance', { signal }),
    staleTime: 5 * 60_000,
    select: (info) => info.limits,
  });
}

/** `pollMs`: refetch at this interval while any loaded document is still queued or processing. */
export function useDocumentPages(assistantId: string, filters: ServerFilters, options: { pollMs?: number | false } = {}) {
  const { pollMs = false } = options;
  return useInfiniteQuery({
    queryKey: documentKeys.list(assistantId, filters),
    queryFn: ({ signal, pageParam }) =>
      api<DocumentList>(`assistants/${assistantId}/documents`, {
        query: { limit: DOCUMENTS_PAGE, offset: pageParam, q: filters.q, status: filters.status },
        signal,
      }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + p.items.length, 0);
      return loaded < last.total && last.items.length > 0 ? loaded : undefined;
    },
    refetchInterval: (query) =>
      pollMs !== false && flattenDocuments(query.state.data).some((d) => d.status === 'queued' || d.status === 'processing')
        ? pollMs
        : false,
  });
}

const STATUSES: DocumentStatus[] = ['queued', 'processing', 'indexed', 'failed'];

/** Documents per status from the server's totals; used only when not every document is loaded. */
export function useDocumentCounts(assistantId: string, enabled: boolean) {
  return useQueries({
    queries: STATUSES.map((status) => ({
      queryKey: [...documentKeys.counts(assistantId), status],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api<DocumentList>(`assistants/${assistantId}/documents`, { query: { status, limit: 1 }, signal }),
      enabled,
      select: (list: DocumentList) => list.total,
    })),
    combine: (results) =>
      Object.fromEntries(STATUSES.map((status, i) => [status, results[i]?.data])) as Record<DocumentStatus, number | undefined>,
  });
}

/** Puts a document the server just answered with into the lists, so its row appears before any refetch. */
export function rememberDocument(queryClient: QueryClient, assistantId: string, document: DocumentDto): void {
  queryClient.setQueryData(documentKeys.list(assistantId, {}), (data: Parameters<typeof insertDocument>[0]) =>
    insertDocument(data, document),
  );
  void queryClient.invalidateQueries({
    queryKey: documentKeys.lists(assistantId),
    predicate: (q) => Object.keys((q.queryKey[3] as ServerFilters | undefined) ?? {}).length > 0,
  });
  void queryClient.invalidateQueries({ queryKey: documentKeys.counts(assistantId) });
}

/** Adds a web page, or a site to crawl from it. */
export function useAddUrl(assistantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Pick<CreateDocumentBody, 'url' | 'crawl'>) =>
      api<DocumentDto>(`assistants/${assistantId}/documents`, { method: 'POST', body }),
    onSuccess: (document) => rememberDocument(queryClient, assistantId, document),
  });
}

export function useReindexDocument(assistantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (documentId: string) => api<DocumentDto>(`assistants/${assistantId}/documents/${documentId}/reindex`, { method: 'POST' }),
    onSuccess: (document) => {
      for (const [key, data] of queryClient.getQueriesData<Parameters<typeof patchDocument>[0]>({
        queryKey: documentKeys.lists(assistantId),
      }))
        queryClient.setQueryData(key, patchDocument(data, document.id, document).data);
      queryClient.removeQueries({ queryKey: documentKeys.chunks(assistantId, document.id) });
      void queryClient.invalidateQueries({ queryKey: documentKeys.counts(assistantId) });
    },
  });
}

export function useDeleteDocument(assistantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (documentId: string) => api<void>(`assistants/${assistantId}/documents/${documentId}`, { method: 'DELETE' }),
    onSuccess: (_, documentId) => {
      for (const [key, data] of queryClient.getQueriesData<Parameters<typeof patchDocument>[0]>({
        queryKey: documentKeys.lists(assistantId),
      }))
        queryClient.setQueryData(key, patchDocument(data, documentId, null).data);
      queryClient.removeQueries({ queryKey: documentKeys.chunks(assistantId, documentId) });
      void queryClient.invalidateQueries({ queryKey: documentKeys.counts(assistantId) });
    },
  });
}

export function useDocumentChunks(assistantId: string, documentId: string | null) {
  return useInfiniteQuery({
    queryKey: documentKeys.chunks(assistantId, documentId ?? ''),
    queryFn: ({ signal, pageParam }) =>
      api<ChunkList>(`assistants/${assistantId}/documents/${documentId}/chunks`, {
        query: { limit: CHUNKS_PAGE, offset: pageParam },
        signal,
      }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + p.items.length, 0);
      return loaded < last.total && last.items.length > 0 ? loaded : undefined;
    },
    enabled: documentId !== null,
  });
}

export function useSearchKnowledge(assistantId: string) {
  return useMutation({
    mutationFn: (body: { query: string; mode: SearchMode; topK: number }) =>
      api<SearchResponse>(`assistants/${assistantId}/search`, { method: 'POST', body }),
  });
}
