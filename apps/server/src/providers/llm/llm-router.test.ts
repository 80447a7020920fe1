import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../../../test/fixtures/fake-openai-upstream.js';
import { LlmError } from './llm-errors.js';
import { LlmRouter, type AttemptOutcome, type LlmCandidate, type LlmRouterOptions, type RoutedEvent } from './llm-router.js';

// Wall-clock assertions get generous slack: they catch "timeout × retries", not scheduling jitter.
const SLACK_MS = 1500;
const CHAT = '/v1/chat/completions';

let primary: FakeOpenAIUpstream;
let backup: FakeOpenAIUpstream;
let routers: LlmRouter[];

beforeEach(async () => {
  [primary, backup] = await Promise.all([startFakeOpenAIUpstream(), startFakeOpenAIUpstream()]);
  routers = [];
});
afterEach(async () => {
  await Promise.all(routers.map((r) => r.close()));
  await Promise.all([primary.close(), backup.close()]);
});

function router(overrides: Partial<LlmRouterOptions> = {}): LlmRouter {
  const created = new LlmRouter({
    deadlines: { connectMs: 1000, firstTokenMs: 5000, idleMs: 5000, totalMs: 20_000 },
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    random: () => 0.5,
    ...overrides,
  });
  routers.push(created);
  return created;
}

const onPrimary = (model = 'llama3'): LlmCandidate => ({
  endpoint: { id: 'p1', name: 'primary', baseUrl: `${primary.url}/v1` },
  model,
});
const onBackup = (model = 'qwen2.5'): LlmCandidate => ({
  endpoint: { id: 'p2', name: 'backup', baseUrl: `${backup.url}/v1` },
  model,
});

const question = { messages: [{ role: 'user' as const, content: 'opening hours today' }] };

interface Run {
  events: RoutedEvent[];
  tokens: string[];
  attempts: string[];
  error: LlmError | undefined;
  elapsedMs: number;
}

/** Runs a routed stream to its end and records what came out. */
async function run(stream: AsyncIterable<RoutedEvent>, onEvent?: (event: RoutedEvent) => void): Promise<Run> {
  const started = performance.now();
  const result: Run = { events: [], tokens: [], attempts: [], error: undefined, elapsedMs: 0 };
  try {
    for await (const event of stream) {
      result.events.push(event);
      if (event.type === 'token') result.tokens.push(event.text);
      if (event.type === 'attempt') result.attempts.push(`${event.provider}/${event.model}#${event.attempt}`);
      onEvent?.(event);
    }
  } catch (error) {
    expect(error).toBeInstanceOf(LlmError);
    result.error = error as LlmError;
  }
  result.elapsedMs = performance.now() - started;
  return result;
}

const signal = () => new AbortController().signal;

