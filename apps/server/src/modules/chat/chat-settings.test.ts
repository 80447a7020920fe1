import { defaultGenerationSettings } from '@parley/contracts';
import { describe, expect, it } from 'vitest';
import { resolveChatSettings } from './chat-settings.js';

describe('resolveChatSettings', () => {
  it('layers assistant < conversation < request', () => {
    const s = resolveChatSettings({
      assistant: { temperature: 0.7, maxTokens: 800 },
      conversation: { temperature: 0.5 },
      request: { temperature: 0.1, maxTokens: 200 },
    });
    expect(s).toMatchObject({ temperature: 0.1, maxTokens: 200, topP: defaultGenerationSettings.topP, deterministic: false });
  });

  it('ignores request settings the assistant does not allow, and caps max tokens at the assistant maximum', () => {
    const s = resolveChatSettings({
      assistant: { temperature: 0.7, maxTokens: 300, allowedOverrides: ['maxTokens'] },
      request: { temperature: 0, maxTokens: 5000 },
    });
    expect(s.temperature).toBe(0.7);
    expect(s.maxTokens).toBe(300);
  });

  it('is deterministic at temperature 0 or when the assistant turns caching on', () => {
    expect(resolveChatSettings({ assistant: { temperature: 0 } }).deterministic).toBe(true);
    expect(resolveChatSettings({ assistant: { temperature: 1, cache: true } }).deterministic).toBe(true);
    expect(resolveChatSettings({ assistant: {}, request: { temperature: 0 } }).deterministic).toBe(true);
  });

  it('drops a conversation layer that does not validate instead of failing', () => {
    expect(resolveChatSettings({ assistant: {}, conversation: { temperature: 'hot' } }).temperature).toBe(0.3);
  });
});
