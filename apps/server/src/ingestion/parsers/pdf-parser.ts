// PDF through pdf.js (legacy build for Node 20): text items grouped into lines by position, lines
// into paragraphs by vertical gaps, larger type into headings, every block with its page number.
// Right-to-left runs come from pdf.js in logical order; we restore the spaces it drops between
// runs (Hebrew word, digits, Hebrew word) from the items' positions, and repair lam-alef.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { DocumentParseError, type Block, type ParsedDocument } from '../document-model.js';
import { hasRtl, repairLamAlef } from './rtl-repair.js';

interface Item {
  str: string;
  dir: string;
  x: number;
  y: number;
  width: number;
  size: number;
  eol: boolean;
}

interface Line {
  text: string;
  y: number;
  size: number;
  rtl: boolean;
}

function itemsToLines(items: Item[]): Line[] {
  const lines: Line[] = [];
  let current: Item[] = [];
  const flush = () => {
    const parts = current.filter((i) => i.str.length > 0);
    current = [];
    if (parts.length === 0) return;
    let text = parts[0]!.str;
    for (let k = 1; k < parts.length; k++) {
      const prev = parts[k - 1]!;
      const cur = parts[k]!;
      // Gap between the runs, whichever way the line runs.
      const gap = cur.x >= prev.x ? cur.x - (prev.x + prev.width) : prev.x - (cur.x + cur.width);
      const needsSpace = gap > Math.max(prev.size, cur.size) * 0.12 && !/\s$/.test(text) && !/^\s/.test(cur.str);
      text += (needsSpace ? ' ' : '') + cur.str;
    }
    const rtl = parts.some((p) => p.dir === 'rtl') || hasRtl(text);
    const size = Math.max(...parts.map((p) => p.size));
    lines.push({ text: rtl ? repairLamAlef(text) : text, y: parts[0]!.y, size, rtl });
  };
  for (const item of items) {
    const last = current[current.length - 1];
    if (last && Math.abs(item.y - last.y) > Math.max(2, last.size * 0.5)) flush();
    current.push(item);
    if (item.eol) flush();
  }
  flush();
  return lines;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function linesToBlocks(lines: Line[], page: number, bodySize: number): Block[] {
  const blocks: Block[] = [];
  let para: Line[] = [];
  const flush = () => {
    if (para.length === 0) return;
    let text = '';
    for (const line of para) {
      const t = line.text.trim();
      if (!t) continue;
      if (!text) text = t;
      else if (/[A-Za-z\u00C0-\u024F\u0400-\u04FF]-$/.test(text))
        text += t; // a line broken after a hyphen: keep the word whole
      else text += ' ' + t;
    }
    const size = Math.max(...para.map((l) => l.size));
    const heading = bodySize > 0 && size >= bodySize * 1.15 && text.length <= 200;
    if (text)
      blocks.push(
        heading
          ? { kind: 'heading', level: size >= bodySize * 1.6 ? 1 : size >= bodySize * 1.3 ? 2 : 3, text, page }
          : { kind: 'paragraph', text, page },
      );
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const prev = para[para.length - 1];
    if (prev) {
      const gap = Math.abs(prev.y - line.y);
      const sizeChanged = Math.abs(prev.size - line.size) > Math.max(prev.size, line.size) * 0.1;
      if (gap > Math.max(prev.size, line.size) * 1.6 || sizeChanged) flush();
    }
    para.push(line);
  }
  flush();
  return blocks;
}

export async function parsePdf(bytes: Uint8Array): Promise<ParsedDocument> {
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  const task = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    stopAtErrors: false,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'PasswordException') throw new DocumentParseError('The PDF is password-protected', { cause: err });
    throw new DocumentParseError('The PDF is damaged or incomplete', { cause: err });
  }
  try {
    const perPage: { page: number; lines: Line[] }[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const raw of content.items) {
        if (!('str' in raw)) continue;
        const [a, b, , d, x, y] = raw.transform as number[];
        items.push({
          str: raw.str,
          dir: raw.dir,
          x: x!,
          y: y!,
          width: raw.width,
          size: Math.hypot(a!, b!) || Math.abs(d!) || 10,
          eol: raw.hasEOL,
        });
      }
      perPage.push({ page: p, lines: itemsToLines(items) });
      page.cleanup();
    }
    const bodySize = median(perPage.flatMap((p) => p.lines.filter((l) => l.text.trim().length > 30).map((l) => l.size)));
    const blocks = perPage.flatMap((p) => linesToBlocks(p.lines, p.page, bodySize));
    if (blocks.length === 0) {
      throw new DocumentParseError('The PDF has no text layer (scanned pages need OCR, which is not enabled)');
    }
    let title: string | undefined;
    try {
      const meta = await doc.getMetadata();
      const t = (meta.info as { Title?: unknown } | undefined)?.Title;
      if (typeof t === 'string' && t.trim()) title = t.trim();
    } catch {
      // metadata is optional
    }
    return { kind: 'pdf', ...(title ? { title } : {}), pages: doc.numPages, blocks };
  } catch (err) {
    if (err instanceof DocumentParseError) throw err;
    throw new DocumentParseError('The PDF is damaged or incomplete', { cause: err });
  } finally {
    await doc.destroy();
  }
}
