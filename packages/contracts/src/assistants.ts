// Assistants: the projects an organization builds, with their prompt, tone, generation and retrieval settings.
import { z } from 'zod';
import { isoDateSchema, slugSchema } from './common.js';
import { updateWidgetSettingsSchema, widgetSettingsSchema } from './widget-settings.js';
import { assistantLanguages, generationBounds, overridableSettings, retrievalBounds, tonePresets } from './limits.js';

export { assistantLanguages, generationBounds, overridableSettings, retrievalBounds, tonePresets };

export const languageSchema = z.enum(assistantLanguages);
export type AssistantLanguage = z.infer<typeof languageSchema>;
export const rtlLanguages: readonly AssistantLanguage[] = ['he', 'fa', 'ar', 'ur'];

export const toneSchema = z.enum(tonePresets);

const bounded = (b: { min: number; max: number }) => z.number().min(b.min).max(b.max);

export const overridableSettingSchema = z.enum(overridableSettings);
export type OverridableSetting = z.infer<typeof overridableSettingSchema>;

const modelNameSchema = z.string().trim().min(1).max(200);
const providerRefSchema = z.uuid().nullable().describe("An organization's provider id; null = the instance provider (PARLEY_LLM_*)");
export const stopSchema = z.array(z.string().min(1).max(64)).max(4);

export const fallbackModelSchema = z.strictObject({ providerId: providerRefSchema, model: modelNameSchema });
export type FallbackModel = z.infer<typeof fallbackModelSchema>;

export const generationSettingsSchema = z.strictObject({
  providerId: providerRefSchema.default(null),
  model: modelNameSchema.nullable().default(null).describe("Model name; null = the provider's default model"),
  fallbacks: z.array(fallbackModelSchema).max(5).default([]).describe('Tried in order when the model fails before answering'),
  temperature: bounded(generationBounds.temperature).default(0.3),
  topP: bounded(generationBounds.topP).default(1),
  maxTokens: bounded(generationBounds.maxTokens).int().default(1024).describe('Also the ceiling for per-request maxTokens'),
  frequencyPenalty: bounded(generationBounds.frequencyPenalty).default(0),
  presencePenalty: bounded(generationBounds.presencePenalty).default(0),
  stop: stopSchema.default([]),
  contextWindow: z.number().int().min(1024).max(2_000_000).default(8192).describe("The model's context length in tokens"),
  allowedOverrides: z.array(overridableSettingSchema).default([...overridableSettings]),
  cache: z.boolean().default(false).describe('Cache answers even when temperature > 0 (temperature 0 always caches)'),
});
export type GenerationSettings = z.infer<typeof generationSettingsSchema>;

export const retrievalSettingsSchema = z
  .strictObject({
    topK: bounded(retrievalBounds.topK).int().default(6),
    mode: z.enum(['hybrid', 'vector', 'text']).default('hybrid'),
    // Tuned on the multilingual QA benchmark (bench/README.md) with the built-in hash embedder, whose
    // vectors are weaker than BM25; with a neural embedding model, raise vectorWeight.
    vectorWeight: bounded(retrievalBounds.vectorWeight).default(0.2),
    textWeight: bounded(retrievalBounds.textWeight).default(0.8),
    minScore: bounded(retrievalBounds.minScore).default(0),
    chunkSize: bounded(retrievalBounds.chunkSize).int().default(512).describe('Chunk size in tokens'),
    chunkOverlap: bounded(retrievalBounds.chunkOverlap).int().default(64).describe('Overlap in tokens'),
  })
  .refine((r) => r.chunkOverlap < r.chunkSize, {
    message: 'chunkOverlap must be smaller than chunkSize',
    path: ['chunkOverlap'],
  });
export type RetrievalSettings = z.infer<typeof retrievalSettingsSchema>;

export const defaultGenerationSettings: GenerationSettings = generationSettingsSchema.parse({});
export const defaultRetrievalSettings: RetrievalSettings = retrievalSettingsSchema.parse({});

const nameSchema = z.string().trim().min(1).max(120);
const descriptionSchema = z.string().max(2_000);
const systemPromptSchema = z.string().max(20_000);

export const createAssistantBodySchema = z.strictObject({
  name: nameSchema,
  slug: slugSchema.optional().describe('Unique in the organization; derived from the name when left out'),
  description: descriptionSchema.default(''),
  language: languageSchema.default('en'),
  systemPrompt: systemPromptSchema.default(''),
  tone: toneSchema.default('neutral'),
  generation: generationSettingsSchema.default(defaultGenerationSettings),
  retrieval: retrievalSettingsSchema.default(defaultRetrievalSettings),
});
export type CreateAssistantBody = z.input<typeof createAssistantBodySchema>;

