// The passages of one document in order, as the chunker cut them and the assistant quotes them: page,
// section and text, fifty at a time.
import { Badge, Button, Drawer, Group, Paper, Stack, Text } from '@mantine/core';
import type { DocumentChunk, DocumentDto } from '@parley/contracts';
import { IconListDetails } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useFormat, type Formatters } from '../../lib/format';
import { useDocumentChunks } from './api';

/** "Page 4" or "Pages 4–5", or null for formats without pages. */
export function usePageLabel(): (page: number | null, pageEnd?: number | null) => string | null {
  const { t } = useTranslation('knowledge');
  const format = useFormat();
  return (page, pageEnd) => {
    if (page === null) return null;
    if (pageEnd !== null && pageEnd !== undefined && pageEnd !== page)
      return t('chunks.pages', { from: format.number(page), to: format.number(pageEnd) });
    return t('chunks.page', { page: format.number(page) });
  };
}

export function ChunksDrawer({
  assistantId,
  document,
  opened,
  onClose,
}: {
  assistantId: string;
  document: DocumentDto | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('knowledge');
  const format = useFormat();
  const chunks = useDocumentChunks(assistantId, opened && document ? document.id : null);
  const items = chunks.data?.pages.flatMap((p) => p.items) ?? [];
  const total = chunks.data?.pages[0]?.total ?? 0;

  let body;
  if (chunks.isPending) body = <LoadingState />;
  else if (chunks.error) body = <ErrorState error={chunks.error} onRetry={() => void chunks.refetch()} />;
  else if (items.length === 0)
    body = (
      <EmptyState
        icon={<IconListDetails size={26} />}
        title={t('chunks.empty.title')}
        description={t(document?.status === 'indexed' ? 'chunks.empty.indexed' : 'chunks.empty.description')}
      />
    );
  else
    body = (
      <Stack gap="sm">
        <Text size="sm" c="gray.7">
          {t('passages', { count: total, n: format.number(total) })}
        </Text>
        <Stack gap="sm" component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
          {items.map((chunk) => (
            <ChunkItem key={chunk.id} chunk={chunk} format={format} />
          ))}
        </Stack>
        {chunks.hasNextPage && (
          <Button variant="default" onClick={() => void chunks.fetchNextPage()} loading={chunks.isFetchingNextPage}>
            {t('chunks.loadMore')}
          </Button>
        )}
      </Stack>
    );

  // Compound parts, so the test id sits on the visible panel rather than on the zero-size root.
  // "right" is Mantine's end side: the drawer comes from the left in right-to-left layouts.
  return (
    <Drawer.Root opened={opened} onClose={onClose} position="right" size="min(100%, 40rem)">
      <Drawer.Overlay />
      <Drawer.Content data-testid="chunks-drawer">
        <Drawer.Header>
          <Drawer.Title>
            <Text fw={600} component="span" display="block">
              {t('chunks.title')}
            </Text>
            <Text size="sm" c="gray.7" dir="auto" lineClamp={2} component="span">
              {document?.title}
            </Text>
          </Drawer.Title>
          <Drawer.CloseButton aria-label={t('common:actions.close')} />
        </Drawer.Header>
        <Drawer.Body>{body}</Drawer.Body>
      </Drawer.Content>
    </Drawer.Root>
  );
}

function ChunkItem({ chunk, format }: { chunk: DocumentChunk; format: Formatters }) {
  const { t } = useTranslation('knowledge');
  const pageLabel = usePageLabel()(chunk.page, chunk.pageEnd);
  const section = chunk.headingPath.join(' › ');
  return (
    <Paper component="li" withBorder p="sm" radius="md" data-testid="chunk-item" data-ordinal={chunk.ordinal}>
      <Group gap="xs" mb={6} wrap="wrap">
        <Badge variant="light" color="gray">
          {t('chunks.passage', { n: format.number(chunk.ordinal + 1) })}
        </Badge>
        {pageLabel && (
          <Text size="xs" c="gray.7">
            {pageLabel}
          </Text>
        )}
        <Text size="xs" c="gray.7">
          {t('chunks.tokens', { count: chunk.tokens, n: format.number(chunk.tokens) })}
        </Text>
      </Group>
      {section && (
        <Text size="xs" fw={600} dir="auto" mb={4} data-testid="chunk-section">
          {section}
        </Text>
      )}
      <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {chunk.content}
      </Text>
    </Paper>
  );
}
