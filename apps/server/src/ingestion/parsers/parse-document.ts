// One entry point for every upload: detect the type from the bytes, parse, and guarantee that every
// failure is a DocumentParseError whose reason the document's owner can read, and that the text is
// storable (no NUL characters or unpaired surrogates, which PostgreSQL refuses).
import { DocumentParseError, type Block, type ParsedDocument } from '../document-model.js';
import { parseCsv } from './csv-parser.js';
import { detectSourceKind, type TypeHint } from './detect-type.js';
import { parseDocx } from './docx-parser.js';
import { parseHtml } from './html-parser.js';
import { parseMarkdown } from './markdown-parser.js';
import { parsePdf } from './pdf-parser.js';
import { parseTxt } from './txt-parser.js';

// NUL, and surrogates without their other half. (The NUL is spelled with fromCharCode for the linter.)
const UNSTORABLE = new RegExp(
  `${String.fromCharCode(0)}|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]`,
  'g',
);

function storable(block: Block): Block {
  const text = block.text.replace(UNSTORABLE, '');
  return text === block.text ? block : { ...block, text };
}

export async function parseDocument(bytes: Uint8Array, hint?: TypeHint): Promise<ParsedDocument> {
  let parsed: ParsedDocument;
  try {
    const detected = detectSourceKind(bytes, hint);
    switch (detected.kind) {
      case 'pdf':
        parsed = await parsePdf(bytes);
        break;
      case 'docx':
        parsed = await parseDocx(bytes);
        break;
      case 'html':
        parsed = parseHtml(detected.text!);
        break;
      case 'markdown':
        parsed = parseMarkdown(detected.text!);
        break;
      case 'csv':
        parsed = parseCsv(detected.text!);
        break;
      case 'txt':
        parsed = parseTxt(detected.text!);
        break;
    }
  } catch (err) {
    if (err instanceof DocumentParseError) throw err;
    const message = err instanceof Error ? err.message.split('\n')[0]!.slice(0, 200) : String(err);
    throw new DocumentParseError(`The file could not be read: ${message}`, { cause: err });
  }
  const blocks = parsed.blocks.map(storable).filter((b) => b.text.trim().length > 0);
  if (blocks.length === 0) throw new DocumentParseError('No text could be extracted from the file');
  const title = parsed.title?.replace(UNSTORABLE, '').trim();
  return { ...parsed, ...(title ? { title } : {}), blocks };
}
