// The assistant editor's draft as pure data: what the person changed is kept apart from the saved
// assistant, so a refetch (another tab, a colleague) never resurrects stale values, and the PATCH body
// carries only the fields that differ from what is stored (nested settings merge on the server).
import type { Assistant, UpdateAssistantBody } from '@parley/contracts';

type Generation = Assistant['generation'];
type Retrieval = Assistant['retrieval'];

/** Everything the editor lets a person change. */
export interface AssistantDraft {
  name: string;
  slug: string;
  description: string;
  language: string;
  systemPrompt: string;
  tone: Assistant['tone'];
  generation: Generation;
  retrieval: Retrieval;
}

type TopLevel = Omit<AssistantDraft, 'generation' | 'retrieval'>;

/** The person's changes, field by field; absent = as saved. */
export interface DraftEdits {
  top: Partial<TopLevel>;
  generation: Partial<Generation>;
  retrieval: Partial<Retrieval>;
}

export const noEdits: DraftEdits = { top: {}, generation: {}, retrieval: {} };

export function draftFromAssistant(a: Assistant): AssistantDraft {
  return {
    name: a.name,
    slug: a.slug,
    description: a.description,
    language: a.language,
    systemPrompt: a.systemPrompt,
    tone: a.tone,
    generation: { ...a.generation, fallbacks: a.generation.fallbacks.map((f) => ({ ...f })) },
    retrieval: { ...a.retrieval },
  };
}

/** The draft the editor shows: the saved values with the person's changes on top. */
export function applyEdits(saved: AssistantDraft, edits: DraftEdits): AssistantDraft {
  return {
    ...saved,
    ...edits.top,
    generation: { ...saved.generation, ...edits.generation },
    retrieval: { ...saved.retrieval, ...edits.retrieval },
  };
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Values as the server would store them: trimmed names, and an empty model meaning "the default". */
function normalise(d: AssistantDraft): AssistantDraft {
  const model = d.generation.model?.trim() ?? '';
  return {
    ...d,
    name: d.name.trim(),
    slug: d.slug.trim(),
    generation: {
      ...d.generation,
      model: model === '' ? null : model,
      fallbacks: d.generation.fallbacks.map((f) => ({ providerId: f.providerId, model: f.model.trim() })),
    },
  };
}

function changedKeys<T extends object>(saved: T, draft: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(draft) as (keyof T)[]) {
    if (!same(saved[key], draft[key])) out[key] = draft[key];
  }
  return out;
}

/** The PATCH body that turns `saved` into `draft`: only changed fields; nested objects only their changed keys. */
export function diffDraft(saved: AssistantDraft, draft: AssistantDraft): UpdateAssistantBody {
  const s = normalise(saved);
  const d = normalise(draft);
  const { generation: sg, retrieval: sr, ...sTop } = s;
  const { generation: dg, retrieval: dr, ...dTop } = d;
  const body: UpdateAssistantBody = changedKeys(sTop, dTop) as UpdateAssistantBody;
  const generation = changedKeys(sg, dg);
  const retrieval = changedKeys(sr, dr);
  if (Object.keys(generation).length > 0) body.generation = generation;
  if (Object.keys(retrieval).length > 0) body.retrieval = retrieval;
  return body;
}

export function hasChanges(body: UpdateAssistantBody): boolean {
  return Object.keys(body).length > 0;
}

/**
 * The edits that still differ from `saved` (compared as the server stores them). After a save, edits
 * the server now holds are dropped, and anything typed while the request was in flight stays.
 */
export function pruneEdits(saved: AssistantDraft, edits: DraftEdits): DraftEdits {
  const differs = (one: DraftEdits) => hasChanges(diffDraft(saved, applyEdits(saved, one)));
  const keep = <T extends object>(part: Partial<T>, wrap: (single: Partial<T>) => DraftEdits): Partial<T> => {
    const out: Partial<T> = {};
    for (const [key, value] of Object.entries(part) as [keyof T, T[keyof T]][]) {
      const single = { [key]: value } as unknown as Partial<T>;
      if (differs(wrap(single))) out[key] = value;
    }
    return out;
  };
  return {
    top: keep(edits.top, (top) => ({ ...noEdits, top })),
    generation: keep(edits.generation, (generation) => ({ ...noEdits, generation })),
    retrieval: keep(edits.retrieval, (retrieval) => ({ ...noEdits, retrieval })),
  };
}
