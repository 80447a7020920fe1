// Thumbs up and down on an answer (pressed state from the stored rating; pressing again clears it), then
// an optional comment in a small popover. The rating is saved at once; the comment when submitted.
import { ActionIcon, Button, Group, Popover, Stack, Textarea, Tooltip } from '@mantine/core';
import type { FeedbackRating, Message } from '@parley/contracts';
import { MAX_FEEDBACK_COMMENT_CHARS } from '@parley/contracts/limits';
import { IconThumbDown, IconThumbDownFilled, IconThumbUp, IconThumbUpFilled } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifications } from '@mantine/notifications';
import { useErrorMessage } from '../../lib/errors';
import { useSetFeedback } from './api';

export function FeedbackButtons({ message }: { message: Message }) {
  const { t } = useTranslation('chat');
  const errorMessage = useErrorMessage();
  const setFeedback = useSetFeedback(message.conversationId);
  const rating = message.feedback?.rating ?? null;
  const [commentOpen, setCommentOpen] = useState(false);
  const [comment, setComment] = useState('');

  const onError = (error: unknown) => notifications.show({ color: 'red', title: t('feedback.failed'), message: errorMessage(error) });

  const rate = (next: FeedbackRating) => {
    const value = rating === next ? null : next;
    setFeedback.mutate({ messageId: message.id, body: { rating: value } }, { onError });
    if (value) {
      setComment(message.feedback?.comment ?? '');
      setCommentOpen(true);
    } else setCommentOpen(false);
  };

  const submit = () => {
    setFeedback.mutate(
      { messageId: message.id, body: { rating, comment: comment.trim() } },
      {
        onError,
        onSuccess: () => notifications.show({ color: 'teal', message: t('feedback.thanks') }),
      },
    );
    setCommentOpen(false);
  };

  const button = (value: FeedbackRating) => {
    const pressed = rating === value;
    const label = t(value === 'up' ? 'feedback.up' : 'feedback.down');
    const Icon = value === 'up' ? (pressed ? IconThumbUpFilled : IconThumbUp) : pressed ? IconThumbDownFilled : IconThumbDown;
    return (
      <Tooltip withinPortal={false} label={label} withArrow>
        <ActionIcon
          variant={pressed ? 'light' : 'subtle'}
          color={pressed ? 'indigo' : 'gray'}
          size="sm"
          aria-label={label}
          aria-pressed={pressed}
          onClick={() => rate(value)}
          data-testid={value === 'up' ? 'feedback-up' : 'feedback-down'}
        >
          <Icon size={16} aria-hidden />
        </ActionIcon>
      </Tooltip>
    );
  };

  return (
    <Popover
      opened={commentOpen}
      onChange={setCommentOpen}
      position="bottom-start"
      width={300}
      trapFocus
      withArrow
      shadow="md"
      withRoles={false}
    >
      <Popover.Target>
        <Group gap={2} wrap="nowrap">
          {button('up')}
          {button('down')}
        </Group>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Textarea
            label={t(rating === 'down' ? 'feedback.commentDown' : 'feedback.commentUp')}
            description={t('feedback.optional')}
            styles={{ description: { color: 'var(--mantine-color-gray-7)' } }}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            maxLength={MAX_FEEDBACK_COMMENT_CHARS}
            autosize
            minRows={2}
            maxRows={6}
            dir="auto"
            data-testid="feedback-comment"
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" size="xs" onClick={() => setCommentOpen(false)}>
              {t('common:actions.close')}
            </Button>
            <Button size="xs" onClick={submit} data-testid="feedback-submit">
              {t('feedback.submit')}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
