// An assistant's inbox as server state: the conversations its website visitors (widget) and programs
// (API keys) had with it, page by page, one conversation's messages, and erasing a conversation.
// Owners and admins only: the server answers 403 to members, so callers do not ask for them.
import type { Message, conversationListSchema } from '@parley/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client';
import { nextOffset, withoutConversation } from './inbox-pages';

export type InboxConversationList = z.infer<typeof conversationListSchema>;
export type InboxConversation = InboxConversationList['items'][number];
/** The sources the inbox can filter on; `null` lists both. */
export type InboxSource = 'widget' | 'api';

export interface InboxFilter {
  source: InboxSource | null;
  q: string;
}

/** Conversations per request: a screenful or two, so the first answer comes quickly. */
export const INBOX_PAGE_SIZE = 30;

export const inboxKeys = {
  all: ['inbox'] as const,
  assistant: (assistantId: string) => [...inboxKeys.all, assistantId] as const,
  lists: (assistantId: string) => [...inboxKeys.assistant(assistantId), 'list'] as const,
  list: (assistantId: string, filter: InboxFilter) => [...inboxKeys.lists(assistantId), filter] as const,
  messages: (assistantId: string, conversationId: string) => [...inboxKeys.assistant(assistantId), 'messages', conversationId] as const,
};

export function useInboxConversations(assistantId: string, filter: InboxFilter, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: inboxKeys.list(assistantId, filter),
    queryFn: ({ signal, pageParam }) =>
      api<InboxConversationList>(`assistants/${assistantId}/conversations`, {
        query: { source: filter.source, q: filter.q.trim(), limit: INBOX_PAGE_SIZE, offset: pageParam },
        signal,
      }),
    initialPageParam: 0,
    getNextPageParam: (_last, pages) => nextOffset(pages),
    enabled,
    // While the filter or the search changes, the last list stays on screen (same assistant only).
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === assistantId ? previous : undefined),
  });
}

export function useInboxMessages(assistantId: string, conversationId: string | undefined) {
  return useQuery({
    queryKey: inboxKeys.messages(assistantId, conversationId ?? ''),
    queryFn: ({ signal }) => api<{ items: Message[] }>(`assistants/${assistantId}/conversations/${conversationId}/messages`, { signal }),
    enabled: Boolean(conversationId),
    // A visitor may be chatting right now: follow an answer being written until it ends.
    refetchInterval: (query) => (query.state.data?.items.some((m) => m.status === 'streaming') ? 3000 : false),
  });
}

export function useDeleteInboxConversation(assistantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (conversationId: string) => api<void>(`assistants/${assistantId}/conversations/${conversationId}`, { method: 'DELETE' }),
    onSuccess: (_, conversationId) => {
      // Gone from every loaded list at once; the lists are then fetched again for fresh totals.
      queryClient.setQueriesData<InfiniteData<InboxConversationList, number>>({ queryKey: inboxKeys.lists(assistantId) }, (data) =>
        data ? withoutConversation(data, conversationId) : data,
      );
      // Its messages are forgotten at once; emptied rather than removed, because removing them while the
      // transcript is still on screen would fetch them again (a 404).
      queryClient.setQueryData<{ items: Message[] }>(inboxKeys.messages(assistantId, conversationId), { items: [] });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.lists(assistantId) });
    },
  });
}

/** A conversation already loaded in one of the assistant's lists (for the transcript's heading). */
export function useLoadedConversation(assistantId: string, conversationId: string | undefined): InboxConversation | undefined {
  const queryClient = useQueryClient();
  if (!conversationId) return undefined;
  for (const [, data] of queryClient.getQueriesData<InfiniteData<InboxConversationList, number>>({
    queryKey: inboxKeys.lists(assistantId),
  })) {
    const found = data?.pages.flatMap((p) => p.items).find((c) => c.id === conversationId);
    if (found) return found;
  }
  return undefined;
}
