// One file of the upload queue: its name and size, one bar from the first byte sent to the indexed
// document, and why it stopped when it did (refused here, refused by the server, or failed to index).
import { ActionIcon, Group, Stack, Text } from '@mantine/core';
import type { DocumentDto } from '@parley/contracts';
import { IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useErrorMessage } from '../../lib/errors';
import { useFormat } from '../../lib/format';
import { useFailureReason } from './failure-reason';
import { ProgressBar } from './ProgressBar';
import { isFinished, rowView, type RowPhase, type UploadItem } from './upload-queue';

const COLORS: Record<RowPhase, string> = {
  waiting: 'gray',
  uploading: 'blue',
  queued: 'blue',
  processing: 'indigo',
  indexed: 'teal',
  failed: 'red',
  rejected: 'red',
};

export function UploadRow({
  item,
  live,
  onCancel,
  onDismiss,
}: {
  item: UploadItem;
  live: DocumentDto | undefined;
  onCancel: () => void;
  onDismiss: () => void;
}) {
  const { t } = useTranslation('knowledge');
  const format = useFormat();
  const errorText = useUploadErrorText();
  const failure = useFailureReason();
  const view = rowView(item, live);
  const percent = format.number(view.percent / 100, { style: 'percent' });
  const status = t(`upload.phase.${view.phase}`, { percent });

  let reason: string | null = null;
  if (item.rejection) {
    reason =
      item.rejection.reason === 'too_large'
        ? t('upload.rejected.tooLarge', { size: format.bytes(item.size), limit: format.bytes(item.rejection.limitBytes) })
        : t(`upload.rejected.${item.rejection.reason}`);
  } else if (item.state === 'error') reason = errorText(item.error);
  else if (view.phase === 'failed') reason = failure(view.documentError, view.documentErrorCode).text;

  const finished = isFinished(view);
  const name = item.name;
  return (
    <Stack gap={4} data-testid="upload-row" data-file-name={name} data-status={view.phase} role="listitem">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm" fw={500} dir="auto" truncate="end" style={{ minWidth: 0 }} title={name}>
          {name}
        </Text>
        <Group gap={6} wrap="nowrap">
          <Text size="xs" c="gray.7" style={{ whiteSpace: 'nowrap' }}>
            {format.bytes(item.size)}
          </Text>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            onClick={finished ? onDismiss : onCancel}
            aria-label={t(finished ? 'upload.dismiss' : 'upload.cancel', { name })}
          >
            <IconX size={14} aria-hidden />
          </ActionIcon>
        </Group>
      </Group>
      {view.phase !== 'rejected' && (
        <ProgressBar
          testId="upload-progress"
          value={view.percent}
          color={COLORS[view.phase]}
          active={view.phase === 'uploading' || view.phase === 'queued' || view.phase === 'processing'}
          label={t('upload.progressLabel', { name })}
          valueText={status}
        />
      )}
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Text size="xs" c={reason ? 'red.8' : undefined} role={reason ? 'alert' : undefined} data-testid="upload-status">
          {reason ? `${status}: ${reason}` : status}
        </Text>
        {item.document?.deduplicated && (
          <Text size="xs" c="gray.7">
            {t('upload.deduplicated')}
          </Text>
        )}
      </Group>
    </Stack>
  );
}

/** Why the server refused an upload, in plain words. */
function useUploadErrorText(): (error: unknown) => string {
  const { t } = useTranslation('knowledge');
  const format = useFormat();
  const message = useErrorMessage();
  return (error) => {
    if (error instanceof ApiError) {
      if (error.status === 413) {
        const limit = (error.details as { limitBytes?: unknown } | undefined)?.limitBytes;
        return typeof limit === 'number' ? t('upload.errors.tooLarge', { limit: format.bytes(limit) }) : t('upload.errors.tooLargeNoLimit');
      }
      if (error.status === 415) return t('upload.errors.type');
      if (error.status === 401) return t('upload.errors.session');
    }
    return message(error);
  };
}
