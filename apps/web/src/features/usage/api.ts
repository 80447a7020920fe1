// The organization's usage report as server state, one query per window, assistant and grouping.
import type { UsageReport, usageQuerySchema } from '@parley/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client';

export type UsageQuery = z.input<typeof usageQuerySchema>;

export function useUsageReport(query: UsageQuery) {
  return useQuery({
    queryKey: ['usage', query],
    queryFn: ({ signal }) => api<UsageReport>('usage', { query: { ...query }, signal }),
    // Switching the period or the assistant keeps the last figures on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}
