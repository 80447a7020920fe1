// The open conversation (or a new one): its title and settings button, the no-model banner, the messages
// with the answer streaming in, and the composer. Sending from a new chat creates the conversation first,
// then moves to its address while the answer keeps streaming.
import { ActionIcon, Alert, CloseButton, Group, Indicator, Title, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { Assistant, Message } from '@parley/contracts';
import { IconAdjustmentsHorizontal, IconAlertTriangle, IconLayoutSidebar } from '@tabler/icons-react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState, LoadingState } from '../../components/states';
import { useErrorMessage } from '../../lib/errors';
import { useConversation, useCreateConversation, useMessages } from './api';
import classes from './chat.module.css';
import { adoptNewConversationSettings, effectiveSettings, useConversationSettings } from './chat-settings';
import { chatStreamReducer, isPending, mergeMessages } from './chat-stream-reducer';
import { useTitleText } from './conversation-title';
import { ChatSettingsDrawer } from './ChatSettingsDrawer';
import { CitationPanel, type OpenCitation } from './CitationPanel';
import { Composer } from './Composer';
import { EmptyChat } from './EmptyChat';
import { ExtractiveBanner } from './ExtractiveBanner';
import { EXTRACTIVE_MODEL } from './MessageBubble';
import { MessageList } from './MessageList';
import type { ChatStreams } from './use-chat-stream';
import { useAnswerAnnouncement } from './use-answer-announcement';

interface ConversationPaneProps {
  assistant: Assistant;
  conversationId: string | undefined;
  streams: ChatStreams;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  /** Opens the conversation list (phones, where it lives in a drawer). */
  onOpenSidebar?: () => void;
}

const NO_MESSAGES: Message[] = [];

/** A callback that never changes identity but always runs the latest code (keeps memoized messages still). */
function useStableCallback<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const ref = useRef(fn);
  useLayoutEffect(() => {
    ref.current = fn;
  });
  return useCallback((...args: A) => ref.current(...args), []);
}

