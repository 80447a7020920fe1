import { describe, expect, it } from 'vitest';
import { glyphTexts, guessLamAlef, repairLigatures } from './pdf-ligatures.js';

const LAM_ALEF = 'لا';

/**
 * The glyphs a PDF producer draws, left to right, for a right-to-left word: its characters reversed,
 * with each lam-alef pair (in logical order) as one glyph.
 */
function visualGlyphs(logical: string): string[] {
  const glyphs: string[] = [];
  const chars = [...logical];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] === 'ل' && 'اأإآ'.includes(chars[i + 1] ?? '')) {
      glyphs.push(chars[i]! + chars[i + 1]!);
      i++;
    } else glyphs.push(chars[i]!);
  }
  return glyphs.reverse();
}

/** What pdf.js makes of a right-to-left run: the glyph texts joined, then reversed character by character. */
const pdfjsRun = (glyphs: readonly string[]) => [...glyphs.join('')].reverse().join('');

describe('repairLigatures', () => {
  it('puts the lam-alef glyph back in order and leaves the article alone', () => {
    const words = ['السلام', 'كلاس', 'الاسلام', 'لا', 'ولا', 'بالا', 'لازم', 'الإسلام'];
    for (const word of words) {
      const glyphs = visualGlyphs(word);
      expect(pdfjsRun(glyphs)).not.toBe(word); // the damage being repaired
      expect(repairLigatures([pdfjsRun(glyphs)], glyphs)).toEqual([word]);
    }
  });

  it('tells apart words that pdf.js makes identical: سالم (genuine) and سلام (ligature) in one run', () => {
    // The run "سالم سلام" drawn left to right: the second word first, then the space, then the first.
    const glyphs = [...visualGlyphs('سلام'), ' ', ...visualGlyphs('سالم')];
    const damaged = pdfjsRun(glyphs);
    expect(damaged).toBe('سالم سالم');
    expect(repairLigatures([damaged], glyphs)).toEqual(['سالم سلام']);
  });

  it('aligns runs with glyphs across a page, skipping runs without ligatures', () => {
    const runs = ['Hello', pdfjsRun(visualGlyphs('کلاس')), '2024', pdfjsRun(visualGlyphs('سلام'))];
    const glyphs = [...'Hello', ...visualGlyphs('کلاس'), ...'2024', ...visualGlyphs('سلام')];
    expect(repairLigatures(runs, glyphs)).toEqual(['Hello', 'کلاس', '2024', 'سلام']);
  });

  it('gives up (null) when the runs do not match the glyphs', () => {
    expect(repairLigatures([pdfjsRun(visualGlyphs('سلام'))], visualGlyphs('کلاس'))).toBeNull();
    expect(repairLigatures([pdfjsRun(visualGlyphs('سلام')), 'extra'], visualGlyphs('سلام'))).toBeNull();
  });
});

describe('glyphTexts', () => {
  it('reads the glyph texts of showText operations, without spaces and format marks', () => {
    const SHOW_TEXT = 44;
    const fnArray = [1, SHOW_TEXT, 2, SHOW_TEXT];
    const argsArray = [
      null,
      [[{ unicode: 'م' }, -12, { unicode: LAM_ALEF }, { unicode: ' ' }, { unicode: 'س' }]],
      [5],
      [[{ unicode: '\u200C' }, { unicode: 'A' }, { unicode: '' }]],
    ];
    expect(glyphTexts(fnArray, argsArray, SHOW_TEXT)).toEqual(['م', LAM_ALEF, 'س', 'A']);
  });
});

describe('guessLamAlef (fallback without glyphs)', () => {
  it.each([
    ['سالم', 'سلام'],
    ['کالس', 'کلاس'],
    ['االسالم', 'الاسلام'],
    ['ال', 'لا'],
    ['باال', 'بالا'],
    ['السالم', 'السلام'],
    ['والسالم', 'والسلام'],
    ['سال', 'سال'],
    ['الكتاب', 'الكتاب'],
  ])('%s → %s', (damaged, repaired) => {
    expect(guessLamAlef(damaged)).toBe(repaired);
  });
});
