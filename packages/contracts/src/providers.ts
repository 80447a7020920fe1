// Model providers: OpenAI-compatible servers an organization connects (vLLM, Ollama, LM Studio,
// llama.cpp server, OpenAI, DeepSeek, OpenRouter). API keys are write-only.
import { z } from 'zod';
import { isoDateSchema } from './common.js';

export const providerKindSchema = z.enum(['openai-compatible']);

const baseUrlSchema = z
  .url({ protocol: /^https?$/, error: 'an http(s) URL' })
  .max(500)
  .describe("The server's OpenAI-compatible base URL, usually ending in /v1 (e.g. http://localhost:11434/v1)");

export const createProviderBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(80),
  kind: providerKindSchema.default('openai-compatible'),
  baseUrl: baseUrlSchema,
  apiKey: z.string().min(1).max(500).optional().describe('Stored encrypted; never returned'),
});
export type CreateProviderBody = z.input<typeof createProviderBodySchema>;

export const updateProviderBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(80).optional(),
  baseUrl: baseUrlSchema.optional(),
  apiKey: z.string().min(1).max(500).nullable().optional().describe('null removes the stored key'),
});

export const providerSchema = z.object({
  id: z.string().describe('A uuid, or "instance" for the provider configured by PARLEY_LLM_*'),
  name: z.string(),
  kind: providerKindSchema,
  baseUrl: z.string(),
  hasApiKey: z.boolean(),
  defaultModel: z.string().nullable(),
  managed: z.boolean().describe('true for the instance provider, which only the server configuration changes'),
  createdAt: isoDateSchema.nullable(),
  updatedAt: isoDateSchema.nullable(),
});
export type Provider = z.infer<typeof providerSchema>;

export const providerListSchema = z.object({ items: z.array(providerSchema) });

export const providerIdParamsSchema = z.strictObject({ id: z.union([z.uuid(), z.literal('instance')]) });

export const providerModelsSchema = z.object({
  items: z.array(z.object({ id: z.string(), ownedBy: z.string().nullable() })),
});
