import { describe, expect, it } from 'vitest';
import { searchWords, snippetOf } from './search-snippet.js';

describe('search snippets', () => {
  it('splits a search into normalised words', () => {
    expect(searchWords('  Ещё, ЗАКАЗ!  ')).toEqual(['еще', 'заказ']);
    expect(searchWords('می‌شود')).toEqual(['مي', 'شود']);
    expect(searchWords("%_'")).toEqual([]);
  });

  it('returns a short message whole, and cuts a long one around the first match at word boundaries', () => {
    expect(snippetOf('Where is   my\norder?', searchWords('order'))).toBe('Where is my order?');
    const long = `${'lorem ipsum '.repeat(20)}the parcel left Porto yesterday ${'dolor sit '.repeat(30)}`;
    const snippet = snippetOf(long, searchWords('porto'));
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain('Porto');
    expect(snippet.length).toBeLessThanOrEqual(170);
    expect(['lorem', 'ipsum']).toContain(snippet.slice(1).split(' ')[0]); // no word cut in half at the start
  });

  it('matches words by their normalised prefix (niqqud, ZWNJ, ё)', () => {
    expect(snippetOf('אני רוצה לבטל את הַזְמָנָה', searchWords('הזמנ'))).toContain('הַזְמָנָה');
    expect(snippetOf('این کار چطور انجام می‌شود؟', searchWords('شود'))).toContain('می‌شود');
    expect(snippetOf('Я жду ещё неделю', searchWords('еще'))).toBe('Я жду ещё неделю');
  });

  it('falls back to the start of the message when no word matches', () => {
    expect(snippetOf('e-mail sent', searchWords('zzz'))).toBe('e-mail sent');
  });
});
