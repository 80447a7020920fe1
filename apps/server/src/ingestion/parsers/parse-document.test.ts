// The whole path from bytes: typed by content, parsed, checked. The parsers' own tests go into detail;
// these check the dispatch and the guarantees: a readable DocumentParseError for every bad file,
// some text for every good one, and nothing PostgreSQL would refuse.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectOriginalWords, fixture, sourceTexts } from '../../../test/fixtures/documents/fixture-words.js';
import { writeZip } from '../../../test/fixtures/zip-writer.js';
import { DocumentParseError, type ParsedDocument } from '../document-model.js';
import { parseDocument, storableText } from './parse-document.js';

const textOf = (doc: ParsedDocument) => doc.blocks.map((b) => b.text).join('\n');

async function failureOf(bytes: Uint8Array, filename?: string): Promise<{ code: string; reason: string }> {
  const err = await parseDocument(bytes, filename ? { filename } : undefined).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DocumentParseError);
  const { code, reason } = err as DocumentParseError;
  return { code, reason };
}

describe('parseDocument: every kind', () => {
  it.each([
    ['rtl-hebrew.pdf', 'pdf', 'rtl-hebrew.html'],
    ['rtl-persian.pdf', 'pdf', 'rtl-persian.html'],
    ['rtl-arabic.pdf', 'pdf', 'rtl-arabic.html'],
    ['rtl-hebrew.docx', 'docx', 'rtl-hebrew.html'],
    ['rtl-persian.docx', 'docx', 'rtl-persian.html'],
    ['rtl-arabic.docx', 'docx', 'rtl-arabic.html'],
    ['russian.pdf', 'pdf', 'russian.html'],
    ['russian.docx', 'docx', 'russian.html'],
    ['portuguese.pdf', 'pdf', 'portuguese.html'],
  ])('%s gives back the words of its source', async (name, kind, source) => {
    const doc = await parseDocument(fixture(name), { filename: name });
    expect(doc.kind).toBe(kind);
    expectOriginalWords(textOf(doc), sourceTexts(source));
  });

  it('reads the HTML sources themselves as web pages', async () => {
    const doc = await parseDocument(fixture('sources/portuguese.html'), { filename: 'page.html', mimeType: 'text/html' });
    expect(doc.kind).toBe('html');
    expect(doc.title).toBe('Relatório de operações');
    expectOriginalWords(textOf(doc), sourceTexts('portuguese.html'));
  });

  it('HTML: the main content without navigation and footer', async () => {
    const html = Buffer.from(
      '<html><head><title>Help</title></head><body><nav>Home | Shop</nav><main><h1>Returns</h1>' +
        '<p>Returns are free within 30 days of delivery, with the receipt and the original box.</p></main>' +
        '<footer>© Shop</footer></body></html>',
    );
    const doc = await parseDocument(html, { filename: 'page.txt' });
    expect(doc).toEqual({
      kind: 'html',
      title: 'Help',
      blocks: [
        { kind: 'heading', level: 1, text: 'Returns' },
        { kind: 'paragraph', text: 'Returns are free within 30 days of delivery, with the receipt and the original box.' },
      ],
    });
  });

  it('Markdown, CSV and plain text', async () => {
    const md = await parseDocument(Buffer.from('# Guide\n\nRun the **installer** and follow [the steps](https://x.example).\n'), {
      filename: 'guide.bin',
    });
    expect(md).toEqual({
      kind: 'markdown',
      title: 'Guide',
      blocks: [
        { kind: 'heading', level: 1, text: 'Guide' },
        { kind: 'paragraph', text: 'Run the installer and follow the steps.' },
      ],
    });
    const csv = await parseDocument(Buffer.from('product;price\nkettle;39\n'), { filename: 'prices.csv' });
    expect(csv).toEqual({ kind: 'csv', blocks: [{ kind: 'row', text: 'product: kettle; price: 39' }] });
    // Text named .docx is still text.
    const txt = await parseDocument(Buffer.from('Hello, this is a note.'), { filename: 'fake.docx' });
    expect(txt).toEqual({ kind: 'txt', blocks: [{ kind: 'paragraph', text: 'Hello, this is a note.' }] });
  });

  it('removes NUL characters and unpaired surrogates, which PostgreSQL refuses', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Before\u0000after.', 'utf16le')]);
    expect(textOf(await parseDocument(utf16))).toBe('Beforeafter.');
    // Lone surrogates come from PDFs with broken Unicode maps; a pair is a character and stays.
    expect(storableText('a\uD800b\uDC00c 😀 d\u0000e\u0007f\tg\nh')).toBe('abc 😀 def\tg\nh');
  });
});

