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

async function reasonOf(bytes: Uint8Array, filename?: string): Promise<string> {
  const err = await parseDocument(bytes, filename ? { filename } : undefined).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DocumentParseError);
  return (err as DocumentParseError).reason;
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
    ['an empty file', Buffer.alloc(0), undefined, 'The file is empty'],
    ['a file of spaces', Buffer.from('   \n\n  '), 'notes.txt', 'The file is empty'],
    ['random bytes named .pdf', randomBytes(4096), 'report.pdf', 'The file is not a supported document type: it looks like binary data'],
    ['random bytes named .docx', randomBytes(4096), 'report.docx', 'The file is not a supported document type: it looks like binary data'],
    [
      'a ZIP signature and junk named .docx',
      Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(300)]),
      'x.docx',
      'The Word document is damaged or is not a .docx file',
    ],
    [
      'a ZIP without a Word document',
      writeZip([{ name: 'hello.txt', data: Buffer.from('hi') }]),
      'x.docx',
      'This ZIP file is not a Word document',
    ],
    ['a password-protected PDF', fixture('password.pdf'), 'secret.pdf', 'The PDF is password-protected'],
    ['a scanned PDF', fixture('scanned.pdf'), 'scan.pdf', 'The PDF has no text layer (scanned images need OCR, which is not enabled)'],
    ['a truncated PDF', fixture('portuguese.pdf').subarray(0, 4000), 'cut.pdf', 'The PDF is damaged or incomplete'],
    [
      'a page with nothing but navigation',
      Buffer.from('<html><body><nav><a href="/">Home</a></nav><script>go()</script></body></html>'),
      'x.html',
      'No text could be extracted from the file',
    ],
  ])('%s', async (_name, bytes, filename, reason) => {
    expect(await reasonOf(bytes, filename)).toBe(reason);
  });

  it('a zip bomb named .docx', async () => {
    const bomb = writeZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.alloc(120 * 1024 * 1024, 0x41) },
    ]);
    expect(await reasonOf(bomb, 'bomb.docx')).toMatch(/it looks like a zip bomb$/);
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
    expect(err).toMatchObject({ name: 'DocumentParseError', reason: 'The file could not be read: Cannot read properties of undefined' });
    expect((err as DocumentParseError).cause).toBeInstanceOf(TypeError);
  });
});
