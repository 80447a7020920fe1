// An assistant's API keys as server state: list (owners and admins only), create (the full key comes back
// once, in the create answer) and revoke.
import type { apiKeySchema, createApiKeyBodySchema, createdApiKeySchema } from '@parley/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client';

export type ApiKey = z.infer<typeof apiKeySchema>;
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;
export type CreateApiKeyBody = z.input<typeof createApiKeyBodySchema>;
export type ApiKeyKind = ApiKey['kind'];

export const apiKeyKeys = {
  list: (assistantId: string) => ['api-keys', assistantId] as const,
};

export function useApiKeys(assistantId: string, enabled: boolean) {
  return useQuery({
    queryKey: apiKeyKeys.list(assistantId),
    queryFn: ({ signal }) => api<{ items: ApiKey[] }>(`assistants/${assistantId}/api-keys`, { signal }),
    enabled,
  });
}

export function useCreateApiKey(assistantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiKeyBody) => api<CreatedApiKey>(`assistants/${assistantId}/api-keys`, { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: apiKeyKeys.list(assistantId) }),
  });
}

export function useRevokeApiKey(assistantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (keyId: string) => api<void>(`assistants/${assistantId}/api-keys/${keyId}`, { method: 'DELETE' }),
    onSuccess: (_, keyId) => {
      queryClient.setQueryData<{ items: ApiKey[] }>(apiKeyKeys.list(assistantId), (old) =>
        old ? { items: old.items.filter((k) => k.id !== keyId) } : old,
      );
      void queryClient.invalidateQueries({ queryKey: apiKeyKeys.list(assistantId) });
    },
  });
}

/** Whether this instance serves the website widget yet (it ships in a later release). */
export function useWidgetAvailable() {
  return useQuery({
    queryKey: ['widget-script'],
    queryFn: async () => {
      const res = await fetch('/widget.js', { method: 'HEAD' });
      // A single-page fallback answers HTML for unknown paths; only a script counts.
      return res.ok && (res.headers.get('content-type') ?? '').includes('javascript');
    },
    staleTime: Infinity,
    retry: false,
  });
}