describe('parseDocument: bad files', () => {
  it.each([
    ['an empty file', Buffer.alloc(0), undefined, 'empty_file', 'The file is empty'],
    ['a file of spaces', Buffer.from('   \n\n  '), 'notes.txt', 'empty_file', 'The file is empty'],
    [
      'random bytes named .pdf',
      randomBytes(4096),
      'report.pdf',
      'unsupported_type',
      'The file is not a supported document type: it looks like binary data',
    ],
    [
      'random bytes named .docx',
      randomBytes(4096),
      'report.docx',
      'unsupported_type',
      'The file is not a supported document type: it looks like binary data',
    ],
    [
      'a ZIP signature and junk named .docx',
      Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(300)]),
      'x.docx',
      'docx_damaged',
      'The Word document is damaged or is not a .docx file',
    ],
    [
      'a ZIP without a Word document',
      writeZip([{ name: 'hello.txt', data: Buffer.from('hi') }]),
      'x.docx',
      'zip_not_docx',
      'This ZIP file is not a Word document',
    ],
    ['a password-protected PDF', fixture('password.pdf'), 'secret.pdf', 'pdf_password', 'The PDF is password-protected'],
    [
      'a scanned PDF',
      fixture('scanned.pdf'),
      'scan.pdf',
      'pdf_no_text',
      'The PDF has no text layer (scanned images need OCR, which is not enabled)',
    ],
    ['a truncated PDF', fixture('portuguese.pdf').subarray(0, 4000), 'cut.pdf', 'pdf_damaged', 'The PDF is damaged or incomplete'],
    [
      'an old Office file',
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(500)]),
      'old.doc',
      'old_office_format',
      'This is an old-format Office file (.doc, .xls, .ppt) or a password-protected one: save it as .docx or PDF and upload it again',
    ],
    [
      'an image',
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(500)]),
      'photo.pdf',
      'image_file',
      'The file is an image: reading text from images needs OCR, which is not enabled',
    ],
    [
      'an RTF file',
      Buffer.from('{\\rtf1\\ansi Hello}'),
      'letter.rtf',
      'rtf_unsupported',
      'RTF files are not supported: save the document as .docx or PDF and upload it again',
    ],
    [
      'a CSV with an unclosed quote',
      Buffer.from('name,notes\nkettle,"never closed\ntoaster,fine\n'),
      'x.csv',
      'csv_malformed',
      /^The CSV file is malformed: /,
    ],
    [
      'a page with nothing but navigation',
      Buffer.from('<html><body><nav><a href="/">Home</a></nav><script>go()</script></body></html>'),
      'x.html',
      'no_text',
      'No text could be extracted from the file',
    ],
  ])('%s', async (_name, bytes, filename, code, reason) => {
    const failure = await failureOf(bytes, filename);
    if (typeof reason === 'string') expect(failure.reason).toBe(reason);
    else expect(failure.reason).toMatch(reason);
    expect(failure.code).toBe(code);
  });

  it('a zip bomb named .docx', async () => {
    const bomb = writeZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.alloc(120 * 1024 * 1024, 0x41) },
    ]);
    const failure = await failureOf(bomb, 'bomb.docx');
    expect(failure.reason).toMatch(/it looks like a zip bomb$/);
    expect(failure.code).toBe('zip_bomb');
  });
});

describe('parseDocument: unexpected errors', () => {
  afterEach(() => {
    vi.doUnmock('./txt-parser.js');
    vi.resetModules();
  });

  it('become DocumentParseErrors with a short reason', async () => {
    vi.resetModules();
    vi.doMock('./txt-parser.js', () => ({
      parseTxt: () => {
        throw new TypeError('Cannot read properties of undefined\n    at parseTxt (txt-parser.ts:1:1)');
      },
    }));
    const { parseDocument: parse } = await import('./parse-document.js');
    const err = await parse(Buffer.from('plain text')).catch((e: unknown) => e);
    // A fresh module graph: DocumentParseError is another class object here, so compare by name.
    expect(err).toMatchObject({
      name: 'DocumentParseError',
      code: 'internal_error',
      reason: 'The file could not be read: Cannot read properties of undefined',
    });
    expect((err as DocumentParseError).cause).toBeInstanceOf(TypeError);
  });
});
