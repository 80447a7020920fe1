// Which server field-error paths the editor shows next to a field; any other is listed in the save
// alert, so no error goes unseen (e.g. weights while the mode hides them, or a whole-object issue).
import type { AssistantDraft } from './assistant-draft';

const always = [
  /^(name|slug|description|language|systemPrompt|tone)$/,
  /^generation\.(providerId|model|fallbacks|temperature|topP|maxTokens|frequencyPenalty|presencePenalty|stop|contextWindow|allowedOverrides)(\.|$)/,
  /^retrieval\.(mode|topK|minScore|chunkSize|chunkOverlap)$/,
];
const hybridOnly = /^retrieval\.(vectorWeight|textWeight)$/;

export function isShownPath(path: string, draft: AssistantDraft): boolean {
  if (always.some((re) => re.test(path))) return true;
  return draft.retrieval.mode === 'hybrid' && hybridOnly.test(path);
}

/** Field errors no field shows, as [path, message]. */
export function unshownErrors(errors: Record<string, string>, draft: AssistantDraft): [string, string][] {
  return Object.entries(errors).filter(([path]) => !isShownPath(path, draft));
}
