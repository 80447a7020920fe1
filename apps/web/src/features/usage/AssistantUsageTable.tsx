// Usage per assistant over the window: who is busy, what it costs in tokens, how fast and how reliable.
import { Table, Text } from '@mantine/core';
import type { UsageReport } from '@parley/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { useAssistants } from '../assistants/api';
import { cacheHitRate, isolate } from './usage-series';

export function AssistantUsageTable({ items }: { items: UsageReport['items'] }) {
  const { t } = useTranslation('usage');
  const format = useFormat();
  const assistants = useAssistants();
  const names = new Map(assistants.data?.items.map((a) => [a.id, a.name]));

  if (items.length === 0) return <Text size="sm">{t('byAssistant.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" highlightOnHover data-testid="usage-by-assistant">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('byAssistant.assistant')}</Table.Th>
            <Table.Th ta="end">{t('cards.messages')}</Table.Th>
            <Table.Th ta="end">{t('byAssistant.requests')}</Table.Th>
            <Table.Th ta="end">{t('cards.tokensIn')}</Table.Th>
            <Table.Th ta="end">{t('cards.tokensOut')}</Table.Th>
            <Table.Th ta="end">{t('cards.cacheHitRate')}</Table.Th>
            <Table.Th ta="end">{t('cards.errors')}</Table.Th>
            <Table.Th ta="end">{t('cards.p95Latency')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => {
            const name = names.get(item.key);
            const rate = cacheHitRate(item);
            return (
              <Table.Tr key={item.key} data-testid="usage-assistant-row">
                <Table.Td>
                  {name !== undefined ? (
                    <Text size="sm" fw={500}>
                      <span dir="auto">{name}</span>
                    </Text>
                  ) : (
                    <Text size="sm" fs="italic">
                      {t('byAssistant.deleted')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="end">{format.number(item.messages)}</Table.Td>
                <Table.Td ta="end">{format.number(item.requests)}</Table.Td>
                <Table.Td ta="end">{format.number(item.promptTokens)}</Table.Td>
                <Table.Td ta="end">{format.number(item.completionTokens)}</Table.Td>
                <Table.Td ta="end">{rate === null ? '—' : format.number(rate, { style: 'percent', maximumFractionDigits: 1 })}</Table.Td>
                <Table.Td ta="end">{format.number(item.errors)}</Table.Td>
                <Table.Td ta="end">{item.p95LatencyMs === null ? '—' : isolate(format.duration(item.p95LatencyMs))}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
