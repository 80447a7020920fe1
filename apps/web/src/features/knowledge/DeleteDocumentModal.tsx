// Asks before a document is deleted with its passages: the assistant stops answering from it at once.
import { Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { DocumentDto } from '@parley/contracts';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/ConfirmModal';
import { useDeleteDocument } from './api';

export function DeleteDocumentModal({
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
  const remove = useDeleteDocument(assistantId);
  const { reset } = remove;

  // A failure shown for one document must not greet the next.
  useEffect(() => {
    if (opened) reset();
  }, [opened, reset]);

  const confirm = () => {
    if (!document) return;
    remove.mutate(document.id, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('delete.done', { title: document.title }) });
        onClose();
      },
    });
  };

  return (
    <ConfirmModal
      opened={opened}
      onClose={onClose}
      title={t('delete.title')}
      confirmLabel={t('delete.confirm')}
      confirmTestId="document-delete-confirm"
      onConfirm={confirm}
      loading={remove.isPending}
      error={remove.error}
    >
      <Stack gap="xs">
        <Text fw={600} dir="auto" style={{ overflowWrap: 'anywhere' }}>
          {document?.title}
        </Text>
        <Text size="sm">{t('delete.body')}</Text>
      </Stack>
    </ConfirmModal>
  );
}
