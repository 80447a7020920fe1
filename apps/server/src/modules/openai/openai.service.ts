// The OpenAI-compatible API's engine room: an assistant (by slug) answers a chat-completions request
// with its own system prompt, tone, retrieval and limits; the request's sampling settings are honoured
// as far as the assistant allows. Nothing is stored but the usage ledger.
import type { ChatSettings } from '@parley/contracts';
import { and, asc, eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { assistants } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { Principal } from '../../http/principal.js';
import type { AssistantRow } from '../assistants/assistant.repository.js';
import { LocalCache, type Invalidations } from '../../state/local-cache.js';
import type { AnswerEngine, AnswerResult } from '../chat/answer-engine.js';
import { generationOf, planAnswer, type AnswerPlanner } from '../chat/answer-planner.js';
import { resolveChatSettings } from '../chat/chat-settings.js';
import type { UsageRecorder } from '../chat/usage-recorder.js';
import type { HistoryTurn } from '../chat/prompt/prompt-builder.js';
import { detectQuestionLanguage } from '../chat/prompt/question-language.js';
import { sanitizeUserText } from '../chat/prompt/sanitize.js';
import type { ChatCompletionBody, OpenAIMessage } from './openai-schemas.js';

/** How long an assistant read by slug is reused; changes announce themselves at once. */
const ASSISTANT_CACHE_MS = 10_000;

/** Longest conversation text accepted on this API, in characters (all messages together). */
const MAX_INPUT_CHARS = 400_000;

export const modelNotFound = (model: string) =>
  new AppError(404, 'model_not_found', `The model '${model}' does not exist or you do not have access to it`, { param: 'model' });

export class OpenAIService {
  /** Assistants by organization and slug: every completion names one, and they rarely change. */
  private readonly bySlug = new LocalCache<AssistantRow>(ASSISTANT_CACHE_MS);

  constructor(
    private readonly deps: {
      db: Db;
      logger: Logger;
      engine: AnswerEngine;
      planner: AnswerPlanner;
      usage: UsageRecorder;
      invalidations?: Invalidations;
    },
  ) {
    deps.invalidations?.on('assistant', (id) => this.bySlug.deleteWhere((row) => row.id === id));
  }

  /** Assistants the caller can reach: an API key its own, a user their organization's. */
  async models(principal: Principal): Promise<AssistantRow[]> {
    return this.deps.db
      .select()
      .from(assistants)
      .where(
        principal.kind === 'api_key'
          ? and(eq(assistants.organizationId, principal.organizationId), eq(assistants.id, principal.assistantId))
          : eq(assistants.organizationId, principal.organizationId),
      )
      .orderBy(asc(assistants.slug));
  }

  async assistantBySlug(principal: Principal, slug: string): Promise<AssistantRow> {
    const key = `${principal.organizationId}\u0000${slug}`;
    const cached = this.bySlug.get(key);
    if (cached) {
      if (principal.kind === 'api_key' && cached.id !== principal.assistantId) throw modelNotFound(slug);
      return cached;
    }
    const [row] = await this.deps.db
      .select()
      .from(assistants)
      .where(and(eq(assistants.organizationId, principal.organizationId), eq(assistants.slug, slug)));
    if (!row || (principal.kind === 'api_key' && row.id !== principal.assistantId)) throw modelNotFound(slug);
    this.bySlug.set(key, row);
    return row;
  }

  async complete(
    principal: Principal,
    body: ChatCompletionBody,
    hooks: { signal: AbortSignal; onToken(text: string): void },
  ): Promise<AnswerResult> {
    const assistant = await this.assistantBySlug(principal, body.model);
    const { instructions, history, question } = splitConversation(body.messages);
    const settings = resolveChatSettings({ assistant: assistant.generation, request: requestSettings(body) });
    const candidates = await this.deps.planner.candidates(assistant.organizationId, generationOf(assistant));

    const passages = await this.deps.planner.passages(assistant, question);
    const systemPrompt = instructions ? `${assistant.systemPrompt}\n\n${instructions}`.trim() : assistant.systemPrompt;
    const plan = planAnswer({
      assistant,
      settings,
      candidates,
      systemPrompt,
      history,
      summary: null,
      question,
      language: detectQuestionLanguage(question) ?? assistant.language,
      passages,
    });
    const result = await this.deps.engine.answer(plan, { signal: hooks.signal, onToken: hooks.onToken });
    this.deps.usage.recordAnswer(assistant, 'openai', result);
    return result;
  }
}

function textOf(message: OpenAIMessage): string {
  const content = message.content;
  if (typeof content === 'string') return content;
  if (!content) return '';
  return content
    .map((part) => (part.type === 'text' && typeof (part as { text?: unknown }).text === 'string' ? (part as { text: string }).text : ''))
    .join('');
}

/**
 * The integrator's own instructions (system/developer messages, added after the owner's prompt), the
 * earlier turns, and the question (the last user message).
 */
export function splitConversation(messages: readonly OpenAIMessage[]): { instructions: string; history: HistoryTurn[]; question: string } {
  let total = 0;
  for (const m of messages) total += textOf(m).length;
  if (total > MAX_INPUT_CHARS) {
    throw new AppError(400, 'context_length_exceeded', `The messages are longer than ${MAX_INPUT_CHARS} characters`, { param: 'messages' });
  }
  const lastUser = messages.findLastIndex((m) => m.role === 'user');
  if (lastUser === -1)
    throw new AppError(400, 'invalid_request_error', 'The messages need at least one user message', { param: 'messages' });
  const question = sanitizeUserText(textOf(messages[lastUser]!), MAX_INPUT_CHARS).text.trim();
  if (!question) throw new AppError(400, 'invalid_request_error', 'The last user message is empty', { param: 'messages' });
  const instructions: string[] = [];
  const history: HistoryTurn[] = [];
  messages.forEach((m, i) => {
    if (i === lastUser) return;
    const text = sanitizeUserText(textOf(m), MAX_INPUT_CHARS).text;
    if (!text.trim()) return;
    if (m.role === 'system' || m.role === 'developer') instructions.push(text);
    else if (m.role === 'user' || m.role === 'assistant') history.push({ role: m.role, content: text });
  });
  return { instructions: instructions.join('\n\n'), history, question };
}

/** OpenAI clients send null for "not set" as often as they leave a field out. */
const given = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

function requestSettings(body: ChatCompletionBody): ChatSettings {
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  return {
    ...(given(body.temperature) ? { temperature: body.temperature } : {}),
    ...(given(body.top_p) ? { topP: body.top_p } : {}),
    ...(given(maxTokens) ? { maxTokens: Math.min(maxTokens, 32_768) } : {}),
    ...(given(body.stop) ? { stop: typeof body.stop === 'string' ? [body.stop] : body.stop } : {}),
    ...(given(body.frequency_penalty) ? { frequencyPenalty: body.frequency_penalty } : {}),
    ...(given(body.presence_penalty) ? { presencePenalty: body.presence_penalty } : {}),
  };
}
