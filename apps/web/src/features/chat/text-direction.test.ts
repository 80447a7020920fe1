// An answer's direction comes from its first strong letter, in any script, never from identifiers (code,
// URLs, e-mail addresses, file names, [n] markers) or from digits and punctuation.
import { describe, expect, it } from 'vitest';
import { textDirection, withoutIdentifiers } from './text-direction';

describe('textDirection', () => {
  it('reads right-to-left scripts as rtl', () => {
    expect(textDirection('מחיר iPhone 15 הוא 3,999 ₪')).toBe('rtl');
    expect(textDirection('قیمت iPhone 15 برابر ۳٬۹۹۹ تومان است')).toBe('rtl');
    expect(textDirection('لا يوجد نموذج لغوي متصل')).toBe('rtl');
  });

  it('reads Latin, Cyrillic and other left-to-right scripts as ltr', () => {
    expect(textDirection('The price of the iPhone is ₪3,999. מחיר')).toBe('ltr');
    expect(textDirection('Языковая модель не подключена')).toBe('ltr');
    expect(textDirection('東京の支店')).toBe('ltr');
  });

  it('goes by the first strong letter, skipping digits, punctuation and markdown syntax', () => {
    expect(textDirection('2024: נפתחו 15 סניפים')).toBe('rtl');
    expect(textDirection('### 1. **«שלום»** — עולם')).toBe('rtl');
    expect(textDirection('> ۱۲۳ - (iPhone)')).toBe('ltr');
    expect(textDirection('- [ ] 42% done')).toBe('ltr');
    expect(textDirection('| # | שם |\n|---|---|')).toBe('rtl');
  });

  it('skips citation markers, URLs, e-mail addresses and file names', () => {
    expect(textDirection("— [1] rtl-hebrew.docx, עמ' 3")).toBe('rtl');
    expect(textDirection('[2] https://example.com/docs?q=1 בדף הזה')).toBe('rtl');
    expect(textDirection('www.acme.com — האתר')).toBe('rtl');
    expect(textDirection('sales@acme.com היא הכתובת')).toBe('rtl');
    expect(textDirection('README.md توضیح می‌دهد')).toBe('rtl');
    expect(textDirection('<https://example.com> صفحة')).toBe('rtl');
    expect(textDirection('[the guide](https://אתר.example/מדריך) explains it')).toBe('ltr');
    expect(textDirection('[המדריך](https://example.com/guide) מסביר')).toBe('rtl');
  });

  it('skips code, inline or fenced, closed or still streaming', () => {
    expect(textDirection('`npm install` מתקין את החבילות')).toBe('rtl');
    expect(textDirection('```bash\nnpm run build\n```\nהפקודה בונה את האתר')).toBe('rtl');
    expect(textDirection('~~~\nconst x = 1;\n~~~\n\nThe constant')).toBe('ltr');
    expect(textDirection('```python\nprint("hi")')).toBeNull();
    expect(textDirection('&nbsp;שלום')).toBe('rtl');
  });

  it('keeps ordinary abbreviations as words', () => {
    expect(textDirection('e.g. שלום')).toBe('ltr');
    expect(textDirection('U.S. דולר')).toBe('ltr');
  });

  it('honours explicit direction marks', () => {
    expect(textDirection('\u200f123 abc')).toBe('rtl');
    expect(textDirection('\u200e123 שלום')).toBe('ltr');
  });

  it('has no direction without a strong letter', () => {
    expect(textDirection('')).toBeNull();
    expect(textDirection('3,999 ₪ — 15%')).toBeNull();
    expect(textDirection('— [1] pages.pdf')).toBeNull();
    expect(textDirection('`x = 1`')).toBeNull();
  });
});

describe('withoutIdentifiers', () => {
  it('keeps the words around the identifiers', () => {
    expect(withoutIdentifiers('see [docs](https://x.io) or mail a@b.co [3]').replace(/\s+/g, ' ').trim()).toBe('see [docs] or mail');
  });
});
