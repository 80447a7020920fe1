// /assistants/:assistantId/conversations/:conversationId?: the conversations website visitors (widget) and
// programs (API keys) had with the assistant, for owners and admins. The list sits on the start side with
// the open transcript beside it; on phones the list, then the transcript with a way back. Members see why
// they cannot read them (the server refuses them too).
import { Alert, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconLock, IconMessages } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useDocumentTitle } from '../../components/PageHeader';
import { EmptyState } from '../../components/states';
import { useCurrentAssistant } from '../assistants/AssistantLayout';
import { useActiveOrganization } from '../auth/session';
import { useIsDesktop } from '../chat/use-is-desktop';
import { type InboxSource, useInboxConversations, useLoadedConversation } from './api';
import classes from './inbox.module.css';
import { InboxList } from './InboxList';
import { InboxTranscript } from './InboxTranscript';

// Searching waits for a pause in typing, so every keystroke does not ask the server.
const SEARCH_DELAY_MS = 300;

export function InboxPage() {
  // The chat namespace too: the transcript draws answers with the chat's Markdown and sources.
  const { t } = useTranslation(['inbox', 'chat']);
  const assistant = useCurrentAssistant();
  const { canManage } = useActiveOrganization();
  useDocumentTitle(`${t('title')} · ${assistant.name}`);

  if (!canManage) {
    return (
      <Alert color="gray" variant="light" icon={<IconLock aria-hidden />} data-testid="inbox-members-note">
        <Title order={2} size="h5" mb={4}>
          {t('members.title')}
        </Title>
        <Text size="sm">{t('members.note')}</Text>
      </Alert>
    );
  }
  return <Inbox assistantId={assistant.id} />;
}

function Inbox({ assistantId }: { assistantId: string }) {
  const { t } = useTranslation('inbox');
  const { conversationId } = useParams();
  const navigate = useNavigate();
  const isDesktop = useIsDesktop();
  const [source, setSource] = useState<InboxSource | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), SEARCH_DELAY_MS);
  const filter = useMemo(() => ({ source, q }), [source, q]);
  const list = useInboxConversations(assistantId, filter, true);
  const selected = useLoadedConversation(assistantId, conversationId);
  const toList = () => void navigate(`/assistants/${assistantId}/conversations`);

  const listPane = (
    <Stack gap="sm">
      <Stack gap={2}>
        <Title order={2} size="h4">
          {t('title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('description')}
        </Text>
      </Stack>
      <InboxList
        assistantId={assistantId}
        activeId={conversationId}
        query={list}
        source={source}
        onSource={setSource}
        search={search}
        onSearch={setSearch}
        searching={q.length > 0}
      />
    </Stack>
  );

  const transcript = conversationId ? (
    <InboxTranscript
      // A fresh transcript per conversation: its dialogs and open source start closed.
      key={conversationId}
      assistantId={assistantId}
      conversationId={conversationId}
      conversation={selected}
      onBack={isDesktop ? undefined : toList}
      onDeleted={toList}
    />
  ) : null;

  if (!isDesktop) return transcript ?? listPane;
  return (
    <div className={classes.layout} data-testid="inbox-page">
      <div className={classes.listColumn}>{listPane}</div>
      <div className={classes.transcriptColumn}>
        {transcript ?? (
          <EmptyState icon={<IconMessages size={26} />} title={t('transcript.noneTitle')} description={t('transcript.noneDescription')} />
        )}
      </div>
    </div>
  );
}
