// DOCX through mammoth: to HTML (headings, lists and tables kept, right-to-left text in logical
// order, as Word stores it), then the HTML walk of html-parser.ts into blocks. The archive is checked
// first (zip-guard.ts): mammoth unpacks with JSZip, which trusts the sizes the archive declares, so
// the XML parts mammoth reads are unpacked once here with those sizes as a ceiling. Images are never
// read.
import mammoth from 'mammoth';
import { parseHTML } from 'linkedom';
import type { ParsedDocument } from '../document-model.js';
import { docxDamaged, notWordDocument } from './detect-type.js';
import { blocksFromElement, type DomNode } from './html-parser.js';
import { checkZip, readZipEntry, verifyEntrySizes, ZipFormatError, type ZipEntry } from './zip-guard.js';

const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];
const XML_ENTITY = /&(?:#(\d+)|#x([\da-f]+)|(amp|lt|gt|quot|apos));/gi;
const XML_NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(XML_ENTITY, (_, dec: string | undefined, hex: string | undefined, name: string | undefined) =>
    dec || hex ? String.fromCodePoint(dec ? Number(dec) : parseInt(hex!, 16)) : XML_NAMED[name!.toLowerCase()]!,
  );
}

/** dc:title from the core properties, when the document has one. */
function coreTitle(bytes: Uint8Array, entries: readonly ZipEntry[]): string | undefined {
  const core = entries.find((e) => e.name === 'docProps/core.xml');
  if (!core || core.uncompressedSize > 1024 * 1024) return undefined;
  const xml = Buffer.from(readZipEntry(bytes, core)).toString('utf8');
  const title = xml.match(/<dc:title[^>]*>([^<]*)<\/dc:title>/)?.[1];
  const clean = title ? decodeXml(title).replace(/\s+/g, ' ').trim() : '';
  return clean || undefined;
}

export async function parseDocx(bytes: Uint8Array): Promise<ParsedDocument> {
  let entries: ZipEntry[];
  let title: string | undefined;
  try {
    entries = checkZip(bytes);
    if (!entries.some((e) => e.name === 'word/document.xml')) throw notWordDocument();
    verifyEntrySizes(bytes, entries, (e) => e.name.endsWith('.xml') || e.name.endsWith('.rels'));
    title = coreTitle(bytes, entries);
  } catch (err) {
    if (err instanceof ZipFormatError) throw docxDamaged(err);
    throw err;
  }
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      { styleMap: STYLE_MAP, convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) },
    );
    html = result.value;
  } catch (err) {
    throw docxDamaged(err);
  }
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const blocks = blocksFromElement(document.body as unknown as DomNode);
  title ??= blocks.find((b) => b.kind === 'heading')?.text;
  return { kind: 'docx', ...(title ? { title } : {}), blocks };
}
