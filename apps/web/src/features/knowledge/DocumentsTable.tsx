// The assistant's documents: search by title and filter by status (in the browser while every document
// is loaded, by the server beyond one page), one live row each, and the chunks drawer and delete
// confirmation their menus open.
import { Button, Group, Select, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { DocumentDto, DocumentStatus } from '@parley/contracts';
import { IconFiles, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useErrorMessage } from '../../lib/errors';
import { useFormat } from '../../lib/format';
import { useDocumentPages, useReindexDocument, type ServerFilters } from './api';
import { ChunksDrawer } from './ChunksDrawer';
import { DeleteDocumentModal } from './DeleteDocumentModal';
import { flattenDocuments } from './document-cache';
import { DocumentRow } from './DocumentRow';

const STATUSES: DocumentStatus[] = ['queued', 'processing', 'indexed', 'failed'];

const fold = (s: string) => s.normalize('NFKC').toLocaleLowerCase();

export function matchesFilters(document: DocumentDto, q: string, status: DocumentStatus | null): boolean {
  if (status && document.status !== status) return false;
  if (!q) return true;
  const needle = fold(q);
  const source = document.source.type === 'file' ? document.source.filename : document.source.type === 'url' ? document.source.url : '';
  return fold(document.title).includes(needle) || fold(source).includes(needle);
}

export function DocumentsTable({
  assistantId,
  allLoaded,
  canManage,
  onBrowse,
}: {
  assistantId: string;
  /** Every document fits in the first page: filter here rather than ask the server. */
  allLoaded: boolean;
  canManage: boolean;
  onBrowse: () => void;
}) {
  const { t } = useTranslation('knowledge');
  const format = useFormat();
  const errorMessage = useErrorMessage();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<DocumentStatus | null>(null);
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const serverFilters: ServerFilters = allLoaded ? {} : { ...(debouncedQ ? { q: debouncedQ } : {}), ...(status ? { status } : {}) };
  const list = useDocumentPages(assistantId, serverFilters);
  const reindex = useReindexDocument(assistantId);
  // The document stays set while the drawer or modal animates closed, so its title does not blink out.
  const [chunksOf, setChunksOf] = useState<DocumentDto | null>(null);
  const [chunksOpen, setChunksOpen] = useState(false);
  const [toDelete, setToDelete] = useState<DocumentDto | null>(null);
  const [deleteOpen, setDeleteOpen] = useState(false);

  const loaded = useMemo(() => flattenDocuments(list.data), [list.data]);
  const documents = useMemo(
    () => (allLoaded ? loaded.filter((d) => matchesFilters(d, q.trim(), status)) : loaded),
    [allLoaded, loaded, q, status],
  );
  const total = list.data?.pages[0]?.total ?? 0;
  const filtering = Boolean(q.trim() || status);

  const startReindex = (document: DocumentDto) =>
    reindex.mutate(document.id, {
      onSuccess: () => notifications.show({ color: 'blue', message: t('row.reindexed', { title: document.title }) }),
      onError: (error) =>
        notifications.show({
          color: 'red',
          message:
            error instanceof ApiError && error.code === 'document_in_progress' ? t('errors.documentInProgress') : errorMessage(error),
        }),
    });

  const filters = (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        label={t('table.search')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        dir="auto"
        type="search"
        style={{ flex: '1 1 220px' }}
        data-testid="documents-search"
      />
      <Select
        label={t('table.status')}
        data={[{ value: 'all', label: t('table.allStatuses') }, ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
        value={status ?? 'all'}
        onChange={(v) => setStatus(v && v !== 'all' ? (v as DocumentStatus) : null)}
        allowDeselect={false}
        w={200}
        data-testid="documents-status-filter"
      />
    </Group>
  );

  let body;
  if (list.isPending) body = <LoadingState />;
  else if (list.error) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (total === 0 && !filtering)
    body = (
      <EmptyState
        icon={<IconFiles size={26} />}
        title={t('table.empty.title')}
        description={t(canManage ? 'table.empty.description' : 'table.empty.readOnly')}
        action={
          canManage && (
            <Button variant="light" onClick={onBrowse}>
              {t('upload.browse')}
            </Button>
          )
        }
      />
    );
  else if (documents.length === 0)
    body = (
      <EmptyState
        icon={<IconSearch size={26} />}
        title={t('table.noMatch.title')}
        description={t('table.noMatch.description')}
        action={
          <Button
            variant="light"
            onClick={() => {
              setQ('');
              setStatus(null);
            }}
          >
            {t('table.noMatch.clear')}
          </Button>
        }
      />
    );
  else
    body = (
      <Stack gap="xs">
        <Table.ScrollContainer minWidth={320}>
          <Table verticalSpacing="sm" highlightOnHover data-testid="documents-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('table.columns.title')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('table.columns.kind')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('table.columns.size')}</Table.Th>
                <Table.Th visibleFrom="md">{t('table.columns.pages')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('table.columns.chunks')}</Table.Th>
                <Table.Th visibleFrom="md">{t('table.columns.added')}</Table.Th>
                <Table.Th>{t('table.columns.status')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('table.columns.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {documents.map((document) => (
                <DocumentRow
                  key={document.id}
                  document={document}
                  canManage={canManage}
                  onViewChunks={() => {
                    setChunksOf(document);
                    setChunksOpen(true);
                  }}
                  onReindex={() => startReindex(document)}
                  onDelete={() => {
                    setToDelete(document);
                    setDeleteOpen(true);
                  }}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group justify="space-between" gap="xs">
          <Text size="sm" c="gray.7" aria-live="polite">
            {t('table.showing', {
              shown: format.number(documents.length),
              total: format.number(allLoaded ? (filtering ? loaded.length : total) : total),
            })}
          </Text>
          {list.hasNextPage && (
            <Button variant="default" size="xs" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t('table.loadMore')}
            </Button>
          )}
        </Group>
      </Stack>
    );

  return (
    <Stack gap="md">
      {filters}
      {body}
      <ChunksDrawer assistantId={assistantId} document={chunksOf} opened={chunksOpen} onClose={() => setChunksOpen(false)} />
      <DeleteDocumentModal assistantId={assistantId} document={toDelete} opened={deleteOpen} onClose={() => setDeleteOpen(false)} />
    </Stack>
  );
}
