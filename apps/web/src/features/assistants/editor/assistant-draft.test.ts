// The editor's PATCH body: only what changed, nested settings only by their changed keys.
import type { Assistant } from '@parley/contracts';
import { defaultGenerationSettings, defaultRetrievalSettings } from '@parley/contracts';
import { describe, expect, it } from 'vitest';
import { applyEdits, diffDraft, draftFromAssistant, hasChanges, noEdits, pruneEdits } from './assistant-draft';

const assistant: Assistant = {
  id: '0e5c3c4e-3b1a-4f5e-9a51-3b0c7e1d2a10',
  organizationId: '6b2f1f0e-1c3d-4b7a-8e9f-0a1b2c3d4e5f',
  name: 'Support desk',
  slug: 'support-desk',
  description: 'Answers from the manuals',
  language: 'he',
  direction: 'rtl',
  systemPrompt: 'Answer from our manuals only.',
  tone: 'customer_support',
  generation: { ...defaultGenerationSettings, fallbacks: [{ providerId: null, model: 'llama3.1:8b' }] },
  retrieval: { ...defaultRetrievalSettings },
  version: 3,
  answerMode: 'model',
  widget: { showBranding: true, greeting: null, color: null, sourceLinks: true },
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-02T00:00:00.000Z',
};

describe('diffDraft', () => {
  const saved = draftFromAssistant(assistant);

  it('is empty when nothing changed', () => {
    const body = diffDraft(saved, draftFromAssistant(assistant));
    expect(body).toEqual({});
    expect(hasChanges(body)).toBe(false);
  });

  it('sends changed top-level fields only', () => {
    const body = diffDraft(saved, { ...saved, name: 'Help desk', tone: 'formal' });
    expect(body).toEqual({ name: 'Help desk', tone: 'formal' });
    expect(hasChanges(body)).toBe(true);
  });

  it('sends only the changed keys of generation and retrieval', () => {
    const draft = applyEdits(saved, { top: {}, generation: { temperature: 0.9 }, retrieval: { chunkSize: 800, mode: 'text' } });
    expect(diffDraft(saved, draft)).toEqual({ generation: { temperature: 0.9 }, retrieval: { chunkSize: 800, mode: 'text' } });
  });

  it('sends the whole list when a list changes (fallbacks reordered, a stop sequence added)', () => {
    const fallbacks = [
      { providerId: null, model: 'qwen2.5' },
      { providerId: null, model: 'llama3.1:8b' },
    ];
    const draft = applyEdits(saved, { top: {}, generation: { fallbacks, stop: ['END'] }, retrieval: {} });
    expect(diffDraft(saved, draft)).toEqual({ generation: { fallbacks, stop: ['END'] } });
  });

  it('treats a blank model as the provider default and ignores surrounding spaces', () => {
    const withModel = draftFromAssistant({ ...assistant, generation: { ...assistant.generation, model: 'qwen2.5' } });
    expect(diffDraft(withModel, { ...withModel, generation: { ...withModel.generation, model: '  ' } })).toEqual({
      generation: { model: null },
    });
    expect(diffDraft(saved, { ...saved, generation: { ...saved.generation, model: '' } })).toEqual({});
    expect(diffDraft(saved, { ...saved, name: ' Support desk ' })).toEqual({});
  });

  it('is empty again when a change is undone', () => {
    const draft = applyEdits(saved, { top: { description: 'x' }, generation: { temperature: 0.3 }, retrieval: {} });
    expect(diffDraft(saved, { ...draft, description: saved.description })).toEqual({});
  });
});

describe('applyEdits', () => {
  it('keeps the saved values a refetch brings for fields the person did not touch', () => {
    const edits = { ...noEdits, top: { name: 'Mine' } };
    const refetched = draftFromAssistant({
      ...assistant,
      description: 'Changed elsewhere',
      generation: { ...assistant.generation, topP: 0.5 },
    });
    const draft = applyEdits(refetched, edits);
    expect(draft.description).toBe('Changed elsewhere');
    expect(draft.generation.topP).toBe(0.5);
    expect(diffDraft(refetched, draft)).toEqual({ name: 'Mine' });
  });

  it('does not share lists with the saved assistant', () => {
    const draft = draftFromAssistant(assistant);
    expect(draft.generation.fallbacks).not.toBe(assistant.generation.fallbacks);
    expect(draft.generation.fallbacks).toEqual(assistant.generation.fallbacks);
  });
});

describe('pruneEdits', () => {
  it('drops what the server now holds and keeps what still differs', () => {
    const updated = draftFromAssistant({ ...assistant, name: 'Help desk', generation: { ...assistant.generation, temperature: 0.9 } });
    const edits = {
      top: { name: 'Help desk', description: 'typed while saving' },
      generation: { temperature: 0.9 },
      retrieval: { topK: 8 },
    };
    expect(pruneEdits(updated, edits)).toEqual({ top: { description: 'typed while saving' }, generation: {}, retrieval: { topK: 8 } });
  });

  it('drops an edit the server stored in its normal form (trimmed name)', () => {
    const updated = draftFromAssistant({ ...assistant, name: 'Help desk' });
    expect(pruneEdits(updated, { ...noEdits, top: { name: ' Help desk ' } }).top).toEqual({});
  });
});
