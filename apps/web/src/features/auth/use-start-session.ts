// What signing in and signing up share: send the request, then reload the signed-in person and go
// back to the page that asked for it (`?next=`, same-site paths only).
import type { SessionResponse } from '@parley/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { meQueryKey } from './session';

export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function useStartSession(request: () => Promise<SessionResponse>) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      void navigate(safeNext(params.get('next')), { replace: true });
    },
  });
}
