// The type of a document from its bytes (magic numbers and structure), never from its name: a PDF
// named .txt is a PDF, random bytes named .pdf are refused. Text is decoded first (decode-text.ts)
// and then told apart as HTML, Markdown, CSV or plain text; the name and MIME type only break ties.
import { DocumentParseError, type SourceKind } from '../document-model.js';
import { detectDelimiter } from './csv-parser.js';
import { decodeText } from './decode-text.js';
import { readZipDirectory, ZipFormatError, type ZipEntry } from './zip-guard.js';

export interface TypeHint {
  readonly filename?: string;
  readonly mimeType?: string;
}

export interface SniffedDocument {
  readonly kind: SourceKind;
  /** The decoded text, for text kinds. */
  readonly text?: string;
  readonly encoding?: string;
  /** The archive's directory, for DOCX. */
  readonly zipEntries?: readonly ZipEntry[];
}

/** A .docx (or any ZIP) that cannot be unpacked; the DOCX parser says the same of what mammoth cannot read. */
export function docxDamaged(cause: unknown): DocumentParseError {
  return new DocumentParseError('docx_damaged', 'The Word document is damaged or is not a .docx file', { cause });
}

/** A ZIP archive without word/document.xml. */
export function notWordDocument(): DocumentParseError {
  return new DocumentParseError('zip_not_docx', 'This ZIP file is not a Word document');
}

const SAMPLE_CHARS = 20_000;

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  for (let i = 0; i < signature.length; i++) if (bytes[at + i] !== signature[i]) return false;
  return true;
}

/** Formats we recognise but do not read, with what to do instead. */
function unsupportedBinary(bytes: Uint8Array): DocumentParseError | null {
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return new DocumentParseError(
      'old_office_format',
      'This is an old-format Office file (.doc, .xls, .ppt) or a password-protected one: save it as .docx or PDF and upload it again',
    );
  }
  if (
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) ||
    startsWith(bytes, [0xff, 0xd8, 0xff]) ||
    startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) ||
    startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) ||
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) ||
    (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
  ) {
    return new DocumentParseError('image_file', 'The file is an image: reading text from images needs OCR, which is not enabled');
  }
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66]))
    return new DocumentParseError('rtf_unsupported', 'RTF files are not supported: save the document as .docx or PDF and upload it again');
  return null;
}

function extension(hint?: TypeHint): string {
  const name = hint?.filename?.split(/[?#]/)[0] ?? '';
  return name.match(/\.([a-z0-9]+)$/i)?.[1]?.toLowerCase() ?? '';
}

function hasPdfHeader(bytes: Uint8Array): boolean {
  // The header may follow some junk; readers look for it in the first 1024 bytes.
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).includes('%PDF-');
}

function isBlank(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x0b) return false;
  return true;
}

// Markup that only HTML starts with, after an optional XML declaration, doctype or comments.
const HTML_START = /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>])/i;
const HTML_STRUCTURE = /<(?:body|p|div|h[1-6]|ul|ol|li|table|tr|td|article|section|main|br|span|a)(?=[\s>/])/gi;
const HTML_DOCUMENT_TAG = /<(?:body|head|title)[\s>]/i;

// Markdown: strong signs (headings, fences, links, table rules) weigh 2, emphasis 1, lists and
// quotes (common in plain text too) ½.
const MD_STRONG = /^(?:#{1,6}[ \t]+\S|```|~~~|\|?[ \t]*:?-{3,}:?[ \t]*\|[ \t]*:?-{3,})|\[[^\]\n]+\]\([^)\s]+\)/gm;
const MD_MEDIUM = /\*\*[^*\n]+\*\*|__[^_\n]+__|`[^`\n]+`/g;
const MD_WEAK = /^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+\S|^>[ \t]/gm;

function markdownScore(sample: string): number {
  const count = (re: RegExp) => sample.match(re)?.length ?? 0;
  return 2 * count(MD_STRONG) + count(MD_MEDIUM) + 0.5 * count(MD_WEAK);
}

/** Tabular text: the same number (≥ 1) of delimiters on nearly every line, fields of a modest length. */
function looksTabular(sample: string, hinted: boolean): boolean {
  const lines = sample.split(/\r?\n/, 60).filter((l) => l.trim());
  if (lines.length < (hinted ? 1 : 3)) return false;
  const delimiter = detectDelimiter(sample);
  if (!delimiter) return hinted;
  if (hinted || delimiter !== ',') return true;
  // Commas also punctuate prose: ask for short fields or at least three columns.
  const fields = lines.slice(0, 20).flatMap((l) => l.split(','));
  const averageField = fields.reduce((n, f) => n + f.trim().length, 0) / fields.length;
  const columns = fields.length / Math.min(lines.length, 20);
  return averageField <= 40 || columns >= 3;
}

/** Identifies the document and, for text kinds, decodes it. Throws DocumentParseError for what we cannot read. */
export function sniffDocument(bytes: Uint8Array, hint?: TypeHint): SniffedDocument {
  if (bytes.length === 0 || (bytes.length <= 1 << 20 && isBlank(bytes))) throw new DocumentParseError('empty_file', 'The file is empty');
  if (hasPdfHeader(bytes)) return { kind: 'pdf' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    let entries: ZipEntry[];
    try {
      entries = readZipDirectory(bytes);
    } catch (err) {
      if (err instanceof ZipFormatError) throw docxDamaged(err);
      throw err;
    }
    if (!entries.some((e) => e.name === 'word/document.xml')) throw notWordDocument();
    return { kind: 'docx', zipEntries: entries };
  }
  const unsupported = unsupportedBinary(bytes);
  if (unsupported) throw unsupported;

  const { text, encoding } = decodeText(bytes);
  if (!text.trim()) throw new DocumentParseError('empty_file', 'The file is empty');
  const ext = extension(hint);
  const mime = hint?.mimeType?.toLowerCase() ?? '';
  const sample = text.slice(0, SAMPLE_CHARS);
  const head = sample.trimStart();
  const mdHinted = ext === 'md' || ext === 'markdown' || mime.includes('markdown');
  const csvHinted = ext === 'csv' || ext === 'tsv' || mime.includes('csv') || mime.includes('tab-separated');
  const decided = (kind: SourceKind): SniffedDocument => ({ kind, text, encoding });

  if (HTML_START.test(head)) return decided('html');
  const md = markdownScore(sample);
  const htmlTags = sample.match(HTML_STRUCTURE)?.length ?? 0;
  const htmlLike = HTML_DOCUMENT_TAG.test(sample) || htmlTags >= 3 || (mime.includes('html') && htmlTags >= 1);
  // Markdown may embed HTML; it only counts as HTML when the tags outweigh the Markdown.
  if (htmlLike && !mdHinted && htmlTags >= md) return decided('html');
  if (md >= 3 || (mdHinted && !looksTabular(sample, false))) return decided('markdown');
  if (looksTabular(sample, csvHinted)) return decided('csv');
  if (htmlLike) return decided('html');
  if (md >= 2 && /^#{1,6}[ \t]+\S/m.test(sample)) return decided('markdown');
  return decided('txt');
}

export function detectSourceKind(bytes: Uint8Array, hint?: TypeHint): SourceKind {
  return sniffDocument(bytes, hint).kind;
}
