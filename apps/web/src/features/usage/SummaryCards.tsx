// The window's totals at a glance: messages, tokens in and out, cache hit rate, errors, p95 latency.
import { Paper, SimpleGrid, Text } from '@mantine/core';
import type { UsageReport } from '@parley/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { cacheHitRate, isolate } from './usage-series';

export function SummaryCards({ totals }: { totals: UsageReport['totals'] }) {
  const { t } = useTranslation('usage');
  const format = useFormat();
  const rate = cacheHitRate(totals);
  const cards = [
    { id: 'messages', label: t('cards.messages'), value: format.number(totals.messages), hint: t('cards.messagesHint') },
    {
      id: 'tokens-in',
      label: t('cards.tokensIn'),
      value: format.number(totals.promptTokens, { notation: 'compact', maximumFractionDigits: 1 }),
      hint: t('cards.tokensInHint'),
    },
    {
      id: 'tokens-out',
      label: t('cards.tokensOut'),
      value: format.number(totals.completionTokens, { notation: 'compact', maximumFractionDigits: 1 }),
      hint: t('cards.tokensOutHint'),
    },
    {
      id: 'cache',
      label: t('cards.cacheHitRate'),
      value: rate === null ? '—' : format.number(rate, { style: 'percent', maximumFractionDigits: 1 }),
      hint: t('cards.cacheHint', { count: totals.cachedRequests, cached: format.number(totals.cachedRequests) }),
    },
    {
      id: 'errors',
      label: t('cards.errors'),
      value: format.number(totals.errors),
      hint: t('cards.errorsHint', { count: totals.requests, requests: format.number(totals.requests) }),
    },
    {
      id: 'latency',
      label: t('cards.p95Latency'),
      value: totals.p95LatencyMs === null ? '—' : isolate(format.duration(totals.p95LatencyMs)),
      hint:
        totals.p50LatencyMs === null ? t('cards.noLatency') : t('cards.median', { value: isolate(format.duration(totals.p50LatencyMs)) }),
    },
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
      {cards.map((card) => (
        <Paper key={card.id} withBorder p="md" data-testid={`usage-card-${card.id}`}>
          <Text size="sm" c="dimmed" fw={500}>
            {card.label}
          </Text>
          <Text fz={26} fw={700} lh={1.3} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {card.value}
          </Text>
          <Text size="xs" c="dimmed">
            {card.hint}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
