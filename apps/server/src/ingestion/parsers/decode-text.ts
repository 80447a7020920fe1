// Bytes of a text file to a string. In order: a byte order mark (UTF-8, UTF-16 LE/BE); UTF-16 without
// one, told by the high byte of each pair taking few values (NUL for Latin text, 0x05 for Hebrew…);
// strict UTF-8; and otherwise the legacy Windows code page whose decoding reads most like text in its
// own language: 1255 (Hebrew), 1256 (Arabic, Persian), 1251 (Cyrillic) or 1252 (Western European).
//
// Every byte is a character in these code pages, so "valid" decides nothing: each candidate's letters
// are scored against the letter frequencies of its languages (how surprising the text is, compared
// with the language's own average), and characters that cannot be text in it count against it:
// undefined bytes, control characters, letters of another script, and letters of a non-Latin script
// glued to Latin letters (the signature of accented Latin read in the wrong code page: "informaзгo").
import { DocumentParseError } from '../document-model.js';

export interface DecodedText {
  readonly text: string;
  readonly encoding: string;
}

const BINARY = 'The file is not a supported document type: it looks like binary data';

interface LanguageModel {
  readonly encoding: string;
  readonly latin: boolean;
  /** Natural log of each (lower-case) letter's probability. */
  readonly logp: Map<string, number>;
  /** The average log probability of text in the language itself. */
  readonly expected: number;
}

function model(encoding: string, latin: boolean, table: string): LanguageModel {
  const freq = new Map<string, number>();
  let total = 0;
  for (const entry of table.split(' ')) {
    const [letters, value] = entry.split(':');
    for (const letter of letters!) {
      freq.set(letter, Number(value));
      total += Number(value);
    }
  }
  const logp = new Map<string, number>();
  let expected = 0;
  for (const [letter, f] of freq) {
    const p = f / total;
    logp.set(letter, Math.log(p));
    expected += p * Math.log(p);
  }
  return { encoding, latin, logp, expected };
}

// Letter frequencies in percent (several letters may share one figure).
const MODELS: readonly LanguageModel[] = [
  model(
    'windows-1255',
    false,
    'י:11 ו:10.5 ה:8.7 ל:7.3 א:6.3 ר:5.6 ת:5.3 מ:5 ב:4.9 ש:4.3 נ:3.3 ע:3 ד:2.6 ם:2.4 כ:2.3 ח:2.3 ק:1.9 פ:1.6 ן:1.3 ט:1.2 ס:1.1 ג:1.1 ז:0.9 צ:0.8 ך:0.4 ף:0.2 ץ:0.2',
  ),
  model(
    'windows-1256',
    false,
    'ا:12 ل:9 ي:7 م:6 و:6 ن:6 ه:5 ر:5 ت:4.5 ب:4.5 د:3.5 ع:3 س:3 ف:2.5 ة:2.5 ك:2 ق:2 ح:2 أ:2 ک:1.5 ج:1.3 ى:1.2 ش:1.2 ط:1 ص:1 خ:1 گ:1 ز:0.8 ذ:0.8 إ:0.7 پ:0.6 ث:0.5 ض:0.5 غ:0.4 ء:0.4 ئ:0.4 چ:0.4 آ:0.3 ظ:0.2 ؤ:0.2 ژ:0.05 ھہے:0.05',
  ),
  model(
    'windows-1251',
    false,
    'о:11 е:8.5 а:8 и:7.4 н:6.7 т:6.3 с:5.5 р:4.7 в:4.5 л:4.4 к:3.5 м:3.2 д:3 п:2.8 у:2.6 я:2 ы:1.9 ь:1.7 г:1.7 з:1.6 б:1.6 ч:1.4 й:1.2 х:1 ж:0.9 ш:0.7 ю:0.6 ц:0.5 щ:0.4 э:0.3 ф:0.3 ёіїєґў:0.1 ъ:0.04',
  ),
  model(
    'windows-1252',
    true,
    'é:20 ç:7 á:6 ã:6 í:5 ó:5 à:4 è:4 ê:4 ü:3 ä:3 ñ:2.5 ö:2.5 ú:2 õ:2 â:2 ô:1.5 ß:1.5 å:1 ø:1 î:0.8 û:0.5 ò:0.5 æ:0.5 ï:0.3 ë:0.3 ì:0.3 ù:0.3 œ:0.3 ý:0.3 šž:0.3 ðþÿ:0.05',
  ),
];

/** Log-probability cost of a capital letter, where the model only knows lower case. */
const CAPITAL = Math.log(0.1);
const SAMPLE_BYTES = 64 * 1024;

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

// Letters in a place their language does not put them: Hebrew final forms inside a word and
// non-final forms at its end, Russian ъ ь ы starting a word, Arabic teh marbuta and alef maksura
// inside a word. Text decoded in the wrong code page is full of these.
const HEBREW_FINAL = 'ךםןףץ';
const HEBREW_NON_FINAL = 'כמנפצ';

function misplaced(encoding: string, lower: string, prevLetter: boolean, nextLetter: boolean): boolean {
  switch (encoding) {
    case 'windows-1255':
      return (HEBREW_FINAL.includes(lower) && nextLetter) || (HEBREW_NON_FINAL.includes(lower) && prevLetter && !nextLetter);
    case 'windows-1251':
      return !prevLetter && 'ъьы'.includes(lower);
    case 'windows-1256':
      return nextLetter && 'ةى'.includes(lower);
    default:
      return false;
  }
}