describe('LlmRouter.stream', () => {
  it('announces the attempt, then streams tokens and one end', async () => {
    const result = await run(router().stream([onPrimary()], question, { signal: signal() }));

    expect(result.error).toBeUndefined();
    expect(result.events).toEqual([
      { type: 'attempt', provider: 'primary', providerId: 'p1', model: 'llama3', attempt: 1 },
      { type: 'token', text: 'Answer:' },
      { type: 'token', text: ' opening' },
      { type: 'token', text: ' hours' },
      { type: 'token', text: ' today' },
      { type: 'end', finishReason: 'stop', usage: { promptTokens: 3, completionTokens: 4 }, toolCalls: [] },
    ]);
    expect((primary.requests[0]!.body as { model: string }).model).toBe('llama3');
  });

  it('retries a 429 after its retry-after and then streams', async () => {
    primary.fail(CHAT, { kind: 'status', status: 429, headers: { 'retry-after': '0' } });
    const delays: number[] = [];
    const routed = router({ sleep: (ms) => (delays.push(ms), Promise.resolve()) });
    const result = await run(routed.stream([onPrimary()], question, { signal: signal() }));

    expect(result.error).toBeUndefined();
    expect(result.attempts).toEqual(['primary/llama3#1', 'primary/llama3#2']);
    expect(delays).toEqual([0]);
    expect(result.tokens.join('')).toBe('Answer: opening hours today');
  });

  it('backs off with full jitter between retries, then falls back to the next model', async () => {
    primary.fail(CHAT, { kind: 'status', status: 500, message: 'CUDA out of memory' }, 3);
    const delays: number[] = [];
    const outcomes: AttemptOutcome[] = [];
    const routed = router({
      retry: { maxAttemptsPerCandidate: 3, baseDelayMs: 100, maxDelayMs: 150 },
      random: () => 0.5,
      sleep: (ms) => (delays.push(ms), Promise.resolve()),
      observer: { started: () => {}, finished: (outcome) => outcomes.push(outcome) },
    });
    const result = await run(routed.stream([onPrimary(), onBackup()], question, { signal: signal() }));

    expect(result.error).toBeUndefined();
    expect(result.attempts).toEqual(['primary/llama3#1', 'primary/llama3#2', 'primary/llama3#3', 'backup/qwen2.5#1']);
    expect(delays).toEqual([50, 75]); // 0.5 × min(150, 100 × 2^n)
    expect(result.tokens.join('')).toBe('Answer: opening hours today');
    expect(outcomes.map((o) => `${o.provider}:${o.status}`)).toEqual(['primary:error', 'primary:error', 'primary:error', 'backup:ok']);
    expect(outcomes[3]!.ttftMs).toBeGreaterThanOrEqual(0);
    expect(outcomes[3]!.usage).toEqual({ promptTokens: 3, completionTokens: 4 });
  });

  it('throws the last error with its upstream message when every candidate fails', async () => {
    primary.fail(CHAT, { kind: 'status', status: 503, message: 'overloaded' }, 3);
    backup.fail(CHAT, { kind: 'status', status: 500, message: 'backup broke' }, 3);
    const result = await run(router().stream([onPrimary(), onBackup()], question, { signal: signal() }));

    expect(result.error).toMatchObject({
      code: 'upstream_error',
      status: 500,
      provider: 'backup',
      model: 'qwen2.5',
      phase: 'before_first_token',
    });
    expect(result.error!.message).toBe(`model server ${backup.url}/v1 answered 500: backup broke`);
    expect(result.attempts).toHaveLength(6);
  });

  it('goes to the fallback without retrying a refusal (401)', async () => {
    primary.fail(CHAT, { kind: 'status', status: 401, message: 'invalid api key' });
    const result = await run(router().stream([onPrimary(), onBackup()], question, { signal: signal() }));

    expect(result.error).toBeUndefined();
    expect(result.attempts).toEqual(['primary/llama3#1', 'backup/qwen2.5#1']);
    expect(primary.requestsTo(CHAT)).toHaveLength(1);
  });

  it('goes straight to the fallback when retry-after is longer than the time left', async () => {
    primary.fail(CHAT, { kind: 'status', status: 429, headers: { 'retry-after': '60' } });
    const delays: number[] = [];
    const routed = router({ sleep: (ms) => (delays.push(ms), Promise.resolve()) });
    const result = await run(routed.stream([onPrimary(), onBackup()], question, { signal: signal(), deadlines: { totalMs: 5000 } }));

    expect(result.error).toBeUndefined();
    expect(result.attempts).toEqual(['primary/llama3#1', 'backup/qwen2.5#1']);
    expect(delays).toEqual([]);
  });

  it('times out an attempt with no first token within its deadline', async () => {
    primary.fail(CHAT, { kind: 'stall-before-first-token' });
    const routed = router({ retry: { maxAttemptsPerCandidate: 1 } });
    const result = await run(routed.stream([onPrimary()], question, { signal: signal(), deadlines: { firstTokenMs: 300 } }));

    expect(result.error).toMatchObject({ code: 'upstream_timeout', phase: 'before_first_token', provider: 'primary', model: 'llama3' });
    expect(result.error!.message).toBe('no first token from llama3 within 300 ms');
    expect(result.elapsedMs).toBeGreaterThanOrEqual(290);
    expect(result.elapsedMs).toBeLessThan(300 + SLACK_MS);
    // The abandoned request is closed, not left running on the model server.
    await primary.waitForClientClose(primary.requestsTo(CHAT)[0]!);
  });

  it('retries a stall before the first token, then answers', async () => {
    primary.fail(CHAT, { kind: 'stall-before-first-token' });
    const result = await run(router().stream([onPrimary()], question, { signal: signal(), deadlines: { firstTokenMs: 200 } }));

    expect(result.error).toBeUndefined();
    expect(result.attempts).toEqual(['primary/llama3#1', 'primary/llama3#2']);
    expect(result.tokens.join('')).toBe('Answer: opening hours today');
  });

  it('fails a stream that goes quiet mid-way with an idle timeout in phase streaming, keeping its tokens', async () => {
    primary.fail(CHAT, { kind: 'stall-mid-stream', afterTokens: 2 });
    const result = await run(router().stream([onPrimary(), onBackup()], question, { signal: signal(), deadlines: { idleMs: 300 } }));

    expect(result.tokens).toEqual(['Answer:', ' opening']);
    expect(result.error).toMatchObject({ code: 'upstream_timeout', phase: 'streaming', provider: 'primary' });
    expect(result.error!.message).toBe('llama3 sent nothing for 300 ms after 2 tokens');
    expect(result.elapsedMs).toBeLessThan(300 + SLACK_MS);
    // Nothing is retried once tokens have reached the caller.
    expect(result.attempts).toEqual(['primary/llama3#1']);
    expect(backup.requests).toHaveLength(0);
  });

  it('does not count the caller’s own slowness as upstream silence', async () => {
    primary.chatScript = { tokens: ['a', 'b', 'c'], tokenDelayMs: 20 };
    const tokens: string[] = [];
    for await (const event of router().stream([onPrimary()], question, { signal: signal(), deadlines: { idleMs: 150 } })) {
      if (event.type !== 'token') continue;
      tokens.push(event.text);
      await new Promise((resolve) => setTimeout(resolve, 300)); // a caller busy for twice the idle deadline
    }
    expect(tokens).toEqual(['a', 'b', 'c']);
  });

  it('counts tool-call fragments as output for the first-token deadline', async () => {
    primary.route('POST', CHAT, async ({ response }) => {
      const send = (data: unknown) => response.write(`data: ${JSON.stringify(data)}\n\n`);
      const chunk = (delta: unknown, finish_reason: string | null = null) => ({ choices: [{ index: 0, delta, finish_reason }] });
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      send(chunk({ tool_calls: [{ index: 0, id: 'c1', type: 'function', function: { name: 'search', arguments: '' } }] }));
      for (const piece of ['{"q":', '"hours"', '}']) {
        await new Promise((resolve) => setTimeout(resolve, 150));
        send(chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }));
      }
      send(chunk({}, 'tool_calls'));
      response.end('data: [DONE]\n\n');
    });
    const result = await run(router().stream([onPrimary()], question, { signal: signal(), deadlines: { firstTokenMs: 200, idleMs: 400 } }));

    expect(result.error).toBeUndefined();
    expect(result.events.at(-1)).toEqual({
      type: 'end',
      finishReason: 'tool_calls',
      usage: null,
      toolCalls: [{ id: 'c1', name: 'search', arguments: '{"q":"hours"}' }],
    });
  });

  it('fails with upstream_cut when the connection is cut mid-stream, without retrying', async () => {
    primary.fail(CHAT, { kind: 'cut-mid-stream', afterTokens: 3 });
    const result = await run(router().stream([onPrimary(), onBackup()], question, { signal: signal() }));

    expect(result.tokens).toEqual(['Answer:', ' opening', ' hours']);
    expect(result.error).toMatchObject({ code: 'upstream_cut', phase: 'streaming', provider: 'primary', model: 'llama3' });
    expect(result.attempts).toEqual(['primary/llama3#1']);
  });

  it('retries a stream cut before its first token', async () => {
    primary.fail(CHAT, { kind: 'cut-mid-stream', afterTokens: 0 });
    const result = await run(router().stream([onPrimary()], question, { signal: signal() }));

    expect(result.error).toBeUndefined();
    expect(result.attempts).toEqual(['primary/llama3#1', 'primary/llama3#2']);
  });

  it('keeps one overall deadline across retries and fallbacks', async () => {
    primary.fail(CHAT, { kind: 'stall-before-first-token' }, 10);
    backup.fail(CHAT, { kind: 'stall-before-first-token' }, 10);
    const routed = router({ deadlines: { connectMs: 1000, firstTokenMs: 400, idleMs: 400, totalMs: 1500 } });
    const result = await run(routed.stream([onPrimary(), onBackup()], question, { signal: signal() }));

    expect(result.error).toMatchObject({ code: 'upstream_timeout' });
    expect(result.error!.message).toContain('overall deadline of 1.5 s');
    // 2 candidates × 3 attempts × 400 ms would be 2.4 s.
    expect(result.elapsedMs).toBeGreaterThanOrEqual(1450);
    expect(result.elapsedMs).toBeLessThan(1500 + SLACK_MS);
    expect(result.attempts.length).toBeGreaterThanOrEqual(3);
    expect(result.attempts.length).toBeLessThan(6);
    expect(result.attempts.at(-1)).toMatch(/^backup/);
  });

  it('aborts the upstream request at once when the caller aborts mid-stream', async () => {
    primary.chatScript = { tokens: ['a', 'b', 'c', 'd', 'e', 'f'], tokenDelayMs: 100 };
    const controller = new AbortController();
    let abortedAt = 0;
    const result = await run(router().stream([onPrimary(), onBackup()], question, { signal: controller.signal }), (event) => {
      if (event.type === 'token' && event.text === 'b') {
        abortedAt = performance.now();
        controller.abort();
      }
    });

    expect(result.error).toMatchObject({ code: 'cancelled', phase: 'streaming', provider: 'primary' });
    expect(result.tokens).toEqual(['a', 'b']);
    const closedAt = await primary.waitForClientClose(primary.requestsTo(CHAT)[0]!);
    expect(closedAt - abortedAt).toBeLessThan(200);
    expect(backup.requests).toHaveLength(0);
  });

  it('aborts the upstream request when the caller aborts before the first token', async () => {
    primary.fail(CHAT, { kind: 'stall-before-first-token' });
    const controller = new AbortController();
    const routed = router();
    const running = run(routed.stream([onPrimary()], question, { signal: controller.signal }));
    const request = await primary.waitForRequest(CHAT);
    const abortedAt = performance.now();
    controller.abort();
    const result = await running;

    expect(result.error).toMatchObject({ code: 'cancelled', phase: 'before_first_token' });
    const closedAt = await primary.waitForClientClose(request);
    expect(closedAt - abortedAt).toBeLessThan(200);
  });

  it('closes the upstream request when the caller stops reading', async () => {
    primary.chatScript = { tokens: ['a', 'b', 'c', 'd'], tokenDelayMs: 50 };
    const outcomes: AttemptOutcome[] = [];
    const routed = router({ observer: { started: () => {}, finished: (o) => outcomes.push(o) } });
    for await (const event of routed.stream([onPrimary()], question, { signal: signal() })) {
      if (event.type === 'token') break;
    }
    await primary.waitForClientClose(primary.requestsTo(CHAT)[0]!);
    expect(outcomes.map((o) => o.status)).toEqual(['cancelled']);
  });

  it('opens the breaker after repeated failures, skips the server, and half-opens after the cooldown', async () => {
    let clock = 0;
    const routed = router({
      retry: { maxAttemptsPerCandidate: 1 },
      breaker: { failureThreshold: 2, cooldownMs: 30_000, now: () => clock },
    });
    const both = [onPrimary(), onBackup()];
    primary.fail(CHAT, { kind: 'status', status: 502 }, 3);

    for (let i = 0; i < 2; i++) expect((await run(routed.stream(both, question, { signal: signal() }))).error).toBeUndefined();
    expect(primary.requestsTo(CHAT)).toHaveLength(2);
    expect(routed.breakerStates()).toEqual({ p1: 'open', p2: 'closed' });

    // Open: the primary is not even asked.
    const skipped = await run(routed.stream(both, question, { signal: signal() }));
    expect(skipped.attempts).toEqual(['backup/qwen2.5#1']);
    expect(primary.requestsTo(CHAT)).toHaveLength(2);

    // Only candidate and open breaker: circuit_open.
    const refused = await run(routed.stream([onPrimary()], question, { signal: signal() }));
    expect(refused.error).toMatchObject({ code: 'circuit_open', provider: 'primary' });
    expect(refused.error!.message).toContain('tried again in 30 s');

    // After the cooldown one trial goes through; it fails (the third queued 502) and the breaker opens again.
    clock += 30_000;
    expect(routed.breakerStates().p1).toBe('half_open');
    const trial = await run(routed.stream(both, question, { signal: signal() }));
    expect(trial.attempts).toEqual(['primary/llama3#1', 'backup/qwen2.5#1']);
    expect(routed.breakerStates().p1).toBe('open');

    // Next cooldown: the trial succeeds and closes the breaker.
    clock += 30_000;
    const recovered = await run(routed.stream(both, question, { signal: signal() }));
    expect(recovered.attempts).toEqual(['primary/llama3#1']);
    expect(routed.breakerStates().p1).toBe('closed');
  });

  it('gives the half-open trial back when the caller stops at the attempt announcement', async () => {
    let clock = 0;
    const routed = router({ retry: { maxAttemptsPerCandidate: 1 }, breaker: { failureThreshold: 1, cooldownMs: 1000, now: () => clock } });
    primary.fail(CHAT, { kind: 'status', status: 500 });
    await run(routed.stream([onPrimary()], question, { signal: signal() }));
    clock += 1000;
    for await (const event of routed.stream([onPrimary()], question, { signal: signal() })) {
      if (event.type === 'attempt') break;
    }
    const trial = await run(routed.stream([onPrimary()], question, { signal: signal() }));
    expect(trial.error).toBeUndefined();
    expect(routed.breakerStates().p1).toBe('closed');
  });

  it('does not count refusals or cancellations against the breaker', async () => {
    const routed = router({ retry: { maxAttemptsPerCandidate: 1 }, breaker: { failureThreshold: 1 } });
    primary.fail(CHAT, { kind: 'status', status: 400, message: 'context too long' });
    await run(routed.stream([onPrimary()], question, { signal: signal() }));
    const aborted = new AbortController();
    aborted.abort();
    await run(routed.stream([onPrimary()], question, { signal: aborted.signal }));
    expect(routed.breakerStates().p1).toBe('closed');
  });

  it('fails with no_model when there is no candidate', async () => {
    const result = await run(router().stream([], question, { signal: signal() }));
    expect(result.error).toMatchObject({ code: 'no_model', retryable: false });
  });
});

