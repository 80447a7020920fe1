import { defaultGenerationSettings } from '@parley/contracts';
import { describe, expect, it } from 'vitest';
import { answerModeOf, wantedModels } from './answer-mode.js';

const instance = { baseUrl: 'http://localhost:11434/v1', model: 'llama3.1:8b' };
const provider = '7d6f1c9e-0000-4000-8000-000000000001';
const gone = '7d6f1c9e-0000-4000-8000-000000000002';
const settings = (over: Partial<typeof defaultGenerationSettings> = {}) => ({ ...defaultGenerationSettings, ...over });

describe('answerModeOf', () => {
  it('is extractive with PARLEY_LLM=extractive, whatever is configured', () => {
    expect(answerModeOf(settings(), { enabled: false, instance }, new Set([provider]))).toBe('extractive');
    expect(answerModeOf(settings({ providerId: provider, model: 'm' }), { enabled: false, instance }, new Set([provider]))).toBe(
      'extractive',
    );
  });

  it('uses the instance provider (with its default model) when the assistant names none', () => {
    expect(answerModeOf(settings(), { enabled: true, instance }, new Set())).toBe('model');
    expect(answerModeOf(settings(), { enabled: true, instance: null }, new Set())).toBe('extractive');
  });

  it('needs an existing organization provider and a model name for it', () => {
    const llm = { enabled: true, instance: null };
    expect(answerModeOf(settings({ providerId: provider, model: 'qwen' }), llm, new Set([provider]))).toBe('model');
    expect(answerModeOf(settings({ providerId: provider, model: null }), llm, new Set([provider]))).toBe('extractive');
    expect(answerModeOf(settings({ providerId: gone, model: 'qwen' }), llm, new Set([provider]))).toBe('extractive');
  });

  it('counts a usable fallback', () => {
    const fallbacks = [
      { providerId: gone, model: 'a' },
      { providerId: provider, model: 'b' },
    ];
    expect(
      answerModeOf(settings({ providerId: gone, model: 'x', fallbacks }), { enabled: true, instance: null }, new Set([provider])),
    ).toBe('model');
    expect(wantedModels(settings({ providerId: gone, model: 'x', fallbacks })).map((w) => w.model)).toEqual(['x', 'a', 'b']);
  });
});
