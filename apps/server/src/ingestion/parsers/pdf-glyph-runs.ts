// Text runs of a PDF page read from pdf.js's operator list, glyph by glyph, instead of from
// getTextContent. Two reasons:
//   - getTextContent reverses right-to-left runs character by character, which turns a ligature glyph
//     mapped to several characters around (lam-alef "لا" comes out "ال", "سلام" reads "سالم"); here the
//     glyphs of a right-to-left run are put in logical order glyph by glyph, so a ligature keeps its
//     characters in order;
//   - it is cheaper: pdf.js builds the operator list faster than the text content (about 40% less time
//     on text-heavy pages), and the text content would need the operator list anyway to see glyphs.
// Positions follow what pdf.js's canvas renderer does with the same operators (text matrix, line
// moves, character and word spacing, horizontal scaling, rise, save/restore, form and group
// matrices). Runs are cut at spaces, at gaps and where the direction changes (right-to-left letters,
// numbers, other letters, punctuation); pdf-layout.ts orders and joins them. Vertical writing is not
// handled here: the caller falls back to getTextContent for such pages.
import type { PdfTextRun } from './pdf-layout.js';

export interface OperatorList {
  readonly fnArray: ArrayLike<number>;
  readonly argsArray: ArrayLike<unknown>;
}

/** The operator codes used here (pdf.js's OPS). */
export interface TextOps {
  readonly save: number;
  readonly restore: number;
  readonly transform: number;
  readonly beginText: number;
  readonly setFont: number;
  readonly setTextMatrix: number;
  readonly moveText: number;
  readonly setLeadingMoveText: number;
  readonly nextLine: number;
  readonly setLeading: number;
  readonly setCharSpacing: number;
  readonly setWordSpacing: number;
  readonly setHScale: number;
  readonly setTextRise: number;
  readonly showText: number;
  readonly setGState: number;
  readonly paintFormXObjectBegin: number;
  readonly paintFormXObjectEnd: number;
  readonly beginGroup: number;
  readonly endGroup: number;
}

export interface FontInfo {
  readonly vertical?: boolean;
  readonly fontMatrix?: ArrayLike<number>;
}

type Matrix = [number, number, number, number, number, number];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const DEFAULT_FONT_MATRIX = [0.001, 0, 0, 0.001, 0, 0];

function multiply(m: ArrayLike<number>, n: ArrayLike<number>): Matrix {
  return [
    m[0]! * n[0]! + m[2]! * n[1]!,
    m[1]! * n[0]! + m[3]! * n[1]!,
    m[0]! * n[2]! + m[2]! * n[3]!,
    m[1]! * n[2]! + m[3]! * n[3]!,
    m[0]! * n[4]! + m[2]! * n[5]! + m[4]!,
    m[1]! * n[4]! + m[3]! * n[5]! + m[5]!,
  ];
}

interface TextState {
  ctm: Matrix;
  textMatrix: Matrix;
  x: number;
  y: number;
  lineX: number;
  lineY: number;
  font: string;
  fontSize: number;
  fontDirection: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
}

type GlyphClass = 'R' | 'L' | 'EN' | 'N';

const DIGIT = /^[0-9\u0660-\u0669\u06F0-\u06F9]/;
// Hebrew (letters, points, punctuation) and Arabic-script letters and marks: right to left. (Ranges
// rather than a character class: a class mixing letters and combining marks misleads readers.)
const RTL_RANGES = [
  [0x0590, 0x05ff],
  [0x0610, 0x061a],
  [0x0620, 0x065f],
  [0x066e, 0x06ff],
  [0x0750, 0x077f],
  [0x08a0, 0x08ff],
  [0xfb1d, 0xfdff],
  [0xfe70, 0xfefc],
] as const;
const RTL = { test: (text: string) => isRtlCode(text.charCodeAt(0)) };