/** PATCH: every field optional; nested settings objects merge into the stored ones. */
export const updateAssistantBodySchema = z.strictObject({
  name: nameSchema.optional(),
  slug: slugSchema.optional(),
  description: descriptionSchema.optional(),
  language: languageSchema.optional(),
  systemPrompt: systemPromptSchema.optional(),
  tone: toneSchema.optional(),
  // Spelled out without defaults: a partial of the defaulted schema would reset omitted fields.
  generation: z
    .strictObject({
      providerId: providerRefSchema,
      model: modelNameSchema.nullable(),
      fallbacks: z.array(fallbackModelSchema).max(5),
      temperature: bounded(generationBounds.temperature),
      topP: bounded(generationBounds.topP),
      maxTokens: bounded(generationBounds.maxTokens).int(),
      frequencyPenalty: bounded(generationBounds.frequencyPenalty),
      presencePenalty: bounded(generationBounds.presencePenalty),
      stop: stopSchema,
      contextWindow: z.number().int().min(1024).max(2_000_000),
      allowedOverrides: z.array(overridableSettingSchema),
      cache: z.boolean(),
    })
    .partial()
    .optional(),
  retrieval: z
    .strictObject({
      topK: bounded(retrievalBounds.topK).int(),
      mode: z.enum(['hybrid', 'vector', 'text']),
      vectorWeight: bounded(retrievalBounds.vectorWeight),
      textWeight: bounded(retrievalBounds.textWeight),
      minScore: bounded(retrievalBounds.minScore),
      chunkSize: bounded(retrievalBounds.chunkSize).int(),
      chunkOverlap: bounded(retrievalBounds.chunkOverlap).int(),
    })
    .partial()
    .optional(),
  widget: updateWidgetSettingsSchema.optional().describe('Website widget settings; merges into the stored ones'),
});
export type UpdateAssistantBody = z.input<typeof updateAssistantBodySchema>;

export const answerModeSchema = z.enum(['model', 'extractive']);
export type AnswerMode = z.infer<typeof answerModeSchema>;

export const assistantSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  language: z.string(),
  direction: z.enum(['ltr', 'rtl']),
  systemPrompt: z.string(),
  tone: toneSchema,
  generation: z.object({
    providerId: z.string().nullable(),
    model: z.string().nullable(),
    fallbacks: z.array(z.object({ providerId: z.string().nullable(), model: z.string() })),
    temperature: z.number(),
    topP: z.number(),
    maxTokens: z.number().int(),
    frequencyPenalty: z.number(),
    presencePenalty: z.number(),
    stop: z.array(z.string()),
    contextWindow: z.number().int(),
    allowedOverrides: z.array(overridableSettingSchema),
    cache: z.boolean(),
  }),
  retrieval: z.object({
    topK: z.number().int(),
    mode: z.enum(['hybrid', 'vector', 'text']),
    vectorWeight: z.number(),
    textWeight: z.number(),
    minScore: z.number(),
    chunkSize: z.number().int(),
    chunkOverlap: z.number().int(),
  }),
  widget: widgetSettingsSchema,
  version: z.number().int().describe('Increments on every change; part of cache keys'),
  answerMode: answerModeSchema.describe(
    '`model` when a language model is connected for it (its provider and model, or a fallback, are configured); ' +
      '`extractive` when it answers with quoted passages (PARLEY_LLM=extractive, or no usable model)',
  ),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type Assistant = z.infer<typeof assistantSchema>;

export const listAssistantsQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** Clamps a number into [min, max]; NaN falls back to the lower bound. */
function clamp(value: number, b: { min: number; max: number }): number {
  if (Number.isNaN(value)) return b.min;
  return Math.min(b.max, Math.max(b.min, value));
}

/**
 * Layers generation settings (instance defaults < assistant < conversation < request) and clamps each
 * value into its bounds, so a later layer can never push a setting outside what Parley allows.
 * `limits` narrows the bounds further (e.g. the assistant's own maximum for max tokens).
 */
export function resolveGenerationSettings(
  layers: Partial<GenerationSettings>[],
  limits: Partial<Record<keyof typeof generationBounds, { min?: number; max?: number }>> = {},
): GenerationSettings {
  const merged: GenerationSettings = { ...defaultGenerationSettings };
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer) as [keyof GenerationSettings, unknown][]) {
      if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
    }
  }
  const bound = (key: keyof typeof generationBounds) => ({
    min: Math.max(generationBounds[key].min, limits[key]?.min ?? -Infinity),
    max: Math.min(generationBounds[key].max, limits[key]?.max ?? Infinity),
  });
  return {
    ...merged,
    temperature: clamp(merged.temperature, bound('temperature')),
    topP: clamp(merged.topP, bound('topP')),
    maxTokens: Math.round(clamp(merged.maxTokens, bound('maxTokens'))),
    frequencyPenalty: clamp(merged.frequencyPenalty, bound('frequencyPenalty')),
    presencePenalty: clamp(merged.presencePenalty, bound('presencePenalty')),
  };
}
