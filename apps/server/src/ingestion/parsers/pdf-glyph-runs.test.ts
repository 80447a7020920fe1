// The operator-list reader on hand-made operator lists: what pdf.js hands over for a page, with glyphs
// in drawing order (right-to-left text drawn left to right, as LibreOffice and Word draw it).
import { describe, expect, it } from 'vitest';
import { runsFromOperatorList, type TextOps } from './pdf-glyph-runs.js';
import { joinLine, runsToLines } from './pdf-layout.js';

// Operator codes for these tests (the parser passes pdf.js's OPS).
const OPS: TextOps = {
  save: 1,
  restore: 2,
  transform: 3,
  beginText: 4,
  setFont: 5,
  setTextMatrix: 6,
  moveText: 7,
  setLeadingMoveText: 8,
  nextLine: 9,
  setLeading: 10,
  setCharSpacing: 11,
  setWordSpacing: 12,
  setHScale: 13,
  setTextRise: 14,
  showText: 15,
  setGState: 16,
  paintFormXObjectBegin: 17,
  paintFormXObjectEnd: 18,
  beginGroup: 19,
  endGroup: 20,
};

/** A page 800 units high, displayed with y down, as pdf.js's viewport transform does. */
const PAGE = [1, 0, 0, -1, 0, 800];
const fonts = { F1: {}, V: { vertical: true } } as Record<string, { vertical?: boolean }>;

type Op = [keyof TextOps, unknown[]];
const glyph = (unicode: string, width = 500) => ({ unicode, width, isSpace: unicode === ' ' });
/** Glyphs of a string, in the order given; numbers are TJ adjustments. */
const glyphs = (...parts: (string | number)[]) =>
  parts.flatMap((p): unknown[] => (typeof p === 'number' ? [p] : [...p].map((c) => glyph(c))));
/** Glyphs drawn for a right-to-left word: its characters reversed, lam-alef as one glyph. */
const rtlGlyphs = (word: string) => [...word.replace(/لا/g, '\u0000')].reverse().map((c) => (c === '\u0000' ? glyph('لا') : glyph(c)));

function read(ops: Op[]) {
  return runsFromOperatorList(
    { fnArray: ops.map(([name]) => OPS[name]), argsArray: ops.map(([, args]) => args) },
    OPS,
    (name) => fonts[name],
    PAGE,
  );
}

const text = (font = 'F1', size = 10, x = 72, y = 700, ...shows: unknown[][]): Op[] => [
  ['beginText', []],
  ['setFont', [font, size]],
  ['setTextMatrix', [[1, 0, 0, 1, x, y]]],
  ...shows.map((g): Op => ['showText', [g]]),
];

describe('runsFromOperatorList', () => {
  it('places a left-to-right string as one run, spaces inside, advancing by glyph widths', () => {
    const runs = read(text('F1', 10, 72, 700, glyphs('Hello world')));
    expect(runs).toEqual([{ str: 'Hello world', x: 72, y: 100, width: 55, size: 10, dir: 'ltr', chunk: 3 }]);
  });

  it('cuts at wide TJ gaps but not at kerning', () => {
    const runs = read(text('F1', 10, 72, 700, glyphs('AB', 60, 'C', -400, 'D')))!;
    expect(runs.map((r) => [r.str, r.x])).toEqual([
      ['ABC', 72],
      ['D', 72 + 15 - 0.6 + 4],
    ]);
  });

  it('reads right-to-left glyphs in logical order, keeping a lam-alef ligature whole', () => {
    // "السلام عليكم" drawn left to right: the second word first.
    const runs = read(text('F1', 10, 72, 700, [...rtlGlyphs('عليكم'), glyph(' '), ...rtlGlyphs('السلام')]))!;
    expect(runs.map((r) => [r.str, r.dir])).toEqual([
      ['عليكم', 'rtl'],
      ['السلام', 'rtl'],
    ]);
    expect(joinLine(runs)!.text).toBe('السلام عليكم');
    expect(read(text('F1', 10, 72, 700, rtlGlyphs('سلام')))!.map((r) => r.str)).toEqual(['سلام']);
  });

  it('keeps numbers, with their separators and signs, as left-to-right pieces of a right-to-left line', () => {
    // "בשנת 2024 עלה ב-7.5%" drawn left to right.
    const drawn = [...glyphs('7.5%'), ...rtlGlyphs('ב-'), glyph(' '), ...rtlGlyphs('עלה'), glyph(' '), ...glyphs('2024'), glyph(' ')];
    const runs = read(text('F1', 10, 72, 700, [...drawn, ...rtlGlyphs('בשנת')]))!;
    expect(runs.map((r) => r.str)).toEqual(['7.5%', '-', 'ב', 'עלה', '2024', 'בשנת']);
    expect(joinLine(runs)!.text).toBe('בשנת 2024 עלה ב-7.5%');
  });

  it('puts a diacritic drawn on its own back on the letter drawn after it', () => {
    // LibreOffice draws some marks (a dagesh, a shadda) as a text of their own, just before their letter.
    const runs = read([
      ...text('F1', 10, 100, 700, [glyph('\u05BC', 0)]),
      ['setTextMatrix', [[1, 0, 0, 1, 101, 700]]],
      ['showText', [[glyph('ו'), glyph('ש')]]],
    ])!;
    expect(runs.map((r) => r.str)).toEqual(['שו\u05BC']);
  });

  it('follows the text and graphics state: matrices, line moves, spacing, scaling, rise, save and restore', () => {
    const runs = read([
      ['save', []],
      ['transform', [2, 0, 0, 2, 10, 0]],
      ['beginText', []],
      ['setGState', [[['Font', ['F1', 10]]]]],
      ['setHScale', [50]],
      ['setCharSpacing', [1]],
      ['moveText', [5, 300]],
      ['showText', [glyphs('ab')]],
      ['setLeading', [12]],
      ['nextLine', []],
      ['setTextRise', [3]],
      ['showText', [glyphs('c')]],
      ['restore', []],
      ['beginText', []],
      ['setFont', ['F1', 10]],
      ['showText', [glyphs('d')]],
    ])!;
    expect(runs).toEqual([
      // x: 10 + 2 × 5; width: 2 (matrix) × 0.5 (scaling) × (5 + 1 + 5 + 1) (glyphs and spacing); size: 2 × 10.
      { str: 'ab', x: 20, y: 800 - 600, width: 12, size: 20, dir: 'ltr', chunk: 7 },
      { str: 'c', x: 20, y: 800 - 2 * (300 - 12 + 3), width: 6, size: 20, dir: 'ltr', chunk: 11 },
      { str: 'd', x: 0, y: 800, width: 5, size: 10, dir: 'ltr', chunk: 15 },
    ]);
  });

  it('gives up on vertical writing', () => {
    expect(read(text('V', 10, 72, 700, glyphs('縦書き')))).toBeNull();
  });

  it('feeds the layout: lines in reading order', () => {
    const runs = read([
      ...text('F1', 10, 400, 700, rtlGlyphs('שלום')),
      ['moveText', [-25, 0]],
      ['showText', [glyphs('2024')]],
      ['setTextMatrix', [[1, 0, 0, 1, 72, 680]]],
      ['showText', [glyphs('Next line')]],
    ])!;
    expect(runsToLines(runs).map((l) => l.text)).toEqual(['שלום 2024', 'Next line']);
  });
});
