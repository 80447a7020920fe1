// The steps every answer shares, whichever API asked: which models to try (the assistant's provider
// and model, then its fallbacks), which passages to ground it in (hybrid retrieval), and the prompt.
import { retrievalSettingsSchema, type GenerationSettings } from '@parley/contracts';
import type { Config } from '../../config.js';
import type { AssistantRow } from '../assistants/assistant.repository.js';
import type { SamplingSettings } from '../../providers/llm/chat-model.js';
import type { LlmCandidate } from '../../providers/llm/llm-router.js';
import type { ProviderService } from '../providers/provider.service.js';
import type { RetrievalService } from '../retrieval/retrieval.service.js';
import { answerCacheKey, type AnswerPlan, type RetrievedPassage } from './answer-engine.js';
import { buildChatPrompt, type HistoryTurn, type Tone } from './prompt/prompt-builder.js';
import { wantedModels } from './answer-mode.js';
import { assistantGeneration, type ResolvedChatSettings } from './chat-settings.js';

export class AnswerPlanner {
  constructor(private readonly deps: { config: Config; providers: ProviderService; retrieval: RetrievalService }) {}

  /** Models to try, in order; empty when no model is connected (or PARLEY_LLM=extractive): see answerModeOf. */
  async candidates(
    organizationId: string,
    settings: Pick<GenerationSettings, 'providerId' | 'model' | 'fallbacks'>,
  ): Promise<LlmCandidate[]> {
    if (!this.deps.config.llm.enabled) return [];
    const out: LlmCandidate[] = [];
    const seen = new Set<string>();
    for (const want of wantedModels(settings)) {
      const provider = await this.deps.providers.resolve(organizationId, want.providerId);
      const model = want.model ?? provider?.defaultModel ?? null;
      if (!provider || !model) continue;
      const key = `${provider.endpoint.id}\u0000${model}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ endpoint: provider.endpoint, model });
    }
    return out;
  }

  /** The best passages for a question, numbered from 1 in rank order. */
  async passages(assistant: AssistantRow, query: string): Promise<RetrievedPassage[]> {
    const retrieval = retrievalSettingsSchema.parse(assistant.retrieval);
    const found = await this.deps.retrieval.searchAssistant(assistant, { query, topK: retrieval.topK });
    return found.results.map((r, i) => ({
      n: i + 1,
      documentId: r.documentId,
      documentTitle: r.documentTitle,
      url: r.documentUrl,
      chunkId: r.chunkId,
      page: r.page,
      text: r.text,
    }));
  }
}

/** What an answer is built from, once the caller has settled history, summary and passages. */
export interface PlanInput {
  readonly assistant: AssistantRow;
  readonly settings: ResolvedChatSettings;
  readonly candidates: readonly LlmCandidate[];
  /** The owner's system prompt plus, on the OpenAI-compatible API, the integrator's instructions. */
  readonly systemPrompt: string;
  readonly history: readonly HistoryTurn[];
  readonly summary: string | null;
  readonly question: string;
  readonly language: string;
  readonly passages: readonly RetrievedPassage[];
}

/** The prompt within the token budget, the passages it kept, and the cache key of a deterministic request. */
export function planAnswer(input: PlanInput): AnswerPlan {
  const { assistant, settings, candidates, question } = input;
  const prompt = buildChatPrompt({
    systemPrompt: input.systemPrompt,
    tone: assistant.tone as Tone,
    assistantName: assistant.name,
    assistantLanguage: assistant.language,
    passages: input.passages,
    history: input.history,
    summary: input.summary,
    question,
    budget: { contextWindow: settings.contextWindow, maxTokens: settings.maxTokens },
  });
  const used = new Set(prompt.passagesUsed);
  const passages = input.passages.filter((p) => used.has(p.n));
  const sampling = samplingOf(settings);
  return {
    candidates,
    messages: prompt.messages,
    sampling,
    passages,
    question,
    language: input.language,
    promptTokens: prompt.promptTokens,
    cacheKey: settings.deterministic
      ? answerCacheKey({
          assistantId: assistant.id,
          assistantVersion: assistant.version,
          candidates,
          sampling,
          messages: prompt.messages,
          chunkIds: passages.map((p) => p.chunkId),
        })
      : null,
  };
}

export function samplingOf(settings: ResolvedChatSettings): SamplingSettings {
  return {
    temperature: settings.temperature,
    topP: settings.topP,
    maxTokens: settings.maxTokens,
    frequencyPenalty: settings.frequencyPenalty,
    presencePenalty: settings.presencePenalty,
    ...(settings.stop.length > 0 ? { stop: settings.stop } : {}),
  };
}

export function generationOf(assistant: AssistantRow): GenerationSettings {
  return assistantGeneration(assistant.generation);
}
