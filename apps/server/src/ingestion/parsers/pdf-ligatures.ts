// Repairs Arabic-script ligatures that pdf.js's getTextContent turns around; used on the pages read
// through getTextContent (pdf-parser.ts reads most pages from the operator list, where the problem
// does not arise, see pdf-glyph-runs.ts). pdf.js builds a text run from its glyphs'
// Unicode values in drawing order and then reverses right-to-left runs character by character. A
// ligature is one glyph mapped to several characters: lam-alef is one glyph for "لا", and once the run
// is reversed it reads "ال" ("سلام" comes out "سالم", "کلاس" comes out "کالس"). The text alone cannot
// tell that pair from the article "ال", but pdf.js's operator list still has the glyphs: the runs are
// aligned with the glyphs they were made of, and exactly the characters of each multi-character glyph
// are put back in their order.
//
// When the runs and the glyphs cannot be aligned (a glyph drawn outside the page, an unusual font),
// `guessLamAlef` repairs by rules over words instead, on pages known to have such ligatures.

const SCRIPT_LETTER = /[\u05D0-\u05EA\u05EF-\u05F2\u0620-\u064A\u066E-\u06D3\u06D5\u06EE\u06EF\u06FA-\u06FF\u0750-\u077F\u08A0-\u08FF]/;
const SCRIPT_MARK = /[\u0591-\u05C7\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]/;
/** An alef followed by lam: how a reversed lam-alef looks, so a page without it needs no repair. */
export const REVERSED_LAM_ALEF = /[\u0622\u0623\u0625\u0627]\u0644/;

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\u00A0' || /\s/.test(c);
}

/** Characters pdf.js keeps in a text run: everything but whitespace. */
function solidLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (!isSpace(s[i]!)) n++;
  return n;
}

function solidSum(s: string): number {
  let sum = 0;
  for (let i = 0; i < s.length; i++) if (!isSpace(s[i]!)) sum = (sum + s.charCodeAt(i)) | 0;
  return sum;
}

function lettersOf(s: string): string {
  let out = '';
  for (const c of s) if (SCRIPT_LETTER.test(c)) out += c;
  return out;
}

/**
 * The Unicode text of every glyph shown on a page, in drawing order, from pdf.js's operator list
 * (`showText` arguments), leaving out what pdf.js leaves out of text runs: whitespace and invisible
 * format marks.
 */
export function glyphTexts(fnArray: readonly number[], argsArray: readonly unknown[], showTextOp: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < fnArray.length; i++) {
    if (fnArray[i] !== showTextOp) continue;
    const glyphs = (argsArray[i] as unknown[] | null)?.[0];
    if (!Array.isArray(glyphs)) continue;
    for (const glyph of glyphs) {
      const unicode = (glyph as { unicode?: unknown } | null)?.unicode;
      if (typeof unicode !== 'string' || unicode.length === 0) continue;
      if (isSpace(unicode[0]!) || /^\p{Cf}+$/u.test(unicode)) continue;
      out.push(unicode);
    }
  }
  return out;
}

/**
 * Puts the characters of multi-character glyphs back in order in the text runs of one page.
 * `runs` are the page's run strings in pdf.js's order, `glyphs` the page's glyph texts from
 * `glyphTexts`. Returns the repaired runs, or null when the runs do not align with the glyphs.
 */
export function repairLigatures(runs: readonly string[], glyphs: readonly string[]): string[] | null {
  const out = [...runs];
  let g = 0;
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!;
    const need = solidLength(run);
    if (need === 0) continue;
    const start = g;
    let got = 0;
    let sum = 0;
    while (got < need && g < glyphs.length) {
      got += solidLength(glyphs[g]!);
      sum = (sum + solidSum(glyphs[g]!)) | 0;
      g++;
    }
    if (got !== need || sum !== solidSum(run)) return null;
    let clusters = false;
    for (let k = start; k < g && !clusters; k++) clusters = glyphs[k]!.length > 1 && lettersOf(glyphs[k]!).length > 1;
    if (!clusters) continue;
    const fixed = repairRun(run, glyphs.slice(start, g));
    if (fixed === null) return null;
    out[i] = fixed;
  }
  return out;
}

