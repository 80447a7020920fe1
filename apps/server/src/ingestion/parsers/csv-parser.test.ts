import { describe, expect, it } from 'vitest';
import { DocumentParseError } from '../document-model.js';
import { detectDelimiter, MAX_CSV_ROWS, parseCsv } from './csv-parser.js';

const rows = (text: string) => parseCsv(text).blocks.map((b) => b.text);

describe('detectDelimiter', () => {
  it.each([
    ['comma', 'name,price,stock\nkettle,39,12\ntoaster,25,0\n', ','],
    ['semicolon', 'nome;preço;estoque\nchaleira;39,90;12\ntorradeira;25,00;0\n', ';'],
    ['tab', 'name\tprice\nkettle\t39\ntoaster\t25\n', '\t'],
    ['comma, ignoring commas inside quotes', 'name,notes\n"Smith, John","likes tea, coffee"\n"Doe, Jane",none\n', ','],
    ['Excel sep= line', 'sep=;\na;b\n1;2\n', ';'],
  ])('%s', (_name, text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });

  it('finds none in prose or a single column', () => {
    expect(detectDelimiter('Hello there.\nThis is a letter, written in prose, with commas.\nRegards\n')).toBeNull();
    expect(detectDelimiter('names\nAlice\nBob\n')).toBeNull();
  });
});

describe('parseCsv', () => {
  it('makes each row a block naming its columns, skipping empty cells', () => {
    expect(parseCsv('product;price;stock\nkettle;39;12\ntoaster;;0\n')).toEqual({
      kind: 'csv',
      blocks: [
        { kind: 'row', text: 'product: kettle; price: 39; stock: 12' },
        { kind: 'row', text: 'product: toaster; stock: 0' },
      ],
    });
  });

  it('reads quoted fields with delimiters, quotes and line breaks inside, in any script', () => {
    expect(rows('city,note\n"Tel Aviv","שעות: 9-19, ""כולל"" שישי"\nМосква,"две\nстроки"\n')).toEqual([
      'city: Tel Aviv; note: שעות: 9-19, "כולל" שישי',
      'city: Москва; note: две\nстроки',
    ]);
  });

  it('names the columns when the first row is data, and the extra columns of long rows', () => {
    expect(rows('1,kettle,39\n2,toaster,25,discounted\n')).toEqual([
      'Column 1: 1; Column 2: kettle; Column 3: 39',
      'Column 1: 2; Column 2: toaster; Column 3: 25; Column 4: discounted',
    ]);
  });

  it('honours an Excel sep= line', () => {
    expect(rows('sep=;\nname;city\nAna;Lisboa\n')).toEqual(['name: Ana; city: Lisboa']);
  });

  it('keeps a header-only file as one block', () => {
    expect(rows('name,city\n')).toEqual(['name; city']);
  });

  it('caps the number of rows', () => {
    const text = `n,square\n${Array.from({ length: MAX_CSV_ROWS + 50 }, (_, i) => `${i},${i * i}`).join('\n')}\n`;
    const blocks = parseCsv(text).blocks;
    expect(blocks).toHaveLength(MAX_CSV_ROWS);
    expect(blocks.at(-1)!.text).toBe(`n: ${MAX_CSV_ROWS - 1}; square: ${(MAX_CSV_ROWS - 1) ** 2}`);
  });

  it('refuses a malformed file with a readable reason', () => {
    expect(() => parseCsv('name,notes\nkettle,"never closed\ntoaster,fine\n')).toThrow(DocumentParseError);
    expect(() => parseCsv('name,notes\nkettle,"never closed\ntoaster,fine\n')).toThrow(
      /^The CSV file is malformed: a quoted field is never closed \(line \d+\)$/,
    );
  });
});
