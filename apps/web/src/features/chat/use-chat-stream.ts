// Sends a message and follows its answer over server-sent events, one stream per conversation, so an
// answer keeps streaming when the page moves to the conversation it just created (or to another one).
// Tokens are gathered and applied once per animation frame, so long answers do not re-render per token.
import type { ChatEventMap, ChatSettings } from '@parley/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { postEventStream, type SseFrame } from '../../api/sse';
import { useErrorMessage } from '../../lib/errors';
import { applyTitle, cancelAnswer, chatKeys } from './api';
import { chatStreamReducer, type ChatStreamAction, type ChatStreamState } from './chat-stream-reducer';

export interface SendOptions {
  conversationId: string;
  content: string;
  settings?: ChatSettings;
  replaceFrom?: string | null;
  /** The conversation's first exchange: its title may come a moment after the stream ends. */
  firstExchange?: boolean;
}

export interface ChatStreams {
  /** The stream of a conversation, while it runs and until the next send there (null when none). */
  get(conversationId: string | undefined): ChatStreamState | null;
  send(options: SendOptions): Promise<void>;
  stop(conversationId: string): void;
}

// The server names a conversation after its first answer; when that lands after the stream ended, one
// later look at the list picks it up.
const LATE_TITLE_MS = 2500;

export function useChatStreams(): ChatStreams {
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [streams, setStreams] = useState<Record<string, ChatStreamState>>({});
  const streamsRef = useRef(streams);
  streamsRef.current = streams;
  const controllers = useRef(new Map<string, AbortController>());
  const pendingTokens = useRef(new Map<string, { messageId: string | null; text: string }>());
  const frame = useRef<number | null>(null);

  const dispatch = useCallback((conversationId: string, action: ChatStreamAction) => {
    setStreams((all) => {
      const next = chatStreamReducer(all[conversationId] ?? null, action);
      if (next === (all[conversationId] ?? null)) return all;
      const copy = { ...all };
      if (next) copy[conversationId] = next;
      else delete copy[conversationId];
      return copy;
    });
  }, []);

  const flushTokens = useCallback(() => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
    const batches = [...pendingTokens.current];
    pendingTokens.current.clear();
    for (const [conversationId, { messageId, text }] of batches) dispatch(conversationId, { type: 'tokens', messageId, text });
  }, [dispatch]);

  const queueToken = useCallback(
    (conversationId: string, data: ChatEventMap['token']) => {
      const pending = pendingTokens.current.get(conversationId);
      if (pending && pending.messageId === data.messageId) pending.text += data.text;
      else {
        if (pending) flushTokens();
        pendingTokens.current.set(conversationId, { messageId: data.messageId, text: data.text });
      }
      frame.current ??= requestAnimationFrame(flushTokens);
    },
    [flushTokens],
  );

  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );

  const send = useCallback(
    async ({ conversationId, content, settings, replaceFrom = null, firstExchange = false }: SendOptions) => {
      controllers.current.get(conversationId)?.abort();
      const controller = new AbortController();
      controllers.current.set(conversationId, controller);
      dispatch(conversationId, { type: 'start', conversationId, content, replaceFrom, startedAt: new Date().toISOString() });
      let sawDone = false;
      let sawTitle = false;
      const onFrame = ({ event, data }: SseFrame) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(data);
        } catch {
          return;
        }
        switch (event) {
          case 'token':
            queueToken(conversationId, parsed as ChatEventMap['token']);
            return;
          case 'title': {
            const { conversationId: id, title } = parsed as ChatEventMap['title'];
            sawTitle = true;
            applyTitle(queryClient, id, title);
            return;
          }
          case 'meta':
          case 'citations':
          case 'error':
          case 'done':
            flushTokens();
            if (event === 'done') sawDone = true;
            dispatch(conversationId, { type: event, data: parsed } as ChatStreamAction);
        }
      };
      try {
        const body = { content, ...(settings ? { settings } : {}), ...(replaceFrom ? { replaceFrom } : {}) };
        await postEventStream(`conversations/${conversationId}/messages`, body, onFrame, controller.signal);
        flushTokens();
        if (!sawDone) dispatch(conversationId, { type: 'failed', error: { code: 'interrupted', message: '' } });
      } catch (err) {
        flushTokens();
        if (controller.signal.aborted) dispatch(conversationId, { type: 'cancelled' });
        else
          dispatch(conversationId, {
            type: 'failed',
            error: { code: err instanceof ApiError ? err.code : 'network', message: errorMessage(err) },
          });
      } finally {
        if (controllers.current.get(conversationId) === controller) controllers.current.delete(conversationId);
        void queryClient.invalidateQueries({ queryKey: chatKeys.messages(conversationId) });
        void queryClient.invalidateQueries({ queryKey: chatKeys.conversation(conversationId) });
        void queryClient.invalidateQueries({ queryKey: chatKeys.lists() });
        if (firstExchange && !sawTitle)
          setTimeout(() => {
            void queryClient.invalidateQueries({ queryKey: chatKeys.lists() });
            void queryClient.invalidateQueries({ queryKey: chatKeys.conversation(conversationId) });
          }, LATE_TITLE_MS);
      }
    },
    [dispatch, errorMessage, flushTokens, queryClient, queueToken],
  );

  const stop = useCallback(
    (conversationId: string) => {
      const state = streamsRef.current[conversationId];
      controllers.current.get(conversationId)?.abort();
      flushTokens();
      dispatch(conversationId, { type: 'cancelled' });
      // Closing the stream already stops the answer; the cancel route also reaches it when the stream
      // runs through a proxy that keeps the upstream open.
      if (state?.assistantMessageId) void cancelAnswer(conversationId, state.assistantMessageId).catch(() => undefined);
    },
    [dispatch, flushTokens],
  );

  const get = useCallback((conversationId: string | undefined) => (conversationId ? (streams[conversationId] ?? null) : null), [streams]);

  return { get, send, stop };
}
