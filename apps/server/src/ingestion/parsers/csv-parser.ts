// CSV (comma, semicolon or tab separated) with a header row: each data row becomes a block that
// names its columns ("product: kettle; price: 39"), so a row found by search reads on its own.
import { parse } from 'csv-parse/sync';
import { DocumentParseError, type Block, type ParsedDocument } from '../document-model.js';

const MAX_ROWS = 200_000;

/** The delimiter that splits the first lines into the same number (≥ 2) of fields most consistently. */
export function detectDelimiter(text: string): string | null {
  const lines = text
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .slice(0, 20);
  if (lines.length < 2) return null;
  let best: { delimiter: string; score: number } | null = null;
  for (const delimiter of [',', ';', '\t', '|']) {
    const counts = lines.map((l) => l.split(delimiter).length - 1);
    const first = counts[0]!;
    if (first < 1) continue;
    const consistent = counts.filter((c) => c === first).length / counts.length;
    if (consistent < 0.8) continue;
    const score = consistent * 10 + first;
    if (!best || score > best.score) best = { delimiter, score };
  }
  return best?.delimiter ?? null;
}

export function parseCsv(text: string): ParsedDocument {
  const delimiter = detectDelimiter(text) ?? ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true, to: MAX_ROWS + 1 });
  } catch (err) {
    throw new DocumentParseError(`The CSV file could not be read: ${(err as Error).message.split('\n')[0]}`, { cause: err });
  }
  if (records.length === 0) throw new DocumentParseError('The CSV file has no rows');
  const header = records[0]!.map((h, i) => h.trim() || `column ${i + 1}`);
  const blocks: Block[] = [];
  for (const record of records.slice(1)) {
    const parts = record.map((value, i) => [header[i] ?? `column ${i + 1}`, value.trim()] as const).filter(([, v]) => v);
    if (parts.length) blocks.push({ kind: 'row', text: parts.map(([k, v]) => `${k}: ${v}`).join('; ') });
  }
  if (blocks.length === 0) blocks.push({ kind: 'row', text: header.join('; ') });
  return { kind: 'csv', blocks };
}
