import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../../../test/fixtures/fake-openai-upstream.js';
import type { ChatRequest, ChatStreamEvent } from './chat-model.js';
import { LlmError } from './llm-errors.js';
import { OpenAICompatibleClient } from './openai-compatible-client.js';

let upstream: FakeOpenAIUpstream;
let client: OpenAICompatibleClient;

beforeEach(async () => {
  upstream = await startFakeOpenAIUpstream();
  client = new OpenAICompatibleClient({ baseUrl: `${upstream.url}/v1`, connectTimeoutMs: 2000 });
});
afterEach(async () => {
  await client.close();
  await upstream.close();
});

const request = (overrides: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'fake-chat',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'opening hours today' },
  ],
  ...overrides,
});

async function collect(events: AsyncIterable<ChatStreamEvent>): Promise<ChatStreamEvent[]> {
  const all: ChatStreamEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

async function failure(promise: Promise<unknown>): Promise<LlmError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LlmError);
  return error as LlmError;
}

const signal = () => new AbortController().signal;

describe('OpenAICompatibleClient.stream', () => {
  it('yields each content token, then one end with the finish reason and usage', async () => {
    const events = await collect(client.stream(request({ temperature: 0.2, maxTokens: 64, stop: ['\n\n'] }), signal()));

    expect(events).toEqual([
      { type: 'token', text: 'Answer:' },
      { type: 'token', text: ' opening' },
      { type: 'token', text: ' hours' },
      { type: 'token', text: ' today' },
      { type: 'end', finishReason: 'stop', usage: { promptTokens: 5, completionTokens: 4 }, toolCalls: [] },
    ]);
    const [sent] = upstream.requestsTo('/v1/chat/completions');
    expect(sent!.body).toEqual({
      model: 'fake-chat',
      messages: request().messages,
      temperature: 0.2,
      max_tokens: 64,
      stop: ['\n\n'],
      stream: true,
      stream_options: { include_usage: true },
    });
    // No key configured: nothing is sent, not even a placeholder.
    expect(sent!.headers.authorization).toBeUndefined();
  });

  it('sends the API key as a bearer token', async () => {
    const keyed = new OpenAICompatibleClient({ baseUrl: `${upstream.url}/v1`, apiKey: 'sk-local', connectTimeoutMs: 2000 });
    await collect(keyed.stream(request(), signal()));
    await keyed.close();
    expect(upstream.requests[0]!.headers.authorization).toBe('Bearer sk-local');
  });

  it('reports usage as null when the server sends none', async () => {
    upstream.chatScript = { tokens: ['Hi'], usage: null };
    const events = await collect(client.stream(request(), signal()));
    expect(events.at(-1)).toEqual({ type: 'end', finishReason: 'stop', usage: null, toolCalls: [] });
  });

  it('assembles tool-call arguments streamed in fragments, by index', async () => {
    const lookup = JSON.stringify({ query: 'opening hours', top_k: 3 });
    upstream.chatScript = {
      tokens: [],
      toolCalls: [
        { id: 'call_a', name: 'search', arguments: lookup },
        { id: 'call_b', name: 'clock', arguments: '{"tz":"Europe/Paris"}' },
      ],
    };
    let outputs = 0;
    const events = await collect(
      client.stream(request({ tools: [{ name: 'search', parameters: { type: 'object' } }] }), signal(), { onOutput: () => outputs++ }),
    );

    expect(events).toEqual([
      {
        type: 'end',
        finishReason: 'tool_calls',
        usage: expect.any(Object),
        toolCalls: [
          { id: 'call_a', name: 'search', arguments: lookup },
          { id: 'call_b', name: 'clock', arguments: '{"tz":"Europe/Paris"}' },
        ],
      },
    ]);
    expect(outputs).toBeGreaterThanOrEqual(4);
    expect((upstream.requests[0]!.body as { tools: unknown }).tools).toEqual([
      { type: 'function', function: { name: 'search', parameters: { type: 'object' } } },
    ]);
  });

  it('throws upstream_cut when the connection is cut mid-stream, after yielding what arrived', async () => {
    upstream.fail('/v1/chat/completions', { kind: 'cut-mid-stream', afterTokens: 2 });
    const seen: string[] = [];
    const error = await failure(
      (async () => {
        for await (const event of client.stream(request(), signal())) if (event.type === 'token') seen.push(event.text);
      })(),
    );
    expect(seen).toEqual(['Answer:', ' opening']);
    expect(error.code).toBe('upstream_cut');
    expect(error.phase).toBe('streaming');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('after 2 tokens');
  });

  it('throws upstream_cut when the body ends cleanly without finish_reason or [DONE]', async () => {
    upstream.fail('/v1/chat/completions', { kind: 'end-mid-stream', afterTokens: 0 });
    const error = await failure(collect(client.stream(request(), signal())));
    expect(error.code).toBe('upstream_cut');
    expect(error.phase).toBe('before_first_token');
  });

  it('retries once without stream_options when the server rejects them, and remembers it', async () => {
    upstream.rejectStreamOptions = true;
    const first = await collect(client.stream(request(), signal()));
    const second = await collect(client.stream(request(), signal()));

    expect(first.at(-1)).toMatchObject({ type: 'end', usage: null });
    expect(second.at(-1)).toMatchObject({ type: 'end', usage: null });
    const sent = upstream.requestsTo('/v1/chat/completions').map((r) => 'stream_options' in (r.body as object));
    expect(sent).toEqual([true, false, false]);
  });

  it('maps error answers to LlmError with the server’s own message', async () => {
    upstream.fail('/v1/chat/completions', { kind: 'status', status: 503, message: 'model is loading' });
    const unavailable = await failure(collect(client.stream(request(), signal())));
    expect(unavailable).toMatchObject({ code: 'upstream_unavailable', status: 503, retryable: true, model: 'fake-chat' });
    expect(unavailable.message).toBe(`model server ${upstream.url}/v1 answered 503: model is loading`);

    upstream.fail('/v1/chat/completions', { kind: 'status', status: 429, headers: { 'retry-after': '2' } });
    const limited = await failure(collect(client.stream(request(), signal())));
    expect(limited).toMatchObject({ code: 'upstream_rate_limited', retryable: true, retryAfterMs: 2000 });

    upstream.fail('/v1/chat/completions', { kind: 'status', status: 401, message: 'bad key' });
    const refused = await failure(collect(client.stream(request(), signal())));
    expect(refused).toMatchObject({ code: 'upstream_refused', status: 401, retryable: false });
  });

  it('keeps the message of error bodies in vLLM’s top-level shape', async () => {
    upstream.route('POST', '/v1/chat/completions', ({ response }) => {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ object: 'error', message: "This model's maximum context length is 4096 tokens", code: 400 }));
    });
    const error = await failure(collect(client.stream(request(), signal())));
    expect(error.message).toContain('maximum context length is 4096 tokens');
  });

  it('maps a refused connection to upstream_unavailable', async () => {
    const dead = new OpenAICompatibleClient({ baseUrl: 'http://127.0.0.1:9/v1', connectTimeoutMs: 2000 });
    const error = await failure(collect(dead.stream(request(), signal())));
    await dead.close();
    expect(error.code).toBe('upstream_unavailable');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('http://127.0.0.1:9/v1 is unreachable');
  });

  it('closes the upstream connection at once when the signal aborts mid-stream', async () => {
    upstream.chatScript = { tokens: ['a', 'b', 'c', 'd', 'e'], tokenDelayMs: 100 };
    const controller = new AbortController();
    let abortedAt = 0;
    const error = await failure(
      (async () => {
        for await (const event of client.stream(request(), controller.signal)) {
          if (event.type === 'token') {
            abortedAt = performance.now();
            controller.abort();
          }
        }
      })(),
    );
    expect(error.code).toBe('cancelled');
    const closedAt = await upstream.waitForClientClose(upstream.requestsTo('/v1/chat/completions')[0]!);
    expect(closedAt - abortedAt).toBeLessThan(200);
  });

  it('returns the connection to the pool after a complete stream', async () => {
    await collect(client.stream(request(), signal()));
    await collect(client.stream(request(), signal()));
    const [first, second] = upstream.requestsTo('/v1/chat/completions');
    expect(upstream.clientClosedAt(first!)).toBeUndefined();
    expect(upstream.clientClosedAt(second!)).toBeUndefined();
  });

  it('accepts a server that answers a streaming request with one JSON completion', async () => {
    upstream.route('POST', '/v1/chat/completions', ({ response }) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content: 'Whole' }, finish_reason: 'stop' }] }));
    });
    expect(await collect(client.stream(request(), signal()))).toEqual([
      { type: 'token', text: 'Whole' },
      { type: 'end', finishReason: 'stop', usage: null, toolCalls: [] },
    ]);
  });
});

