// One visitor's or program's conversation, read-only: its title, source, visitor and start, every message
// with the sources of each answer (opening the chat's source panel), and erasing it after a confirmation
// (a visitor may ask for their conversation to be deleted).
import { ActionIcon, Button, Group, Stack, Text, Title } from '@mantine/core';
import type { Message } from '@parley/contracts';
import { IconArrowLeft, IconMessageOff, IconTrash } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useFormat } from '../../lib/format';
import { CitationPanel, type OpenCitation } from '../chat/CitationPanel';
import { type InboxConversation, useDeleteInboxConversation, useInboxMessages } from './api';
import classes from './inbox.module.css';
import { isolated, SourceBadge } from './SourceBadge';
import { TranscriptMessage } from './TranscriptMessage';

export function InboxTranscript({
  assistantId,
  conversationId,
  conversation,
  onBack,
  onDeleted,
}: {
  assistantId: string;
  conversationId: string;
  /** The conversation as the list has it; unknown when opened from an address of one not loaded. */
  conversation: InboxConversation | undefined;
  /** Back to the list (phones, where the list is not beside the transcript). */
  onBack?: () => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation('inbox');
  const format = useFormat();
  const messages = useInboxMessages(assistantId, conversationId);
  const remove = useDeleteInboxConversation(assistantId);
  const [confirming, setConfirming] = useState(false);
  const [openCitation, setOpenCitation] = useState<OpenCitation | null>(null);
  const showCitation = useCallback((message: Message, n: number) => setOpenCitation({ citations: message.citations, n }), []);
  const items = messages.data?.items ?? [];
  const source = conversation?.source ?? 'widget';
  const gone = messages.error instanceof ApiError && messages.error.status === 404;

  let body;
  if (messages.isPending) body = <LoadingState />;
  else if (gone)
    body = (
      <EmptyState icon={<IconMessageOff size={26} />} title={t('transcript.goneTitle')} description={t('transcript.goneDescription')} />
    );
  else if (messages.error) body = <ErrorState error={messages.error} onRetry={() => void messages.refetch()} />;
  else if (items.length === 0) body = <EmptyState title={t('transcript.emptyTitle')} description={t('transcript.emptyDescription')} />;
  else
    body = (
      // Read, not followed live: no live region (a visitor still chatting would be read aloud word by word).
      <div className={classes.log} role="log" aria-live="off" aria-label={t('transcript.label')} tabIndex={0}>
        {items.map((m) => (
          <TranscriptMessage key={m.id} message={m} source={source} onCitation={showCitation} />
        ))}
      </div>
    );

  return (
    <section className={classes.transcript} aria-labelledby="inbox-transcript-heading" data-testid="inbox-transcript">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Group gap="xs" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
          {onBack && (
            <ActionIcon variant="default" size="lg" onClick={onBack} aria-label={t('transcript.back')} data-testid="inbox-back">
              <IconArrowLeft size={18} className="mirror-rtl" aria-hidden />
            </ActionIcon>
          )}
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Title order={2} size="h4" id="inbox-transcript-heading" dir="auto" lineClamp={2}>
              {conversation?.title ?? t('transcript.untitled')}
            </Title>
            {conversation && (
              <Group gap={6} wrap="wrap">
                <SourceBadge source={conversation.source} />
                {conversation.visitor && (
                  <Text size="xs" c="gray.7" dir="auto">
                    {t('item.visitor', { visitor: isolated(conversation.visitor) })}
                  </Text>
                )}
                <Text size="xs" c="gray.7">
                  {t('transcript.started', { date: format.dateTime(conversation.createdAt) })}
                </Text>
              </Group>
            )}
          </Stack>
        </Group>
        <Button
          variant="light"
          color="red"
          size="xs"
          leftSection={<IconTrash size={14} aria-hidden />}
          onClick={() => setConfirming(true)}
          disabled={gone}
          style={{ flexShrink: 0 }}
          data-testid="inbox-delete"
        >
          {t('common:actions.delete')}
        </Button>
      </Group>

      {body}

      <ConfirmModal
        opened={confirming}
        title={t('delete.title')}
        confirmLabel={t('delete.confirm')}
        loading={remove.isPending}
        error={remove.error}
        onClose={() => {
          setConfirming(false);
          remove.reset();
        }}
        onConfirm={() =>
          remove.mutate(conversationId, {
            onSuccess: () => {
              setConfirming(false);
              onDeleted();
            },
          })
        }
        confirmTestId="inbox-delete-confirm"
      >
        {t('delete.message')}
      </ConfirmModal>
      <CitationPanel
        open={openCitation}
        onChange={(n) => setOpenCitation((o) => (o ? { ...o, n } : o))}
        onClose={() => setOpenCitation(null)}
      />
    </section>
  );
}
