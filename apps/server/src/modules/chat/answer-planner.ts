// The steps every answer shares, whichever API asked: which models to try (the assistant's provider
// and model, then its fallbacks), which passages to ground it in (hybrid retrieval), and the prompt.
import { retrievalSettingsSchema, type GenerationSettings } from '@parley/contracts';
import type { Config } from '../../config.js';
import type { AssistantRow } from '../assistants/assistant.repository.js';
import type { SamplingSettings } from '../../providers/llm/chat-model.js';
import type { LlmCandidate } from '../../providers/llm/llm-router.js';
import type { ProviderService } from '../providers/provider.service.js';
import type { RetrievalService } from '../retrieval/retrieval.service.js';
import type { RetrievedPassage } from './answer-engine.js';
import { assistantGeneration, type ResolvedChatSettings } from './chat-settings.js';

export class AnswerPlanner {
  constructor(private readonly deps: { config: Config; providers: ProviderService; retrieval: RetrievalService }) {}

  /** Models to try, in order; empty when no model is connected (or PARLEY_LLM=extractive). */
  async candidates(
    organizationId: string,
    settings: Pick<GenerationSettings, 'providerId' | 'model' | 'fallbacks'>,
  ): Promise<LlmCandidate[]> {
    if (!this.deps.config.llm.enabled) return [];
    const wanted = [{ providerId: settings.providerId, model: settings.model }, ...settings.fallbacks];
    const out: LlmCandidate[] = [];
    const seen = new Set<string>();
    for (const want of wanted) {
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
      chunkId: r.chunkId,
      page: r.page,
      text: r.text,
    }));
  }
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
