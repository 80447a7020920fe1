// HTML to blocks: Readability picks the main content (navigation, headers, footers, asides and
// scripts dropped), then a walk over the content DOM turns headings, paragraphs, lists, tables and
// code into blocks. The same walk reads the HTML that mammoth makes of a DOCX.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { Block, ParsedDocument } from '../document-model.js';

const BOILERPLATE =
  'script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, [role=navigation], [aria-hidden=true]';
const BLOCK_TAGS = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'BLOCKQUOTE', 'FIGURE', 'FIGCAPTION', 'DD', 'DT', 'ADDRESS', 'BODY']);

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  getAttribute?(name: string): string | null;
  querySelectorAll?(selector: string): ArrayLike<DomNode>;
}

function clean(text: string): string {
  return text
    .replace(/[\t\f\v \u00A0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}

function inlineText(node: DomNode): string {
  if (node.nodeType === 3) return node.textContent ?? '';
  if (node.nodeType !== 1) return '';
  if (node.nodeName === 'BR') return '\n';
  let out = '';
  for (const child of Array.from(node.childNodes)) out += inlineText(child);
  return out;
}

function tableText(table: DomNode): string {
  const rows: string[] = [];
  for (const tr of Array.from(table.querySelectorAll!('tr'))) {
    const cells = Array.from(tr.childNodes)
      .filter((c) => c.nodeName === 'TD' || c.nodeName === 'TH')
      .map((c) => clean(inlineText(c)).replace(/\n/g, ' '));
    if (cells.some(Boolean)) rows.push(cells.join(' | '));
  }
  return rows.join('\n');
}

function listText(list: DomNode, depth = 0): string {
  const lines: string[] = [];
  let n = 0;
  for (const li of Array.from(list.childNodes)) {
    if (li.nodeName !== 'LI') continue;
    n++;
    let own = '';
    const nested: string[] = [];
    for (const child of Array.from(li.childNodes)) {
      if (child.nodeName === 'UL' || child.nodeName === 'OL') nested.push(listText(child, depth + 1));
      else own += inlineText(child);
    }
    const marker = list.nodeName === 'OL' ? `${n}.` : '-';
    const text = clean(own).replace(/\n/g, ' ');
    if (text) lines.push(`${'  '.repeat(depth)}${marker} ${text}`);
    lines.push(...nested.filter(Boolean));
  }
  return lines.join('\n');
}

/** Walks a content element into blocks. */
export function blocksFromElement(root: DomNode): Block[] {
  const blocks: Block[] = [];
  let pending = '';
  const flush = () => {
    const text = clean(pending);
    if (text) blocks.push({ kind: 'paragraph', text });
    pending = '';
  };
  const walk = (node: DomNode) => {
    if (node.nodeType === 3) {
      pending += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = node.nodeName;
    if (/^H[1-6]$/.test(tag)) {
      flush();
      const text = clean(inlineText(node)).replace(/\n/g, ' ');
      if (text) blocks.push({ kind: 'heading', level: Number(tag[1]), text });
    } else if (tag === 'UL' || tag === 'OL') {
      flush();
      const text = listText(node);
      if (text) blocks.push({ kind: 'list', text });
    } else if (tag === 'TABLE') {
      flush();
      const text = tableText(node);
      if (text) blocks.push({ kind: 'table', text });
    } else if (tag === 'PRE') {
      flush();
      const text = (node.textContent ?? '').replace(/\s+$/, '');
      if (text.trim()) blocks.push({ kind: 'code', text });
    } else if (tag === 'BR') {
      pending += '\n';
    } else if (BLOCK_TAGS.has(tag) || tag === 'LI') {
      flush();
      for (const child of Array.from(node.childNodes)) walk(child);
      flush();
    } else {
      for (const child of Array.from(node.childNodes)) walk(child);
    }
  };
  walk(root);
  flush();
  return blocks;
}

export interface ParsedHtml {
  readonly title?: string;
  readonly blocks: Block[];
}

/** Main content of a web page as blocks. */
export function parseHtmlString(html: string, options: { url?: string } = {}): ParsedHtml {
  const { document } = parseHTML(html);
  const title =
    clean(document.querySelector('meta[property="og:title"]')?.getAttribute('content') ?? '') ||
    clean(document.querySelector('title')?.textContent ?? '') ||
    clean(document.querySelector('h1')?.textContent ?? '') ||
    undefined;
  let blocks: Block[] = [];
  try {
    // Readability mutates the document it reads: give it its own copy.
    const copy = parseHTML(html).document;
    if (options.url) {
      const base = copy.createElement('base');
      base.setAttribute('href', options.url);
      copy.head?.appendChild(base);
    }
    const article = new Readability(copy as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse();
    if (article?.content) {
      const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
      blocks = blocksFromElement(content.body as unknown as DomNode);
    }
  } catch {
    blocks = [];
  }
  const fallback = () => {
    for (const el of Array.from(document.querySelectorAll(BOILERPLATE))) (el as { remove(): void }).remove();
    return document.body ? blocksFromElement(document.body as unknown as DomNode) : [];
  };
  // Short pages defeat Readability: fall back to the body without its boilerplate.
  const chars = blocks.reduce((n, b) => n + b.text.length, 0);
  if (chars < 200) {
    const whole = fallback();
    if (whole.reduce((n, b) => n + b.text.length, 0) > chars) blocks = whole;
  }
  return { ...(title ? { title } : {}), blocks };
}

export function parseHtml(text: string): ParsedDocument {
  const parsed = parseHtmlString(text);
  return { kind: 'html', ...(parsed.title ? { title: parsed.title } : {}), blocks: parsed.blocks };
}
