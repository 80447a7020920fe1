// Bytes of a text file to a string: BOMs (UTF-8, UTF-16 LE/BE), BOM-less UTF-16 by its NUL pattern,
// strict UTF-8, and otherwise the legacy Windows code page whose decoding reads most like real text
// in its script: 1255 (Hebrew), 1256 (Arabic, Persian), 1251 (Cyrillic), 1252 (Western).

export interface DecodedText {
  readonly text: string;
  readonly encoding: string;
}

const LEGACY: readonly { encoding: string; script: RegExp }[] = [
  { encoding: 'windows-1255', script: /[\u05D0-\u05EA]/g },
  { encoding: 'windows-1256', script: /[\u0621-\u064A\u067E\u0686\u0698\u06A9\u06AF\u06CC]/g },
  { encoding: 'windows-1251', script: /[\u0410-\u044F\u0401\u0451]/g },
  { encoding: 'windows-1252', script: /[\u00C0-\u00FF]/g },
];

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/** Share of characters that are neither letters, digits, punctuation nor ordinary whitespace. */
function junkRatio(text: string): number {
  if (text.length === 0) return 0;
  let junk = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd || (c >= 0x7f && c < 0xa0)) junk++;
  }
  return junk / text.length;
}

export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let nul = 0;
  for (const b of sample) if (b === 0) nul++;
  return nul > 0;
}

function utf16Guess(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul / pairs > 0.3 && evenNul / pairs < 0.05) return 'utf-16le';
  if (evenNul / pairs > 0.3 && oddNul / pairs < 0.05) return 'utf-16be';
  return null;
}

/** Decodes text bytes; returns null when they are not text in any encoding we read. */
export function decodeText(bytes: Uint8Array): DecodedText | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const utf16 = utf16Guess(bytes);
  if (utf16) {
    const text = new TextDecoder(utf16).decode(bytes);
    return junkRatio(text) < 0.05 ? { text, encoding: utf16 } : null;
  }
  if (looksBinary(bytes)) return null;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return junkRatio(text) < 0.05 ? { text, encoding: 'utf-8' } : null;
  } catch {
    // not UTF-8: a legacy code page, or binary
  }
  const sample = bytes.subarray(0, 64 * 1024);
  let best: { encoding: string; score: number } | null = null;
  for (const { encoding, script } of LEGACY) {
    const text = new TextDecoder(encoding).decode(sample);
    if (junkRatio(text) > 0.05) continue;
    // Letters of the code page's own script among the non-ASCII characters decide.
    let nonAscii = 0;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) nonAscii++;
    let scriptLetters = count(text, script);
    // Hebrew, Arabic or Cyrillic letters inside Latin words mean the bytes were Latin accents.
    if (encoding !== 'windows-1252') scriptLetters -= count(text.match(/\S*[A-Za-z]\S*/g)?.join(' ') ?? '', script);
    const score = nonAscii === 0 ? 0 : scriptLetters / nonAscii;
    if (!best || score > best.score) best = { encoding, score };
  }
  if (!best || best.score < 0.5) return null;
  return { text: new TextDecoder(best.encoding).decode(bytes), encoding: best.encoding };
}
