// What a screen reader hears about an answer: once when it starts and once when it ends (complete,
// failed or stopped), never each token.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatStreamState } from './chat-stream-reducer';

export function useAnswerAnnouncement(stream: ChatStreamState | null): string {
  const { t } = useTranslation('chat');
  const [text, setText] = useState('');
  const phase = stream?.phase;
  const status = stream?.status;
  const startedAt = stream?.startedAt;
  const previous = useRef<{ startedAt?: string; phase?: string }>({});

  useEffect(() => {
    const before = previous.current;
    previous.current = { startedAt, phase };
    if (!startedAt || !phase) return;
    if (phase === 'sending' && before.startedAt !== startedAt) setText(t('announce.started'));
    // Only a change seen here counts: opening a conversation whose answer ended earlier says nothing.
    else if (phase === 'finished' && before.startedAt === startedAt && before.phase !== 'finished') {
      setText(status === 'complete' ? t('announce.complete') : status === 'cancelled' ? t('announce.cancelled') : t('announce.error'));
    }
  }, [phase, startedAt, status, t]);

  return text;
}