export function ConversationPane({ assistant, conversationId, streams, inputRef, onOpenSidebar }: ConversationPaneProps) {
  const { t } = useTranslation('chat');
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const conversation = useConversation(conversationId);
  const stream = streams.get(conversationId);
  const running = stream !== null && stream.phase !== 'finished';
  const messagesQuery = useMessages(conversationId, !running);
  const [overrides, setOverrides] = useConversationSettings(conversationId);
  const createConversation = useCreateConversation(assistant.id);
  const [creating, setCreating] = useState<{ content: string; startedAt: string } | null>(null);
  const [sendError, setSendError] = useState<unknown>(null);
  const [settingsOpened, settingsDrawer] = useDisclosure(false);
  const [openCitation, setOpenCitation] = useState<OpenCitation | null>(null);
  const announcement = useAnswerAnnouncement(stream);
  const titleText = useTitleText();
  const busy = running || creating !== null;

  const stored = messagesQuery.data?.items ?? NO_MESSAGES;
  const messages = useMemo(() => {
    if (creating && !conversationId) {
      const pending = chatStreamReducer(null, {
        type: 'start',
        conversationId: '',
        content: creating.content,
        replaceFrom: null,
        startedAt: creating.startedAt,
      });
      return mergeMessages([], pending);
    }
    return mergeMessages(stored, stream);
  }, [creating, conversationId, stored, stream]);
  const liveIds = useMemo(
    () => new Set(messages === stored ? [] : messages.filter((m) => !stored.includes(m)).map((m) => m.id)),
    [messages, stored],
  );

  // Opening a conversation (or a new chat) puts the cursor where the next question goes.
  useEffect(() => {
    inputRef.current?.focus();
    setOpenCitation(null);
    setSendError(null);
  }, [conversationId, inputRef]);

  const send = useStableCallback(async (content: string, replaceFrom?: string): Promise<boolean> => {
    setSendError(null);
    const settings = effectiveSettings(assistant, overrides);
    let id = conversationId;
    if (!id) {
      setCreating({ content, startedAt: new Date().toISOString() });
      try {
        id = (await createConversation.mutateAsync({})).id;
      } catch (error) {
        setCreating(null);
        setSendError(error);
        return false;
      }
      adoptNewConversationSettings(id);
      void streams.send({ conversationId: id, content, settings, firstExchange: true });
      setCreating(null);
      void navigate(`/assistants/${assistant.id}/chat/${id}`);
    } else {
      const firstExchange = stored.length === 0 || (replaceFrom !== undefined && stored[0]?.id === replaceFrom);
      void streams.send({ conversationId: id, content, settings, replaceFrom, firstExchange });
    }
    inputRef.current?.focus();
    return true;
  });

  // Regenerate: ask the answer's question again, replacing it and everything after.
  const regenerate = useStableCallback((answer: Message) => {
    const index = messages.findIndex((m) => m.id === answer.id);
    const question = messages
      .slice(0, index)
      .reverse()
      .find((m) => m.role === 'user');
    if (!question || busy) return;
    void send(question.content, isPending(question) ? (stream?.replaceFrom ?? undefined) : question.id);
  });
  const edit = useStableCallback((message: Message, content: string) => {
    if (!busy) void send(content, message.id);
  });
  const showCitation = useCallback((message: Message, n: number) => setOpenCitation({ citations: message.citations, n }), []);

  const answerMode: string | undefined = assistant.answerMode;
  const firstModel = stored.find((m) => m.role === 'assistant' && m.model)?.model;
  const extractive = answerMode ? answerMode === 'extractive' : firstModel === EXTRACTIVE_MODEL;
  const title = conversationId && !conversation.data ? '' : titleText(conversation.data);
  const overrideCount = Object.keys(effectiveSettings(assistant, overrides) ?? {}).length;

  let body;
  if (conversationId && conversation.error) {
    body = (
      <ErrorState error={conversation.error} title={t('pane.notFound')} onRetry={() => void navigate(`/assistants/${assistant.id}/chat`)} />
    );
  } else if (conversationId && messagesQuery.isPending) {
    body = <LoadingState />;
  } else if (messagesQuery.error) {
    body = <ErrorState error={messagesQuery.error} onRetry={() => void messagesQuery.refetch()} />;
  } else {
    body = (
      <MessageList
        conversationKey={conversationId ?? 'new'}
        messages={messages}
        liveIds={liveIds}
        canResend={!busy}
        header={
          messages.length === 0 ? <EmptyChat assistant={assistant} disabled={busy} onPick={(prompt) => void send(prompt)} /> : undefined
        }
        onRegenerate={regenerate}
        onEdit={edit}
        onCitation={showCitation}
      />
    );
  }

  return (
    <section className={classes.pane} aria-labelledby="conversation-heading">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
          {onOpenSidebar && (
            <ActionIcon
              variant="default"
              size="lg"
              onClick={onOpenSidebar}
              aria-label={t('sidebar.open')}
              data-testid="conversations-toggle"
            >
              <IconLayoutSidebar size={18} aria-hidden />
            </ActionIcon>
          )}
          <Title order={2} size="h4" id="conversation-heading" dir="auto" lineClamp={1} data-testid="conversation-heading">
            {title}
          </Title>
        </Group>
        <Tooltip withinPortal={false} label={t('settings.open')} withArrow>
          <Indicator disabled={overrideCount === 0} size={8} offset={4}>
            <ActionIcon
              variant="default"
              size="lg"
              onClick={settingsDrawer.open}
              aria-label={t('settings.open')}
              data-testid="chat-settings-button"
            >
              <IconAdjustmentsHorizontal size={18} aria-hidden />
            </ActionIcon>
          </Indicator>
        </Tooltip>
      </Group>

      {extractive && <ExtractiveBanner assistant={assistant} />}
      {body}

      {sendError !== null && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert" data-testid="send-error">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            {errorMessage(sendError)}
            <CloseButton size="sm" aria-label={t('common:actions.close')} onClick={() => setSendError(null)} />
          </Group>
        </Alert>
      )}
      <Composer
        inputRef={inputRef}
        streaming={busy}
        disabled={Boolean(conversationId && conversation.error)}
        onSend={(content) => send(content)}
        onStop={() => conversationId && streams.stop(conversationId)}
      />
      <div role="status" aria-live="polite" className={classes.visuallyHidden} data-testid="chat-announcer">
        {announcement}
      </div>

      <ChatSettingsDrawer
        assistant={assistant}
        opened={settingsOpened}
        onClose={settingsDrawer.close}
        value={overrides}
        onChange={setOverrides}
      />
      <CitationPanel
        open={openCitation}
        onChange={(n) => setOpenCitation((o) => (o ? { ...o, n } : o))}
        onClose={() => setOpenCitation(null)}
      />
    </section>
  );
}
