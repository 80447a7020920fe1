import { describe, expect, it } from 'vitest';
import { fullTextConfigFor, normalizeForSearch } from './search-normalizer.js';

describe('normalizeForSearch', () => {
  it('drops Hebrew niqqud and cantillation, keeping the letters', () => {
    expect(normalizeForSearch('שָׁלוֹם עֲלֵיכֶם')).toBe('שלום עליכם');
    expect(normalizeForSearch('בְּרֵאשִׁ֖ית בָּרָ֣א')).toBe('בראשית ברא');
    expect(normalizeForSearch('בית־ספר')).toBe('בית-ספר');
  });

  it('unifies Arabic and Persian letter forms so either spelling finds the other', () => {
    const persian = normalizeForSearch('کتاب یک'); // Persian kaf and yeh
    const arabic = normalizeForSearch('كتاب يك'); // Arabic kaf and yeh
    expect(persian).toBe(arabic);
    expect(normalizeForSearch('مدرسة')).toBe(normalizeForSearch('مدرسه'));
    expect(normalizeForSearch('أحمد إلى آخر')).toBe('احمد الي اخر');
  });

  it('removes harakat and tatweel', () => {
    expect(normalizeForSearch('مُحَمَّد')).toBe('محمد');
    expect(normalizeForSearch('كـــتـــاب')).toBe('كتاب');
  });

  it('reads ZWNJ as a word break so a Persian plural meets its stem', () => {
    expect(normalizeForSearch('کتاب‌ها')).toBe(`${normalizeForSearch('کتاب')} ها`);
    expect(normalizeForSearch('می‌خواهم').split(' ')).toHaveLength(2);
  });

  it('maps Persian and Arabic-Indic digits to ASCII', () => {
    expect(normalizeForSearch('۱۴۰۳ و ٢٠٢٤')).toBe('1403 و 2024');
    expect(normalizeForSearch('۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩')).toBe('01234567890123456789');
  });

  it('reads Russian ё as е and folds case', () => {
    expect(normalizeForSearch('Ёлка и ёж')).toBe('елка и еж');
  });

  it('applies NFKC: lam-alef presentation forms and full-width letters become plain letters', () => {
    expect(normalizeForSearch('\uFEFBسلام')).toBe('لاسلام');
    expect(normalizeForSearch('ＰＡＲＬＥＹ ﬁle')).toBe('parley file');
  });

  it('removes invisible bidi controls and collapses spaces', () => {
    expect(normalizeForSearch('\u202Bשלום\u202C  \u200Fworld\u200E\t\n')).toBe('שלום world');
    expect(normalizeForSearch('\uFEFFhello\u200Bthere')).toBe('hellothere');
    expect(normalizeForSearch('a\u200Db\u00ADc')).toBe('abc');
  });

  it('leaves Portuguese accents alone (the stemmer handles them)', () => {
    expect(normalizeForSearch('Atenção ao Cliente')).toBe('atenção ao cliente');
  });
});

describe('fullTextConfigFor', () => {
  it('stems where PostgreSQL has a stemmer and uses simple for Hebrew, Persian and Arabic', () => {
    expect(fullTextConfigFor('en')).toBe('english');
    expect(fullTextConfigFor('pt')).toBe('portuguese');
    expect(fullTextConfigFor('ru')).toBe('russian');
    expect(fullTextConfigFor('he')).toBe('simple');
    expect(fullTextConfigFor('fa')).toBe('simple');
    expect(fullTextConfigFor('ar')).toBe('simple');
  });
});
