import { describe, expect, it } from 'vitest';
import { QUOTE_MAX_CHARS, citedNumbers, parseDigits, quoteFor } from './citations.js';

describe('citedNumbers', () => {
  const available = [1, 2, 3, 4, 5];

  it('reads [n], [n, m] and [n][m] in order of first mention, once each', () => {
    expect(citedNumbers('Delivery takes 3 days [2]. Returns are free [1, 3][2][4].', available)).toEqual([2, 1, 3, 4]);
  });

  it('reads Persian and Arabic-Indic digits and the Arabic comma', () => {
    expect(citedNumbers('ارسال سه روز طول می‌کشد [۲]. بازگشت رایگان است [۱][۳].', available)).toEqual([2, 1, 3]);
    expect(citedNumbers('التوصيل خلال ثلاثة أيام [٤، ٥].', available)).toEqual([4, 5]);
    expect(parseDigits('۱۲')).toBe(12);
    expect(parseDigits('١٠')).toBe(10);
  });

  it('keeps only numbers that were available', () => {
    expect(citedNumbers('See [7] and [2] and [0].', available)).toEqual([2]);
  });

  it('expands short ranges and ignores spans that are not citations', () => {
    expect(citedNumbers('Both [1-3].', available)).toEqual([1, 2, 3]);
    expect(citedNumbers('Years [1900-2020] and [3–2].', [3, 1900])).toEqual([1900, 3]);
  });

  it('ignores bracketed text that is not a number list', () => {
    expect(citedNumbers('[a] [1a] [ ] [1,] text', available)).toEqual([]);
  });
});

describe('quoteFor', () => {
  it('returns a short passage whole, with whitespace collapsed', () => {
    expect(quoteFor('Returns are free\nwithin 30 days.')).toBe('Returns are free within 30 days.');
  });

  it('picks the sentence that shares most words with the answer', () => {
    const passage =
      'Our company was founded in 1998 in Lisbon by two engineers who wanted better tools. ' +
      'We have offices in five countries and more than two hundred employees across them all. ' +
      'Standard delivery takes three business days within Portugal and costs nothing on orders over fifty euros. ' +
      'Express delivery is available in Lisbon and Porto only.';
    const quote = quoteFor(passage, 'Standard delivery takes three business days [1].');
    expect(quote.startsWith('Standard delivery takes three business days')).toBe(true);
    expect(quote.length).toBeLessThanOrEqual(QUOTE_MAX_CHARS);
    expect(passage).toContain(quote);
  });

  it('starts at the opening without an answer and ends at a sentence boundary', () => {
    const passage = 'First sentence here. '.repeat(20);
    const quote = quoteFor(passage);
    expect(quote.startsWith('First sentence here.')).toBe(true);
    expect(quote.endsWith('.')).toBe(true);
    expect(quote.length).toBeLessThanOrEqual(QUOTE_MAX_CHARS);
  });

  it('cuts a single overlong sentence between words', () => {
    const quote = quoteFor('word '.repeat(100).trim() + '.');
    expect(quote.endsWith('word…')).toBe(true);
    expect(quote.length).toBeLessThanOrEqual(QUOTE_MAX_CHARS);
  });

  it('works on Hebrew sentences', () => {
    const passage = 'החברה נוסדה בשנת 1998. '.repeat(6) + 'המשלוח לוקח שלושה ימי עסקים. ' + 'יש לנו משרדים בחמש מדינות. '.repeat(6);
    expect(quoteFor(passage, 'המשלוח לוקח שלושה ימי עסקים [1].').startsWith('המשלוח לוקח שלושה ימי עסקים.')).toBe(true);
  });
});
