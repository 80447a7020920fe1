// A conversation's actions in the sidebar: rename, pin, archive, move to a folder, delete. Changes show
// at once and come back with a notice if the server refuses.
import { ActionIcon, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Folder } from '@parley/contracts';
import { IconArchive, IconArchiveOff, IconDots, IconFolderShare, IconPencil, IconPin, IconPinnedOff, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useErrorMessage } from '../../lib/errors';
import { useDeleteConversation, useUpdateConversation, type ConversationListItem, type ConversationPatch } from './api';
import { useTitleText } from './conversation-title';
import { ConfirmModal } from '../../components/ConfirmModal';
import { MoveModal, NameModal } from './dialogs';

interface ConversationMenuProps {
  conversation: ConversationListItem;
  folders: Folder[];
  active: boolean;
}

type Dialog = 'rename' | 'move' | 'delete' | null;

export function ConversationMenu({ conversation, folders, active }: ConversationMenuProps) {
  const { t } = useTranslation('chat');
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const update = useUpdateConversation();
  const remove = useDeleteConversation();
  const [dialog, setDialog] = useState<Dialog>(null);
  const title = useTitleText()(conversation);
  const close = () => setDialog(null);

  const onError = (error: unknown) => notifications.show({ color: 'red', title: t('menu.failed'), message: errorMessage(error) });
  const patch = (change: ConversationPatch) => update.mutate({ id: conversation.id, patch: change }, { onError });

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" size="sm" aria-label={t('menu.label', { title })} data-testid="conversation-menu">
            <IconDots size={16} aria-hidden />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item
            leftSection={<IconPencil size={16} aria-hidden />}
            onClick={() => setDialog('rename')}
            data-testid="conversation-rename"
          >
            {t('common:actions.rename')}
          </Menu.Item>
          <Menu.Item
            leftSection={conversation.pinned ? <IconPinnedOff size={16} aria-hidden /> : <IconPin size={16} aria-hidden />}
            onClick={() => patch({ pinned: !conversation.pinned })}
            data-testid="conversation-pin"
          >
            {conversation.pinned ? t('menu.unpin') : t('menu.pin')}
          </Menu.Item>
          <Menu.Item
            leftSection={conversation.archived ? <IconArchiveOff size={16} aria-hidden /> : <IconArchive size={16} aria-hidden />}
            onClick={() => patch({ archived: !conversation.archived })}
            data-testid="conversation-archive"
          >
            {conversation.archived ? t('menu.unarchive') : t('menu.archive')}
          </Menu.Item>
          <Menu.Item
            leftSection={<IconFolderShare size={16} aria-hidden />}
            onClick={() => setDialog('move')}
            data-testid="conversation-move"
          >
            {t('menu.move')}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item
            color="red"
            leftSection={<IconTrash size={16} aria-hidden />}
            onClick={() => setDialog('delete')}
            data-testid="conversation-delete"
          >
            {t('common:actions.delete')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>

      <NameModal
        opened={dialog === 'rename'}
        title={t('menu.renameTitle')}
        label={t('menu.titleLabel')}
        initial={title}
        maxLength={200}
        inputTestId="conversation-title-input"
        saveTestId="conversation-title-save"
        onClose={close}
        onSave={(title) => {
          close();
          patch({ title });
        }}
      />
      <MoveModal
        opened={dialog === 'move'}
        folders={folders}
        current={conversation.folderId}
        onClose={close}
        onMove={(folderId) => {
          close();
          patch({ folderId });
        }}
      />
      <ConfirmModal
        opened={dialog === 'delete'}
        title={t('menu.deleteTitle')}
        confirmLabel={t('common:actions.delete')}
        confirmTestId="conversation-delete-confirm"
        onClose={close}
        onConfirm={() => {
          close();
          remove.mutate(conversation.id, { onError });
          if (active) void navigate(`/assistants/${conversation.assistantId}/chat`, { replace: true });
        }}
      >
        <Text size="sm" fw={600} dir="auto">
          {title}
        </Text>
        <Text size="sm">{t('menu.deleteBody')}</Text>
      </ConfirmModal>
    </>
  );
}
