// Normalisation of text for search, applied the same way to indexed passages and to queries, so that
// spelling variants that readers treat as the same word meet in the index:
//   - Unicode NFKC (presentation forms, ligatures such as lam-alef, full-width letters);
//   - Hebrew: niqqud and cantillation marks dropped, maqaf read as a hyphen;
//   - Arabic and Persian: harakat and Quranic marks dropped, tatweel removed, letter forms unified
//     (Arabic/Persian yeh and alef maksura, Arabic/Persian kaf, teh marbuta and heh variants, alef
//     with hamza or madda), ZWNJ read as a word break (کتاب‌ها → کتاب ها, so the stem matches);
//   - Persian and Arabic-Indic digits mapped to ASCII;
//   - Russian ё read as е;
//   - invisible controls (ZWJ, ZWSP, BOM, bidi marks and embeddings) removed; case folded; spaces collapsed.
// The stored passage text is never altered: this is for the search index and queries only.
import type { AssistantLanguage } from '@parley/contracts';

const HEBREW_MARKS = /[\u0591-\u05BD\u05BF\u05C1\u05C2\u05C4\u05C5\u05C7]/g;
const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED]/g;
// ZWJ sits outside the class: inside one it reads as a joined sequence to linters and readers alike.
const INVISIBLE = /[\u00AD\u0640\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]|\u200D/g;
const ZWNJ = /\u200C/g;

const LETTER_MAP: Record<string, string> = {
  '\u06CC': '\u064A', // ی Persian yeh → ي
  '\u0649': '\u064A', // ى alef maksura → ي
  '\u06A9': '\u0643', // ک Persian kaf → ك
  '\u0629': '\u0647', // ة teh marbuta → ه
  '\u06C0': '\u0647', // ۀ heh with yeh above → ه
  '\u06BE': '\u0647', // ھ heh doachashmee → ه
  '\u06C1': '\u0647', // ہ heh goal → ه
  '\u0623': '\u0627', // أ → ا
  '\u0625': '\u0627', // إ → ا
  '\u0622': '\u0627', // آ → ا
  '\u0671': '\u0627', // ٱ alef wasla → ا
  '\u0624': '\u0648', // ؤ → و
  '\u0626': '\u064A', // ئ → ي
  '\u05BE': '-', // Hebrew maqaf
  '\u0451': '\u0435', // ё → е
  '\u0401': '\u0415', // Ё → Е
};
const LETTERS = new RegExp(`[${Object.keys(LETTER_MAP).join('')}]`, 'g');

const DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .replace(HEBREW_MARKS, '')
    .replace(ARABIC_MARKS, '')
    .replace(INVISIBLE, '')
    .replace(ZWNJ, ' ')
    .replace(LETTERS, (c) => LETTER_MAP[c]!)
    .replace(DIGITS, (d) => String((d.codePointAt(0)! - (d >= '\u06F0' ? 0x06f0 : 0x0660)) % 10))
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export type FullTextConfig =
  'simple' | 'english' | 'portuguese' | 'russian' | 'spanish' | 'french' | 'german' | 'italian' | 'dutch' | 'turkish';

/**
 * The PostgreSQL text search configuration per language: snowball stemming where PostgreSQL ships a
 * stemmer, `simple` (plus the normalisation above) for Hebrew, Persian, Arabic and the rest.
 */
export function fullTextConfigFor(language: AssistantLanguage | string): FullTextConfig {
  switch (language) {
    case 'en':
      return 'english';
    case 'pt':
      return 'portuguese';
    case 'ru':
      return 'russian';
    case 'es':
      return 'spanish';
    case 'fr':
      return 'french';
    case 'de':
      return 'german';
    case 'it':
      return 'italian';
    case 'nl':
      return 'dutch';
    case 'tr':
      return 'turkish';
    default:
      return 'simple';
  }
}
