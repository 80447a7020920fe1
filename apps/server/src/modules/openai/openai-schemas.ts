// Request and response shapes of the OpenAI-compatible API (`/v1`). Requests are validated loosely
// where OpenAI is loose (unknown fields are ignored, as OpenAI-compatible servers do), strictly where
// Parley needs it (roles, content, bounds).
import { citationSchema } from '@parley/contracts';
import { z } from 'zod';

const contentPartSchema = z.union([z.object({ type: z.literal('text'), text: z.string() }), z.object({ type: z.string() }).loose()]);

export const openAIMessageSchema = z
  .object({
    role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
    content: z.union([z.string(), z.array(contentPartSchema), z.null()]).optional(),
    name: z.string().optional(),
  })
  .loose();
export type OpenAIMessage = z.infer<typeof openAIMessageSchema>;

export const chatCompletionBodySchema = z
  .object({
    model: z.string().min(1).max(200).describe("The assistant's slug (see GET /v1/models)"),
    messages: z.array(openAIMessageSchema).min(1).max(500),
    stream: z.boolean().nullish(),
    stream_options: z.object({ include_usage: z.boolean().nullish() }).loose().nullish(),
    temperature: z.number().min(0).max(2).nullish(),
    top_p: z.number().min(0).max(1).nullish(),
    max_tokens: z.number().int().min(1).nullish(),
    max_completion_tokens: z.number().int().min(1).nullish(),
    stop: z.union([z.string().min(1), z.array(z.string().min(1)).max(4)]).nullish(),
    frequency_penalty: z.number().min(-2).max(2).nullish(),
    presence_penalty: z.number().min(-2).max(2).nullish(),
    n: z.literal(1).nullish().describe('Only one choice is supported'),
    user: z.string().max(256).nullish(),
  })
  .loose();
export type ChatCompletionBody = z.infer<typeof chatCompletionBodySchema>;

const usageSchema = z.object({ prompt_tokens: z.number().int(), completion_tokens: z.number().int(), total_tokens: z.number().int() });

export const chatCompletionSchema = z.object({
  id: z.string(),
  object: z.literal('chat.completion'),
  created: z.number().int(),
  model: z.string(),
  choices: z.array(
    z.object({
      index: z.number().int(),
      message: z.object({ role: z.literal('assistant'), content: z.string(), refusal: z.null() }),
      finish_reason: z.string(),
      logprobs: z.null(),
    }),
  ),
  usage: usageSchema,
  parley: z.object({ citations: z.array(citationSchema), cached: z.boolean(), model: z.string().describe('The model that answered') }),
});

export const modelListSchema = z.object({
  object: z.literal('list'),
  data: z.array(z.object({ id: z.string(), object: z.literal('model'), created: z.number().int(), owned_by: z.string() })),
});

export const openAIErrorSchema = z.object({
  error: z.object({ message: z.string(), type: z.string(), param: z.string().nullable(), code: z.string().nullable() }),
});
