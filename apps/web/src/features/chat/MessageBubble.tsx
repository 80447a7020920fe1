// One message. The person's: their text, with copy and edit (edit resends from there). An answer: its
// markdown as it streams, what went wrong or that it was stopped, its sources, the model, latency and a
// cached badge, and copy, regenerate (on the last answer) and thumbs up/down.
import { ActionIcon, Alert, Badge, Button, CopyButton, Group, Loader, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import type { Message } from '@parley/contracts';
import { MAX_MESSAGE_CHARS } from '@parley/contracts/limits';
import { IconAlertTriangle, IconCheck, IconCopy, IconPencil, IconPlayerStop, IconQuote, IconRefresh } from '@tabler/icons-react';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import classes from './chat.module.css';
import { FeedbackButtons } from './FeedbackButtons';
import { Markdown } from './Markdown';
import { SourcesList } from './SourcesList';
import { textDirection } from './text-direction';

export const EXTRACTIVE_MODEL = 'extractive';

export interface MessageBubbleProps {
  message: Message;
  /** Stored on the server and finished: feedback and editing act on it. */
  settled: boolean;
  /** Actions that start a new answer are offered (no answer is being written). */
  canResend: boolean;
  isLastAnswer: boolean;
  onRegenerate: (message: Message) => void;
  onEdit: (message: Message, content: string) => void;
  onCitation: (message: Message, n: number) => void;
}

export const MessageBubble = memo(function MessageBubble(props: MessageBubbleProps) {
  const { message } = props;
  return (
    <div
      className={classes.message}
      data-testid="message"
      data-role={message.role}
      data-status={message.status}
      data-message-id={message.id}
    >
      {message.role === 'user' ? <UserMessage {...props} /> : <AssistantMessage {...props} />}
    </div>
  );
});

function CopyMessage({ text }: { text: string }) {
  const { t } = useTranslation('chat');
  return (
    <CopyButton value={text} timeout={1500}>
      {({ copied, copy }) => (
        <Tooltip withinPortal={false} label={copied ? t('common:actions.copied') : t('actions.copy')} withArrow>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            onClick={copy}
            aria-label={copied ? t('common:actions.copied') : t('actions.copy')}
            data-testid="message-copy"
          >
            {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

function UserMessage({ message, settled, canResend, onEdit }: MessageBubbleProps) {
  const { t } = useTranslation('chat');
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(message.content);
  const valid = draft.trim().length > 0 && draft.length <= MAX_MESSAGE_CHARS;

  if (editing) {
    const save = () => {
      if (!valid) return;
      setEditing(false);
      onEdit(message, draft.trim());
    };
    return (
      <Stack gap={6} w="min(640px, 80vw)">
        <Textarea
          label={t('actions.editLabel')}
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setEditing(false);
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) save();
          }}
          autosize
          minRows={2}
          maxRows={10}
          dir="auto"
          data-autofocus
          autoFocus
          data-testid="message-edit-input"
        />
        <Group gap="xs" justify="flex-end">
          <Button variant="default" size="xs" onClick={() => setEditing(false)} data-testid="message-edit-cancel">
            {t('common:actions.cancel')}
          </Button>
          <Button size="xs" onClick={save} disabled={!valid} data-testid="message-edit-save">
            {t('actions.saveAndSend')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <>
      <span className={classes.visuallyHidden}>{t('messages.you')}</span>
      <div className={classes.userText} dir="auto" data-testid="message-content">
        {message.content}
      </div>
      <Group gap={2} wrap="nowrap">
        <CopyMessage text={message.content} />
        {settled && canResend && (
          <Tooltip withinPortal={false} label={t('actions.edit')} withArrow>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              aria-label={t('actions.edit')}
              onClick={() => {
                setDraft(message.content);
                setEditing(true);
              }}
              data-testid="message-edit"
            >
              <IconPencil size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
    </>
  );
}

function AssistantMessage({ message, settled, canResend, isLastAnswer, onRegenerate, onCitation }: MessageBubbleProps) {
  const { t, i18n } = useTranslation('chat');
  const format = useFormat();
  const extractive = message.model === EXTRACTIVE_MODEL;
  const streaming = message.status === 'streaming';
  const finished = !streaming;
  // Known failure codes in plain words; otherwise the server's own message (already plain for client errors).
  const describeError = (error: Message['error']) => {
    const key = `answerErrors.${error?.code ?? ''}`;
    if (error && i18n.exists(key, { ns: 'chat' })) return t(key);
    return error?.message || t('answerErrors.fallback');
  };

  return (
    <>
      <span className={classes.visuallyHidden}>{t('messages.assistant')}</span>
      {extractive && (
        <Group gap={4} c="teal.9">
          <IconQuote size={14} aria-hidden />
          <Text size="xs" fw={600} data-testid="message-extractive">
            {t('messages.extractive')}
          </Text>
        </Group>
      )}
      {/* An explicit direction from the answer's words: dir="auto" would be misled by a leading file name
          or code, and its blocks each carry their own direction (see Markdown). */}
      <div dir={textDirection(message.content) ?? undefined} data-testid="message-content">
        {message.content ? (
          <Markdown text={message.content} citations={message.citations} onCitation={(n) => onCitation(message, n)} />
        ) : streaming ? (
          <Group gap="xs" c="gray.7">
            <Loader size="xs" type="dots" aria-hidden />
            <Text size="sm">{t('messages.thinking')}</Text>
          </Group>
        ) : null}
      </div>

      {message.status === 'error' && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title={t('messages.errorTitle')}
          data-testid="message-error"
        >
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{describeError(message.error)}</Text>
            {canResend && (
              <Button
                size="xs"
                variant="light"
                color="red"
                leftSection={<IconRefresh size={14} aria-hidden />}
                onClick={() => onRegenerate(message)}
                data-testid="message-retry"
              >
                {t('common:actions.retry')}
              </Button>
            )}
          </Stack>
        </Alert>
      )}
      {message.status === 'cancelled' && (
        <Group gap={4} c="gray.7" data-testid="message-stopped">
          <IconPlayerStop size={14} aria-hidden />
          <Text size="xs">{t('messages.stopped')}</Text>
        </Group>
      )}

      {finished && message.citations.length > 0 && <SourcesList citations={message.citations} onOpen={(n) => onCitation(message, n)} />}

      {finished && (
        <Group gap="xs" wrap="wrap">
          <Group gap={2} wrap="nowrap">
            {message.content && <CopyMessage text={message.content} />}
            {isLastAnswer && canResend && message.status !== 'error' && (
              <Tooltip withinPortal={false} label={t('actions.regenerate')} withArrow>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="sm"
                  aria-label={t('actions.regenerate')}
                  onClick={() => onRegenerate(message)}
                  data-testid="message-regenerate"
                >
                  <IconRefresh size={16} aria-hidden />
                </ActionIcon>
              </Tooltip>
            )}
            {settled && message.status !== 'error' && <FeedbackButtons message={message} />}
          </Group>
          <Group gap={6} wrap="nowrap" data-testid="message-meta">
            {message.model && !extractive && (
              <Text size="xs" c="gray.7" dir="ltr" data-testid="message-model">
                {message.model}
              </Text>
            )}
            {message.latencyMs !== null && (
              // Its own direction: "663 ms" (Latin unit) in a Hebrew page must not read "ms 663".
              <Text size="xs" c="gray.7" dir="auto" data-testid="message-latency">
                {format.duration(message.latencyMs)}
              </Text>
            )}
            {message.cached && (
              <Tooltip withinPortal={false} label={t('messages.cachedHelp')} withArrow>
                <Badge size="xs" variant="light" color="gray" data-testid="message-cached" tabIndex={0}>
                  {t('messages.cached')}
                </Badge>
              </Tooltip>
            )}
          </Group>
        </Group>
      )}
    </>
  );
}