const LETTER = /\p{L}/u;
const MARK = /\p{M}/u;
const isLetterAt = (text: string, i: number) => i >= 0 && i < text.length && LETTER.test(text[i]!);

/** How well `text` reads as the model's language: 0 is typical, lower is worse. */
function score(text: string, m: LanguageModel): number {
  let letters = 0;
  let logSum = 0;
  let garbage = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) continue;
    const c = text[i]!;
    if (code === 0xfffd || (code >= 0x80 && code < 0xa0)) {
      garbage++;
      continue;
    }
    const lower = c.toLowerCase();
    const logp = m.logp.get(lower);
    const besideLatin = isAsciiLetter(text.charCodeAt(i - 1)) || isAsciiLetter(text.charCodeAt(i + 1));
    if (logp !== undefined) {
      if ((!m.latin && besideLatin) || misplaced(m.encoding, lower, isLetterAt(text, i - 1), isLetterAt(text, i + 1))) garbage++;
      else {
        letters++;
        logSum += logp + (lower === c ? 0 : CAPITAL);
      }
    } else if (LETTER.test(c)) {
      // A Latin accented letter inside a Latin word is fine in any code page (1256 has French letters).
      if (!(besideLatin && /\p{Script=Latin}/u.test(c))) garbage++;
    } else if (MARK.test(c) && !isLetterAt(text, i - 1) && !MARK.test(text[i - 1] ?? '')) {
      // A vowel sign (niqqud, harakat) belongs after a letter.
      garbage++;
    }
  }
  // Text with no letter of the model's own script is no evidence for it.
  if (letters === 0) return (m.latin && garbage === 0 ? 0 : -1) - (garbage > 0 ? 8 : 0);
  return logSum / letters - m.expected - (8 * garbage) / (letters + garbage);
}

/** Control characters other than tab, line feed, form feed and carriage return: not text. */
function controlRatio(text: string, limit = SAMPLE_BYTES): number {
  const n = Math.min(text.length, limit);
  if (n === 0) return 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13 && c !== 27) || c === 0xfffd || (c >= 0xe000 && c <= 0xf8ff)) control++;
  }
  return control / n;
}

/** UTF-16 without a byte order mark: the high byte of each pair takes few values, the low byte many. */
function utf16Order(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 8192) & ~1;
  if (n < 8) return null;
  const even = new Map<number, number>();
  const odd = new Map<number, number>();
  for (let i = 0; i < n; i += 2) {
    even.set(bytes[i]!, (even.get(bytes[i]!) ?? 0) + 1);
    odd.set(bytes[i + 1]!, (odd.get(bytes[i + 1]!) ?? 0) + 1);
  }
  const topTwo = (counts: Map<number, number>) => {
    const sorted = [...counts.values()].sort((a, b) => b - a);
    return ((sorted[0] ?? 0) + (sorted[1] ?? 0)) / (n / 2);
  };
  const hasNul = (counts: Map<number, number>) => (counts.get(0) ?? 0) > 0;
  const e = topTwo(even);
  const o = topTwo(odd);
  if (o >= 0.9 && e < 0.7 && hasNul(odd)) return 'utf-16le';
  if (e >= 0.9 && o < 0.7 && hasNul(even)) return 'utf-16be';
  return null;
}

function hasNulOrControls(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SAMPLE_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 32 && b !== 9 && b !== 10 && b !== 12 && b !== 13 && b !== 27) control++;
  }
  return control > n * 0.01;
}

// Node 20 decodes 'windows-1252' as ISO-8859-1, leaving 0x80–0x9F as C1 controls: the real code page
// has curly quotes, dashes, € and a few letters there.
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const C1 = /[\u0080-\u009F]/g;

function decodeAs(bytes: Uint8Array, encoding: string): string {
  const text = new TextDecoder(encoding).decode(bytes);
  return encoding === 'windows-1252' ? text.replace(C1, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!) : text;
}

/**
 * Decodes the bytes of a text file, without its byte order mark. Throws DocumentParseError when the
 * bytes are not text in any encoding we read.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: decodeAs(bytes.subarray(3), 'utf-8'), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decodeAs(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decodeAs(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  const utf16 = utf16Order(bytes);
  if (utf16) {
    const text = decodeAs(bytes, utf16);
    if (controlRatio(text) < 0.01) return { text, encoding: utf16 };
  }
  if (hasNulOrControls(bytes)) throw new DocumentParseError('unsupported_type', BINARY);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: a legacy code page.
  }
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  let best: { encoding: string; score: number } | null = null;
  for (const m of MODELS) {
    const s = score(decodeAs(sample, m.encoding), m);
    if (!best || s > best.score) best = { encoding: m.encoding, score: s };
  }
  // Far below every language: bytes that only happen to have no NUL (compressed data, an unknown encoding).
  if (!best || best.score < -4) throw new DocumentParseError('unsupported_type', BINARY);
  return { text: decodeAs(bytes, best.encoding), encoding: best.encoding };
}
