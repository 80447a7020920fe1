// The type of a document from its bytes (magic numbers and structure), never from its name: a PDF
// named .txt is a PDF, random bytes named .pdf are refused. Text is decoded first and then told
// apart as HTML, CSV, Markdown or plain text; the name and MIME type only break ties.
import { DocumentParseError, type SourceKind } from '../document-model.js';
import { detectDelimiter } from './csv-parser.js';
import { decodeText } from './decode-text.js';

export interface TypeHint {
  readonly filename?: string;
  readonly mimeType?: string;
}

export interface DetectedType {
  readonly kind: SourceKind;
  /** Decoded text for text kinds. */
  readonly text?: string;
  readonly encoding?: string;
}

const HTML_START = /^\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<!--)/i;
const HTML_TAGS = /<(?:p|div|h[1-6]|ul|ol|li|table|article|section|span|a)\b[^>]*>/gi;
const MD_SIGNS = /^(?:#{1,6}\s+\S|[-*+]\s+\S|\d+\.\s+\S|>\s|```|\|.+\|\s*$)|\[[^\]]+\]\([^)]+\)|\*\*[^*]+\*\*/gm;

function extension(hint?: TypeHint): string {
  return (hint?.filename?.split(/[?#]/)[0]?.match(/\.([a-z0-9]+)$/i)?.[1] ?? '').toLowerCase();
}

export function detectSourceKind(bytes: Uint8Array, hint?: TypeHint): DetectedType {
  if (bytes.length === 0 || (bytes.length < 4096 && Buffer.from(bytes).toString('latin1').trim() === '')) {
    throw new DocumentParseError('The file is empty');
  }
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return { kind: 'pdf' };
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return { kind: 'docx' };
  const decoded = decodeText(bytes);
  if (!decoded) throw new DocumentParseError('The file is not a supported document type: it looks like binary data');
  const text = decoded.text.replace(/^\uFEFF/, '');
  if (!text.trim()) throw new DocumentParseError('The file is empty');
  const base = { text, encoding: decoded.encoding };
  const ext = extension(hint);
  const mime = hint?.mimeType?.toLowerCase() ?? '';
  const sample = text.slice(0, 20_000);
  if (HTML_START.test(sample) || (sample.match(HTML_TAGS)?.length ?? 0) >= 3 || (mime.includes('html') && /<\w+[^>]*>/.test(sample))) {
    return { kind: 'html', ...base };
  }
  const mdSigns = sample.match(MD_SIGNS)?.length ?? 0;
  if (ext === 'md' || ext === 'markdown' || mime.includes('markdown')) return { kind: 'markdown', ...base };
  if (
    ext === 'csv' ||
    ext === 'tsv' ||
    mime.includes('csv') ||
    (mdSigns === 0 && detectDelimiter(sample) !== null && looksTabular(sample))
  ) {
    return { kind: 'csv', ...base };
  }
  if (mdSigns >= 2) return { kind: 'markdown', ...base };
  return { kind: 'txt', ...base };
}

/** Several short lines of comma/semicolon/tab separated fields, not prose with commas. */
function looksTabular(sample: string): boolean {
  const lines = sample
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .slice(0, 20);
  if (lines.length < 3) return false;
  const avgWords = lines.reduce((n, l) => n + l.split(/\s+/).length, 0) / lines.length;
  return avgWords < 12;
}
