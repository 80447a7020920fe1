// The excerpt shown under a conversation found by message text: a window of the message around the first
// word that matches the search. Words are compared in their search-normalised form (the same one the
// index holds), so "می‌شود" in a message is found by "شود" and niqqud or case do not get in the way.
import { normalizeForSearch } from '../../ingestion/search-normalizer.js';

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const SNIPPET_CHARS = 160;
const LEAD_CHARS = 50;

/** The normalised words of a search, each matched as a prefix (as the `:*` tsquery does). */
export function searchWords(query: string): string[] {
  return [...normalizeForSearch(query).matchAll(WORD)].map((m) => m[0]);
}

/** True when a UTF-16 index falls between the two halves of a surrogate pair. */
function splitsPair(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return index > 0 && index < text.length && code >= 0xdc00 && code <= 0xdfff;
}

export function snippetOf(content: string, words: readonly string[]): string {
  let at = 0;
  for (const match of content.matchAll(WORD)) {
    const normalized = normalizeForSearch(match[0]);
    if (words.some((w) => normalized.split(' ').some((part) => part.startsWith(w)))) {
      at = match.index;
      break;
    }
  }
  let start = Math.max(0, at - LEAD_CHARS);
  if (start > 0) {
    // Begin at a word boundary rather than in the middle of a word.
    const space = content.slice(start, at).search(/\s/);
    start = space >= 0 ? start + space + 1 : start;
  }
  let end = Math.min(content.length, start + SNIPPET_CHARS);
  if (end < content.length) {
    const space = content.slice(at, end).lastIndexOf(' ');
    if (space > 0) end = at + space;
  }
  if (splitsPair(content, start)) start += 1;
  if (splitsPair(content, end)) end -= 1;
  const text = content.slice(start, end).replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${text}${end < content.length ? '…' : ''}`;
}
