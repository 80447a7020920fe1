// The strip at the top of the knowledge page: how many documents, and how many indexed, in progress and failed.
import { Paper, SimpleGrid, Skeleton, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';

export interface KnowledgeCounts {
  documents: number;
  indexed: number;
  processing: number;
  failed: number;
}

const ITEMS = [
  { key: 'documents', color: undefined },
  { key: 'indexed', color: 'teal.8' },
  { key: 'processing', color: 'blue.8' },
  { key: 'failed', color: 'red.8' },
] as const;

export function KnowledgeSummary({ counts }: { counts: KnowledgeCounts | null }) {
  const { t } = useTranslation('knowledge');
  const format = useFormat();
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" component="dl" m={0} data-testid="knowledge-summary">
      {ITEMS.map(({ key, color }) => (
        <Paper key={key} withBorder radius="md" p="sm" data-testid={`summary-${key}`}>
          <Text component="dt" size="xs" c="gray.7" tt="uppercase" fw={600}>
            {t(`summary.${key}`)}
          </Text>
          <Text component="dd" m={0} fz="xl" fw={700} c={counts && counts[key] > 0 ? color : undefined}>
            {counts ? format.number(counts[key]) : <Skeleton height={24} width={40} mt={4} />}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
