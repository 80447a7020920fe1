// Reads the citations out of an answer and picks a short quote from each cited passage.
// Models write [1], [1, 2], [1][2], sometimes [1-3], and in Persian or Arabic answers often with the
// script's own digits: [۱], [١، ٢]. All of them count; numbers the prompt did not offer do not.
import { stripUnsafeCharacters } from './sanitize.js';
import { cutToChars, splitSentences } from './sentences.js';

const DIGIT = '[0-9\\u0660-\\u0669\\u06F0-\\u06F9]';
const ITEM = `${DIGIT}+(?:\\s*[-–]\\s*${DIGIT}+)?`;
const CITATION = new RegExp(`\\[\\s*(${ITEM}(?:\\s*[,،;]\\s*${ITEM})*)\\s*\\]`, 'g');
/** A range wider than this is not a citation ([1-2000] is a span of years or a footnote). */
const MAX_RANGE = 20;

/** A run of ASCII, Arabic-Indic (٠–٩) or Extended Arabic-Indic/Persian (۰–۹) digits as a number. */
export function parseDigits(digits: string): number {
  let value = 0;
  for (const char of digits) {
    const code = char.charCodeAt(0);
    const digit = code >= 0x6f0 ? code - 0x6f0 : code >= 0x660 ? code - 0x660 : code - 0x30;
    value = value * 10 + digit;
  }
  return value;
}

/** The distinct passage numbers `answerText` cites, in order of first mention, limited to `available`. */
export function citedNumbers(answerText: string, available: readonly number[]): number[] {
  const allowed = new Set(available);
  const seen = new Set<number>();
  const cited: number[] = [];
  const add = (n: number) => {
    if (allowed.has(n) && !seen.has(n)) {
      seen.add(n);
      cited.push(n);
    }
  };
  for (const match of answerText.matchAll(CITATION)) {
    for (const item of match[1]!.split(/\s*[,،;]\s*/)) {
      const [from, to] = item.split(/\s*[-–]\s*/).map(parseDigits);
      if (to === undefined || to < from! || to - from! > MAX_RANGE) {
        add(from!);
        continue;
      }
      for (let n = from!; n <= to; n++) add(n);
    }
  }
  return cited;
}

export const QUOTE_MAX_CHARS = 200;
const WORD = /[\p{L}\p{N}]+/gu;

function words(text: string): Set<string> {
  const result = new Set<string>();
  for (const match of text.toLowerCase().matchAll(WORD)) if (match[0].length >= 2) result.add(match[0]);
  return result;
}

/**
 * A short quote from a passage for the citation list: whole sentences, at most ~200 characters. With
 * `answerText`, the sentence sharing the most words with the answer (the one the answer most likely
 * drew on), extended by the next sentence while it fits; otherwise the passage's opening. A sentence
 * longer than the limit is cut between words, with "…".
 */
export function quoteFor(passageText: string, answerText?: string): string {
  const text = stripUnsafeCharacters(passageText).replace(/\s+/g, ' ').trim();
  if (text.length <= QUOTE_MAX_CHARS) return text;
  const sentences = splitSentences(text);
  let start = 0;
  if (answerText) {
    const answerWords = words(answerText);
    let best = 0;
    sentences.forEach((sentence, i) => {
      let score = 0;
      for (const word of words(sentence)) if (answerWords.has(word)) score++;
      if (score > best) {
        best = score;
        start = i;
      }
    });
  }
  let quote = '';
  for (let i = start; i < sentences.length; i++) {
    const candidate = (quote + sentences[i]).trimEnd();
    if (candidate.length > QUOTE_MAX_CHARS) break;
    quote += sentences[i];
  }
  if (quote.trim()) return quote.trim();
  // The sentence alone is too long: its words up to the limit.
  return cutToChars(sentences[start]!.trim(), QUOTE_MAX_CHARS);
}
