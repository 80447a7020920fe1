// The signed-in person, their organizations and the active one. The active organization travels as a
// header on every API request; switching it drops every cached answer of the previous one.
import type { MeResponse } from '@parley/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, getActiveOrganization, setActiveOrganization } from '../../api/client';

export const meQueryKey = ['me'] as const;

async function fetchMe(): Promise<MeResponse> {
  const me = await api<MeResponse>('auth/me');
  const current = getActiveOrganization();
  if (!current || !me.organizations.some((o) => o.id === current)) setActiveOrganization(me.activeOrganizationId);
  return me;
}

export const meQueryOptions = { queryKey: meQueryKey, queryFn: fetchMe, staleTime: 60_000, retry: false } as const;

export function useMe() {
  return useQuery(meQueryOptions);
}

export type Membership = MeResponse['organizations'][number];

/** The active organization and the caller's role in it (null before `me` has loaded). */
export function useActiveOrganization(): { organization: Membership | null; canManage: boolean } {
  const { data } = useMe();
  const id = getActiveOrganization() ?? data?.activeOrganizationId;
  const organization = data?.organizations.find((o) => o.id === id) ?? null;
  return { organization, canManage: organization?.role === 'owner' || organization?.role === 'admin' };
}

export function useSwitchOrganization(): (id: string) => void {
  const queryClient = useQueryClient();
  return useCallback(
    (id: string) => {
      setActiveOrganization(id);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
    [queryClient],
  );
}

export async function signOut(): Promise<void> {
  await api('auth/logout', { method: 'POST' }).catch(() => undefined);
  setActiveOrganization(null);
}
