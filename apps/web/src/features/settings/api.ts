// Settings as server state: model providers, the instance's configuration, the active organization,
// its members and invitations. Keys carry the organization id where the path does not already.
import type {
  CreateProviderBody,
  createdInvitationSchema,
  createInvitationBodySchema,
  InstanceInfo,
  invitationSchema,
  memberSchema,
  Organization,
  Provider,
  providerModelsSchema,
  Role,
  updateProviderBodySchema,
} from '@parley/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client';
import { meQueryKey } from '../auth/session';

export type UpdateProviderBody = z.input<typeof updateProviderBodySchema>;
export type ProviderModels = z.infer<typeof providerModelsSchema>;
export type Member = z.infer<typeof memberSchema>;
export type Invitation = z.infer<typeof invitationSchema>;
export type CreatedInvitation = z.infer<typeof createdInvitationSchema>;
export type CreateInvitationBody = z.input<typeof createInvitationBodySchema>;

// --- providers ------------------------------------------------------------------------------------

const providerKeys = { list: ['providers'] as const };

export function useProviders() {
  return useQuery({
    queryKey: providerKeys.list,
    queryFn: ({ signal }) => api<{ items: Provider[] }>('providers', { signal }),
  });
}

export function useSaveProvider(id: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProviderBody | UpdateProviderBody) =>
      id ? api<Provider>(`providers/${id}`, { method: 'PATCH', body }) : api<Provider>('providers', { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: providerKeys.list }),
  });
}

export function useDeleteProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`providers/${id}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: providerKeys.list }),
  });
}

/** "Test connection": asks the provider for its models (502 provider_unreachable when it cannot). */
export function useTestProvider() {
  return useMutation({
    mutationFn: (id: string) => api<ProviderModels>(`providers/${id}/models`),
  });
}

// --- instance -------------------------------------------------------------------------------------

export function useInstanceInfo() {
  return useQuery({
    queryKey: ['instance'],
    queryFn: ({ signal }) => api<InstanceInfo>('instance', { signal }),
    staleTime: 5 * 60_000,
  });
}

// --- organization ---------------------------------------------------------------------------------

const orgKeys = {
  one: (orgId: string) => ['organization', orgId] as const,
  members: (orgId: string) => ['organization', orgId, 'members'] as const,
  invitations: (orgId: string) => ['organization', orgId, 'invitations'] as const,
};

export function useOrganization(orgId: string | undefined) {
  return useQuery({
    queryKey: orgKeys.one(orgId ?? ''),
    queryFn: ({ signal }) => api<Organization>(`organizations/${orgId}`, { signal }),
    enabled: Boolean(orgId),
  });
}

export function useRenameOrganization(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api<Organization>(`organizations/${orgId}`, { method: 'PATCH', body: { name } }),
    onSuccess: (org) => {
      queryClient.setQueryData(orgKeys.one(orgId), org);
      // The header's switcher shows the name from `me`.
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}

export function useCreateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api<Organization>('organizations', { method: 'POST', body: { name } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}

// --- members and invitations ----------------------------------------------------------------------

export function useMembers(orgId: string | undefined) {
  return useQuery({
    queryKey: orgKeys.members(orgId ?? ''),
    queryFn: ({ signal }) => api<{ items: Member[] }>(`organizations/${orgId}/members`, { signal }),
    enabled: Boolean(orgId),
  });
}

export function useChangeRole(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      api<Member>(`organizations/${orgId}/members/${userId}`, { method: 'PATCH', body: { role } }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: orgKeys.members(orgId) });
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}

export function useRemoveMember(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api<void>(`organizations/${orgId}/members/${userId}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: orgKeys.members(orgId) }),
  });
}

export function useInvitations(orgId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: orgKeys.invitations(orgId ?? ''),
    queryFn: ({ signal }) => api<{ items: Invitation[] }>(`organizations/${orgId}/invitations`, { signal }),
    enabled: Boolean(orgId) && enabled,
  });
}

export function useInvite(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInvitationBody) => api<CreatedInvitation>(`organizations/${orgId}/invitations`, { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: orgKeys.invitations(orgId) }),
  });
}

export function useRevokeInvitation(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => api<void>(`organizations/${orgId}/invitations/${invitationId}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: orgKeys.invitations(orgId) }),
  });
}
