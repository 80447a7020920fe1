// The editor's draft state: the saved assistant, the person's edits on top, and the PATCH body that
// saving would send (see assistant-draft.ts for the pure rules).
import type { Assistant } from '@parley/contracts';
import { useCallback, useMemo, useState } from 'react';
import {
  applyEdits,
  diffDraft,
  draftFromAssistant,
  hasChanges,
  noEdits,
  pruneEdits,
  type AssistantDraft,
  type DraftEdits,
} from './assistant-draft';

type TopKey = Exclude<keyof AssistantDraft, 'generation' | 'retrieval'>;

export interface DraftControls {
  draft: AssistantDraft;
  setField: <K extends TopKey>(key: K, value: AssistantDraft[K]) => void;
  setGeneration: <K extends keyof AssistantDraft['generation']>(key: K, value: AssistantDraft['generation'][K]) => void;
  setRetrieval: <K extends keyof AssistantDraft['retrieval']>(key: K, value: AssistantDraft['retrieval'][K]) => void;
}

export function useAssistantDraft(assistant: Assistant) {
  const saved = useMemo(() => draftFromAssistant(assistant), [assistant]);
  const [edits, setEdits] = useState<DraftEdits>(noEdits);
  const draft = useMemo(() => applyEdits(saved, edits), [saved, edits]);
  const patch = useMemo(() => diffDraft(saved, draft), [saved, draft]);

  const setField = useCallback<DraftControls['setField']>((key, value) => setEdits((e) => ({ ...e, top: { ...e.top, [key]: value } })), []);
  const setGeneration = useCallback<DraftControls['setGeneration']>(
    (key, value) => setEdits((e) => ({ ...e, generation: { ...e.generation, [key]: value } })),
    [],
  );
  const setRetrieval = useCallback<DraftControls['setRetrieval']>(
    (key, value) => setEdits((e) => ({ ...e, retrieval: { ...e.retrieval, [key]: value } })),
    [],
  );
  const discard = useCallback(() => setEdits(noEdits), []);
  /** After a save: forget what the server now holds, keep what was typed meanwhile. */
  const markSaved = useCallback((updated: Assistant) => setEdits((e) => pruneEdits(draftFromAssistant(updated), e)), []);

  return { draft, patch, dirty: hasChanges(patch), setField, setGeneration, setRetrieval, discard, markSaved: markSaved };
}