function isRtlCode(code: number): boolean {
  if (code < 0x0590) return false;
  for (const [from, to] of RTL_RANGES) if (code >= from && code <= to) return !(code >= 0x06f0 && code <= 0x06f9);
  return false;
}
const LETTER_OR_MARK = /^[\p{L}\p{M}]/u;
const MARK = /^\p{M}/u;
// Separators that a number keeps inside it ("7.5", "1,000", "2020-2024") and signs that stick to it ("15%").
const NUMBER_SEPARATOR = /^[.,:/\u060C\u066B\u066C+\-\u2010\u2013]$/;
const NUMBER_SIGN = /^[%‰$€£¥#°\u066A]$/;
const WHITESPACE = /^\s*$/;
/** TJ adjustments wider than this (in thousandths of the font size) separate runs. */
const GAP_UNITS = 100;

// What the reader needs to know of a glyph's text, looked up once per distinct text (a page has a
// few hundred): regular expressions per glyph would dominate the reading time.
const SPACE = 1;
const IS_RTL = 2;
const IS_DIGIT = 4;
const IS_LETTER = 8;
const IS_MARK = 16;
const IS_SEPARATOR = 32;
const IS_SIGN = 64;
const traits = new Map<string, number>();

function traitsOf(text: string): number {
  let t = traits.get(text);
  if (t === undefined) {
    t =
      (WHITESPACE.test(text) ? SPACE : 0) |
      (RTL.test(text) ? IS_RTL : 0) |
      (DIGIT.test(text) ? IS_DIGIT : 0) |
      (LETTER_OR_MARK.test(text) ? IS_LETTER : 0) |
      (MARK.test(text) ? IS_MARK : 0) |
      (NUMBER_SEPARATOR.test(text) ? IS_SEPARATOR : 0) |
      (NUMBER_SIGN.test(text) ? IS_SIGN : 0);
    if (traits.size > 50_000) traits.clear();
    traits.set(text, t);
  }
  return t;
}

function classOf(t: number): GlyphClass {
  if (t & IS_DIGIT) return 'EN';
  if (t & IS_RTL) return 'R';
  if (t & IS_LETTER) return 'L';
  return 'N';
}

/**
 * The page's text runs in drawing order, in page display space (`pageTransform` is the viewport
 * transform). Returns null when the page uses vertical writing, which this reader does not place.
 */
export function runsFromOperatorList(
  list: OperatorList,
  ops: TextOps,
  fontInfo: (name: string) => FontInfo | undefined,
  pageTransform: ArrayLike<number>,
): PdfTextRun[] | null {
  const runs: PdfTextRun[] = [];
  const stack: TextState[] = [];
  let s: TextState = {
    ctm: [...(Array.from(pageTransform) as Matrix)],
    textMatrix: [...IDENTITY],
    x: 0,
    y: 0,
    lineX: 0,
    lineY: 0,
    font: '',
    fontSize: 0,
    fontDirection: 1,
    charSpacing: 0,
    wordSpacing: 0,
    hScale: 1,
    leading: 0,
    rise: 0,
  };
  const moveText = (x: number, y: number) => {
    s.x = s.lineX += x;
    s.y = s.lineY += y;
  };
  const setFont = (name: string, size: number) => {
    s.font = name;
    s.fontDirection = size < 0 ? -1 : 1;
    s.fontSize = Math.abs(size);
  };
  // Marks drawn on their own (LibreOffice places some diacritics that way), waiting for their letter.
  let marks: PendingMarks | null = null;
  const { fnArray, argsArray } = list;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    switch (fn) {
      case ops.save:
        stack.push({ ...s });
        break;
      case ops.restore:
      case ops.paintFormXObjectEnd:
      case ops.endGroup:
        if (stack.length) s = stack.pop()!;
        break;
      case ops.transform:
        s.ctm = multiply(s.ctm, args as number[]);
        break;
      case ops.paintFormXObjectBegin: {
        stack.push({ ...s });
        const matrix = args?.[0] as number[] | null;
        if (matrix) s.ctm = multiply(s.ctm, matrix);
        break;
      }
      case ops.beginGroup: {
        stack.push({ ...s });
        const matrix = (args?.[0] as { matrix?: number[] } | null)?.matrix;
        if (matrix) s.ctm = multiply(s.ctm, matrix);
        break;
      }
      case ops.beginText:
        s.textMatrix = [...IDENTITY];
        s.x = s.lineX = s.y = s.lineY = 0;
        break;
      case ops.setTextMatrix: {
        const m = (args!.length === 1 ? args![0] : args) as ArrayLike<number>;
        s.textMatrix = [m[0]!, m[1]!, m[2]!, m[3]!, m[4]!, m[5]!];
        s.x = s.lineX = s.y = s.lineY = 0;
        break;
      }
      case ops.moveText:
        moveText(args![0] as number, args![1] as number);
        break;
      case ops.setLeadingMoveText:
        s.leading = args![1] as number;
        moveText(args![0] as number, args![1] as number);
        break;
      case ops.nextLine:
        moveText(0, s.leading);
        break;
      case ops.setLeading:
        s.leading = -(args![0] as number);
        break;
      case ops.setCharSpacing:
        s.charSpacing = args![0] as number;
        break;
      case ops.setWordSpacing:
        s.wordSpacing = args![0] as number;
        break;
      case ops.setHScale:
        s.hScale = (args![0] as number) / 100;
        break;
      case ops.setTextRise:
        s.rise = args![0] as number;
        break;
      case ops.setFont:
        setFont(args![0] as string, args![1] as number);
        break;
      case ops.setGState:
        for (const [key, value] of (args?.[0] as [string, unknown][] | undefined) ?? []) {
          if (key === 'Font') setFont((value as [string, number])[0], (value as [string, number])[1]);
        }
        break;
      case ops.showText: {
        const font = fontInfo(s.font);
        if (font?.vertical) return null;
        marks = showText(s, args![0] as unknown[], font?.fontMatrix ?? DEFAULT_FONT_MATRIX, runs, marks, i);
        break;
      }
      default:
        break;
    }
  }
  if (marks) runs.push(marks.run);
  return runs;
}

