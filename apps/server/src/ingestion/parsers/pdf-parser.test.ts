// PDFs made by LibreOffice from the HTML sources in test/fixtures/documents/sources (see
// scripts/make-document-fixtures.sh). LibreOffice shapes Arabic script with the lam-alef ligature and
// draws right-to-left runs the way real-world PDFs do, which is what these tests are about.
import { describe, expect, it } from 'vitest';
import { expectOriginalWords, fixture, sourceTexts, words } from '../../../test/fixtures/documents/fixture-words.js';
import { DocumentParseError, type ParsedDocument } from '../document-model.js';
import { parsePdf } from './pdf-parser.js';

const textOf = (doc: ParsedDocument) => doc.blocks.map((b) => b.text).join('\n');

async function failure(bytes: Uint8Array): Promise<string> {
  const err = await parsePdf(bytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DocumentParseError);
  return (err as DocumentParseError).reason;
}

describe('parsePdf: right-to-left text in logical order', () => {
  it('Hebrew: the original words, spaces around numbers, headings and the metadata title', async () => {
    const doc = await parsePdf(fixture('rtl-hebrew.pdf'));
    const text = textOf(doc);
    expectOriginalWords(text, sourceTexts('rtl-hebrew.html'));
    expect(text).toContain('בשנת 2024 נפתחו 15 סניפים חדשים');
    expect(text).toContain('ב-London Office.');
    expect(text).toContain('נקרא Московский филиал ונפתח בשנת 2019 עם 40 עובדים.');
    expect(text).toContain('(לעומת 3 אחוזים בשנה שעברה)');
    expect(doc.title).toBe('דוח שנתי 2024');
    expect(doc.blocks.filter((b) => b.kind === 'heading').map((b) => [b.level, b.text])).toEqual([
      [1, 'דוח שנתי'],
      [2, 'סיכום'],
    ]);
    expect(doc.pages).toBe(1);
    expect(doc.blocks.every((b) => b.page === 1)).toBe(true);
  });

  it('Persian: lam-alef words as typed, Persian digits, and the zero-width non-joiners kept', async () => {
    const doc = await parsePdf(fixture('rtl-persian.pdf'));
    const text = textOf(doc);
    expectOriginalWords(text, sourceTexts('rtl-persian.html'));
    expect(text).toContain('سلام، در سال ۱۴۰۲ تعداد ۱۲ شعبه باز شد.');
    const all = words(text);
    for (const word of ['سلام', 'کلاس', 'الاسلام', 'سالانه', 'بالا', 'لازم', 'سال']) expect(all).toContain(word);
    // pdf.js's reversed ligature, which must not survive.
    for (const broken of ['سالم', 'کالس', 'االسالم', 'ساالنه', 'باال', 'الزم']) expect(all).not.toContain(broken);
    for (const joined of ['می‌شود', 'نرم‌افزار', 'کتاب‌ها']) expect(all).toContain(joined);
    expect(text).toContain('نسخه 2.5 نرم‌افزار Parley در طبقه بالا');
    expect(doc.title).toBe('گزارش سالانه');
  });

  it('Arabic: the article kept, lam-alef repaired, Arabic-Indic digits in place', async () => {
    const doc = await parsePdf(fixture('rtl-arabic.pdf'));
    const text = textOf(doc);
    expectOriginalWords(text, sourceTexts('rtl-arabic.html'));
    expect(text).toContain('السلام عليكم، افتتحنا 12 فرعا في عام 2023.');
    expect(text).toContain('لا شك أن الإسلام والسلام كلمتان مهمتان في هذه البلاد، ولا كلام بعد ذلك.');
    expect(text).toContain('بلغ عدد الموظفين ٤٥٠ موظفا في 3 دول');
  });

  it('a page mixing Hebrew, Persian, Arabic, English, Russian and Portuguese paragraphs', async () => {
    const doc = await parsePdf(fixture('rtl.pdf'));
    expectOriginalWords(textOf(doc), sourceTexts('rtl.html'));
  });
});

describe('parsePdf: structure', () => {
  it('numbers the pages of a three-page document and finds its headings', async () => {
    const doc = await parsePdf(fixture('portuguese.pdf'));
    expect(doc.pages).toBe(3);
    expect(doc.title).toBe('Relatório de operações');
    expectOriginalWords(textOf(doc), sourceTexts('portuguese.html'));
    expect(doc.blocks.filter((b) => b.kind === 'heading').map((b) => [b.level, b.text, b.page])).toEqual([
      [1, 'Relatório de operações', 1],
      [2, 'Segunda página: ações', 2],
      [2, 'Terceira página: conclusão', 3],
    ]);
    const page2 = doc.blocks.filter((b) => b.page === 2 && b.kind === 'paragraph');
    expect(page2.map((b) => b.text)).toEqual(['As ações de formação começaram em março e reuniram 48 participantes em Belo Horizonte.']);
  });

  it('joins wrapped lines into paragraphs and reads bullet lists and tables', async () => {
    const doc = await parsePdf(fixture('russian.pdf'));
    expectOriginalWords(textOf(doc), sourceTexts('russian.html'));
    expect(doc.blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'heading', 'list', 'table', 'paragraph']);
    expect(doc.blocks[1]!.text).toBe('В 2024 году компания открыла 15 новых филиалов в Москве и Санкт-Петербурге.');
    expect(doc.blocks[3]!.text).toBe(
      '- Выручка выросла на 12 процентов.\n- Число сотрудников достигло 320 человек.\n- Ёлки на складе: 40 штук.',
    );
    expect(doc.blocks[4]!.text).toBe('Город | Филиалы\nМосква | 9\nКазань | 6');
  });

  it('keeps long paragraphs whole across wrapped lines', async () => {
    const doc = await parsePdf(fixture('pages.pdf'));
    expect(doc.pages).toBe(3);
    const chapter2 = doc.blocks.filter((b) => b.page === 2 && b.kind === 'paragraph');
    expect(chapter2).toHaveLength(1);
    expect(chapter2[0]!.text).toMatch(/^This is page 2 of the multi-page sample, sentence 1\. .* sentence 11\.$/);
  });

  it('tells the fraction of pages read after each page', async () => {
    const seen: number[] = [];
    await parsePdf(fixture('pages.pdf'), (fraction) => seen.push(fraction));
    expect(seen).toEqual([1 / 3, 2 / 3, 1]);
  });
});

describe('parsePdf: files it cannot read', () => {
  it('a truncated PDF', async () => {
    const pdf = fixture('portuguese.pdf');
    expect(await failure(pdf.subarray(0, pdf.length >> 1))).toBe('The PDF is damaged or incomplete');
    expect(await failure(pdf.subarray(0, pdf.length - 200))).toBe('The PDF is damaged or incomplete');
  });

  it('a PDF whose body is garbage', async () => {
    const junk = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5000, 'x'), Buffer.from('\n%%EOF\n')]);
    expect(await failure(junk)).toBe('The PDF is damaged or incomplete');
  });

  it('a password-protected PDF', async () => {
    expect(await failure(fixture('password.pdf'))).toBe('The PDF is password-protected');
  });

  it('a scanned PDF (an image, no text layer)', async () => {
    expect(await failure(fixture('scanned.pdf'))).toBe('The PDF has no text layer (scanned images need OCR, which is not enabled)');
  });
});
