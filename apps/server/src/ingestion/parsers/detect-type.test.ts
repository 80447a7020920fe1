import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures/documents/fixture-words.js';
import { writeZip } from '../../../test/fixtures/zip-writer.js';
import { DocumentParseError } from '../document-model.js';
import { detectSourceKind, sniffDocument } from './detect-type.js';

const utf8 = (s: string) => Buffer.from(s, 'utf8');

function reason(bytes: Uint8Array, filename?: string): string {
  try {
    detectSourceKind(bytes, filename ? { filename } : undefined);
  } catch (err) {
    expect(err).toBeInstanceOf(DocumentParseError);
    return (err as DocumentParseError).reason;
  }
  throw new Error('expected a DocumentParseError');
}

describe('detectSourceKind: binary formats by their bytes, whatever the name', () => {
  it('PDF, also named .txt or with bytes before the header', () => {
    expect(detectSourceKind(fixture('russian.pdf'), { filename: 'notes.txt' })).toBe('pdf');
    expect(detectSourceKind(Buffer.concat([Buffer.alloc(100, 0x20), fixture('russian.pdf')]))).toBe('pdf');
  });

  it('DOCX, also named .pdf', () => {
    expect(detectSourceKind(fixture('russian.docx'), { filename: 'report.pdf' })).toBe('docx');
    expect(sniffDocument(fixture('russian.docx')).zipEntries?.some((e) => e.name === 'word/document.xml')).toBe(true);
  });

  it('refuses other ZIP files and damaged ones', () => {
    expect(reason(writeZip([{ name: 'xl/workbook.xml', data: utf8('<workbook/>') }]), 'book.docx')).toBe(
      'This ZIP file is not a Word document',
    );
    expect(reason(Buffer.concat([utf8('PK\x03\x04'), randomBytes(200)]), 'x.docx')).toBe(
      'The Word document is damaged or is not a .docx file',
    );
  });

  it('refuses empty files', () => {
    expect(reason(Buffer.alloc(0))).toBe('The file is empty');
    expect(reason(utf8(' \n\t\r\n '))).toBe('The file is empty');
    expect(reason(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('   \n', 'utf16le')]))).toBe('The file is empty');
  });

  it('refuses binary data, whatever its name', () => {
    expect(reason(randomBytes(4096), 'report.pdf')).toBe('The file is not a supported document type: it looks like binary data');
    expect(reason(randomBytes(4096), 'report.docx')).toBe('The file is not a supported document type: it looks like binary data');
  });

  it('names formats it recognises but does not read', () => {
    expect(reason(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toMatch(/old-format Office file/);
    expect(reason(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toMatch(/is an image/);
    expect(reason(utf8('{\\rtf1\\ansi Hello}'))).toMatch(/RTF files are not supported/);
  });
});

describe('detectSourceKind: text formats by their structure', () => {
  it.each([
    ['a full HTML page', '<!DOCTYPE html><html><head><title>x</title></head><body><p>Hi</p></body></html>', undefined, 'html'],
    ['an HTML page after a comment', '<!-- saved page -->\n<html lang="en"><body>Hi</body></html>', undefined, 'html'],
    [
      'an HTML fragment named .txt',
      '<div class="post"><h2>News</h2><p>We moved.</p><p>See <a href="/map">the map</a>.</p></div>',
      'news.txt',
      'html',
    ],
    ['Markdown with headings, lists and links', '# Guide\n\nRead [the docs](https://x.example).\n\n- one\n- two\n', undefined, 'markdown'],
    [
      'Markdown that embeds some HTML',
      '# Title\n\n<div align="center">Logo</div>\n\n## Install\n\nRun `npm i` and see [docs](d).\n',
      undefined,
      'markdown',
    ],
    ['plain text named .md', 'Just a few sentences.\nNothing marked up here.', 'notes.md', 'markdown'],
    ['comma-separated values', 'name,price,stock\nkettle,39,12\ntoaster,25,0\n', undefined, 'csv'],
    ['semicolon-separated values', 'nome;preço\nchaleira;39,90\ntorradeira;25,00\n', undefined, 'csv'],
    ['tab-separated values', 'a\tb\tc\n1\t2\t3\n4\t5\t6\n', undefined, 'csv'],
    ['one column named .csv', 'names\nAlice\nBob\n', 'people.csv', 'csv'],
    [
      'prose with commas',
      'Dear Anna, thank you for your letter, which came on Monday.\nWe will, of course, reply soon, as promised.\nBest, John\n',
      undefined,
      'txt',
    ],
    ['plain text', 'Opening hours\n\nWe open at nine and close at seven.\n', undefined, 'txt'],
    ['plain text with a list', 'Bring:\n- the receipt\n- the box\n', 'list.txt', 'txt'],
  ])('%s', (_name, text, filename, kind) => {
    expect(detectSourceKind(utf8(text), filename ? { filename } : undefined)).toBe(kind);
  });

  it('decodes legacy code pages on the way', () => {
    const hebrew = 'שלום עולם, החנות פתוחה היום עד השעה שבע בערב.';
    const table = new Map<string, number>();
    const decoder = new TextDecoder('windows-1255');
    for (let b = 0x20; b < 256; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
    const sniffed = sniffDocument(Uint8Array.from([...hebrew].map((c) => table.get(c)!)));
    expect(sniffed).toEqual({ kind: 'txt', text: hebrew, encoding: 'windows-1255' });
  });
});
