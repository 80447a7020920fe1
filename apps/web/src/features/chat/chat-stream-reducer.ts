// The state machine of one answer being streamed: the person's message waiting for its id, the answer's
// text growing token by token, its citations, and how it ended (complete, error, stopped). Pure, so it is
// tested without a browser; use-chat-stream.ts feeds it the server's events.
import type { ChatEventMap, Citation, Message, MessageStatus } from '@parley/contracts';

export type StreamPhase = 'sending' | 'streaming' | 'finished';

export interface ChatStreamState {
  phase: StreamPhase;
  conversationId: string;
  /** What the person sent. */
  content: string;
  /** The user message this send replaces (edit and resend, regenerate), with everything after it. */
  replaceFrom: string | null;
  userMessageId: string | null;
  assistantMessageId: string | null;
  model: string | null;
  text: string;
  citations: Citation[];
  status: MessageStatus;
  error: { code: string; message: string } | null;
  latencyMs: number | null;
  ttftMs: number | null;
  cached: boolean;
  usage: Message['usage'];
  startedAt: string;
}

export type ChatStreamAction =
  | { type: 'start'; conversationId: string; content: string; replaceFrom: string | null; startedAt: string }
  | { type: 'meta'; data: ChatEventMap['meta'] }
  /** Tokens arrive in batches (one per animation frame), already joined. */
  | { type: 'tokens'; messageId: string | null; text: string }
  | { type: 'citations'; data: ChatEventMap['citations'] }
  | { type: 'error'; data: ChatEventMap['error'] }
  | { type: 'done'; data: ChatEventMap['done'] }
  /** The person pressed stop. */
  | { type: 'cancelled' }
  /** The request failed or the stream ended without `done` (network, refusal before the answer started). */
  | { type: 'failed'; error: { code: string; message: string } };

export function chatStreamReducer(state: ChatStreamState | null, action: ChatStreamAction): ChatStreamState | null {
  if (action.type === 'start') {
    return {
      phase: 'sending',
      conversationId: action.conversationId,
      content: action.content,
      replaceFrom: action.replaceFrom,
      userMessageId: null,
      assistantMessageId: null,
      model: null,
      text: '',
      citations: [],
      status: 'streaming',
      error: null,
      latencyMs: null,
      ttftMs: null,
      cached: false,
      usage: null,
      startedAt: action.startedAt,
    };
  }
  // Events after the end (a late frame racing the stop button) change nothing.
  if (!state || state.phase === 'finished') return state;
  const ours = (messageId: string | null) =>
    messageId === null || state.assistantMessageId === null || messageId === state.assistantMessageId;

  switch (action.type) {
    case 'meta':
      return {
        ...state,
        phase: 'streaming',
        userMessageId: action.data.userMessageId,
        assistantMessageId: action.data.assistantMessageId,
        model: action.data.model,
      };
    case 'tokens':
      if (!ours(action.messageId) || !action.text) return state;
      return { ...state, phase: 'streaming', text: state.text + action.text };
    case 'citations':
      return ours(action.data.messageId) ? { ...state, citations: action.data.items } : state;
    case 'error': {
      if (!ours(action.data.messageId)) return state;
      const error = { code: action.data.code, message: action.data.message };
      // Without a message id the refusal came before any answer was stored: no `done` follows.
      return action.data.messageId === null
        ? { ...state, phase: 'finished', status: 'error', error }
        : { ...state, status: 'error', error };
    }
    case 'done':
      if (!ours(action.data.messageId)) return state;
      return {
        ...state,
        phase: 'finished',
        status: action.data.status,
        model: action.data.model,
        latencyMs: action.data.latencyMs,
        ttftMs: action.data.ttftMs,
        cached: action.data.cached,
        usage: action.data.usage,
      };
    case 'cancelled':
      return { ...state, phase: 'finished', status: 'cancelled' };
    case 'failed':
      return { ...state, phase: 'finished', status: 'error', error: state.error ?? action.error };
  }
}

export const PENDING_USER_ID = 'pending-user';
export const PENDING_ASSISTANT_ID = 'pending-assistant';

/** The two messages of a stream, shaped like the server's so one list renders both. */
export function streamMessages(state: ChatStreamState): [Message, Message] {
  const base = {
    conversationId: state.conversationId,
    citations: [],
    usage: null,
    model: null,
    latencyMs: null,
    ttftMs: null,
    cached: false,
    error: null,
    feedback: null,
    createdAt: state.startedAt,
  };
  return [
    { ...base, id: state.userMessageId ?? PENDING_USER_ID, role: 'user', content: state.content, status: 'complete' },
    {
      ...base,
      id: state.assistantMessageId ?? PENDING_ASSISTANT_ID,
      role: 'assistant',
      content: state.text,
      status: state.status,
      citations: state.citations,
      usage: state.usage,
      model: state.model,
      latencyMs: state.latencyMs,
      ttftMs: state.ttftMs,
      cached: state.cached,
      error: state.error,
    },
  ];
}

/**
 * The conversation as shown: the stored messages, with the stream's pair in place of what it replaces.
 * Once the stored list has caught up with a finished stream (it holds the finished answer), it is shown alone.
 */
export function mergeMessages(stored: Message[], state: ChatStreamState | null): Message[] {
  if (!state) return stored;
  const storedAnswer = state.assistantMessageId ? stored.find((m) => m.id === state.assistantMessageId) : undefined;
  if (state.phase === 'finished' && storedAnswer && storedAnswer.status !== 'streaming') return stored;
  let kept = stored;
  if (state.replaceFrom) {
    const cut = stored.findIndex((m) => m.id === state.replaceFrom);
    if (cut !== -1) kept = stored.slice(0, cut);
  }
  const own = new Set([state.userMessageId, state.assistantMessageId]);
  kept = kept.filter((m) => !own.has(m.id));
  return [...kept, ...streamMessages(state)];
}

/** Whether a message is a stand-in for one the server has not named yet. */
export function isPending(message: Message): boolean {
  return message.id === PENDING_USER_ID || message.id === PENDING_ASSISTANT_ID;
}
