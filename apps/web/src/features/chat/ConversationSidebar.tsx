// The conversations of this assistant: a new-conversation button, search (titles and message text, with
// the matching words), then pinned, recent and folders, and the archived ones on request.
import { ActionIcon, Button, Stack, Switch, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconFolderPlus, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState, LoadingState } from '../../components/states';
import { useErrorMessage } from '../../lib/errors';
import { useConversations, useCreateFolder, useFolders, type ConversationListItem } from './api';
import classes from './chat.module.css';
import { ConversationItem } from './ConversationItem';
import { NameModal } from './dialogs';
import { FolderGroup } from './FolderGroup';

interface ConversationSidebarProps {
  assistantId: string;
  activeId: string | undefined;
  /** The sidebar's own heading; left out inside the phone drawer, whose title says the same. */
  withHeading: boolean;
  /** Called when the person opens a conversation or starts a new one (closes the phone drawer). */
  onNavigate?: () => void;
}

const SEARCH_DEBOUNCE_MS = 300;

export function ConversationSidebar({ assistantId, activeId, withHeading, onNavigate }: ConversationSidebarProps) {
  const { t } = useTranslation('chat');
  const errorMessage = useErrorMessage();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim().slice(0, 200), SEARCH_DEBOUNCE_MS);
  const [showArchived, setShowArchived] = useState(false);
  const [creatingFolder, setCreatingFolder] = useState(false);
  const list = useConversations({ assistantId, archived: false, q: q || undefined });
  const archived = useConversations({ assistantId, archived: true, q: q || undefined }, showArchived);
  const folders = useFolders();
  const createFolder = useCreateFolder();
  const folderList = folders.data?.items ?? [];
  const words = q ? q.split(/\s+/) : [];

  const item = (c: ConversationListItem) => (
    <ConversationItem key={c.id} conversation={c} folders={folderList} active={c.id === activeId} highlight={words} onOpen={onNavigate} />
  );
  const section = (title: string, testId: string, items: ConversationListItem[], extra?: ReactNode) => (
    <section data-testid={testId}>
      <Title order={3} className={classes.sectionTitle}>
        {title}
      </Title>
      {extra}
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>{items.map(item)}</ul>
    </section>
  );

  let body: ReactNode;
  if (list.isPending) body = <LoadingState />;
  else if (list.error) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else {
    const items = list.data.items;
    if (q) {
      body = items.length ? (
        section(t('sidebar.results'), 'conversations-results', items)
      ) : (
        <Text size="sm" c="gray.7" py="sm" data-testid="conversations-no-results">
          {t('sidebar.noResults')}
        </Text>
      );
    } else {
      const known = new Set(folderList.map((f) => f.id));
      const pinned = items.filter((c) => c.pinned);
      const recent = items.filter((c) => !c.pinned && (!c.folderId || !known.has(c.folderId)));
      body = (
        <>
          {items.length === 0 && !(showArchived && archived.data?.items.length) && (
            <Text size="sm" c="gray.7" py="sm" data-testid="conversations-empty">
              {t('sidebar.empty')}
            </Text>
          )}
          {pinned.length > 0 && section(t('sidebar.pinned'), 'conversations-pinned', pinned)}
          {recent.length > 0 && section(t('sidebar.recent'), 'conversations-recent', recent)}
          <section data-testid="conversations-folders">
            <Title
              order={3}
              className={classes.sectionTitle}
              style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}
            >
              {t('folders.title')}
              <Tooltip withinPortal={false} label={t('folders.create')} withArrow>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="sm"
                  aria-label={t('folders.create')}
                  onClick={() => setCreatingFolder(true)}
                  data-testid="folder-create"
                >
                  <IconFolderPlus size={16} aria-hidden />
                </ActionIcon>
              </Tooltip>
            </Title>
            {folders.error && <ErrorState error={folders.error} onRetry={() => void folders.refetch()} />}
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {folderList.map((f) => (
                <FolderGroup
                  key={f.id}
                  folder={f}
                  conversations={items.filter((c) => !c.pinned && c.folderId === f.id)}
                  folders={folderList}
                  activeId={activeId}
                  onOpen={onNavigate}
                />
              ))}
            </ul>
          </section>
        </>
      );
    }
  }

  let archivedBody: ReactNode = null;
  if (showArchived) {
    if (archived.isPending) archivedBody = <LoadingState />;
    else if (archived.error) archivedBody = <ErrorState error={archived.error} onRetry={() => void archived.refetch()} />;
    else if (archived.data.items.length) archivedBody = section(t('sidebar.archived'), 'conversations-archived', archived.data.items);
    else
      archivedBody = (
        <Text size="sm" c="gray.7" py="sm" data-testid="conversations-archived-empty">
          {t('sidebar.noArchived')}
        </Text>
      );
  }

  return (
    <Stack gap="sm" h="100%" style={{ minHeight: 0 }}>
      {withHeading && (
        <Title order={2} size="h4">
          {t('sidebar.title')}
        </Title>
      )}
      <Button
        component={Link}
        to={`/assistants/${assistantId}/chat`}
        onClick={onNavigate}
        leftSection={<IconPlus size={16} aria-hidden />}
        variant="light"
        data-testid="new-conversation"
      >
        {t('sidebar.new')}
      </Button>
      <TextInput
        label={t('sidebar.search')}
        placeholder={t('sidebar.searchPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        type="search"
        dir="auto"
        size="sm"
        data-testid="conversation-search"
      />
      <Switch
        label={t('sidebar.showArchived')}
        checked={showArchived}
        onChange={(e) => setShowArchived(e.currentTarget.checked)}
        size="sm"
        data-testid="conversations-show-archived"
      />
      <div className={classes.sidebarScroll}>
        {body}
        {archivedBody}
      </div>
      <NameModal
        opened={creatingFolder}
        title={t('folders.createTitle')}
        label={t('folders.nameLabel')}
        initial=""
        maxLength={120}
        inputTestId="folder-name-input"
        saveTestId="folder-name-save"
        onClose={() => setCreatingFolder(false)}
        onSave={(name) => {
          setCreatingFolder(false);
          createFolder.mutate(name, {
            onError: (error) => notifications.show({ color: 'red', title: t('folders.failed'), message: errorMessage(error) }),
          });
        }}
      />
    </Stack>
  );
}
