// Parsing every supported kind from bytes, typed by content; right-to-left PDFs and DOCX made by
// LibreOffice (committed fixtures, see scripts/make-document-fixtures.sh) extract to the original
// words; every bad file fails with a reason an owner can read.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { writeZip } from '../../../test/fixtures/zip-writer.js';
import { DocumentParseError } from '../document-model.js';
import { decodeText } from './decode-text.js';
import { parseDocument } from './parse-document.js';
import { repairLamAlef } from './rtl-repair.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/documents/${name}`, import.meta.url));
const words = (s: string) => s.split(/[\s.,،!?؟:]+/).filter(Boolean);
const textOf = (doc: { blocks: readonly { text: string }[] }) => doc.blocks.map((b) => b.text).join('\n');

/** Every paragraph of the fixture's source is found, word for word and in order, in the extraction. */
function expectOriginalWords(extracted: string, source: string) {
  const paragraphs = [...source.matchAll(/<p[^>]*>([^<]+)<\/p>/g)].map((m) => m[1]!.trim()).filter((p) => p !== 'Parley fixture.');
  const got = words(extracted).join(' ');
  for (const p of paragraphs) expect(got).toContain(words(p).join(' '));
}

describe('parseDocument: right-to-left text', () => {
  const source = fixture('rtl.html').toString('utf8');

  it('extracts Hebrew, Persian and Arabic from a LibreOffice PDF in logical order, with digits spaced and lam-alef intact', async () => {
    const doc = await parseDocument(fixture('rtl.pdf'), { filename: 'rtl.pdf' });
    expect(doc.kind).toBe('pdf');
    const text = textOf(doc);
    expectOriginalWords(text, source);
    expect(text).toContain('בשנת 2024 נפתחו 15 סניפים');
    expect(text).toContain('سلام، در سال ۱۴۰۲ تعداد ۱۲ شعبه');
    expect(text).toContain('کلاس');
    expect(text).toContain('الاسلام والسلام');
    expect(doc.blocks.every((b) => b.page !== undefined)).toBe(true);
  });

  it('extracts the same words from a LibreOffice DOCX', async () => {
    const doc = await parseDocument(fixture('rtl.docx'), { filename: 'rtl.docx' });
    expect(doc.kind).toBe('docx');
    expectOriginalWords(textOf(doc), source);
  });

  it('repairs reversed lam-alef without touching the article or words ending in ال', () => {
    expect(repairLamAlef('سالم کالس االسالم')).toBe('سلام کلاس الاسلام');
    expect(repairLamAlef('در سال بالکتاب الكتاب وال')).toBe('در سال بالکتاب الكتاب وال');
    expect(repairLamAlef('ال')).toBe('لا');
    expect(repairLamAlef('حاال باال')).toBe('حالا بالا');
  });
});

describe('parseDocument: kinds', () => {
  it('keeps page numbers and headings of a multi-page PDF', async () => {
    const doc = await parseDocument(fixture('pages.pdf'));
    expect(doc.pages).toBe(3);
    const headings = doc.blocks.filter((b) => b.kind === 'heading');
    expect(headings.map((h) => [h.text, h.page])).toEqual([
      ['Chapter 1', 1],
      ['Chapter 2', 2],
      ['Chapter 3', 3],
    ]);
    const page2 = doc.blocks
      .filter((b) => b.page === 2 && b.kind === 'paragraph')
      .map((b) => b.text)
      .join(' ');
    expect(page2).toContain('This is page 2 of the multi-page sample, sentence 11.');
  });

  it('types by content: HTML named .txt, Markdown named .bin, CSV without a name, PDF named .docx', async () => {
    const html = await parseDocument(
      Buffer.from(
        '<html><head><title>Help</title></head><body><nav>Home | Shop</nav><main><h1>Returns</h1><p>Returns are free within 30 days of delivery, with the receipt and the original box.</p></main><footer>© Shop</footer></body></html>',
      ),
      { filename: 'page.txt' },
    );
    expect(html.kind).toBe('html');
    expect(html.title).toBe('Help');
    expect(textOf(html)).toContain('Returns are free within 30 days');
    expect(textOf(html)).not.toContain('© Shop');
    expect(textOf(html)).not.toContain('Home | Shop');

    const md = await parseDocument(
      Buffer.from(
        '# Guide\n\n## Install\n\nRun the **installer** and follow [the steps](https://x.example).\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n',
      ),
      {
        filename: 'guide.bin',
      },
    );
    expect(md.kind).toBe('markdown');
    expect(md.blocks.map((b) => b.kind)).toEqual(['heading', 'heading', 'paragraph', 'list', 'table']);
    expect(md.blocks[2]!.text).toBe('Run the installer and follow the steps.');
    expect(md.blocks[4]!.text).toBe('a | b\n1 | 2');

    const csv = await parseDocument(Buffer.from('product;price;stock\nkettle;39;12\ntoaster;25;0\n'));
    expect(csv.kind).toBe('csv');
    expect(csv.blocks.map((b) => b.text)).toEqual(['product: kettle; price: 39; stock: 12', 'product: toaster; price: 25; stock: 0']);

    const pdf = await parseDocument(fixture('pages.pdf'), { filename: 'report.docx' });
    expect(pdf.kind).toBe('pdf');
  });

  it('reads plain text with headings and paragraphs', async () => {
    const doc = await parseDocument(
      Buffer.from('OPENING HOURS\n\nWe open at nine and close at seven.\n\nDelivery\n\nParcels leave every morning.'),
    );
    expect(doc.kind).toBe('txt');
    expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['heading', 'OPENING HOURS'],
      ['paragraph', 'We open at nine and close at seven.'],
      ['heading', 'Delivery'],
      ['paragraph', 'Parcels leave every morning.'],
    ]);
  });
});

