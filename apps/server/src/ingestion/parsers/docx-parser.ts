// DOCX through mammoth (to HTML, which keeps headings, lists, tables and right-to-left text in
// logical order), after the ZIP directory has been checked against zip bombs.
import mammoth from 'mammoth';
import { parseHTML } from 'linkedom';
import { DocumentParseError, type ParsedDocument } from '../document-model.js';
import { blocksFromElement } from './html-parser.js';
import { assertSafeZip } from './zip-guard.js';

export async function parseDocx(bytes: Uint8Array): Promise<ParsedDocument> {
  const entries = assertSafeZip(bytes);
  if (!entries.some((e) => e.name === 'word/document.xml')) throw new DocumentParseError('This ZIP file is not a Word document');
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })).value;
  } catch (err) {
    throw new DocumentParseError('The Word document is damaged or is not a .docx file', { cause: err });
  }
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const blocks = blocksFromElement(document.body as never);
  const firstHeading = blocks.find((b) => b.kind === 'heading');
  return { kind: 'docx', ...(firstHeading ? { title: firstHeading.text } : {}), blocks };
}
