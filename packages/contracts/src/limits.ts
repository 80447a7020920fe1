// Limits, bounds and enumerations shared by the server and its clients, without zod: the web app and
// the widget read them at run time without loading the schemas (the schemas import them from here).

export const assistantLanguages = [
  'en',
  'he',
  'fa',
  'ar',
  'ru',
  'pt',
  'es',
  'fr',
  'de',
  'it',
  'nl',
  'uk',
  'tr',
  'ur',
  'pl',
  'zh',
  'ja',
  'ko',
  'hi',
] as const;

export const tonePresets = ['neutral', 'formal', 'friendly', 'concise', 'customer_support', 'educator'] as const;

/** Bounds of every generation setting; shared by validation here and clamping in the chat engine. */
export const generationBounds = {
  temperature: { min: 0, max: 2 },
  topP: { min: 0, max: 1 },
  maxTokens: { min: 1, max: 32_768 },
  frequencyPenalty: { min: -2, max: 2 },
  presencePenalty: { min: -2, max: 2 },
} as const;

/** Settings a chat request may override, when the assistant allows it (`allowedOverrides`). */
export const overridableSettings = ['temperature', 'topP', 'maxTokens', 'stop', 'frequencyPenalty', 'presencePenalty'] as const;

export const retrievalBounds = {
  topK: { min: 1, max: 50 },
  vectorWeight: { min: 0, max: 1 },
  textWeight: { min: 0, max: 1 },
  minScore: { min: 0, max: 1 },
  chunkSize: { min: 64, max: 4096 },
  chunkOverlap: { min: 0, max: 1024 },
} as const;

/** Longest message a person may send, in characters. */
export const MAX_MESSAGE_CHARS = 32_000;

/** Longest feedback comment on an answer, in characters. */
export const MAX_FEEDBACK_COMMENT_CHARS = 2_000;
