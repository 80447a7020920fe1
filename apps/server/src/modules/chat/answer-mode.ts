// Whether an assistant answers with a language model or in the extractive mode, decided from the
// configuration alone (no model server is asked). AnswerPlanner.candidates resolves the same list of
// wanted models, so an assistant shown as `model` is one for which at least one candidate exists.
import type { AnswerMode, GenerationSettings } from '@parley/contracts';
import type { Config } from '../../config.js';

type ModelChoice = Pick<GenerationSettings, 'providerId' | 'model'>;

/** The models an assistant asks for, in the order they are tried: its own, then its fallbacks. */
export function wantedModels(settings: Pick<GenerationSettings, 'providerId' | 'model' | 'fallbacks'>): ModelChoice[] {
  return [{ providerId: settings.providerId, model: settings.model }, ...settings.fallbacks];
}

/**
 * `model` when a model may be called for the assistant: PARLEY_LLM is not `extractive`, and one wanted
 * model is usable. A choice naming the instance provider (providerId null) is usable when
 * PARLEY_LLM_BASE_URL is set (its model defaults to PARLEY_LLM_MODEL); one naming an organization's
 * provider is usable when that provider still exists and the choice names a model (organization providers
 * have no default model). Otherwise `extractive`. A model server that is down does not change the mode:
 * that answer fails (or falls back) instead.
 */
export function answerModeOf(
  settings: Pick<GenerationSettings, 'providerId' | 'model' | 'fallbacks'>,
  llm: Pick<Config['llm'], 'enabled' | 'instance'>,
  organizationProviderIds: ReadonlySet<string>,
): AnswerMode {
  if (!llm.enabled) return 'extractive';
  const usable = wantedModels(settings).some((choice) =>
    choice.providerId === null ? llm.instance !== null : organizationProviderIds.has(choice.providerId) && choice.model !== null,
  );
  return usable ? 'model' : 'extractive';
}
