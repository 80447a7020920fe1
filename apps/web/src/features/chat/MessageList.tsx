// The conversation as a scrolling log. It follows the answer while it streams, unless the person has
// scrolled up to read (then a "jump to latest" button appears). Screen readers are not sent every token:
// the log is not live; the pane announces when an answer ends.
import { Button } from '@mantine/core';
import type { Message } from '@parley/contracts';
import { IconArrowDown } from '@tabler/icons-react';
import { useCallback, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './chat.module.css';
import { MessageBubble, type MessageBubbleProps } from './MessageBubble';

// Within this many pixels of the end counts as "at the end".
const BOTTOM_SLACK = 48;

interface MessageListProps extends Pick<MessageBubbleProps, 'onRegenerate' | 'onEdit' | 'onCitation'> {
  conversationKey: string;
  messages: Message[];
  /** Messages still shown from the stream rather than the stored list. */
  liveIds: ReadonlySet<string>;
  canResend: boolean;
  /** Shown above the messages (the empty-conversation welcome). */
  header?: ReactNode;
}

export function MessageList({ conversationKey, messages, liveIds, canResend, header, onRegenerate, onEdit, onCitation }: MessageListProps) {
  const { t } = useTranslation('chat');
  const viewport = useRef<HTMLDivElement>(null);
  const follow = useRef(true);
  const [away, setAway] = useState(false);

  const toBottom = useCallback(() => {
    const el = viewport.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, []);

  const onScroll = () => {
    const el = viewport.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_SLACK;
    follow.current = atBottom;
    setAway(!atBottom);
  };

  // Another conversation opened: start at its end.
  useLayoutEffect(() => {
    follow.current = true;
    setAway(false);
    toBottom();
  }, [conversationKey, toBottom]);

  // A new message (the person just sent one) always brings the end into view.
  const count = messages.length;
  useLayoutEffect(() => {
    follow.current = true;
    toBottom();
  }, [count, toBottom]);

  // The answer grows: keep up with it only if the person is still at the end.
  const last = messages[messages.length - 1];
  const growth = `${last?.id}:${last?.content.length}:${last?.status}:${last?.citations.length}`;
  useLayoutEffect(() => {
    if (follow.current) toBottom();
  }, [growth, toBottom]);

  const lastAnswerId = [...messages].reverse().find((m) => m.role === 'assistant')?.id;

  return (
    <div className={classes.logWrap}>
      {/* Not live: role="log" would read every token aloud; completion is announced separately. */}
      <div
        ref={viewport}
        className={classes.log}
        role="log"
        aria-live="off"
        aria-label={t('messages.label')}
        tabIndex={0}
        onScroll={onScroll}
        data-testid="message-list"
      >
        {header}
        {messages.map((message) => (
          <MessageBubble
            key={message.id}
            message={message}
            settled={!liveIds.has(message.id) && message.status !== 'streaming'}
            canResend={canResend}
            isLastAnswer={message.id === lastAnswerId}
            onRegenerate={onRegenerate}
            onEdit={onEdit}
            onCitation={onCitation}
          />
        ))}
      </div>
      {away && (
        <Button
          className={classes.jump}
          size="xs"
          radius="xl"
          variant="default"
          leftSection={<IconArrowDown size={14} aria-hidden />}
          onClick={() => {
            follow.current = true;
            setAway(false);
            toBottom();
          }}
          data-testid="jump-to-latest"
        >
          {t('messages.jumpToLatest')}
        </Button>
      )}
    </div>
  );
}
