// Model providers and what the instance runs with, as server state for the assistant's model settings.
// The instance provider is listed with the id "instance" but stored on an assistant as providerId null.
import type { InstanceInfo, Provider, providerModelsSchema } from '@parley/contracts';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client';

export const INSTANCE_PROVIDER_ID = 'instance';

export const providerKeys = {
  list: () => ['providers', 'list'] as const,
  models: (id: string) => ['providers', 'models', id] as const,
  instance: () => ['instance'] as const,
};

/** The id used in the API path for an assistant's providerId (null = the instance provider). */
export function providerPathId(providerId: string | null): string {
  return providerId ?? INSTANCE_PROVIDER_ID;
}

/** The assistant-side reference for a provider listed by the API. */
export function providerRef(provider: Pick<Provider, 'id'>): string | null {
  return provider.id === INSTANCE_PROVIDER_ID ? null : provider.id;
}

export function useProviders() {
  return useQuery({
    queryKey: providerKeys.list(),
    queryFn: ({ signal }) => api<{ items: Provider[] }>('providers', { signal }),
    select: (data) => data.items,
  });
}

export type ProviderModel = z.infer<typeof providerModelsSchema>['items'][number];

/** The models a provider's server lists; a 502 (server down) is shown, not retried. */
export function useProviderModels(providerId: string | null, enabled = true) {
  const id = providerPathId(providerId);
  return useQuery({
    queryKey: providerKeys.models(id),
    queryFn: ({ signal }) => api<{ items: ProviderModel[] }>(`providers/${encodeURIComponent(id)}/models`, { signal }),
    select: (data) => data.items.map((m) => m.id).sort((a, b) => a.localeCompare(b)),
    enabled,
    retry: false,
    staleTime: 60_000,
  });
}

export function useInstanceInfo() {
  return useQuery({
    queryKey: providerKeys.instance(),
    queryFn: ({ signal }) => api<InstanceInfo>('instance', { signal }),
    staleTime: 5 * 60_000,
  });
}
