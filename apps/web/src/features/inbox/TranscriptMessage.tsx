// One message of a visitor's or program's conversation, read-only: who wrote it and when, the question as
// typed or the answer in the chat's own Markdown with its sources, and what went wrong or that it was
// stopped. Nothing here acts on the conversation (the chat's bubbles edit, resend and rate: not for a
// manager reading someone else's conversation).
import { Alert, Group, Text } from '@mantine/core';
import type { ConversationSource, Message } from '@parley/contracts';
import { IconAlertTriangle, IconPlayerStop } from '@tabler/icons-react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { Markdown } from '../chat/Markdown';
import { SourcesList } from '../chat/SourcesList';
import { textDirection } from '../chat/text-direction';
import classes from './inbox.module.css';

// What the server records as the model of an answer quoted from the documents without a language model.
const EXTRACTIVE_MODEL = 'extractive';

export const TranscriptMessage = memo(function TranscriptMessage({
  message,
  source,
  onCitation,
}: {
  message: Message;
  /** Who asked: a website visitor or a program. */
  source: ConversationSource;
  onCitation: (message: Message, n: number) => void;
}) {
  const { t } = useTranslation('inbox');
  const format = useFormat();
  const fromUser = message.role === 'user';
  const author = fromUser ? t(`transcript.asker.${source}`) : t('transcript.assistant');

  return (
    <div className={classes.message} data-role={message.role} data-status={message.status} data-testid="inbox-message">
      <Group gap={6} wrap="nowrap">
        <Text size="xs" fw={700} c="gray.8">
          {author}
        </Text>
        <Text size="xs" c="gray.7">
          <time dateTime={message.createdAt}>{format.dateTime(message.createdAt)}</time>
        </Text>
      </Group>
      {fromUser ? (
        <div className={classes.userText} dir="auto" data-testid="inbox-message-content">
          {message.content}
        </div>
      ) : (
        <div className={classes.answer}>
          {/* The answer's direction from its own words, as in the chat (see text-direction.ts). */}
          <div dir={textDirection(message.content) ?? undefined} data-testid="inbox-message-content">
            {message.content ? (
              <Markdown text={message.content} citations={message.citations} onCitation={(n) => onCitation(message, n)} />
            ) : (
              <Text size="sm" c="gray.7">
                {message.status === 'streaming' ? t('transcript.writing') : t('transcript.noText')}
              </Text>
            )}
          </div>
          {message.status === 'error' && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} mt="xs" p="xs">
              <Text size="sm">
                {message.error?.message ? t('transcript.failedWith', { reason: message.error.message }) : t('transcript.failed')}
              </Text>
            </Alert>
          )}
          {message.status === 'cancelled' && (
            <Group gap={4} c="gray.7" mt={4}>
              <IconPlayerStop size={14} aria-hidden />
              <Text size="xs">{t('transcript.stopped')}</Text>
            </Group>
          )}
          {message.status !== 'streaming' && message.citations.length > 0 && (
            <div style={{ marginBlockStart: 'var(--mantine-spacing-xs)' }}>
              <SourcesList citations={message.citations} onOpen={(n) => onCitation(message, n)} />
            </div>
          )}
          {(message.model || message.latencyMs !== null) && (
            <Group gap={6} mt={4}>
              {message.model &&
                (message.model === EXTRACTIVE_MODEL ? (
                  <Text size="xs" c="gray.7">
                    {t('transcript.extractive')}
                  </Text>
                ) : (
                  <Text size="xs" c="gray.7" dir="ltr">
                    {message.model}
                  </Text>
                ))}
              {message.latencyMs !== null && (
                <Text size="xs" c="gray.7" dir="auto">
                  {format.duration(message.latencyMs)}
                </Text>
              )}
            </Group>
          )}
        </div>
      )}
    </div>
  );
});