describe('LlmRouter.complete', () => {
  it('returns the whole answer and who wrote it, retrying a stream cut midway', async () => {
    primary.fail(CHAT, { kind: 'cut-mid-stream', afterTokens: 2 });
    const answer = await router().complete([onPrimary()], question, { signal: signal() });
    expect(answer).toEqual({
      text: 'Answer: opening hours today',
      finishReason: 'stop',
      usage: { promptTokens: 3, completionTokens: 4 },
      toolCalls: [],
      provider: 'primary',
      providerId: 'p1',
      model: 'llama3',
    });
    expect(primary.requestsTo(CHAT)).toHaveLength(2);
  });

  it('falls back like the stream does', async () => {
    primary.fail(CHAT, { kind: 'status', status: 404, message: 'model "llama3" not found' });
    const answer = await router().complete([onPrimary(), onBackup()], question, { signal: signal() });
    expect(answer).toMatchObject({ provider: 'backup', model: 'qwen2.5', text: 'Answer: opening hours today' });
  });
});

describe('LlmRouter.listModels', () => {
  it('lists an endpoint’s models', async () => {
    primary.modelIds = ['llama3.1:8b'];
    expect(await router().listModels(onPrimary().endpoint, signal())).toEqual([{ id: 'llama3.1:8b', ownedBy: 'fake' }]);
  });

  it('names the provider when the server refuses', async () => {
    primary.fail('/v1/models', { kind: 'status', status: 401, message: 'bad key' });
    const error = await router()
      .listModels(onPrimary().endpoint, signal())
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'upstream_refused', provider: 'primary', status: 401 });
  });
});
