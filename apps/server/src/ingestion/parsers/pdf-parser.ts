// PDF through pdf.js (the legacy build, which runs on Node 20; no worker thread: pdf.js runs its
// "fake worker" in this thread). Text runs come from the operator list, glyph by glyph
// (pdf-glyph-runs.ts: right-to-left runs in logical order with ligatures intact, and cheaper than
// getTextContent), with getTextContent plus ligature repair (pdf-ligatures.ts) as the fallback for
// vertical writing; pdf-layout.ts puts the runs into lines, paragraphs and headings in logical order,
// with the page number on every block.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { DocumentParseError, type ParsedDocument } from '../document-model.js';
import { glyphTexts, guessLamAlef, repairLigatures, REVERSED_LAM_ALEF } from './pdf-ligatures.js';
import { runsFromOperatorList, type FontInfo } from './pdf-glyph-runs.js';
import { pagesToBlocks, runsToLines, type PdfPageText, type PdfTextRun } from './pdf-layout.js';
import { loadPdfJs } from './pdfjs-loader.js';

// Data files pdf.js reads from disk in Node: metrics of the 14 standard fonts (PDFs that do not
// embed Helvetica or Times), CMaps (CJK encodings) and its WebAssembly image decoders.
const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const dataDirs = {
  standardFontDataUrl: join(pdfjsRoot, 'standard_fonts') + '/',
  cMapUrl: join(pdfjsRoot, 'cmaps') + '/',
  wasmUrl: join(pdfjsRoot, 'wasm') + '/',
};

// Presentation forms (Arabic and Hebrew letter forms, Latin ligatures such as "ﬁ") and odd spaces:
// NFKC maps them to the letters people search for. Applied to these ranges only, where it cannot
// change meaning (NFKC over everything would also turn "²" into "2" and "½" into "1⁄2").
const COMPATIBILITY_FORMS = /[\u00A0\u2000-\u200A\u202F\uFB00-\uFB4F\uFB50-\uFDFF\uFE70-\uFEFC]+/g;

const GENERIC_TITLE = /^(?:untitled(?:\s*\d*)?|document\s*\d*|microsoft word - .*|slide \d+|\s*)$/i;

/** Acrobat's rule: the end-of-file marker must be within the last 1024 bytes. A cut download has none. */
function hasEndMarker(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(Math.max(0, bytes.length - 1024));
  return tail.includes('%%EOF');
}

function readFailure(err: unknown): DocumentParseError {
  if ((err as { name?: string } | null)?.name === 'PasswordException') {
    return new DocumentParseError('pdf_password', 'The PDF is password-protected', { cause: err });
  }
  return new DocumentParseError('pdf_damaged', 'The PDF is damaged or incomplete', { cause: err });
}

function isTextItem(item: object): item is TextItem {
  return 'str' in item;
}

type PdfJsApi = Awaited<ReturnType<typeof loadPdfJs>>;
type PdfPage = Awaited<ReturnType<Awaited<ReturnType<PdfJsApi['getDocument']>['promise']>['getPage']>>;
type OperatorList = Awaited<ReturnType<PdfPage['getOperatorList']>>;

/**
 * The fallback for pages the operator-list reader does not place (vertical writing) or cannot read:
 * pdf.js's own text content, with the ligatures it reverses repaired from the glyphs of the operator
 * list (without one there is no telling a reversed ligature from the article, and nothing is changed).
 */
async function runsFromTextContent(
  pdfjs: PdfJsApi,
  page: PdfPage,
  ops: OperatorList | null,
  pageTransform: number[],
): Promise<PdfTextRun[]> {
  const content = await page.getTextContent({ disableNormalization: true });
  const items = content.items.filter(isTextItem);
  let strs = items.map((item) => item.str);
  if (ops && strs.some((str) => REVERSED_LAM_ALEF.test(str))) {
    const glyphs = glyphTexts(ops.fnArray, ops.argsArray, pdfjs.OPS.showText);
    if (glyphs.some((g) => g.length > 1 && /[\u0600-\u06FF]{2}/.test(g))) strs = repairLigatures(strs, glyphs) ?? strs.map(guessLamAlef);
  }
  return items.map((item, i) => {
    const [, , c, d, x, y] = pdfjs.Util.transform(pageTransform, item.transform) as number[];
    return { str: strs[i]!, x: x!, y: y!, width: item.width, size: Math.hypot(c!, d!) || 1, dir: item.dir, chunk: i };
  });
}

