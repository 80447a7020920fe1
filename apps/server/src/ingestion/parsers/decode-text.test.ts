import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DocumentParseError } from '../document-model.js';
import { decodeText } from './decode-text.js';

// Node 20 decodes windows-1252 as ISO-8859-1: its punctuation in 0x80–0x9F comes from the code page chart.
const WINDOWS_1252_PUNCTUATION = new Map([
  ['€', 0x80],
  ['’', 0x92],
  ['“', 0x93],
  ['”', 0x94],
  ['–', 0x96],
  ['—', 0x97],
]);

/** Encodes text in a single-byte code page by inverting Node's own decoder table. */
function encode(text: string, encoding: string): Uint8Array {
  const decoder = new TextDecoder(encoding);
  const table = new Map<string, number>(encoding === 'windows-1252' ? WINDOWS_1252_PUNCTUATION : []);
  for (let b = 0x20; b < 256; b++) if (!table.has(decoder.decode(Uint8Array.of(b)))) table.set(decoder.decode(Uint8Array.of(b)), b);
  return Uint8Array.from(
    [...text].map((c) => {
      const b = table.get(c);
      if (b === undefined) throw new Error(`${c} is not in ${encoding}`);
      return b;
    }),
  );
}

const samples: [encoding: string, language: string, text: string][] = [
  ['windows-1255', 'Hebrew', 'שלום עולם! החנות פתוחה היום עד השעה שבע בערב, ובשנת 2024 נפתחו 15 סניפים חדשים.'],
  ['windows-1255', 'Hebrew, short', 'שלום, מה שלומך?'],
  // Windows-1256 has no Persian yeh (ی): Persian written in it uses the Arabic one (ي), as here.
  ['windows-1256', 'Persian', 'سلام، در سال 1402 تعداد 12 شعبه باز شد و کلاس درس در ساعت ده برگزار مي‌شود. پنجره‌ها و گلها.'],
  ['windows-1256', 'Arabic', 'السلام عليكم، افتتحنا 12 فرعا في عام 2023 لخدمة العملاء في المدينة.'],
  ['windows-1251', 'Russian', 'Привет, мир! Магазин сегодня открыт до семи вечера. Ёлки продаются в Москве.'],
  ['windows-1251', 'Russian, short', 'Съешь же ещё этих мягких булок.'],
  ['windows-1252', 'Portuguese', 'Olá! A organização abriu a loja às sete, em São Paulo, com atenção à informação.'],
  ['windows-1252', 'French', 'Où est la bibliothèque ? Déjà fermée, hélas — à demain, dit l’employé “poliment” pour 5 €.'],
];

describe('decodeText', () => {
  it.each(samples)('reads %s (%s) exactly', (encoding, _language, text) => {
    expect(decodeText(encode(text, encoding))).toEqual({ text, encoding });
  });

  it('prefers strict UTF-8 and drops byte order marks', () => {
    const text = 'Olá, שלום, سلام, привет';
    expect(decodeText(new TextEncoder().encode(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]))).toEqual({ text, encoding: 'utf-8' });
  });

  it('reads UTF-16 with a byte order mark in both byte orders', () => {
    const text = 'Olá, שלום, привет';
    const le = Buffer.from(text, 'utf16le');
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toEqual({ text, encoding: 'utf-16le' });
    const be = Buffer.from(le).swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual({ text, encoding: 'utf-16be' });
  });

  it('recognises UTF-16 without a byte order mark, Latin and Hebrew', () => {
    const english = 'Hello there, this is plain English text saved as UTF-16.';
    expect(decodeText(Buffer.from(english, 'utf16le'))).toEqual({ text: english, encoding: 'utf-16le' });
    expect(decodeText(Buffer.from(english, 'utf16le').swap16())).toEqual({ text: english, encoding: 'utf-16be' });
    const hebrew = 'שלום עולם, החנות פתוחה היום עד השעה שבע בערב';
    expect(decodeText(Buffer.from(hebrew, 'utf16le'))).toEqual({ text: hebrew, encoding: 'utf-16le' });
  });

  it.each([
    ['random bytes', randomBytes(4096)],
    ['compressed data', deflateRawSync(Buffer.from('some text '.repeat(500)))],
    ['control characters', Buffer.from('\x01\x02\x03\x04 hello \x05\x06\x07\x08 world \x0e\x0f\x10'.repeat(20))],
  ])('refuses %s as binary', (_name, bytes) => {
    expect(() => decodeText(bytes)).toThrow(DocumentParseError);
    expect(() => decodeText(bytes)).toThrow(/looks like binary data/);
  });
});
