// Conversations, their messages, folders and answer feedback as server state. Renames, pins, archiving,
// moves, deletes and ratings show at once (optimistic) and roll back if the server refuses.
import type {
  Conversation,
  Folder,
  Message,
  MessageFeedbackBody,
  conversationListSchema,
  updateConversationBodySchema,
} from '@parley/contracts';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client';

export type ConversationListItem = z.infer<typeof conversationListSchema>['items'][number];
export type ConversationList = z.infer<typeof conversationListSchema>;
export type ConversationPatch = z.input<typeof updateConversationBodySchema>;

export interface ConversationListParams {
  assistantId: string;
  archived: boolean;
  q?: string;
}

export const chatKeys = {
  all: ['chat'] as const,
  lists: () => [...chatKeys.all, 'conversations'] as const,
  list: (params: ConversationListParams) => [...chatKeys.lists(), params] as const,
  conversation: (id: string) => [...chatKeys.all, 'conversation', id] as const,
  messages: (id: string) => [...chatKeys.all, 'messages', id] as const,
  folders: () => [...chatKeys.all, 'folders'] as const,
};

/** How many conversations the sidebar lists at most (the API's own ceiling). */
const LIST_LIMIT = 200;

export function useConversations(params: ConversationListParams, enabled = true) {
  return useQuery({
    queryKey: chatKeys.list(params),
    queryFn: ({ signal }) =>
      api<ConversationList>('conversations', {
        query: { assistantId: params.assistantId, archived: params.archived, q: params.q, limit: LIST_LIMIT },
        signal,
      }),
    enabled,
    // While a search or the archive switch changes, the last list stays on screen (same assistant only).
    placeholderData: (previous, previousQuery) =>
      (previousQuery?.queryKey[2] as ConversationListParams | undefined)?.assistantId === params.assistantId ? previous : undefined,
  });
}

export function useConversation(id: string | undefined) {
  const queryClient = useQueryClient();
  return useQuery<Conversation>({
    queryKey: chatKeys.conversation(id ?? ''),
    queryFn: ({ signal }) => api<Conversation>(`conversations/${id}`, { signal }),
    enabled: Boolean(id),
    // The sidebar usually has it already: show that while the fresh copy loads.
    placeholderData: () => (id ? findInLists(queryClient, id) : undefined),
  });
}

function findInLists(queryClient: QueryClient, id: string): Conversation | undefined {
  for (const [, list] of queryClient.getQueriesData<ConversationList>({ queryKey: chatKeys.lists() })) {
    const found = list?.items.find((c) => c.id === id);
    if (found) return found;
  }
  return undefined;
}

export function useMessages(conversationId: string | undefined, poll: boolean) {
  return useQuery({
    queryKey: chatKeys.messages(conversationId ?? ''),
    queryFn: ({ signal }) => api<{ items: Message[] }>(`conversations/${conversationId}/messages`, { signal }),
    enabled: Boolean(conversationId),
    // An answer written elsewhere (another tab, an earlier visit) is followed until it ends.
    refetchInterval: (query) => (poll && query.state.data?.items.some((m) => m.status === 'streaming') ? 2000 : false),
  });
}

export function useCreateConversation(assistantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { folderId?: string | null } = {}) =>
      api<Conversation>(`assistants/${assistantId}/conversations`, { method: 'POST', body }),
    onSuccess: (conversation) => {
      queryClient.setQueryData(chatKeys.conversation(conversation.id), conversation);
      queryClient.setQueryData(chatKeys.messages(conversation.id), { items: [] });
      void queryClient.invalidateQueries({ queryKey: chatKeys.lists() });
    },
  });
}

type ListSnapshot = [readonly unknown[], ConversationList | undefined][];

/** Applies a change to every cached list: moved out of lists it no longer belongs to, pinned first. */
function patchLists(queryClient: QueryClient, id: string, patch: ConversationPatch | 'delete'): ListSnapshot {
  const snapshot = queryClient.getQueriesData<ConversationList>({ queryKey: chatKeys.lists() });
  const original = findInLists(queryClient, id);
  for (const [key, list] of snapshot) {
    if (!list) continue;
    const params = key[2] as ConversationListParams | undefined;
    let items: ConversationListItem[] = list.items;
    if (patch === 'delete') items = items.filter((c) => c.id !== id);
    else {
      const belongs = patch.archived === undefined || params?.archived === patch.archived;
      const present = items.some((c) => c.id === id);
      if (!belongs) items = items.filter((c) => c.id !== id);
      else if (present) items = items.map((c) => (c.id === id ? { ...c, ...patch } : c));
      else if (original && !params?.q) items = [{ ...original, ...patch, snippet: null }, ...items];
      if (items !== list.items) items = [...items].sort((a, b) => Number(b.pinned) - Number(a.pinned));
    }
    if (items !== list.items)
      queryClient.setQueryData<ConversationList>(key, { ...list, items, total: list.total + (items.length - list.items.length) });
  }
  return snapshot;
}

