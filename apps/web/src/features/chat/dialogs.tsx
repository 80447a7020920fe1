// The small dialogs of the sidebar: naming something (a conversation's title, a folder) and choosing a
// conversation's folder (deletes confirm with components/ConfirmModal). Each takes its test ids, which the end-to-end tests use.
import { Button, Group, Modal, Radio, Stack, Text, TextInput } from '@mantine/core';
import type { Folder } from '@parley/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MODAL_HEADER_NOT_A_BANNER } from '../../components/ConfirmModal';

interface NameModalProps {
  opened: boolean;
  title: string;
  label: string;
  initial: string;
  maxLength: number;
  error?: string;
  inputTestId: string;
  saveTestId: string;
  onClose: () => void;
  onSave: (name: string) => void;
}

export function NameModal({ opened, title, label, initial, maxLength, error, inputTestId, saveTestId, onClose, onSave }: NameModalProps) {
  const { t } = useTranslation('chat');
  const [value, setValue] = useState(initial);
  useEffect(() => {
    if (opened) setValue(initial);
  }, [opened, initial]);
  const trimmed = value.trim();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      attributes={MODAL_HEADER_NOT_A_BANNER}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (trimmed) onSave(trimmed);
        }}
      >
        <Stack gap="md">
          <TextInput
            label={label}
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            maxLength={maxLength}
            required
            error={error}
            dir="auto"
            data-autofocus
            data-testid={inputTestId}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" disabled={!trimmed} data-testid={saveTestId}>
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

interface MoveModalProps {
  opened: boolean;
  folders: Folder[];
  current: string | null;
  onClose: () => void;
  onMove: (folderId: string | null) => void;
}

const NO_FOLDER = 'none';

export function MoveModal({ opened, folders, current, onClose, onMove }: MoveModalProps) {
  const { t } = useTranslation('chat');
  const [choice, setChoice] = useState(current ?? NO_FOLDER);
  useEffect(() => {
    if (opened) setChoice(current ?? NO_FOLDER);
  }, [opened, current]);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('menu.moveTitle')}
      closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      attributes={MODAL_HEADER_NOT_A_BANNER}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onMove(choice === NO_FOLDER ? null : choice);
        }}
      >
        <Stack gap="md">
          <Radio.Group value={choice} onChange={setChoice} label={t('menu.moveLabel')}>
            <Stack gap="xs" mt="xs">
              <Radio value={NO_FOLDER} label={t('folders.none')} data-testid="folder-option" data-folder-id="" />
              {folders.map((f) => (
                <Radio key={f.id} value={f.id} label={<span dir="auto">{f.name}</span>} data-testid="folder-option" data-folder-id={f.id} />
              ))}
            </Stack>
          </Radio.Group>
          {folders.length === 0 && (
            <Text size="sm" c="gray.7">
              {t('folders.noneYet')}
            </Text>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" data-testid="conversation-move-save">
              {t('menu.moveSave')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
