// Assistants as server state: list, one, create, change, delete. Other features read the assistant
// through useAssistant so they share one cached copy.
import type { Assistant, CreateAssistantBody, UpdateAssistantBody } from '@parley/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export const assistantKeys = {
  all: ['assistants'] as const,
  list: () => [...assistantKeys.all, 'list'] as const,
  one: (id: string) => [...assistantKeys.all, 'one', id] as const,
};

export function useAssistants() {
  return useQuery({
    queryKey: assistantKeys.list(),
    queryFn: ({ signal }) => api<{ items: Assistant[]; total: number }>('assistants', { query: { limit: 200 }, signal }),
  });
}

export function useAssistant(id: string | undefined) {
  return useQuery({
    queryKey: assistantKeys.one(id ?? ''),
    queryFn: ({ signal }) => api<Assistant>(`assistants/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

export function useCreateAssistant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAssistantBody) => api<Assistant>('assistants', { method: 'POST', body }),
    onSuccess: (assistant) => {
      queryClient.setQueryData(assistantKeys.one(assistant.id), assistant);
      void queryClient.invalidateQueries({ queryKey: assistantKeys.list() });
    },
  });
}

export function useUpdateAssistant(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateAssistantBody) => api<Assistant>(`assistants/${id}`, { method: 'PATCH', body }),
    onSuccess: (assistant) => {
      queryClient.setQueryData(assistantKeys.one(id), assistant);
      void queryClient.invalidateQueries({ queryKey: assistantKeys.list() });
    },
  });
}

export function useDeleteAssistant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`assistants/${id}`, { method: 'DELETE' }),
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: assistantKeys.one(id) });
      void queryClient.invalidateQueries({ queryKey: assistantKeys.list() });
    },
  });
}
