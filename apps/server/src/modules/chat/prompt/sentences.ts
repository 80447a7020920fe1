// Sentence-bounded cutting for the prompt (a passage too long for the budget) and for short quotes.
// Intl.Segmenter knows the sentence ends of every script Parley serves (". ? !", "؟", "۔", "。"), and
// does not end a sentence at "3.5" or inside a word.
import { getTokenizer } from '../../../ingestion/tokenizer.js';

const sentenceSegmenter = new Intl.Segmenter('und', { granularity: 'sentence' });
const wordSegmenter = new Intl.Segmenter('und', { granularity: 'word' });

/** The sentences of `text`, each with its trailing whitespace; joined, they are `text` again. */
export function splitSentences(text: string): string[] {
  return Array.from(sentenceSegmenter.segment(text), (s) => s.segment);
}

/**
 * The longest prefix of whole sentences of `text` that fits `fits`; when even the first sentence does
 * not, the first sentence cut between words, followed by "…". Whitespace at the end is trimmed.
 */
function cutBy(text: string, fits: (candidate: string) => boolean, wordPrefix: (sentence: string) => string): string {
  if (fits(text)) return text;
  let kept = '';
  for (const sentence of splitSentences(text)) {
    const candidate = (kept + sentence).trimEnd();
    if (!fits(candidate)) break;
    kept += sentence;
  }
  if (kept.trim().length > 0) return kept.trimEnd();
  const first = splitSentences(text)[0] ?? text;
  const words = wordPrefix(first);
  return words.length > 0 ? `${words}…` : '';
}

/** Cuts a prefix of `sentence` back to its last word boundary. */
function backToWordBoundary(prefix: string): string {
  let end = 0;
  for (const segment of wordSegmenter.segment(prefix)) {
    if (segment.isWordLike) {
      const segmentEnd = segment.index + segment.segment.length;
      // The last word-like segment may be cut mid-word by the prefix: keep it only if whitespace or
      // punctuation follows it inside the prefix.
      if (segmentEnd < prefix.length) end = segmentEnd;
    } else {
      end = segment.index + segment.segment.length;
    }
  }
  return prefix.slice(0, end).trimEnd();
}

/** `text` cut to at most `maxTokens` o200k tokens at a sentence boundary (see cutBy). */
export function cutToTokens(text: string, maxTokens: number): string {
  if (maxTokens <= 0) return '';
  const tokenizer = getTokenizer();
  // One token for the "…" a word-boundary cut adds.
  return cutBy(
    text,
    (candidate) => tokenizer.count(candidate) <= maxTokens,
    (sentence) => backToWordBoundary(tokenizer.truncate(sentence, maxTokens - 1)),
  );
}

/** `text` cut to at most `maxChars` characters (UTF-16 units, "…" included) at a sentence boundary. */
export function cutToChars(text: string, maxChars: number): string {
  if (maxChars <= 0) return '';
  return cutBy(
    text,
    (candidate) => candidate.length <= maxChars,
    (sentence) => {
      let end = maxChars - 1;
      const last = sentence.charCodeAt(end - 1);
      if (last >= 0xd800 && last <= 0xdbff) end -= 1;
      return backToWordBoundary(sentence.slice(0, end));
    },
  );
}