/** Repairs one run, given the glyphs it was built from (in drawing, i.e. visual, order). */
function repairRun(run: string, glyphs: readonly string[]): string | null {
  // The run's script letters in visual order, and where each multi-letter glyph sits among them.
  let visual = '';
  const clusters: [number, number][] = [];
  for (const glyph of glyphs) {
    const letters = lettersOf(glyph);
    if (letters.length > 1) clusters.push([visual.length, visual.length + letters.length]);
    visual += letters;
  }
  const chars = [...run];
  let cursor = visual.length;
  let k = 0;
  while (k < chars.length) {
    if (!SCRIPT_LETTER.test(chars[k]!)) {
      k++;
      continue;
    }
    // One word of the run (letters and their marks), in logical order.
    const positions: number[] = [];
    let word = '';
    while (k < chars.length && (SCRIPT_LETTER.test(chars[k]!) || SCRIPT_MARK.test(chars[k]!))) {
      if (SCRIPT_LETTER.test(chars[k]!)) {
        positions.push(k);
        word += chars[k]!;
      }
      k++;
    }
    // pdf.js reversed the word: its letters appear backwards among the glyphs. Words of a
    // right-to-left run come right to left, so search backwards from the previous match first.
    const reversed = [...word].reverse().join('');
    let at = cursor - reversed.length >= 0 ? visual.lastIndexOf(reversed, cursor - reversed.length) : -1;
    if (at < 0) at = visual.indexOf(reversed);
    if (at < 0) return null;
    if (at < cursor) cursor = at;
    const len = reversed.length;
    for (const [a, b] of clusters) {
      if (a < at || b > at + len) continue;
      // Visual positions a..b-1 are word positions len-1-(a-at) down to len-(b-at): reverse them back.
      const lo = len - (b - at);
      const hi = len - 1 - (a - at);
      const letters = positions.slice(lo, hi + 1).map((p) => chars[p]!);
      letters.reverse();
      for (let j = lo; j <= hi; j++) chars[positions[j]!] = letters[j - lo]!;
    }
  }
  return chars.join('');
}

// Fallback rules for when the glyphs are not available. "ال" at the start of a word is the article;
// after an alef it is always a reversed ligature (alef-alef-lam does not occur); the lone word "ال"
// is the word "لا"; after a one-letter prefix (و ب ف ك ل) it is the article again; at the end of a
// word it is kept (سال، حال، مثال are far more common than a final لا); elsewhere inside a word it is
// a reversed ligature. Words that really start with لا (لازم) stay wrong: hence the glyph alignment.
const ARABIC_WORD = /[\u0600-\u06FF\u0750-\u077F]+/g;
const PREFIXES = new Set(['\u0648', '\u0628', '\u0641', '\u0643', '\u0644']);
const ALEFS = '\u0622\u0623\u0625\u0627';

function guessWord(word: string): string {
  if (word.length === 2 && ALEFS.includes(word[0]!) && word[1] === '\u0644') return word[1] + word[0]!;
  const chars = [...word];
  for (let i = 1; i + 1 < chars.length; i++) {
    if (!ALEFS.includes(chars[i]!) || chars[i + 1] !== '\u0644') continue;
    const afterAlef = chars[i - 1] === '\u0627';
    const article = i === 1 && PREFIXES.has(chars[0]!);
    const final = i + 2 === chars.length;
    if (afterAlef || (!article && !final)) {
      [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
      i++;
    }
  }
  return chars.join('');
}

/** Rule-based lam-alef repair of a run known to come from a page with reversed ligatures. */
export function guessLamAlef(text: string): string {
  if (!REVERSED_LAM_ALEF.test(text)) return text;
  return text.replace(ARABIC_WORD, guessWord);
}
