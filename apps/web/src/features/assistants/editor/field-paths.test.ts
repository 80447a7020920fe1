// Server field errors either sit next to a field or are listed in the save alert.
import type { Assistant } from '@parley/contracts';
import { defaultGenerationSettings, defaultRetrievalSettings } from '@parley/contracts';
import { describe, expect, it } from 'vitest';
import { draftFromAssistant } from './assistant-draft';
import { isShownPath, unshownErrors } from './field-paths';

const draft = draftFromAssistant({
  id: '0e5c3c4e-3b1a-4f5e-9a51-3b0c7e1d2a10',
  organizationId: '6b2f1f0e-1c3d-4b7a-8e9f-0a1b2c3d4e5f',
  name: 'A',
  slug: 'a',
  description: '',
  language: 'en',
  direction: 'ltr',
  systemPrompt: '',
  tone: 'neutral',
  generation: { ...defaultGenerationSettings },
  retrieval: { ...defaultRetrievalSettings, mode: 'text' },
  version: 1,
  answerMode: 'extractive',
  widget: { showBranding: true, greeting: null, color: null, sourceLinks: true },
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
} satisfies Assistant);

describe('field error paths', () => {
  it('shows field paths next to their fields', () => {
    for (const path of ['slug', 'generation.temperature', 'generation.fallbacks.1.model', 'generation.stop.0', 'retrieval.chunkOverlap'])
      expect(isShownPath(path, draft), path).toBe(true);
  });

  it('lists the ones no field shows, such as weights hidden by the text mode', () => {
    const errors = { 'retrieval.vectorWeight': 'too big', generation: 'bad', name: 'taken' };
    expect(unshownErrors(errors, draft)).toEqual([
      ['retrieval.vectorWeight', 'too big'],
      ['generation', 'bad'],
    ]);
    expect(isShownPath('retrieval.vectorWeight', { ...draft, retrieval: { ...draft.retrieval, mode: 'hybrid' } })).toBe(true);
  });
});
