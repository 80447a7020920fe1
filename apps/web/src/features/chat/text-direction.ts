// The base direction of a piece of text (an answer's markdown, or one paragraph of it): that of its first
// strong character, as the Unicode bidi algorithm and `dir="auto"` decide it, except that identifiers do
// not count. Code, link targets, URLs, e-mail addresses, file names and `[n]` source markers are written in
// Latin letters whatever the language around them, so an answer like "— [1] report.pdf, עמ' 3" in a
// Hebrew conversation reads right to left, where `dir="auto"` would lay it out left to right.

export type TextDirection = 'ltr' | 'rtl';

// Blocks and spans that are code: fenced blocks (``` or ~~~, to their closing fence or the end while an
// answer still streams) and inline code.
const FENCED_CODE = /^ {0,3}(`{3,}|~{3,})[\s\S]*?(?:\n {0,3}\1[^\n]*|(?![\s\S]))/gm;
const INLINE_CODE = /(`+)[^`]*?\1/g;
// [text](target "title") and ![alt](target): the text stays, the target goes; <https://…> autolinks, raw
// HTML tags and character references (&nbsp;) go.
const LINK_TARGET = /\]\([^)]*\)/g;
const ANGLE = /<[^<>\s][^<>]*>/g;
const ENTITY = /&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/gi;
const URL = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+/gi;
const EMAIL = /[^\s@<>()[\]]+@[^\s@<>()[\]]+\.[^\s@<>()[\]]+/g;
// A word with an extension of two to five characters (report.pdf, rtl-hebrew.docx, README.md); "e.g."
// and "U.S." are not file names.
const FILE_NAME = /[^\s()[\]<>"'«»]+\.[A-Za-z][A-Za-z0-9]{1,4}(?![\p{L}\p{N}])/gu;
const CITATION_MARKER = /\[\d{1,3}(?:\s*,\s*\d{1,3})*\]/g;

// Letters are strongly left-to-right or right-to-left; digits, punctuation, symbols and combining marks are
// not, so they never decide. The marks U+200E and U+200F are explicit strong characters.
const FIRST_STRONG = /[\p{L}\u200e\u200f]/u;
const RIGHT_TO_LEFT =
  /[\u200f\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Yezidi}]/u;

/** The text with its identifiers (code, URLs, e-mail addresses, file names, link targets, [n]) taken out. */
export function withoutIdentifiers(text: string): string {
  return text
    .replace(FENCED_CODE, ' ')
    .replace(INLINE_CODE, ' ')
    .replace(LINK_TARGET, '] ')
    .replace(ANGLE, ' ')
    .replace(ENTITY, ' ')
    .replace(URL, ' ')
    .replace(EMAIL, ' ')
    .replace(FILE_NAME, ' ')
    .replace(CITATION_MARKER, ' ');
}

/**
 * The direction of the first strong character of `text` (markdown or plain) outside its identifiers, or
 * null when it has none (only digits, punctuation or identifiers): then the surrounding direction applies.
 */
export function textDirection(text: string): TextDirection | null {
  const first = FIRST_STRONG.exec(withoutIdentifiers(text));
  if (!first) return null;
  return RIGHT_TO_LEFT.test(first[0]) ? 'rtl' : 'ltr';
}
