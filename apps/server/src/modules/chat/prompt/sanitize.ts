// Cleans text on its way into a prompt: what a user typed, and what retrieval found in documents.
// Both lose the characters that carry no meaning for the model but can hide or disguise text: C0/C1
// controls (tab and line feed stay), stray byte-order marks, Unicode "tag" characters (invisible ASCII
// look-alikes used to smuggle instructions), and the bidi embedding/override/isolate controls
// (U+202A–U+202E, U+2066–U+2069), which can make text display in an order other than the one the model
// reads. Bidi *marks* (LRM, RLM, ALM) and ZWJ/ZWNJ stay: Persian and Arabic words need ZWNJ (می‌شود),
// emoji sequences need ZWJ, and the marks only nudge neutral characters.
// Passages are also escaped so that nothing in a document can close or open the prompt's
// <sources>/<source> delimiters.

export interface SanitizedText {
  readonly text: string;
  /** True when the text was longer than the limit and was cut; the route decides whether that is a 4xx. */
  readonly truncated: boolean;
}

// Controls except \t (09) and \n (0A); \r is turned into \n before this runs.
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
/** Bidi embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069). */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
/** Byte-order mark / zero-width no-break space, interlinear annotation controls, Unicode tag characters. */
const INVISIBLE_FORMAT = /[\uFEFF\uFFF9-\uFFFB]|[\u{E0000}-\u{E007F}]/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const LINE_BREAKS = /\r\n?|[\u2028\u2029\u0085]/g;

/**
 * The shared cleaning: line breaks to "\n", unsafe invisible characters removed, lone surrogates
 * replaced by U+FFFD, NFC. Does not trim and does not escape anything.
 */
export function stripUnsafeCharacters(text: string): string {
  return text
    .replace(LINE_BREAKS, '\n')
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(CONTROL_CHARACTERS, '')
    .replace(BIDI_CONTROLS, '')
    .replace(INVISIBLE_FORMAT, '')
    .normalize('NFC');
}

/**
 * A user's message, cleaned and trimmed. Longer than `maxChars` (UTF-16 units, as zod's `.max()`
 * counts) after cleaning: cut there, never inside a surrogate pair, and flagged.
 */
export function sanitizeUserText(text: string, maxChars: number): SanitizedText {
  const clean = stripUnsafeCharacters(text).trim();
  if (clean.length <= maxChars) return { text: clean, truncated: false };
  let end = Math.max(0, Math.floor(maxChars));
  const last = clean.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end -= 1;
  return { text: clean.slice(0, end).trimEnd(), truncated: true };
}

/** The tags that delimit retrieved passages in the prompt (see prompt-builder.ts). */
export const PASSAGE_TAGS: readonly string[] = ['sources', 'source'];

/** A retrieved passage ready to sit inside a <source> element: cleaned, trimmed, delimiters escaped. */
export function sanitizePassage(text: string): string {
  return neutraliseTags(stripUnsafeCharacters(text).trim(), PASSAGE_TAGS);
}

/**
 * Escapes the "<" of anything that reads as an opening or closing tag with one of `names` ("</source>",
 * "< / SOURCES >", "<source n=9>"), so data cannot end the element it sits in or forge a new one.
 * Idempotent; other markup (HTML in a web page, "a < b" in a formula) is left as written.
 */
export function neutraliseTags(text: string, names: readonly string[]): string {
  if (names.length === 0) return text;
  const alternatives = names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const tag = new RegExp(`<(?=\\s*\\/?\\s*(?:${alternatives})(?![\\p{L}\\p{N}_-]))`, 'giu');
  return text.replace(tag, '&lt;');
}

/** Most characters of an attribute value (a document title) in the prompt. */
const ATTRIBUTE_MAX_CHARS = 200;

/** A value for a double-quoted attribute: one line, cleaned, XML-escaped, at most 200 characters. */
export function escapeAttribute(value: string): string {
  let clean = stripUnsafeCharacters(value).replace(/\s+/g, ' ').trim();
  if (clean.length > ATTRIBUTE_MAX_CHARS) clean = Array.from(clean).slice(0, ATTRIBUTE_MAX_CHARS).join('').trimEnd() + '…';
  return clean.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
