// The language-model seam: what the chat engine asks of any model server, and what it gets back.
// Implementations: an OpenAI-compatible HTTP client (vLLM, Ollama, LM Studio, llama.cpp server,
// OpenAI, DeepSeek, OpenRouter). The built-in extractive mode is not a model and lives in the chat module.

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  readonly role: ChatRole;
  readonly content: string;
}

/** Sampling settings sent upstream; undefined fields are left out of the request. */
export interface SamplingSettings {
  readonly temperature?: number;
  readonly topP?: number;
  readonly maxTokens?: number;
  readonly stop?: readonly string[];
  readonly frequencyPenalty?: number;
  readonly presencePenalty?: number;
  readonly seed?: number;
}

export interface ToolDefinition {
  readonly name: string;
  readonly description?: string;
  /** JSON Schema of the arguments. */
  readonly parameters: Record<string, unknown>;
}

export interface ChatRequest extends SamplingSettings {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly tools?: readonly ToolDefinition[];
}

export interface TokenUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
}

export interface ToolCall {
  readonly id: string;
  readonly name: string;
  /** The arguments as the model wrote them (JSON text, assembled from streamed fragments). */
  readonly arguments: string;
}

/** What a streaming completion yields, in order: tokens, then at most one `end`. */
export type ChatStreamEvent =
  | { readonly type: 'token'; readonly text: string }
  | {
      readonly type: 'end';
      readonly finishReason: string | null;
      /** Null when the server sent no usage (the engine then counts tokens itself). */
      readonly usage: TokenUsage | null;
      readonly toolCalls: readonly ToolCall[];
    };

export interface ModelInfo {
  readonly id: string;
  readonly ownedBy?: string;
}

/** The result of a non-streaming completion. */
export interface ChatCompletion {
  readonly text: string;
  readonly finishReason: string | null;
  readonly usage: TokenUsage | null;
  readonly toolCalls: readonly ToolCall[];
}

export interface ChatStreamOptions {
  /**
   * Called when the model produces output that is not a token event (tool-call fragments, reasoning
   * text), so that deadlines can tell a working model from a silent one.
   */
  readonly onOutput?: () => void;
}

/** One model server. Failures are thrown as LlmError; aborting `signal` closes the upstream connection. */
export interface ChatClient {
  /** Yields tokens as they arrive, then exactly one `end`. */
  stream(request: ChatRequest, signal: AbortSignal, options?: ChatStreamOptions): AsyncIterable<ChatStreamEvent>;
  complete(request: ChatRequest, signal: AbortSignal): Promise<ChatCompletion>;
  listModels(signal: AbortSignal): Promise<ModelInfo[]>;
}
