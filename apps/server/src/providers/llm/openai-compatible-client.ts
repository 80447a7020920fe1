// Chat completions from any server that speaks OpenAI's `/v1/chat/completions`: vLLM, Ollama, LM Studio,
// llama.cpp's server, OpenAI, DeepSeek, OpenRouter. Non-streaming completions and model listing go through
// the official `openai` SDK (its types define the wire format for both paths); it runs with no retries and
// no timeout of its own, because the router owns that policy. Streams, the relay's hot path, are sent with
// undici's `request()` on the same Agent: measured here it reaches the server in ~0.07 ms against ~0.3 ms
// for undici's fetch and ~0.3 ms more for the SDK's request building (ADR 0008). One undici Agent per
// client (keep-alive, connect timeout, no header/body timeouts), so no request pays for a new pool.
// The SSE body is read here: we must tell a finished stream ([DONE] or a finish_reason) from a cut
// connection, and it is one decode, one JSON.parse and one event object per token.
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type {
  ChatCompletion as OpenAIChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import { Agent, fetch as undiciFetch, request as undiciRequest, Response as UndiciResponse } from 'undici';
import { parseRetryAfter } from '../embeddings/provider-http-call.js';
import type {
  ChatClient,
  ChatCompletion,
  ChatRequest,
  ChatStreamEvent,
  ChatStreamOptions,
  ModelInfo,
  TokenUsage,
  ToolCall,
} from './chat-model.js';
import {
  cancelledError,
  formatDuration,
  LlmError,
  llmErrorForNetwork,
  llmErrorForStatus,
  upstreamErrorText,
  type LlmPhase,
  type UpstreamContext,
} from './llm-errors.js';
import { SseDataDecoder } from './sse-data-decoder.js';

export interface OpenAICompatibleClientOptions {
  /** Base URL including its version path, e.g. `http://localhost:11434/v1` or `https://openrouter.ai/api/v1`. */
  readonly baseUrl: string;
  readonly apiKey?: string;
  readonly connectTimeoutMs: number;
  /** Sockets open at once to this server (default 2048: streams hold theirs for their whole length). */
  readonly maxConnections?: number;
}

/** Longer than any deadline the router sets; the SDK's own timer must never be the one that fires. */
const SDK_TIMEOUT_MS = 24 * 60 * 60 * 1000;
/** How long `end` waits for the rest of a finished body, so the socket is free for the next request. */
const DRAIN_WAIT_MS = 50;
/** How long a finished stream may keep its connection before we close it instead of reusing it. */
const DRAIN_LIMIT_MS = 2_000;

export class OpenAICompatibleClient implements ChatClient {
  readonly baseUrl: string;
  private readonly agent: Agent;
  private readonly sdk: OpenAI;
  private readonly connectTimeoutMs: number;
  /** The raw body of each error answer, keyed by its Headers (the SDK keeps only `error` of OpenAI's shape). */
  private readonly errorBodies = new WeakMap<object, string>();
  /** Cleared when the server rejects `stream_options`; later streams leave it out. */
  private sendStreamOptions = true;
  private readonly completionsUrl: string;
  private readonly streamHeaders: Record<string, string>;

  constructor(options: OpenAICompatibleClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.connectTimeoutMs = options.connectTimeoutMs;
    this.completionsUrl = `${this.baseUrl}/chat/completions`;
    this.streamHeaders = {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
    };
    this.agent = new Agent({
      connect: { timeout: options.connectTimeoutMs },
      connections: options.maxConnections ?? 2048,
      keepAliveTimeout: 30_000,
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    const agent = this.agent;
    const errorBodies = this.errorBodies;
    const fetchThroughAgent = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const response = await undiciFetch(input as string, { ...(init as object), dispatcher: agent });
      if (response.ok) return response as unknown as Response;
      const text = await response.text().catch(() => '');
      const copy = new UndiciResponse(text, { status: response.status, statusText: response.statusText, headers: response.headers });
      errorBodies.set(copy.headers, text);
      return copy as unknown as Response;
    };
    this.sdk = new OpenAI({
      baseURL: this.baseUrl,
      // Passed explicitly so the SDK never picks up OPENAI_API_KEY / OPENAI_ORG_ID from the environment and
      // sends them to a self-hosted server; without a key no Authorization header is sent at all.
      apiKey: options.apiKey || 'no-key',
      organization: null,
      project: null,
      ...(options.apiKey ? {} : { defaultHeaders: { authorization: null } }),
      maxRetries: 0,
      timeout: SDK_TIMEOUT_MS,
      fetch: fetchThroughAgent,
    });
  }

  async *stream(request: ChatRequest, signal: AbortSignal, options: ChatStreamOptions = {}): AsyncGenerator<ChatStreamEvent, void> {
    const context: UpstreamContext = { baseUrl: this.baseUrl, model: request.model };
    let response: StreamResponse;
    try {
      response = await this.openStream(request, signal);
    } catch (error) {
      throw this.toLlmError(error, signal, context, 'before_first_token');
    }

    // A server that ignores `stream: true` answers with one JSON completion: replay it as a stream.
    if (response.contentType.includes('application/json')) {
      let completion: ChatCompletion;
      try {
        completion = readCompletion((await response.body.json()) as OpenAIChatCompletion);
      } catch (error) {
        throw this.toLlmError(error, signal, context, 'before_first_token');
      }
      if (completion.text) yield { type: 'token', text: completion.text };
      yield { type: 'end', finishReason: completion.finishReason, usage: completion.usage, toolCalls: completion.toolCalls };
      return;
    }

    const reader = bodyReader(response.body);
    const decoder = new SseDataDecoder();
    const onOutput = options.onOutput;
    let released = false;
    let tokens = 0;
    let finishReason: string | null = null;
    let usage: TokenUsage | null = null;
    let toolCalls: ToolCallParts[] | null = null;

    try {
      for (let sawDone = false; !sawDone;) {
        let read: Awaited<ReturnType<typeof reader.read>>;
        try {
          read = await reader.read();
        } catch (error) {
          if (signal.aborted) throw this.toLlmError(error, signal, context, phaseAfter(tokens));
          // The connection broke after the model had finished: the answer is complete, only the usage may be lost.
          if (finishReason !== null) break;
          throw this.cutError(context, tokens, error);
        }
        const payloads = read.done ? decoder.finish() : decoder.push(read.value!);
        for (const payload of payloads) {
          if (payload === '[DONE]') {
            sawDone = true;
            break;
          }
          const chunk = this.parseChunk(payload, context, tokens);
          if (chunk.usage) usage = readUsage(chunk.usage);
          const choice = chunk.choices?.[0];
          if (!choice) continue;
          const delta = choice.delta as ChatCompletionChunk.Choice.Delta & { reasoning_content?: string; reasoning?: string };
          if (delta) {
            const content = delta.content;
            if (content) {
              tokens++;
              yield { type: 'token', text: content };
            }
            if (delta.tool_calls) {
              addToolCallDeltas((toolCalls ??= []), delta.tool_calls);
              onOutput?.();
            } else if (onOutput && !content && (delta.reasoning_content || delta.reasoning)) {
              onOutput();
            }
          }
          if (choice.finish_reason) finishReason = choice.finish_reason;
        }
        if (read.done) {
          released = true;
          if (!sawDone && finishReason === null) throw this.cutError(context, tokens);
          break;
        }
      }
      // Let the connection go back to the pool before handing out `end` (the caller may stop iterating there,
      // and its next request should find the socket free).
      if (!released) {
        released = true;
        await drain(reader);
      }
      yield { type: 'end', finishReason, usage, toolCalls: toolCalls ? finishToolCalls(toolCalls) : [] };
    } finally {
      // Stopped early (error, caller's break or abort): closing the body closes the socket to the upstream.
      if (!released) reader.cancel().catch(() => {});
    }
  }

  async complete(request: ChatRequest, signal: AbortSignal): Promise<ChatCompletion> {
    const context: UpstreamContext = { baseUrl: this.baseUrl, model: request.model };
    try {
      const params: ChatCompletionCreateParamsNonStreaming = { ...requestParams(request), stream: false };
      return readCompletion(await this.sdk.chat.completions.create(params, { signal }));
    } catch (error) {
      throw this.toLlmError(error, signal, context, 'before_first_token');
    }
  }

  async listModels(signal: AbortSignal): Promise<ModelInfo[]> {
    try {
      const page = await this.sdk.models.list({ signal });
      return page.data.map((model) => (typeof model.owned_by === 'string' ? { id: model.id, ownedBy: model.owned_by } : { id: model.id }));
    } catch (error) {
      throw this.toLlmError(error, signal, { baseUrl: this.baseUrl }, 'before_first_token');
    }
  }

  /** Closes the connection pool; streams in flight are cut. */
  close(): Promise<void> {
    return this.agent.destroy();
  }

  private async openStream(request: ChatRequest, signal: AbortSignal): Promise<StreamResponse> {
    const withOptions = this.sendStreamOptions;
    const first = await this.post(streamParams(request, withOptions), signal);
    if (first.statusCode < 300) return first;
    const text = await first.body.text().catch(() => '');
    if (withOptions && (first.statusCode === 400 || first.statusCode === 422) && text.includes('stream_options')) {
      this.sendStreamOptions = false;
      const second = await this.post(streamParams(request, false), signal);
      if (second.statusCode < 300) return second;
      throw statusError(second.statusCode, second.retryAfter, await second.body.text().catch(() => ''));
    }
    throw statusError(first.statusCode, first.retryAfter, text);
  }

  private async post(params: ChatCompletionCreateParamsStreaming, signal: AbortSignal): Promise<StreamResponse> {
    const response = await undiciRequest(this.completionsUrl, {
      method: 'POST',
      headers: this.streamHeaders,
      body: JSON.stringify(params),
      dispatcher: this.agent,
      signal,
    });
    const type = response.headers['content-type'];
    const retryAfter = response.headers['retry-after'];
    return {
      statusCode: response.statusCode,
      contentType: (Array.isArray(type) ? type[0] : type) ?? '',
      retryAfter: (Array.isArray(retryAfter) ? retryAfter[0] : retryAfter) ?? null,
      body: response.body,
    };
  }

  private parseChunk(payload: string, context: UpstreamContext, tokens: number): ChatCompletionChunk {
    let chunk: ChatCompletionChunk & { error?: unknown };
    try {
      chunk = JSON.parse(payload) as ChatCompletionChunk & { error?: unknown };
    } catch (cause) {
      throw new LlmError({
        code: 'upstream_error',
        message: `model server ${this.baseUrl} sent a stream event that is not JSON: ${upstreamErrorText(payload)}`,
        retryable: false,
        phase: phaseAfter(tokens),
        cause,
        ...modelOf(context),
      });
    }
    // vLLM, OpenRouter and others report a failure inside the stream once the 200 has been sent.
    if (chunk.error) {
      throw new LlmError({
        code: 'upstream_error',
        message: `model server ${this.baseUrl} failed during the stream: ${upstreamErrorText(JSON.stringify(chunk))}`,
        phase: phaseAfter(tokens),
        ...modelOf(context),
      });
    }
    return chunk;
  }

  private cutError(context: UpstreamContext, tokens: number, cause?: unknown): LlmError {
    return new LlmError({
      code: 'upstream_cut',
      message: `model server ${this.baseUrl} ended the stream of ${context.model} before it finished (after ${tokens} tokens)`,
      phase: phaseAfter(tokens),
      ...modelOf(context),
      ...(cause !== undefined ? { cause } : {}),
    });
  }

  private toLlmError(error: unknown, signal: AbortSignal, context: UpstreamContext, phase: LlmPhase): LlmError {
    const here = { ...context, phase };
    // Aborted by the router with its own deadline error, or by the caller.
    if (signal.aborted) return signal.reason instanceof LlmError ? signal.reason : cancelledError(here, signal.reason);
    if (error instanceof LlmError) return error;
    if (error instanceof StatusError) {
      const retryAfterMs = parseRetryAfter(error.retryAfter);
      return llmErrorForStatus(error.status, upstreamErrorText(error.body), here, {
        cause: error,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      });
    }
    // The SDK's own timer is longer than any deadline, so its timeout error means the connect timeout fired.
    if (error instanceof APIConnectionTimeoutError) {
      return new LlmError({
        code: 'upstream_unavailable',
        message: `could not connect to model server ${this.baseUrl} within ${formatDuration(this.connectTimeoutMs)}`,
        cause: error,
        ...here,
      });
    }
    if (error instanceof APIError && error.status !== undefined) {
      const body = error.headers ? this.errorBodies.get(error.headers) : undefined;
      const retryAfterMs = parseRetryAfter(error.headers?.get('retry-after') ?? null);
      return llmErrorForStatus(error.status, upstreamErrorText(body ?? ''), here, {
        cause: error,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      });
    }
    if (error instanceof APIConnectionError) return llmErrorForNetwork(error.cause ?? error, here, this.connectTimeoutMs);
    if (error instanceof TypeError) return llmErrorForNetwork(error, here, this.connectTimeoutMs);
    // undici's request() throws socket errors as they are (ECONNREFUSED, UND_ERR_CONNECT_TIMEOUT, UND_ERR_SOCKET…).
    if (error instanceof Error && typeof (error as { code?: unknown }).code === 'string') {
      return llmErrorForNetwork(error, here, this.connectTimeoutMs);
    }
    return new LlmError({
      code: 'upstream_error',
      message: `model server ${this.baseUrl} gave an unreadable answer: ${error instanceof Error ? error.message : String(error)}`,
      retryable: false,
      cause: error,
      ...here,
    });
  }
}

// --- request and response shapes ----------------------------------------------------------------------

function requestParams(request: ChatRequest): Omit<ChatCompletionCreateParamsNonStreaming, 'stream'> {
  const params: Omit<ChatCompletionCreateParamsNonStreaming, 'stream'> = {
    model: request.model,
    messages: request.messages as ChatCompletionMessageParam[],
  };
  if (request.temperature !== undefined) params.temperature = request.temperature;
  if (request.topP !== undefined) params.top_p = request.topP;
  if (request.maxTokens !== undefined) params.max_tokens = request.maxTokens;
  if (request.stop !== undefined && request.stop.length > 0) params.stop = [...request.stop];
  if (request.frequencyPenalty !== undefined) params.frequency_penalty = request.frequencyPenalty;
  if (request.presencePenalty !== undefined) params.presence_penalty = request.presencePenalty;
  if (request.seed !== undefined) params.seed = request.seed;
  if (request.tools && request.tools.length > 0) {
    params.tools = request.tools.map((tool): ChatCompletionTool => ({
      type: 'function',
      function: {
        name: tool.name,
        parameters: tool.parameters,
        ...(tool.description !== undefined ? { description: tool.description } : {}),
      },
    }));
  }
  return params;
}

function streamParams(request: ChatRequest, includeUsage: boolean): ChatCompletionCreateParamsStreaming {
  const params: ChatCompletionCreateParamsStreaming = { ...requestParams(request), stream: true };
  if (includeUsage) params.stream_options = { include_usage: true };
  return params;
}

function readCompletion(completion: OpenAIChatCompletion): ChatCompletion {
  const choice = completion.choices?.[0];
  const message = choice?.message;
  const toolCalls: ToolCall[] = [];
  for (const [index, call] of (message?.tool_calls ?? []).entries()) {
    if (call.type !== 'function') continue;
    toolCalls.push({ id: call.id || `call_${index}`, name: call.function.name, arguments: call.function.arguments ?? '' });
  }
  return {
    text: message?.content ?? '',
    finishReason: choice?.finish_reason ?? null,
    usage: completion.usage ? readUsage(completion.usage) : null,
    toolCalls,
  };
}

function readUsage(usage: { prompt_tokens?: number; completion_tokens?: number }): TokenUsage {
  return { promptTokens: usage.prompt_tokens ?? 0, completionTokens: usage.completion_tokens ?? 0 };
}

interface ToolCallParts {
  id: string;
  name: string;
  arguments: string;
}

/** Adds streamed tool-call fragments to the calls assembled so far, by `index`. */
function addToolCallDeltas(calls: ToolCallParts[], deltas: readonly ChatCompletionChunk.Choice.Delta.ToolCall[]): void {
  for (const delta of deltas) {
    // Servers that leave out `index` send each call whole, or start a new call with a new id.
    let index = delta.index;
    if (typeof index !== 'number') {
      const last = calls.length - 1;
      index = last < 0 || (delta.id && delta.id !== calls[last]?.id) ? calls.length : last;
    }
    let call = calls[index];
    if (!call) calls[index] = call = { id: '', name: '', arguments: '' };
    if (delta.id) call.id = delta.id;
    const fn = delta.function;
    if (fn?.name && !call.name) call.name = fn.name;
    if (fn?.arguments) call.arguments += fn.arguments;
  }
}

function finishToolCalls(calls: ToolCallParts[]): ToolCall[] {
  const finished: ToolCall[] = [];
  calls.forEach((call, index) => {
    if (call) finished.push({ id: call.id || `call_${index}`, name: call.name, arguments: call.arguments });
  });
  return finished;
}

/**
 * Reads what is left of a finished stream (usually just the end of the chunked body) so its socket can be
 * reused. Resolves when the body has ended, or after a short wait while reading goes on in the background;
 * a server that still holds the body open after DRAIN_LIMIT_MS gets its connection closed.
 */
function drain(reader: { read(): Promise<{ done: boolean }>; cancel(): Promise<void> }): Promise<void> {
  return new Promise((resolve) => {
    const wait = setTimeout(resolve, DRAIN_WAIT_MS);
    const limit = setTimeout(() => reader.cancel().catch(() => {}), DRAIN_LIMIT_MS);
    limit.unref();
    const finish = () => {
      clearTimeout(wait);
      clearTimeout(limit);
      resolve();
    };
    const next = (): void => {
      reader.read().then((read) => (read.done ? finish() : next()), finish);
    };
    next();
  });
}

function phaseAfter(tokens: number): LlmPhase {
  return tokens > 0 ? 'streaming' : 'before_first_token';
}

function modelOf(context: UpstreamContext): { model?: string } {
  return context.model !== undefined ? { model: context.model } : {};
}

// --- the streaming request ----------------------------------------------------------------------------

type NodeBody = Awaited<ReturnType<typeof undiciRequest>>['body'];

interface StreamResponse {
  readonly statusCode: number;
  readonly contentType: string;
  readonly retryAfter: string | null;
  readonly body: NodeBody;
}

/** A non-2xx answer to a stream request, with the server's own words. */
class StatusError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfter: string | null,
    readonly body: string,
  ) {
    super(`HTTP ${status}`);
  }
}

function statusError(status: number, retryAfter: string | null, body: string): StatusError {
  return new StatusError(status, retryAfter, body);
}

/** The body as a pull reader (read / cancel), as the decoding loop and drain() use it. */
function bodyReader(body: NodeBody): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(): Promise<void> } {
  const chunks = body[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
  return {
    read: () => chunks.next().then((next) => (next.done ? { done: true } : { done: false, value: next.value })),
    cancel: async () => {
      body.destroy();
    },
  };
}
