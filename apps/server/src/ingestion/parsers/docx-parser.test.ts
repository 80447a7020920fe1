// DOCX files made by LibreOffice from the HTML sources in test/fixtures/documents/sources, with
// right-to-left paragraphs (w:bidi), headings, a list and a table.
import { describe, expect, it } from 'vitest';
import { expectOriginalWords, fixture, sourceTexts } from '../../../test/fixtures/documents/fixture-words.js';
import { writeZip } from '../../../test/fixtures/zip-writer.js';
import { DocumentParseError, type ParsedDocument } from '../document-model.js';
import { parseDocx } from './docx-parser.js';
import { readZipDirectory, readZipEntry } from './zip-guard.js';

const textOf = (doc: ParsedDocument) => doc.blocks.map((b) => b.text).join('\n');

/** The fixture's entries, changed by `edit` (return null to drop one), plus `extra`, packed again. */
function repack(name: string, edit: (entry: string, data: Buffer) => Buffer | null, extra: { name: string; data: Buffer }[] = []): Buffer {
  const bytes = fixture(name);
  const entries = readZipDirectory(bytes).flatMap((e) => {
    const data = edit(e.name, Buffer.from(readZipEntry(bytes, e)));
    return data ? [{ name: e.name, data }] : [];
  });
  return writeZip([...entries, ...extra]);
}

async function failure(bytes: Uint8Array): Promise<string> {
  const err = await parseDocx(bytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DocumentParseError);
  return (err as DocumentParseError).reason;
}

describe('parseDocx', () => {
  it.each([
    ['rtl-hebrew', 'דוח שנתי 2024'],
    ['rtl-persian', 'گزارش سالانه'],
    ['rtl-arabic', 'التقرير السنوي'],
    ['rtl', 'RTL sample'],
  ])('%s.docx: the original words in order, title from the core properties', async (name, title) => {
    const doc = await parseDocx(fixture(`${name}.docx`));
    expect(doc.kind).toBe('docx');
    expect(doc.title).toBe(title);
    expectOriginalWords(textOf(doc), sourceTexts(`${name}.html`));
  });

  it('keeps the lam-alef words and non-joiners of Persian as typed', async () => {
    const text = textOf(await parseDocx(fixture('rtl-persian.docx')));
    expect(text).toContain('سلام، در سال ۱۴۰۲ تعداد ۱۲ شعبه باز شد.');
    expect(text).toContain('کلاس درس الاسلام و تاریخ در ساعت 10 برگزار می‌شود.');
  });

  it('reads headings with their levels, lists and tables', async () => {
    const doc = await parseDocx(fixture('russian.docx'));
    expect(doc.blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Годовой отчёт компании' },
      { kind: 'paragraph', text: 'В 2024 году компания открыла 15 новых филиалов в Москве и Санкт-Петербурге.' },
      { kind: 'heading', level: 2, text: 'Основные показатели' },
      { kind: 'list', text: '- Выручка выросла на 12 процентов.\n- Число сотрудников достигло 320 человек.\n- Ёлки на складе: 40 штук.' },
      { kind: 'table', text: 'Город | Филиалы\nМосква | 9\nКазань | 6' },
      { kind: 'paragraph', text: 'Подробности приведены в приложении к отчёту.' },
    ]);
  });

  it('takes the first heading as the title when the core properties have none', async () => {
    const doc = await parseDocx(repack('russian.docx', (name, data) => (name === 'docProps/core.xml' ? null : data)));
    expect(doc.title).toBe('Годовой отчёт компании');
  });

  it('refuses a file that only starts like a ZIP', async () => {
    expect(await failure(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(500, 0x41)]))).toBe(
      'The Word document is damaged or is not a .docx file',
    );
  });

  it('refuses a truncated DOCX', async () => {
    const docx = fixture('russian.docx');
    expect(await failure(docx.subarray(0, docx.length - 100))).toBe('The Word document is damaged or is not a .docx file');
  });

  it('refuses a DOCX whose document part is not XML', async () => {
    const broken = repack('russian.docx', (name, data) => (name === 'word/document.xml' ? Buffer.from('not xml at all <<<') : data));
    expect(await failure(broken)).toBe('The Word document is damaged or is not a .docx file');
  });

  it('refuses a ZIP that is not a Word document', async () => {
    expect(await failure(writeZip([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }]))).toBe(
      'This ZIP file is not a Word document',
    );
  });

  it('refuses a zip bomb before unpacking it', async () => {
    // 150 MB of zeros packs into about 150 KB.
    const bomb = repack('russian.docx', (_, data) => data, [{ name: 'word/media/filler.bin', data: Buffer.alloc(150 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await failure(bomb)).toMatch(
      /^word\/media\/filler\.bin unpacks to 150 MB, \d+ times its packed size; it looks like a zip bomb$/,
    );
  });
});
