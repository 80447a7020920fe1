// Live progress of an assistant's documents: the server-sent event stream patched into the cached lists.
// Read with fetch rather than EventSource: the server takes the active organization only from the
// x-parley-organization header (no query parameter), and an assistant of a non-personal organization
// is not found without it. fetch also gets the client's silent session refresh. Events are best
// effort, so every (re)connect reads the list once, and a lost stream reconnects with backoff.
import { documentEventSchema, type DocumentEvent } from '../../lib/contracts';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { apiFetch, toApiError } from '../../api/client';
import { readEventStream } from '../../api/sse';
import { documentKeys } from './api';
import { patchDocument, type PagedDocuments } from './document-cache';

export type StreamState = 'connecting' | 'live' | 'reconnecting';

/** 1 s, 2 s, 4 s … up to 30 s, with jitter so many tabs do not return at the same moment. */
export function reconnectDelay(attempt: number, random = Math.random()): number {
  return Math.min(30_000, 1000 * 2 ** attempt) * (0.75 + random * 0.5);
}

export function applyDocumentEvent(queryClient: QueryClient, assistantId: string, event: DocumentEvent): void {
  const { document } = event;
  let found = false;
  for (const [key, data] of queryClient.getQueriesData<PagedDocuments>({ queryKey: documentKeys.lists(assistantId) })) {
    const patched = patchDocument(data, document.id, event.type === 'document.deleted' ? null : document);
    found ||= patched.found;
    if (patched.data !== data) queryClient.setQueryData(key, patched.data);
  }
  const finished = document.status === 'indexed' || document.status === 'failed';
  // A document added elsewhere (another tab, an API key, a crawl) is not listed yet; a finished one
  // has new pages, language and dates the event does not carry.
  if ((!found && event.type === 'document.updated') || finished)
    void queryClient.invalidateQueries({ queryKey: documentKeys.lists(assistantId) });
  void queryClient.invalidateQueries({ queryKey: documentKeys.counts(assistantId) });
  // Indexing replaces every passage (new ids): an open chunks drawer reads them again.
  if (event.type === 'document.updated' && finished)
    void queryClient.invalidateQueries({ queryKey: documentKeys.chunks(assistantId, document.id) });
}

export function useDocumentEvents(assistantId: string): StreamState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<StreamState>('connecting');

  useEffect(() => {
    const controller = new AbortController();
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setState('connecting');

    const connect = async () => {
      try {
        const res = await apiFetch(`assistants/${assistantId}/documents/events`, {
          headers: { accept: 'text/event-stream' },
          signal: controller.signal,
        });
        if (!res.ok || !res.body) throw await toApiError(res);
        attempt = 0;
        setState('live');
        void queryClient.invalidateQueries({ queryKey: documentKeys.all(assistantId) });
        await readEventStream(res.body, (frame) => {
          if (frame.event !== 'document.updated' && frame.event !== 'document.deleted') return;
          let payload: unknown;
          try {
            payload = JSON.parse(frame.data);
          } catch {
            return;
          }
          const parsed = documentEventSchema.safeParse(payload);
          if (parsed.success) applyDocumentEvent(queryClient, assistantId, parsed.data);
        });
      } catch {
        // Dropped, refused or unreachable: all the same to us, try again shortly.
      }
      if (controller.signal.aborted) return;
      setState('reconnecting');
      timer = setTimeout(() => void connect(), reconnectDelay(attempt++));
    };

    void connect();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [assistantId, queryClient]);

  return state;
}
