// Per-conversation generation overrides: which ones the assistant allows, their bounds, and where they are
// kept (this tab's sessionStorage, one entry per conversation; "new" until the first message creates it).
import type { Assistant, ChatSettings } from '@parley/contracts';
import { generationBounds } from '@parley/contracts/limits';
import { useCallback, useEffect, useState } from 'react';

export const SETTING_KEYS = ['temperature', 'topP', 'maxTokens', 'frequencyPenalty', 'presencePenalty'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];
export type ChatOverrides = Partial<Pick<ChatSettings, SettingKey>>;

export interface SettingBounds {
  min: number;
  max: number;
  step: number;
  decimals: number;
}

/** The settings the person may change here, in a fixed order. */
export function allowedSettings(assistant: Assistant): SettingKey[] {
  return SETTING_KEYS.filter((key) => assistant.generation.allowedOverrides.includes(key));
}

export function boundsOf(key: SettingKey, assistant: Assistant): SettingBounds {
  const { min, max } = generationBounds[key];
  // The server never lets a conversation write longer answers than the assistant's own limit.
  if (key === 'maxTokens') return { min, max: Math.min(max, assistant.generation.maxTokens), step: 1, decimals: 0 };
  if (key === 'topP') return { min, max, step: 0.05, decimals: 2 };
  return { min, max, step: 0.1, decimals: 2 };
}

export function defaultOf(key: SettingKey, assistant: Assistant): number {
  return assistant.generation[key];
}

/** What is sent with a message: only allowed overrides, each clamped, nothing at all when none is set. */
export function effectiveSettings(assistant: Assistant, overrides: ChatOverrides): ChatSettings | undefined {
  const out: ChatOverrides = {};
  for (const key of allowedSettings(assistant)) {
    const value = overrides[key];
    if (value === undefined || !Number.isFinite(value)) continue;
    const { min, max } = boundsOf(key, assistant);
    out[key] = Math.min(max, Math.max(min, value));
  }
  return Object.keys(out).length ? out : undefined;
}

const storageKey = (conversationId: string | undefined) => `parley.chat.settings.${conversationId ?? 'new'}`;

function read(conversationId: string | undefined): ChatOverrides {
  try {
    const raw = sessionStorage.getItem(storageKey(conversationId));
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    const out: ChatOverrides = {};
    if (parsed && typeof parsed === 'object')
      for (const key of SETTING_KEYS) {
        const value = (parsed as Record<string, unknown>)[key];
        if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
      }
    return out;
  } catch {
    return {};
  }
}

function write(conversationId: string | undefined, value: ChatOverrides): void {
  try {
    if (Object.keys(value).length) sessionStorage.setItem(storageKey(conversationId), JSON.stringify(value));
    else sessionStorage.removeItem(storageKey(conversationId));
  } catch {
    // Storage blocked: the settings last while the page is open.
  }
}

/** Carries the settings chosen before the first message over to the conversation it created. */
export function adoptNewConversationSettings(conversationId: string): void {
  const draft = read(undefined);
  write(conversationId, draft);
  write(undefined, {});
}

export function useConversationSettings(conversationId: string | undefined) {
  const [state, setState] = useState(() => ({ id: conversationId, value: read(conversationId) }));
  // Another conversation opened: load its own settings.
  useEffect(() => {
    setState((current) => (current.id === conversationId ? current : { id: conversationId, value: read(conversationId) }));
  }, [conversationId]);
  const value = state.id === conversationId ? state.value : read(conversationId);
  const set = useCallback(
    (next: ChatOverrides) => {
      write(conversationId, next);
      setState({ id: conversationId, value: next });
    },
    [conversationId],
  );
  return [value, set] as const;
}
