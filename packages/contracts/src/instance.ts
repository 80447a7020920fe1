// What the instance runs with (version, models, limits) and the dashboard's figures per assistant:
// read by the web app to shape its screens.
import { z } from 'zod';

export const instanceInfoSchema = z.object({
  version: z.string().describe('Parley server version'),
  llm: z.object({
    extractiveOnly: z.boolean().describe('PARLEY_LLM=extractive: no model is ever called, every answer quotes passages'),
    instanceProvider: z
      .object({ model: z.string() })
      .nullable()
      .describe('The instance provider (PARLEY_LLM_BASE_URL) and its default model; null when none is configured'),
  }),
  embeddings: z.object({
    provider: z.string(),
    model: z.string(),
    dimensions: z.number().int().nullable().describe('Vector length; null until a remote or local model has been probed'),
  }),
  limits: z.object({
    maxUploadBytes: z.number().int().describe('Largest uploaded document (PARLEY_UPLOAD_LIMIT_BYTES)'),
    maxMessageChars: z.number().int().describe('Longest chat message'),
  }),
});
export type InstanceInfo = z.infer<typeof instanceInfoSchema>;

export const dashboardSchema = z.object({
  items: z.array(
    z.object({
      assistantId: z.uuid(),
      documents: z.number().int(),
      indexedDocuments: z.number().int(),
      conversations7d: z.number().int().describe('Conversations with a message in the last 7 days'),
      messages7d: z.number().int().describe('Messages (questions and answers) written in the last 7 days'),
    }),
  ),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
