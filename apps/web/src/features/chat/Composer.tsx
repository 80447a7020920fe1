// Where the person writes: a growing text box (Enter sends, Shift+Enter adds a line, Enter while an input
// method is composing does nothing), the send button, the stop button while an answer streams, and a
// counter once the text nears the length limit.
import { ActionIcon, Group, Paper, Text, Textarea, Tooltip } from '@mantine/core';
import { MAX_MESSAGE_CHARS } from '@parley/contracts/limits';
import { IconPlayerStopFilled, IconSend } from '@tabler/icons-react';
import { useState, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import classes from './chat.module.css';

interface ComposerProps {
  inputRef: Ref<HTMLTextAreaElement>;
  streaming: boolean;
  disabled?: boolean;
  /** Resolves false when the message could not be sent, so the text comes back. */
  onSend: (content: string) => Promise<boolean>;
  onStop: () => void;
}

// The counter appears in the last tenth of the allowance.
const COUNTER_FROM = Math.floor(MAX_MESSAGE_CHARS * 0.9);

export function Composer({ inputRef, streaming, disabled, onSend, onStop }: ComposerProps) {
  const { t } = useTranslation('chat');
  const format = useFormat();
  const [value, setValue] = useState('');
  const length = value.length;
  const tooLong = length > MAX_MESSAGE_CHARS;
  const canSend = !streaming && !disabled && value.trim().length > 0 && !tooLong;

  const submit = async () => {
    if (!canSend) return;
    const content = value;
    setValue('');
    if (!(await onSend(content.trim()))) setValue((current) => current || content);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // keyCode 229: some browsers report the Enter that confirms an IME choice this way, not as composing.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    void submit();
  };

  const remaining = MAX_MESSAGE_CHARS - length;
  return (
    <Paper withBorder radius="lg" p={6} component="form" onSubmit={(e) => (e.preventDefault(), void submit())}>
      <Group gap={6} align="flex-end" wrap="nowrap">
        <Textarea
          ref={inputRef}
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          label={t('composer.label')}
          classNames={{ label: classes.visuallyHidden, input: classes.composerInput }}
          placeholder={t('composer.placeholder')}
          autosize
          minRows={1}
          maxRows={8}
          variant="unstyled"
          px="xs"
          style={{ flex: 1 }}
          dir="auto"
          aria-invalid={tooLong || undefined}
          aria-describedby={length >= COUNTER_FROM ? 'chat-input-counter' : undefined}
          data-testid="chat-input"
        />
        {/* Tooltips stay in the page, not in a portal: one left showing after a tap would otherwise sit
            outside every landmark. The same holds for the chat's other tooltips. */}
        {streaming ? (
          <Tooltip withinPortal={false} label={t('composer.stop')} withArrow>
            <ActionIcon
              size="lg"
              radius="xl"
              color="red"
              variant="light"
              onClick={onStop}
              aria-label={t('composer.stop')}
              data-testid="chat-stop"
            >
              <IconPlayerStopFilled size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
        ) : (
          <Tooltip withinPortal={false} label={t('composer.send')} withArrow>
            <ActionIcon type="submit" size="lg" radius="xl" disabled={!canSend} aria-label={t('composer.send')} data-testid="chat-send">
              <IconSend size={18} className="mirror-rtl" aria-hidden />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
      {length >= COUNTER_FROM && (
        <Text
          id="chat-input-counter"
          size="xs"
          c={tooLong ? 'red.8' : 'gray.7'}
          ta="end"
          px="xs"
          aria-live="polite"
          data-testid="chat-input-counter"
        >
          {tooLong
            ? t('composer.tooLong', { count: -remaining, formatted: format.number(-remaining) })
            : t('composer.remaining', { count: remaining, formatted: format.number(remaining) })}
        </Text>
      )}
    </Paper>
  );
}
