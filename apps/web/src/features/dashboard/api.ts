// The dashboard's figures per assistant (documents, recent conversations and messages), as server state.
import type { Dashboard } from '@parley/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

export type AssistantFigures = Dashboard['items'][number];

export const dashboardKeys = {
  summary: () => ['dashboard'] as const,
};

/** Figures keyed by assistant id, so each card finds its own in O(1). */
export function useDashboardFigures() {
  return useQuery({
    queryKey: dashboardKeys.summary(),
    queryFn: ({ signal }) => api<Dashboard>('dashboard', { signal }),
    select: (data) => new Map(data.items.map((item) => [item.assistantId, item])),
    // Fresh on every visit: an assistant created a moment ago must not show blank figures.
    staleTime: 0,
  });
}
