// Which generation settings an answer uses: instance defaults < assistant < conversation < request.
// Each layer is validated where it is stored or received; here the request layer is cut down to what
// the assistant allows, every value is clamped into Parley's bounds, and max tokens never exceeds the
// assistant's own maximum.
import {
  chatSettingsSchema,
  generationSettingsSchema,
  resolveGenerationSettings,
  type ChatSettings,
  type GenerationSettings,
  type OverridableSetting,
} from '@parley/contracts';

export interface ResolvedChatSettings extends GenerationSettings {
  /** Whether the answer is a function of its inputs (temperature 0, or the assistant opted in), so it may be cached. */
  readonly deterministic: boolean;
}

/** Parsed settings per stored object: an assistant read from a cache is parsed once, not per request. */
const parsed = new WeakMap<object, GenerationSettings>();

/** The assistant's stored generation settings with defaults filled in (memoised per stored object). */
export function assistantGeneration(stored: Record<string, unknown>): GenerationSettings {
  let settings = parsed.get(stored);
  if (!settings) {
    settings = generationSettingsSchema.parse(stored);
    parsed.set(stored, settings);
  }
  return settings;
}

/** Keeps only the request settings the assistant allows. */
export function allowedOverrides(request: ChatSettings | undefined, allowed: readonly OverridableSetting[]): ChatSettings {
  if (!request) return {};
  const out: Record<string, unknown> = {};
  for (const key of allowed) if (request[key] !== undefined) out[key] = request[key];
  return out as ChatSettings;
}

export function resolveChatSettings(input: {
  assistant: Record<string, unknown>;
  conversation?: Record<string, unknown>;
  request?: ChatSettings;
}): ResolvedChatSettings {
  const assistant = assistantGeneration(input.assistant);
  // The conversation layer holds sampling settings only (no defaults: what it leaves out, it does not set).
  const conversation = chatSettingsSchema.safeParse(input.conversation ?? {});
  const request = allowedOverrides(input.request, assistant.allowedOverrides);
  const resolved = resolveGenerationSettings([assistant, conversation.success ? conversation.data : {}, request], {
    maxTokens: { max: assistant.maxTokens },
  });
  return { ...resolved, deterministic: resolved.temperature === 0 || assistant.cache };
}
