// The overrides sent with a message: only those the assistant allows, clamped into their bounds, and the
// longest answer never above the assistant's own limit.
import type { Assistant } from '@parley/contracts';
import { describe, expect, it } from 'vitest';
import { allowedSettings, boundsOf, effectiveSettings } from './chat-settings';

function assistant(generation: Partial<Assistant['generation']>): Assistant {
  return {
    generation: {
      temperature: 0.3,
      topP: 1,
      maxTokens: 1024,
      frequencyPenalty: 0,
      presencePenalty: 0,
      allowedOverrides: ['temperature', 'topP', 'maxTokens', 'stop', 'frequencyPenalty', 'presencePenalty'],
      ...generation,
    },
  } as Assistant;
}

describe('chat settings', () => {
  it('offers only the allowed settings, in a fixed order', () => {
    expect(allowedSettings(assistant({ allowedOverrides: ['maxTokens', 'stop', 'temperature'] }))).toEqual(['temperature', 'maxTokens']);
  });

  it('caps the longest answer at the assistant’s own', () => {
    expect(boundsOf('maxTokens', assistant({ maxTokens: 600 })).max).toBe(600);
    expect(boundsOf('temperature', assistant({})).max).toBe(2);
  });

  it('sends allowed values clamped, and nothing when none is set', () => {
    const a = assistant({ maxTokens: 500, allowedOverrides: ['temperature', 'maxTokens'] });
    expect(effectiveSettings(a, { temperature: 5, maxTokens: 9000, topP: 0.5 })).toEqual({ temperature: 2, maxTokens: 500 });
    expect(effectiveSettings(a, {})).toBeUndefined();
    expect(effectiveSettings(a, { topP: 0.5 })).toBeUndefined();
  });
});
