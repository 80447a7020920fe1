// The answer stream's state machine: events in the server's order, errors, stop, and how the streamed pair
// is laid over the stored conversation.
import type { Message } from '@parley/contracts';
import { describe, expect, it } from 'vitest';
import {
  chatStreamReducer,
  mergeMessages,
  PENDING_ASSISTANT_ID,
  PENDING_USER_ID,
  type ChatStreamAction,
  type ChatStreamState,
} from './chat-stream-reducer';

const conversationId = '00000000-0000-4000-8000-000000000001';
const userId = '00000000-0000-4000-8000-0000000000a1';
const answerId = '00000000-0000-4000-8000-0000000000b1';
const citation = {
  n: 1,
  documentId: '00000000-0000-4000-8000-0000000000d1',
  documentTitle: 'Refund policy',
  url: null,
  chunkId: '00000000-0000-4000-8000-0000000000c1',
  page: 3,
  quote: 'Refunds take five days.',
};

function run(actions: ChatStreamAction[], from: ChatStreamState | null = null): ChatStreamState | null {
  return actions.reduce(chatStreamReducer, from);
}

const start: ChatStreamAction = {
  type: 'start',
  conversationId,
  content: 'How long do refunds take?',
  replaceFrom: null,
  startedAt: '2025-01-01T00:00:00.000Z',
};
const meta: ChatStreamAction = {
  type: 'meta',
  data: { conversationId, userMessageId: userId, assistantMessageId: answerId, model: 'gpt-x' },
};
const done: ChatStreamAction = {
  type: 'done',
  data: {
    messageId: answerId,
    status: 'complete',
    usage: { promptTokens: 10, completionTokens: 5 },
    latencyMs: 900,
    ttftMs: 120,
    cached: false,
    model: 'gpt-x',
  },
};

function stored(id: string, role: 'user' | 'assistant', content: string, status: Message['status'] = 'complete'): Message {
  return {
    id,
    conversationId,
    role,
    content,
    status,
    citations: [],
    usage: null,
    model: null,
    latencyMs: null,
    ttftMs: null,
    cached: false,
    error: null,
    feedback: null,
    createdAt: '2025-01-01T00:00:00.000Z',
  };
}

describe('chatStreamReducer', () => {
  it('goes from sending to streaming to finished, collecting text, citations and figures', () => {
    const sending = run([start])!;
    expect(sending.phase).toBe('sending');
    expect(sending.text).toBe('');

    const streaming = run(
      [meta, { type: 'tokens', messageId: answerId, text: 'Five ' }, { type: 'tokens', messageId: answerId, text: 'days [1].' }],
      sending,
    )!;
    expect(streaming.phase).toBe('streaming');
    expect(streaming.userMessageId).toBe(userId);
    expect(streaming.assistantMessageId).toBe(answerId);
    expect(streaming.text).toBe('Five days [1].');

    const finished = run([{ type: 'citations', data: { messageId: answerId, items: [citation] } }, done], streaming)!;
    expect(finished.phase).toBe('finished');
    expect(finished.status).toBe('complete');
    expect(finished.citations).toEqual([citation]);
    expect(finished.latencyMs).toBe(900);
    expect(finished.model).toBe('gpt-x');
  });

  it('ignores tokens of another message and events after the end', () => {
    const state = run([
      start,
      meta,
      { type: 'tokens', messageId: 'someone-else', text: 'nope' },
      { type: 'tokens', messageId: answerId, text: 'yes' },
      done,
    ])!;
    expect(state.text).toBe('yes');
    expect(run([{ type: 'tokens', messageId: answerId, text: ' late' }], state)).toBe(state);
  });

  it('keeps the error of a failed answer through its done event', () => {
    const state = run([
      start,
      meta,
      { type: 'tokens', messageId: answerId, text: 'Partial' },
      { type: 'error', data: { messageId: answerId, code: 'llm_timeout', message: 'The model took too long' } },
      { ...done, data: { ...done.data, status: 'error' } } as ChatStreamAction,
    ])!;
    expect(state.phase).toBe('finished');
    expect(state.status).toBe('error');
    expect(state.error).toEqual({ code: 'llm_timeout', message: 'The model took too long' });
    expect(state.text).toBe('Partial');
  });

  it('ends at once on a refusal before the answer started (no message id)', () => {
    const state = run([start, { type: 'error', data: { messageId: null, code: 'answer_in_progress', message: 'Busy' } }])!;
    expect(state.phase).toBe('finished');
    expect(state.status).toBe('error');
    expect(state.error?.code).toBe('answer_in_progress');
  });

  it('keeps the partial text when stopped', () => {
    const state = run([start, meta, { type: 'tokens', messageId: answerId, text: 'Half an ans' }, { type: 'cancelled' }])!;
    expect(state.phase).toBe('finished');
    expect(state.status).toBe('cancelled');
    expect(state.text).toBe('Half an ans');
  });

  it('records a failed request, keeping an error the server already sent', () => {
    expect(run([start, { type: 'failed', error: { code: 'network', message: 'Offline' } }])!.error).toEqual({
      code: 'network',
      message: 'Offline',
    });
    const state = run([
      start,
      { type: 'error', data: { messageId: null, code: 'rate_limited', message: 'Slow down' } },
      { type: 'failed', error: { code: 'interrupted', message: 'x' } },
    ])!;
    expect(state.error?.code).toBe('rate_limited');
  });

  it('starts afresh on a new send', () => {
    const first = run([start, meta, { type: 'tokens', messageId: answerId, text: 'Old' }, done]);
    const second = run([{ ...start, content: 'Again' } as ChatStreamAction], first)!;
    expect(second.text).toBe('');
    expect(second.content).toBe('Again');
    expect(second.phase).toBe('sending');
  });

  it('does nothing without a stream', () => {
    expect(run([meta, done])).toBeNull();
  });
});

