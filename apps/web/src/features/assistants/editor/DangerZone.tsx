// Editor section "Danger zone": deleting the assistant, confirmed by typing its name.
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import type { Assistant } from '@parley/contracts';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../lib/errors';
import { useDeleteAssistant } from '../api';
import { EditorSection } from './EditorSection';

export function DangerZone({ assistant, onDeleted }: { assistant: Assistant; onDeleted: () => void }) {
  const { t } = useTranslation('assistant');
  const errorMessage = useErrorMessage();
  const remove = useDeleteAssistant();
  const [opened, setOpened] = useState(false);
  const [typed, setTyped] = useState('');
  const matches = typed.trim() === assistant.name.trim();

  const close = () => {
    setOpened(false);
    setTyped('');
    remove.reset();
  };

  const confirm = () => {
    if (!matches) return;
    remove.mutate(assistant.id, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('danger.deleted', { name: assistant.name }) });
        onDeleted();
      },
    });
  };

  return (
    <EditorSection id="danger" title={t('danger.title')} tone="danger">
      <Group justify="space-between" align="center" gap="md" wrap="wrap">
        <Stack gap={2} style={{ flex: 1, minWidth: 240 }}>
          <Text fw={600} size="sm">
            {t('danger.deleteTitle')}
          </Text>
          <Text size="sm">{t('danger.deleteDescription')}</Text>
        </Stack>
        <Button
          color="red"
          variant="outline"
          leftSection={<IconTrash size={16} aria-hidden />}
          onClick={() => setOpened(true)}
          data-testid="editor-delete"
        >
          {t('danger.deleteButton')}
        </Button>
      </Group>
      <Modal
        opened={opened}
        onClose={close}
        title={t('danger.confirmTitle')}
        centered
        closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            // The modal sits in a portal, but React still bubbles its submit to the editor's form.
            e.stopPropagation();
            confirm();
          }}
        >
          <Stack>
            <Text size="sm">{t('danger.deleteDescription')}</Text>
            <TextInput
              label={t('danger.typeName', { name: assistant.name })}
              dir="auto"
              autoComplete="off"
              value={typed}
              onChange={(e) => setTyped(e.currentTarget.value)}
              data-autofocus
              data-testid="delete-confirm-name"
            />
            {remove.error && (
              <Alert color="red" role="alert">
                {errorMessage(remove.error)}
              </Alert>
            )}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>
                {t('common:actions.cancel')}
              </Button>
              <Button type="submit" color="red" disabled={!matches} loading={remove.isPending} data-testid="delete-confirm">
                {t('danger.confirmButton')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </EditorSection>
  );
}