describe('decodeText', () => {
  // Encodes with a legacy code page by inverting Node's decoder over the upper half of the table.
  function encode(text: string, encoding: string): Buffer {
    const decoder = new TextDecoder(encoding);
    const table = new Map<string, number>();
    for (let b = 0; b < 256; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
    return Buffer.from([...text].map((c) => table.get(c) ?? 0x3f));
  }

  it.each([
    ['windows-1255', 'שלום עולם, החנות פתוחה היום עד השעה שבע בערב.'],
    // Windows-1256 has no Persian yeh: Persian files in it use the Arabic one (ي).
    ['windows-1256', 'سلام دنيا، فروشگاه امروز تا ساعت هفت باز است.'],
    ['windows-1256', 'مرحبا بالعالم، المتجر مفتوح اليوم حتى السابعة.'],
    ['windows-1251', 'Привет, мир! Магазин сегодня открыт до семи вечера.'],
    ['windows-1255', 'Store 12: שלום עולם, החנות פתוחה היום.'],
    ['windows-1252', 'Olá! A loja está aberta até às sete, São Paulo.'],
  ])('detects %s', (encoding, text) => {
    expect(decodeText(encode(text, encoding))).toEqual({ text, encoding });
  });

  it('reads UTF-16 with and without a BOM, and UTF-8 with a BOM', () => {
    const text = 'Olá, שלום, привет';
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))?.text).toBe(text);
    const be = Buffer.from(text, 'utf16le').swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))?.text).toBe(text);
    expect(decodeText(Buffer.from('Hello there, this is plain English text.', 'utf16le'))?.encoding).toBe('utf-16le');
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))?.text).toBe(text);
  });

  it('refuses binary data', () => {
    expect(decodeText(randomBytes(2048))).toBeNull();
  });
});

describe('parseDocument: bad files', () => {
  const reasonOf = async (bytes: Uint8Array, filename?: string) => {
    const err = await parseDocument(bytes, filename ? { filename } : undefined).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DocumentParseError);
    return (err as DocumentParseError).reason;
  };

  it('fails each with a readable reason', async () => {
    expect(await reasonOf(Buffer.alloc(0))).toBe('The file is empty');
    expect(await reasonOf(Buffer.from('  \n\t '))).toBe('The file is empty');
    expect(await reasonOf(randomBytes(4096), 'report.pdf')).toMatch(/binary data/);
    expect(await reasonOf(fixture('pages.pdf').subarray(0, 3000), 'cut.pdf')).toBe('The PDF is damaged or incomplete');
    expect(await reasonOf(fixture('password.pdf'))).toBe('The PDF is password-protected');
    expect(await reasonOf(Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(300)]), 'x.docx')).toMatch(/damaged or is not a .docx/);
    expect(await reasonOf(writeZip([{ name: 'hello.txt', data: Buffer.from('hi') }]), 'x.docx')).toBe(
      'This ZIP file is not a Word document',
    );
    const bomb = writeZip([
      { name: 'word/document.xml', data: Buffer.alloc(120 * 1024 * 1024, 0x41) },
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
    ]);
    expect(await reasonOf(bomb, 'bomb.docx')).toMatch(/zip bomb/);
  });
});