interface GlyphLike {
  readonly unicode?: string;
  readonly width?: number;
  readonly isSpace?: boolean;
}

/**
 * Adds the runs of one text-showing operation and advances the text position, as pdf.js draws it.
 * Producers draw each stretch of one direction separately, in its own order: a stretch with no
 * right-to-left letter is read as drawn, one run per gap (spaces kept inside it); one with
 * right-to-left letters is cut at spaces and at every change of direction, right-to-left pieces
 * are put in logical order glyph by glyph, and the layout orders the pieces by position.
 */
function showText(
  s: TextState,
  glyphs: readonly unknown[],
  fontMatrix: ArrayLike<number>,
  runs: PdfTextRun[],
  pending: PendingMarks | null,
  chunk: number,
): PendingMarks | null {
  if (s.fontSize === 0 || !Array.isArray(glyphs)) return pending;
  const hScale = s.hScale * s.fontDirection;
  const advanceScale = s.fontSize * fontMatrix[0]!;
  // Text space → display space, and the display size of one text-space unit along and across the line.
  const m = multiply(s.ctm, s.textMatrix);
  const along = Math.hypot(m[0], m[1]);
  const size = s.fontSize * Math.hypot(m[2], m[3]);
  const at = (tx: number): [number, number] => [m[0] * tx + m[2] * (s.y + s.rise) + m[4], m[1] * tx + m[3] * (s.y + s.rise) + m[5]];
  let mixed = false;
  let visible = 0;
  let onlyMarks = true;
  let firstVisible = '';
  for (const g of glyphs) {
    if (typeof g !== 'object' || g === null) continue;
    const t = traitsOf((g as GlyphLike).unicode ?? '');
    if (t & SPACE) continue;
    if (visible++ === 0) firstVisible = (g as GlyphLike).unicode!;
    if (t & IS_RTL) mixed = true;
    if (!(t & IS_MARK)) onlyMarks = false;
  }
  if (visible > 0 && onlyMarks) {
    // Only diacritics: hold them for the letter drawn next (their base, in visual order).
    if (pending) runs.push(pending.run);
    const [px, py] = at(s.x);
    const texts = glyphs
      .filter((g) => typeof g === 'object' && g !== null && !(traitsOf((g as GlyphLike).unicode ?? '') & SPACE))
      .map((g) => (g as GlyphLike).unicode!);
    const str = texts.join('');
    return { texts, run: { str, x: px, y: py, width: 0, size, dir: RTL.test(str) ? 'rtl' : 'ltr', chunk } };
  }
  let marks = pending;
  if (marks) {
    // They belong to this text if it starts, with a right-to-left letter, right where they were drawn.
    const [x0, y0] = at(s.x);
    if (!(
      RTL.test(firstVisible) &&
      Math.abs(y0 - marks.run.y) < size * 0.5 &&
      x0 - marks.run.x >= -size * 0.1 &&
      x0 - marks.run.x < size * 0.6
    )) {
      runs.push(marks.run);
      marks = null;
    }
  }
  let x = 0; // in text space, before horizontal scaling
  let start = 0;
  let end = 0;
  let texts: string[] = [];
  let cls: GlyphClass = 'L';
  let space = false;
  const flush = () => {
    if (texts.length === 0) return;
    const x0 = s.x + start * hScale;
    const x1 = s.x + end * hScale;
    const left = Math.min(x0, x1);
    const ty = s.y + s.rise;
    const str = cls === 'R' ? texts.reverse().join('') : texts.join('');
    runs.push({
      str,
      x: m[0] * left + m[2] * ty + m[4],
      y: m[1] * left + m[3] * ty + m[5],
      width: Math.abs(x1 - x0) * along,
      size,
      dir: cls === 'R' ? 'rtl' : 'ltr',
      chunk,
    });
    texts = [];
    space = false;
  };
  for (let k = 0; k < glyphs.length; k++) {
    const glyph = glyphs[k];
    if (typeof glyph === 'number') {
      // A negative adjustment moves right: a gap. Positive ones move back (kerning, marks).
      if (glyph <= -GAP_UNITS) flush();
      x -= (glyph * s.fontSize) / 1000;
      continue;
    }
    const g = glyph as GlyphLike;
    const text = g.unicode ?? '';
    const advance = (g.width ?? 0) * advanceScale + ((g.isSpace ? s.wordSpacing : 0) + s.charSpacing) * s.fontDirection;
    const t = traitsOf(text);
    if (t & SPACE) {
      if (mixed) flush();
      else space = texts.length > 0;
    } else {
      let c: GlyphClass = 'L';
      if (mixed) {
        c = classOf(t);
        if (texts.length && t & IS_MARK)
          c = cls; // a mark belongs to its letter
        else if (c === 'N') c = numberPart(t, texts.length > 0 && cls === 'EN', nextGlyph(glyphs, k));
        if (texts.length && (c !== cls || c === 'N')) flush();
      } else if (space) {
        texts.push(' ');
        space = false;
      }
      if (texts.length === 0) {
        start = x;
        cls = c;
      }
      if (marks) {
        // Before their letter in drawing order: after it once the run is read right to left.
        texts.push(...marks.texts);
        marks = null;
      }
      texts.push(text);
      end = x + advance;
    }
    x += advance;
  }
  flush();
  s.x += x * hScale;
  return marks;
}

interface PendingMarks {
  readonly texts: string[];
  readonly run: PdfTextRun;
}

/** The next glyph of the same word: past kerning, not past a gap. */
function nextGlyph(glyphs: readonly unknown[], k: number): GlyphLike | undefined {
  for (let j = k + 1; j < glyphs.length; j++) {
    const g = glyphs[j];
    if (typeof g !== 'number') return (g ?? undefined) as GlyphLike | undefined;
    if (g <= -GAP_UNITS) return undefined;
  }
  return undefined;
}

/**
 * Separators between digits and signs next to them belong to the number ("7.5", "15%"), as in the
 * Unicode bidi algorithm; other punctuation stands alone, one glyph per run, for the layout to place.
 */
function numberPart(t: number, afterDigit: boolean, next: GlyphLike | undefined): GlyphClass {
  const nextIsDigit = next !== undefined && (traitsOf(next.unicode ?? '') & IS_DIGIT) !== 0;
  if (t & IS_SEPARATOR && afterDigit && nextIsDigit) return 'EN';
  if (t & IS_SIGN && (afterDigit || nextIsDigit)) return 'EN';
  return 'N';
}
