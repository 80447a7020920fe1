// One entry point for every upload and fetched page: detect the type from the bytes, parse, and
// guarantee that every failure is a DocumentParseError whose reason the document's owner can read,
// that some text came out, and that the text is storable (no NUL characters or unpaired surrogates,
// which PostgreSQL refuses).
import { DocumentParseError, type Block, type ParsedDocument } from '../document-model.js';
import { parseCsv } from './csv-parser.js';
import { sniffDocument, type TypeHint } from './detect-type.js';
import { parseDocx } from './docx-parser.js';
import { parseHtml } from './html-parser.js';
import { parseMarkdown } from './markdown-parser.js';
import { parsePdf } from './pdf-parser.js';
import { parseTxt } from './txt-parser.js';

export type { TypeHint } from './detect-type.js';

// NUL, other C0 controls but tab and line breaks, and surrogates without their other half.
// (Spelled with fromCharCode: a literal NUL in a pattern trips the linter.)
const UNSTORABLE = new RegExp(
  `[${String.fromCharCode(0)}-\\u0008\\u000B\\u000E-\\u001F]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]`,
  'g',
);

/** The text without what PostgreSQL refuses in text columns (NUL, unpaired surrogates) and other controls. */
export function storableText(text: string): string {
  // Most text has nothing to remove: test before building a new string.
  UNSTORABLE.lastIndex = 0;
  return UNSTORABLE.test(text) ? text.replace(UNSTORABLE, '') : text;
}

/** What a transport already knows of the bytes: a web page decoded with its declared charset, and its address. */
export interface KnownSource {
  /** The bytes as text, decoded with the charset the server declared; used for text kinds instead of guessing. */
  readonly text?: string;
  /** The page's address, against which relative links in HTML resolve. */
  readonly url?: string;
}

/**
 * Told the fraction of the document read so far, where a parser can tell (the pages of a PDF). Not
 * awaited: whatever it does cannot fail the parse.
 */
export type ParseProgress = (fraction: number) => void;

async function parseByKind(
  bytes: Uint8Array,
  hint: TypeHint | undefined,
  source: KnownSource,
  onProgress: ParseProgress | undefined,
): Promise<ParsedDocument> {
  const sniffed = sniffDocument(bytes, hint);
  const text = source.text ?? sniffed.text!;
  switch (sniffed.kind) {
    case 'pdf':
      return parsePdf(bytes, onProgress);
    case 'docx':
      return parseDocx(bytes);
    case 'html':
      return parseHtml(text, source.url ? { url: source.url } : {});
    case 'markdown':
      return parseMarkdown(text);
    case 'csv':
      return parseCsv(text);
    case 'txt':
      return parseTxt(text);
  }
}

/**
 * Parses a document of any supported kind, typed by its content (`hint` only breaks ties between
 * text formats). Throws DocumentParseError, with a reason fit for the document's owner, for anything
 * that cannot be read or yields no text.
 */
export async function parseDocument(
  bytes: Uint8Array,
  hint?: TypeHint,
  source: KnownSource = {},
  onProgress?: ParseProgress,
): Promise<ParsedDocument> {
  let parsed: ParsedDocument;
  try {
    parsed = await parseByKind(bytes, hint, source, onProgress);
  } catch (err) {
    if (err instanceof DocumentParseError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new DocumentParseError('internal_error', `The file could not be read: ${message.split('\n')[0]!.slice(0, 200)}`, { cause: err });
  }
  const blocks: Block[] = [];
  for (const block of parsed.blocks) {
    const text = storableText(block.text);
    if (text.trim()) blocks.push(text === block.text ? block : { ...block, text });
  }
  if (blocks.length === 0) throw new DocumentParseError('no_text', 'No text could be extracted from the file');
  const title = parsed.title === undefined ? undefined : storableText(parsed.title).trim();
  return { kind: parsed.kind, ...(title ? { title } : {}), ...(parsed.pages !== undefined ? { pages: parsed.pages } : {}), blocks };
}