describe('OpenAICompatibleClient.complete', () => {
  it('returns the text, finish reason, usage and tool calls', async () => {
    upstream.chatScript = { tokens: ['Open ', 'at 9'], toolCalls: [{ id: 'c1', name: 'search', arguments: '{"q":"x"}' }] };
    const result = await client.complete(request(), signal());
    expect(result).toEqual({
      text: 'Open at 9',
      finishReason: 'tool_calls',
      usage: { promptTokens: 5, completionTokens: 2 },
      toolCalls: [{ id: 'c1', name: 'search', arguments: '{"q":"x"}' }],
    });
    expect((upstream.requests[0]!.body as { stream: boolean }).stream).toBe(false);
  });

  it('maps failures like the stream does', async () => {
    upstream.fail('/v1/chat/completions', { kind: 'status', status: 500, message: 'boom' });
    expect(await failure(client.complete(request(), signal()))).toMatchObject({ code: 'upstream_error', status: 500, retryable: true });
  });
});

describe('OpenAICompatibleClient.listModels', () => {
  it('lists the server’s models', async () => {
    upstream.modelIds = ['llama3.1:8b', 'qwen2.5:7b'];
    expect(await client.listModels(signal())).toEqual([
      { id: 'llama3.1:8b', ownedBy: 'fake' },
      { id: 'qwen2.5:7b', ownedBy: 'fake' },
    ]);
  });
});