function restore(queryClient: QueryClient, snapshot: ListSnapshot | undefined): void {
  for (const [key, list] of snapshot ?? []) queryClient.setQueryData(key, list);
}

export function useUpdateConversation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: ConversationPatch }) =>
      api<Conversation>(`conversations/${id}`, { method: 'PATCH', body: patch }),
    onMutate: async ({ id, patch }) => {
      await queryClient.cancelQueries({ queryKey: chatKeys.lists() });
      const previous = queryClient.getQueryData<Conversation>(chatKeys.conversation(id));
      if (previous) queryClient.setQueryData<Conversation>(chatKeys.conversation(id), { ...previous, ...patch });
      return { snapshot: patchLists(queryClient, id, patch), previous };
    },
    onError: (_error, { id }, context) => {
      restore(queryClient, context?.snapshot);
      if (context?.previous) queryClient.setQueryData(chatKeys.conversation(id), context.previous);
    },
    onSuccess: (conversation) => queryClient.setQueryData(chatKeys.conversation(conversation.id), conversation),
    onSettled: () => queryClient.invalidateQueries({ queryKey: chatKeys.lists() }),
  });
}

export function useDeleteConversation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`conversations/${id}`, { method: 'DELETE' }),
    onMutate: async (id) => {
      await queryClient.cancelQueries({ queryKey: chatKeys.lists() });
      return { snapshot: patchLists(queryClient, id, 'delete') };
    },
    onError: (_error, _id, context) => restore(queryClient, context?.snapshot),
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: chatKeys.conversation(id) });
      queryClient.removeQueries({ queryKey: chatKeys.messages(id) });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: chatKeys.lists() }),
  });
}

/** A title the server gave a conversation (the stream's `title` event): shown everywhere at once. */
export function applyTitle(queryClient: QueryClient, id: string, title: string): void {
  const current = queryClient.getQueryData<Conversation>(chatKeys.conversation(id));
  if (current) queryClient.setQueryData<Conversation>(chatKeys.conversation(id), { ...current, title, titled: true });
  for (const [key, list] of queryClient.getQueriesData<ConversationList>({ queryKey: chatKeys.lists() })) {
    if (list?.items.some((c) => c.id === id))
      queryClient.setQueryData<ConversationList>(key, {
        ...list,
        items: list.items.map((c) => (c.id === id ? { ...c, title, titled: true } : c)),
      });
  }
}

export function cancelAnswer(conversationId: string, messageId: string): Promise<void> {
  return api<void>(`conversations/${conversationId}/messages/${messageId}/cancel`, { method: 'POST' });
}

export function useSetFeedback(conversationId: string) {
  const queryClient = useQueryClient();
  const key = chatKeys.messages(conversationId);
  const replace = (message: Pick<Message, 'id'> & Partial<Message>) =>
    queryClient.setQueryData<{ items: Message[] }>(key, (data) =>
      data ? { items: data.items.map((m) => (m.id === message.id ? { ...m, ...message } : m)) } : data,
    );
  return useMutation({
    mutationFn: ({ messageId, body }: { messageId: string; body: MessageFeedbackBody }) =>
      api<Message>(`conversations/${conversationId}/messages/${messageId}/feedback`, { method: 'PUT', body }),
    onMutate: async ({ messageId, body }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<{ items: Message[] }>(key);
      const old = previous?.items.find((m) => m.id === messageId)?.feedback;
      replace({
        id: messageId,
        feedback: { rating: body.rating, comment: body.comment ?? old?.comment ?? null, updatedAt: new Date().toISOString() },
      });
      return { previous };
    },
    onError: (_error, _vars, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSuccess: (message) => replace(message),
  });
}

// --- folders ---------------------------------------------------------------------------------------

export function useFolders() {
  return useQuery({
    queryKey: chatKeys.folders(),
    queryFn: ({ signal }) => api<{ items: Folder[] }>('folders', { signal }),
  });
}

export function useCreateFolder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api<Folder>('folders', { method: 'POST', body: { name } }),
    onSuccess: (folder) =>
      queryClient.setQueryData<{ items: Folder[] }>(chatKeys.folders(), (data) => ({ items: [...(data?.items ?? []), folder] })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: chatKeys.folders() }),
  });
}

export function useRenameFolder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) => api<Folder>(`folders/${id}`, { method: 'PATCH', body: { name } }),
    onSuccess: (folder) =>
      queryClient.setQueryData<{ items: Folder[] }>(chatKeys.folders(), (data) =>
        data ? { items: data.items.map((f) => (f.id === folder.id ? folder : f)) } : data,
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: chatKeys.folders() }),
  });
}

export function useDeleteFolder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`folders/${id}`, { method: 'DELETE' }),
    onSuccess: (_data, id) => {
      queryClient.setQueryData<{ items: Folder[] }>(chatKeys.folders(), (data) =>
        data ? { items: data.items.filter((f) => f.id !== id) } : data,
      );
      // Its conversations are now in no folder.
      void queryClient.invalidateQueries({ queryKey: chatKeys.lists() });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: chatKeys.folders() }),
  });
}
