// Pages behind sign-in: waits for the session, sends a signed-out visitor to /sign-in (and back after).
import { Center } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, onUnauthenticated } from '../../api/client';
import { ErrorState, LoadingState } from '../../components/states';
import { useMe } from './session';

export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  useEffect(
    () =>
      onUnauthenticated(() => {
        queryClient.clear();
        void navigate(`/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`, { replace: true });
      }),
    [navigate, queryClient],
  );

  if (me.isPending) return <LoadingState />;
  if (me.error instanceof ApiError && me.error.status === 401) {
    return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  if (me.error)
    return (
      <Center p="xl">
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </Center>
    );
  return children;
}
