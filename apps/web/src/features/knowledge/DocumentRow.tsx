// One document of the table: what it is, where it came from, and its live status (a bar while it is
// queued or processing, the reason in plain words when it failed), with its actions in a menu.
import { ActionIcon, Anchor, Badge, Menu, Stack, Table, Text } from '@mantine/core';
import type { DocumentDto, DocumentStatus } from '@parley/contracts';
import { IconDots, IconListDetails, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { useFailureReason } from './failure-reason';
import { ProgressBar } from './ProgressBar';

export const STATUS_COLORS: Record<DocumentStatus, string> = {
  queued: 'gray',
  processing: 'blue',
  indexed: 'teal',
  failed: 'red',
};

export function DocumentRow({
  document,
  canManage,
  onViewChunks,
  onReindex,
  onDelete,
}: {
  document: DocumentDto;
  canManage: boolean;
  onViewChunks: () => void;
  onReindex: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation('knowledge');
  const format = useFormat();
  const failure = useFailureReason();
  const { source, status } = document;
  const size = source.type === 'url' ? null : source.sizeBytes;
  const origin = source.type === 'file' ? source.filename : source.type === 'url' ? source.url : null;
  const kind = document.kind ? t(`kind.${document.kind}`) : '—';
  const busy = status === 'queued' || status === 'processing';
  const percent = format.number(status === 'processing' ? document.progress : 0, { style: 'percent' });
  const reason = status === 'failed' ? failure(document.error, document.errorCode) : null;
  const passages = t('passages', { count: document.chunkCount, n: format.number(document.chunkCount) });

  return (
    <Table.Tr data-testid="document-row" data-status={status} data-document-id={document.id}>
      <Table.Td style={{ minWidth: 130, maxWidth: 360 }}>
        <Stack gap={2}>
          <Text size="sm" fw={500} dir="auto" lineClamp={2} data-testid="document-title">
            {document.title}
          </Text>
          {origin && origin !== document.title && (
            // One clamped line that may break anywhere: a nowrap line would widen the column to the whole URL.
            <Text size="xs" c="gray.7" dir="ltr" lineClamp={1} ta="start" title={origin} style={{ wordBreak: 'break-all' }}>
              {source.type === 'url' ? (
                <Anchor href={origin} target="_blank" rel="noopener noreferrer" size="xs" inherit>
                  {origin}
                </Anchor>
              ) : (
                origin
              )}
            </Text>
          )}
          <Text size="xs" c="gray.7" hiddenFrom="sm">
            {[document.kind && kind, size !== null ? format.bytes(size) : null, passages].filter(Boolean).join(' · ')}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td visibleFrom="sm">{kind}</Table.Td>
      <Table.Td visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>
        {size !== null ? format.bytes(size) : '—'}
      </Table.Td>
      <Table.Td visibleFrom="md">{document.pages !== null ? format.number(document.pages) : '—'}</Table.Td>
      <Table.Td visibleFrom="sm">{format.number(document.chunkCount)}</Table.Td>
      <Table.Td visibleFrom="md" style={{ whiteSpace: 'nowrap' }}>
        <time dateTime={document.createdAt} title={format.dateTime(document.createdAt)}>
          {format.relative(document.createdAt)}
        </time>
      </Table.Td>
      <Table.Td style={{ minWidth: 110 }}>
        <Stack gap={6}>
          <Badge color={STATUS_COLORS[status]} variant="dot" data-testid="document-status">
            {t(`status.${status}`)}
          </Badge>
          {busy && (
            <ProgressBar
              testId="document-progress"
              value={status === 'processing' ? document.progress * 100 : 0}
              active
              color={STATUS_COLORS[status]}
              label={t('table.progressLabel', { title: document.title })}
              valueText={status === 'processing' ? t('upload.phase.processing', { percent }) : t('upload.phase.queued')}
            />
          )}
          {reason && (
            <Text size="xs" c="red.8" data-testid="document-error" title={reason.detail ?? undefined} style={{ overflowWrap: 'anywhere' }}>
              {reason.text}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('row.actions', { title: document.title })}
              data-testid="document-actions"
            >
              <IconDots size={18} aria-hidden />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconListDetails size={16} aria-hidden />} onClick={onViewChunks} data-testid="document-view-chunks">
              {t('row.viewChunks')}
            </Menu.Item>
            {canManage && (
              <>
                <Menu.Item
                  leftSection={<IconRefresh size={16} aria-hidden />}
                  onClick={onReindex}
                  disabled={busy}
                  data-testid="document-reindex"
                >
                  {t('row.reindex')}
                </Menu.Item>
                <Menu.Divider />
                <Menu.Item color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={onDelete} data-testid="document-delete">
                  {t('row.delete')}
                </Menu.Item>
              </>
            )}
          </Menu.Dropdown>
        </Menu>
      </Table.Td>
    </Table.Tr>
  );
}