describe('mergeMessages', () => {
  const history = [
    stored('u0', 'user', 'Hi'),
    stored('a0', 'assistant', 'Hello'),
    stored('u1', 'user', 'Old question'),
    stored('a1', 'assistant', 'Old answer'),
  ];

  it('shows the stored messages alone without a stream', () => {
    expect(mergeMessages(history, null)).toBe(history);
  });

  it('appends the pending pair with stand-in ids before meta', () => {
    const merged = mergeMessages(history, run([start]));
    expect(merged.map((m) => m.id)).toEqual(['u0', 'a0', 'u1', 'a1', PENDING_USER_ID, PENDING_ASSISTANT_ID]);
    expect(merged[4]!.content).toBe('How long do refunds take?');
    expect(merged[5]!.status).toBe('streaming');
  });

  it('replaces the edited message and everything after it', () => {
    const state = run([{ ...start, replaceFrom: 'u1' } as ChatStreamAction, meta, { type: 'tokens', messageId: answerId, text: 'New' }]);
    expect(mergeMessages(history, state).map((m) => m.id)).toEqual(['u0', 'a0', userId, answerId]);
  });

  it('does not show a message twice when the stored list already has the streaming pair', () => {
    const state = run([start, meta, { type: 'tokens', messageId: answerId, text: 'Five' }]);
    const refetched = [...history, stored(userId, 'user', 'How long do refunds take?'), stored(answerId, 'assistant', 'Fi', 'streaming')];
    const merged = mergeMessages(refetched, state);
    expect(merged.map((m) => m.id)).toEqual(['u0', 'a0', 'u1', 'a1', userId, answerId]);
    expect(merged[5]!.content).toBe('Five');
  });

  it('hands over to the stored list once it holds the finished answer', () => {
    const state = run([start, meta, { type: 'tokens', messageId: answerId, text: 'Five days' }, done]);
    const caughtUp = [...history, stored(userId, 'user', 'How long do refunds take?'), stored(answerId, 'assistant', 'Five days')];
    expect(mergeMessages(caughtUp, state)).toBe(caughtUp);
    const stillStreaming = [...history, stored(userId, 'user', 'q'), stored(answerId, 'assistant', 'Fi', 'streaming')];
    expect(mergeMessages(stillStreaming, state).at(-1)!.content).toBe('Five days');
  });
});
