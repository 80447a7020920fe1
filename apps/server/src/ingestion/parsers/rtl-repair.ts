// Repairs for right-to-left text as pdf.js extracts it from PDFs that shape Arabic script with
// ligatures (LibreOffice, Word). pdf.js reads glyphs in visual order and reverses RTL runs into
// logical order character by character; the lam-alef ligature glyph maps to two characters (ل ا),
// so the reversal turns it into "ال" ("سلام" comes out "سالم"). The glyph boundary is gone by then,
// so the repair is a rule over words, documented with its known limits:
//   - "ال" at the start of a word is the article and is kept (a word that really starts with لا,
//     such as لازم, stays wrong unless it is the lone word "لا");
//   - "ال" right after an alef is always a reversed ligature (alef-alef-lam does not occur);
//   - "ال" after a one-letter prefix (و ب ف ك ل) is the article and is kept;
//   - "ال" at the end of a word is kept (سال، حال، مثال, far more common than a final لا);
//   - elsewhere inside a word it is a reversed ligature, except for a few common words.
const ARABIC_WORD = /[\u0600-\u06FF\u0750-\u077F\u200C]+/g;
const PREFIXES = new Set(['و', 'ب', 'ف', 'ك', 'ل']);
const GENUINE = new Set([
  'عالی',
  'خالی',
  'سالها',
  'سالهای',
  'سالی',
  'حالت',
  'مالی',
  'بالای',
  'خالص',
  'عالم',
  'فعالیت',
  'عالمی',
  'شمالی',
  'حالی',
]);
const LAM_ALEF = /ال([\u0622\u0623\u0625])?/;

function repairWord(word: string): string {
  if (word === 'ال') return 'لا';
  if (!word.includes('ال') || GENUINE.has(word)) return word;
  let out = '';
  let i = 0;
  while (i < word.length) {
    const at = word.indexOf('ال', i);
    if (at < 0) {
      out += word.slice(i);
      break;
    }
    out += word.slice(i, at);
    const prev = word[at - 1];
    const final = at + 2 === word.length;
    const reversed = at > 0 && (prev === 'ا' || (!(at === 1 && PREFIXES.has(prev!)) && !final));
    out += reversed ? 'لا' : 'ال';
    i = at + 2;
  }
  return out;
}

/** Applies the lam-alef repair to every Arabic-script word of a right-to-left run. */
export function repairLamAlef(text: string): string {
  if (!LAM_ALEF.test(text)) return text;
  return text.replace(ARABIC_WORD, repairWord);
}

const RTL_LETTER = /[\u0590-\u05FF\u0600-\u06FF\u0750-\u077F\uFB1D-\uFDFF\uFE70-\uFEFF]/;

export function hasRtl(text: string): boolean {
  return RTL_LETTER.test(text);
}