async function pageRuns(pdfjs: PdfJsApi, page: PdfPage, pageTransform: number[]): Promise<PdfTextRun[]> {
  let ops: OperatorList | null = null;
  try {
    // Annotations (form fields, stamps) are not part of the page's text, as in getTextContent.
    ops = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE });
    const fontInfo = (name: string) => (page.commonObjs.has(name) ? (page.commonObjs.get(name) as FontInfo) : undefined);
    const runs = runsFromOperatorList(ops, pdfjs.OPS, fontInfo, pageTransform);
    if (runs) return runs;
  } catch {
    // An operator pdf.js could not build, or one this reader does not expect: pdf.js's text still may.
  }
  return runsFromTextContent(pdfjs, page, ops, pageTransform);
}

/** Parses a PDF; `onProgress` hears the fraction of pages read after each page. */
export async function parsePdf(bytes: Uint8Array, onProgress?: (fraction: number) => void): Promise<ParsedDocument> {
  if (!hasEndMarker(bytes)) throw new DocumentParseError('pdf_damaged', 'The PDF is damaged or incomplete');
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    // pdf.js takes ownership of the array it is given (and may detach it): give it a copy.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    isOffscreenCanvasSupported: false,
    // Images are never drawn: this keeps the operator list from decoding them.
    maxImageSize: 1,
    verbosity: 0,
    stopAtErrors: false,
    cMapPacked: true,
    ...dataDirs,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    throw readFailure(err);
  }
  try {
    const pages: PdfPageText[] = [];
    let characters = 0;
    let failedPages = 0;
    for (let p = 1; p <= doc.numPages; p++) {
      let page;
      try {
        page = await doc.getPage(p);
      } catch {
        failedPages++;
        continue;
      }
      try {
        const viewport = page.getViewport({ scale: 1 });
        const runs: PdfTextRun[] = [];
        for (const run of await pageRuns(pdfjs, page, viewport.transform)) {
          const str = run.str.replace(COMPATIBILITY_FORMS, (m) => m.normalize('NFKC'));
          if (!str.trim()) continue;
          characters += str.length;
          runs.push(str === run.str ? run : { ...run, str });
        }
        pages.push({ page: p, height: viewport.height, lines: runsToLines(runs) });
      } catch {
        failedPages++;
      } finally {
        page.cleanup();
      }
      onProgress?.(p / doc.numPages);
    }
    if (failedPages === doc.numPages) throw new DocumentParseError('pdf_damaged', 'The PDF is damaged or incomplete');
    if (characters === 0) {
      throw new DocumentParseError('pdf_no_text', 'The PDF has no text layer (scanned images need OCR, which is not enabled)');
    }
    const blocks = pagesToBlocks(pages);
    let title = await metadataTitle(doc);
    if (!title) title = blocks.find((b) => b.kind === 'heading' && b.page === 1)?.text;
    return { kind: 'pdf', ...(title ? { title } : {}), pages: doc.numPages, blocks };
  } catch (err) {
    throw err instanceof DocumentParseError ? err : readFailure(err);
  } finally {
    await doc.destroy();
  }
}

async function metadataTitle(doc: { getMetadata(): Promise<{ info: object; metadata: { get(name: string): unknown } | null }> }) {
  try {
    const { info, metadata } = await doc.getMetadata();
    for (const candidate of [(info as { Title?: unknown }).Title, metadata?.get('dc:title')]) {
      if (typeof candidate !== 'string') continue;
      const title = candidate.replace(/\s+/g, ' ').trim();
      if (!GENERIC_TITLE.test(title)) return title;
    }
  } catch {
    // Metadata is optional; a broken info dictionary does not make the text unreadable.
  }
  return undefined;
}
