// Asks before a document is deleted with its passages: the assistant stops answering from it at once.
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { DocumentDto } from '@parley/contracts';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../lib/errors';
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
  const errorMessage = useErrorMessage();
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
    <Modal opened={opened} onClose={onClose} title={t('delete.title')} centered data-testid="delete-document-modal">
      <Stack gap="md">
        <Text fw={600} dir="auto" style={{ overflowWrap: 'anywhere' }}>
          {document?.title}
        </Text>
        <Text size="sm">{t('delete.body')}</Text>
        {remove.error && (
          <Alert color="red" role="alert">
            {errorMessage(remove.error)}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button color="red" onClick={confirm} loading={remove.isPending} data-testid="document-delete-confirm">
            {t('delete.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
