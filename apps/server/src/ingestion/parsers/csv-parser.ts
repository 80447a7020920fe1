// CSV (comma, semicolon or tab separated) through csv-parse. The first row names the columns and
// each data row becomes a block that says which value is which ("Product: kettle; Price: 39"), so a
// row found by search reads on its own.
import { parse } from 'csv-parse/sync';
import { DocumentParseError, type Block, type ParsedDocument } from '../document-model.js';

/** Rows beyond this are not indexed: a spreadsheet export of this size is data, not a document. */
export const MAX_CSV_ROWS = 100_000;
const DELIMITERS = [',', ';', '\t', '|'] as const;
const EXCEL_SEPARATOR = /^sep=(.)\r?\n/;

/** Delimiters on one line, outside double-quoted fields. */
function countOutsideQuotes(line: string, delimiter: string): number {
  let n = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === delimiter && !quoted) n++;
  }
  return n;
}

/**
 * The delimiter that splits the first lines into the same number (≥ 2) of fields most consistently,
 * or null when no delimiter does.
 */
export function detectDelimiter(text: string): string | null {
  const declared = text.match(EXCEL_SEPARATOR)?.[1];
  if (declared) return declared;
  const lines = text
    .slice(0, 20_000)
    .split(/\r?\n/, 40)
    .filter((l) => l.trim())
    .slice(0, 20);
  if (lines.length === 0) return null;
  let best: { delimiter: string; score: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, delimiter));
    // The most common count; a last line cut short or a trailing note does not spoil it.
    const frequency = new Map<number, number>();
    for (const c of counts) frequency.set(c, (frequency.get(c) ?? 0) + 1);
    let modal = 0;
    let modalLines = 0;
    for (const [count, seen] of frequency) {
      if (seen > modalLines || (seen === modalLines && count > modal)) {
        modal = count;
        modalLines = seen;
      }
    }
    const consistency = modalLines / counts.length;
    if (modal < 1 || consistency < 0.9) continue;
    const score = consistency * 10 + Math.min(modal, 10);
    if (!best || score > best.score) best = { delimiter, score };
  }
  return best?.delimiter ?? null;
}

function readableCsvError(err: unknown): DocumentParseError {
  const { code, lines } = err as { code?: string; lines?: number };
  const where = lines ? ` (line ${lines})` : '';
  const reason =
    code === 'CSV_QUOTE_NOT_CLOSED'
      ? `a quoted field is never closed${where}`
      : code === 'INVALID_OPENING_QUOTE' || code === 'CSV_INVALID_CLOSING_QUOTE'
        ? `a quote is out of place${where}`
        : ((err as Error).message ?? String(err)).split('\n')[0]!.slice(0, 160);
  return new DocumentParseError('csv_malformed', `The CSV file is malformed: ${reason}`, { cause: err });
}

/** A first row is a header unless it looks like data: a number or an empty cell in it. */
function isHeader(row: readonly string[]): boolean {
  return row.length > 0 && row.every((cell) => cell.trim() !== '' && !/^[-+]?[\d.,\s%$€£]+$/.test(cell.trim()));
}

export function parseCsv(text: string): ParsedDocument {
  let body = text;
  const declared = body.match(EXCEL_SEPARATOR);
  if (declared) body = body.slice(declared[0].length);
  const delimiter = detectDelimiter(text) ?? ',';
  let records: string[][];
  try {
    records = parse(body, {
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
      to: MAX_CSV_ROWS + 1,
    });
  } catch (err) {
    throw readableCsvError(err);
  }
  if (records.length === 0) throw new DocumentParseError('csv_empty', 'The CSV file has no rows');
  const first = records[0]!;
  const header = isHeader(first) ? first : first.map((_, i) => `Column ${i + 1}`);
  const rows = header === first ? records.slice(1) : records;
  const blocks: Block[] = [];
  for (const record of rows) {
    const parts: string[] = [];
    for (let i = 0; i < record.length; i++) {
      const value = record[i]!;
      if (value) parts.push(`${header[i] || `Column ${i + 1}`}: ${value}`);
    }
    if (parts.length) blocks.push({ kind: 'row', text: parts.join('; ') });
  }
  // A header and nothing else is still the document's text.
  if (blocks.length === 0) blocks.push({ kind: 'row', text: header.join('; ') });
  return { kind: 'csv', blocks };
}
