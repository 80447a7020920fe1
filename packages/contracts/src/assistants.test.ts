import { describe, expect, it } from 'vitest';
import {
  createAssistantBodySchema,
  defaultGenerationSettings,
  resolveGenerationSettings,
  updateAssistantBodySchema,
} from './assistants.js';

describe('resolveGenerationSettings', () => {
  it('layers later settings over earlier ones', () => {
    const s = resolveGenerationSettings([{ temperature: 0.7, maxTokens: 500 }, { temperature: 0.2 }, { model: 'qwen2.5:7b' }]);
    expect(s).toEqual({ ...defaultGenerationSettings, temperature: 0.2, maxTokens: 500, model: 'qwen2.5:7b' });
  });

  it('clamps every value into its bounds and the given limits', () => {
    const s = resolveGenerationSettings([{ temperature: 9, topP: -1, maxTokens: 1e9, frequencyPenalty: -7, presencePenalty: 2.5 }], {
      maxTokens: { max: 800 },
      temperature: { max: 1 },
    });
    expect(s).toMatchObject({ temperature: 1, topP: 0, maxTokens: 800, frequencyPenalty: -2, presencePenalty: 2 });
  });

  it('treats NaN as the lower bound and rounds max tokens', () => {
    expect(resolveGenerationSettings([{ temperature: Number.NaN, maxTokens: 10.6 }])).toMatchObject({ temperature: 0, maxTokens: 11 });
  });
});

describe('assistant body schemas', () => {
  it('fills defaults on create', () => {
    const parsed = createAssistantBodySchema.parse({ name: '  Help  ' });
    expect(parsed).toMatchObject({ name: 'Help', language: 'en', tone: 'neutral', generation: defaultGenerationSettings });
  });

  it('does not fill defaults into a partial update', () => {
    expect(updateAssistantBodySchema.parse({ generation: { temperature: 1 } })).toEqual({ generation: { temperature: 1 } });
  });

  it('refuses overlap not smaller than chunk size', () => {
    const r = createAssistantBodySchema.safeParse({ name: 'x', retrieval: { chunkSize: 100, chunkOverlap: 100 } });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['retrieval', 'chunkOverlap']);
  });
});
