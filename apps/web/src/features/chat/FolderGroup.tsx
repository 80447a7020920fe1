// A folder in the sidebar: a header that opens and closes it (with its count), its menu (rename, delete),
// and its conversations. Deleting a folder keeps its conversations, in no folder.
import { ActionIcon, Collapse, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Folder } from '@parley/contracts';
import { IconChevronRight, IconDots, IconFolder, IconPencil, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../lib/errors';
import { useFormat } from '../../lib/format';
import { useDeleteFolder, useRenameFolder, type ConversationListItem } from './api';
import { ConversationItem } from './ConversationItem';
import { ConfirmModal } from '../../components/ConfirmModal';
import { NameModal } from './dialogs';

interface FolderGroupProps {
  folder: Folder;
  conversations: ConversationListItem[];
  folders: Folder[];
  activeId: string | undefined;
  onOpen?: () => void;
}

export function FolderGroup({ folder, conversations, folders, activeId, onOpen }: FolderGroupProps) {
  const { t } = useTranslation('chat');
  const format = useFormat();
  const errorMessage = useErrorMessage();
  // Folders start open: what was just filed stays in sight.
  const [expanded, setExpanded] = useState(true);
  const [dialog, setDialog] = useState<'rename' | 'delete' | null>(null);
  const rename = useRenameFolder();
  const remove = useDeleteFolder();
  const onError = (error: unknown) => notifications.show({ color: 'red', title: t('folders.failed'), message: errorMessage(error) });
  const listId = `folder-${folder.id}`;

  return (
    <li data-testid="folder" data-folder-id={folder.id}>
      <Group gap={2} wrap="nowrap">
        <UnstyledButton
          onClick={() => setExpanded((v) => !v)}
          aria-expanded={expanded}
          aria-controls={listId}
          style={{ flex: 1, minWidth: 0, padding: '6px 4px', borderRadius: 4 }}
          data-testid="folder-toggle"
        >
          <Group gap={6} wrap="nowrap">
            <IconChevronRight
              size={14}
              aria-hidden
              className={expanded ? undefined : 'mirror-rtl'}
              style={{ transform: expanded ? 'rotate(90deg)' : undefined, flexShrink: 0 }}
            />
            <IconFolder size={16} aria-hidden style={{ flexShrink: 0 }} />
            <Text size="sm" truncate dir="auto" data-testid="folder-name">
              {folder.name}
            </Text>
            <Text size="xs" c="gray.7" style={{ flexShrink: 0 }}>
              {format.number(conversations.length)}
            </Text>
          </Group>
        </UnstyledButton>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              aria-label={t('folders.menu', { name: folder.name })}
              data-testid="folder-menu"
            >
              <IconDots size={16} aria-hidden />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setDialog('rename')} data-testid="folder-rename">
              {t('common:actions.rename')}
            </Menu.Item>
            <Menu.Item
              color="red"
              leftSection={<IconTrash size={16} aria-hidden />}
              onClick={() => setDialog('delete')}
              data-testid="folder-delete"
            >
              {t('common:actions.delete')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
      <Collapse expanded={expanded}>
        <ul id={listId} style={{ listStyle: 'none', margin: 0, paddingInlineStart: 18 }}>
          {conversations.length === 0 ? (
            <li>
              <Text size="xs" c="gray.7" py={4} px="xs">
                {t('folders.empty')}
              </Text>
            </li>
          ) : (
            conversations.map((c) => (
              <ConversationItem key={c.id} conversation={c} folders={folders} active={c.id === activeId} onOpen={onOpen} />
            ))
          )}
        </ul>
      </Collapse>

      <NameModal
        opened={dialog === 'rename'}
        title={t('folders.renameTitle')}
        label={t('folders.nameLabel')}
        initial={folder.name}
        maxLength={120}
        inputTestId="folder-name-input"
        saveTestId="folder-name-save"
        onClose={() => setDialog(null)}
        onSave={(name) => {
          setDialog(null);
          rename.mutate({ id: folder.id, name }, { onError });
        }}
      />
      <ConfirmModal
        opened={dialog === 'delete'}
        title={t('folders.deleteTitle')}
        confirmLabel={t('common:actions.delete')}
        confirmTestId="folder-delete-confirm"
        onClose={() => setDialog(null)}
        onConfirm={() => {
          setDialog(null);
          remove.mutate(folder.id, { onError });
        }}
      >
        <Text size="sm" fw={600} dir="auto">
          {folder.name}
        </Text>
        <Text size="sm">{t('folders.deleteBody')}</Text>
      </ConfirmModal>
    </li>
  );
}
