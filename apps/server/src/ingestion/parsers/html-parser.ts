// HTML to blocks. Readability (on a linkedom DOM) picks the main content, dropping navigation, headers,
// footers, asides and scripts; when it finds too little (short pages, link lists, FAQs) the page's
// body without those parts is read instead. A walk over the content DOM turns headings, paragraphs,
// lists, tables and preformatted text into blocks; the same walk reads the HTML mammoth makes of a DOCX.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { Block, ParsedDocument } from '../document-model.js';

/** The slice of the DOM the walk uses (linkedom's nodes; the project is compiled without DOM types). */
export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
  getAttribute?(name: string): string | null;
  querySelector?(selector: string): DomNode | null;
  querySelectorAll?(selector: string): ArrayLike<DomNode>;
  remove?(): void;
}

interface DomDocument extends DomNode {
  readonly body: DomNode | null;
  readonly head: DomNode | null;
  createElement(tag: string): DomNode & { setAttribute(name: string, value: string): void };
}

const BOILERPLATE =
  'script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, canvas, dialog, [role=navigation], [role=banner], [role=contentinfo], [aria-hidden=true], [hidden]';
const SKIPPED = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'CANVAS',
  'IFRAME',
  'OBJECT',
  'HEAD',
  'TITLE',
  'META',
  'LINK',
  'BASE',
  'BUTTON',
  'SELECT',
]);
const BLOCK_TAGS = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'BLOCKQUOTE', 'FIGURE', 'FIGCAPTION', 'DL', 'DD', 'DT', 'ADDRESS', 'BODY', 'HEADER',
  'FOOTER', 'NAV', 'ASIDE', 'FORM', 'FIELDSET', 'LEGEND', 'DETAILS', 'SUMMARY', 'CENTER', 'HR', 'CAPTION', 'LI', 'TR', 'HTML',
]); // prettier-ignore
/**
 * Readability's pick is used when the page has enough text for it to judge (its own threshold is 500
 * characters) and the pick holds a fair share of the page's text without boilerplate; otherwise it
 * has likely kept a fragment (one FAQ answer of many) or kept navigation on a short page.
 */
const MIN_PAGE_CHARS = 500;
const MIN_ARTICLE_SHARE = 0.3;
/** Readability slows down sharply on huge pages; beyond this many elements it gives up (we then read the body). */
const MAX_ELEMENTS = 30_000;

const ELEMENT = 1;
const TEXT = 3;

/** Inline text: whitespace runs read as one space, <br> as a line break (kept as \n). */
function inlineText(node: DomNode): string {
  if (node.nodeType === TEXT) return (node.textContent ?? '').replace(/\s+/g, ' ');
  if (node.nodeType !== ELEMENT || SKIPPED.has(node.nodeName)) return '';
  if (node.nodeName === 'BR') return '\n';
  if (node.nodeName === 'IMG') return '';
  let out = '';
  const children = node.childNodes;
  for (let i = 0; i < children.length; i++) out += inlineText(children[i]!);
  return out;
}

const tidy = (s: string) =>
  s
    .replace(/ *\n */g, '\n')
    .replace(/ {2,}/g, ' ')
    .trim();

function tableText(table: DomNode): string {
  const rows: string[] = [];
  const caption = table.querySelector?.('caption');
  if (caption) rows.push(tidy(inlineText(caption)));
  for (const tr of Array.from(table.querySelectorAll?.('tr') ?? [])) {
    const cells: string[] = [];
    for (const cell of Array.from(tr.childNodes)) {
      if (cell.nodeName === 'TD' || cell.nodeName === 'TH') cells.push(tidy(inlineText(cell)).replace(/\n/g, ' '));
    }
    if (cells.some(Boolean)) rows.push(cells.join(' | '));
  }
  return rows.filter(Boolean).join('\n');
}

function listText(list: DomNode, depth: number): string[] {
  const lines: string[] = [];
  let n = Number(list.getAttribute?.('start') ?? 1) || 1;
  for (const li of Array.from(list.childNodes)) {
    if (li.nodeName !== 'LI') continue;
    let own = '';
    const nested: string[] = [];
    for (const child of Array.from(li.childNodes)) {
      if (child.nodeName === 'UL' || child.nodeName === 'OL') nested.push(...listText(child, depth + 1));
      else own += inlineText(child);
    }
    const marker = list.nodeName === 'OL' ? `${n++}.` : '-';
    const text = tidy(own).replace(/\n/g, ' ');
    if (text) lines.push(`${'  '.repeat(depth)}${marker} ${text}`);
    lines.push(...nested);
  }
  return lines;
}

/** Walks a content element into blocks, in document order. */
export function blocksFromElement(root: DomNode): Block[] {
  const blocks: Block[] = [];
  let pending = '';
  const flush = () => {
    const text = tidy(pending);
    if (text) blocks.push({ kind: 'paragraph', text });
    pending = '';
  };
  const walk = (node: DomNode) => {
    if (node.nodeType === TEXT) {
      pending += (node.textContent ?? '').replace(/\s+/g, ' ');
      return;
    }
    if (node.nodeType !== ELEMENT || SKIPPED.has(node.nodeName)) return;
    const tag = node.nodeName;
    if (tag.length === 2 && tag[0] === 'H' && tag[1]! >= '1' && tag[1]! <= '6') {
      flush();
      const text = tidy(inlineText(node)).replace(/\n/g, ' ');
      if (text) blocks.push({ kind: 'heading', level: Number(tag[1]), text });
    } else if (tag === 'UL' || tag === 'OL') {
      flush();
      const text = listText(node, 0).join('\n');
      if (text) blocks.push({ kind: 'list', text });
    } else if (tag === 'TABLE') {
      flush();
      const text = tableText(node);
      if (text) blocks.push({ kind: 'table', text });
    } else if (tag === 'PRE') {
      flush();
      const text = (node.textContent ?? '').replace(/^\n/, '').replace(/\s+$/, '');
      if (text.trim()) blocks.push({ kind: 'code', text });
    } else if (tag === 'BR') {
      pending += '\n';
    } else if (BLOCK_TAGS.has(tag)) {
      flush();
      const children = node.childNodes;
      for (let i = 0; i < children.length; i++) walk(children[i]!);
      flush();
    } else {
      const children = node.childNodes;
      for (let i = 0; i < children.length; i++) walk(children[i]!);
    }
  };
  walk(root);
  flush();
  return blocks;
}

/**
 * linkedom builds the tree the markup spells out and does not imply the <html> and <body> elements
 * that HTML lets pages leave out: without them the body would be empty. Supply the missing ones.
 */
function withDocumentElements(html: string): string {
  let out = html;
  if (!/<body[\s>]/i.test(out)) {
    const headEnd = out.match(/<\/head\s*>/i);
    const htmlStart = out.match(/<html[^>]*>/i);
    const doctype = out.match(/^\s*<!doctype[^>]*>/i);
    const at =
      headEnd?.index !== undefined
        ? headEnd.index + headEnd[0].length
        : htmlStart?.index !== undefined
          ? htmlStart.index + htmlStart[0].length
          : (doctype?.[0].length ?? 0);
    const htmlEnd = out.search(/<\/html\s*>/i);
    const end = htmlEnd >= at ? htmlEnd : out.length;
    out = `${out.slice(0, at)}<body>${out.slice(at, end)}</body>${out.slice(end)}`;
  }
  if (!/<html[\s>]/i.test(out)) {
    const doctype = out.match(/^\s*<!doctype[^>]*>/i)?.[0] ?? '';
    out = `${doctype}<html>${out.slice(doctype.length)}</html>`;
  }
  return out;
}

function load(html: string): DomDocument {
  return parseHTML(withDocumentElements(html)).document as unknown as DomDocument;
}

const oneLine = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

function pageTitle(document: DomDocument): string | undefined {
  return (
    oneLine(document.querySelector?.('title')?.textContent) ||
    oneLine(document.querySelector?.('meta[property="og:title"]')?.getAttribute?.('content')) ||
    oneLine(document.querySelector?.('h1')?.textContent) ||
    undefined
  );
}

const textLength = (blocks: readonly Block[]) => blocks.reduce((n, b) => n + b.text.length, 0);

export interface ParsedHtml {
  readonly title?: string;
  readonly blocks: Block[];
}

/** The main content of a web page as blocks, with the page's title. */
export function parseHtmlString(html: string, options: { url?: string } = {}): ParsedHtml {
  const document = load(html);
  const title = pageTitle(document);
  if (options.url && document.head) {
    const base = document.createElement('base');
    base.setAttribute('href', options.url);
    (document.head as unknown as { appendChild(n: unknown): void }).appendChild(base);
  }
  let article: Block[] = [];
  try {
    // The serializer hands back the content element itself: no second HTML parse. Readability
    // rewrites the document it reads, so the fallback below parses the page again.
    const reader = new Readability<DomNode>(document as never, {
      serializer: (node) => node as unknown as DomNode,
      maxElemsToParse: MAX_ELEMENTS,
    });
    const content = reader.parse()?.content;
    if (content) article = blocksFromElement(content);
  } catch {
    // Readability gives up on some malformed pages: the fallback reads them.
  }
  const body = load(html);
  for (const el of Array.from(body.querySelectorAll?.(BOILERPLATE) ?? [])) el.remove?.();
  const whole = body.body ? blocksFromElement(body.body) : [];
  const wholeLength = textLength(whole);
  const useArticle = article.length > 0 && wholeLength >= MIN_PAGE_CHARS && textLength(article) >= wholeLength * MIN_ARTICLE_SHARE;
  const blocks = useArticle ? article : whole;
  return { ...(title ? { title } : {}), blocks };
}

export function parseHtml(text: string, options: { url?: string } = {}): ParsedDocument {
  const parsed = parseHtmlString(text, options);
  return { kind: 'html', ...(parsed.title ? { title: parsed.title } : {}), blocks: parsed.blocks };
}

/**
 * The page's links as absolute http(s) URLs without fragments, each once, in document order.
 * Relative links resolve against the page's <base href> when it has one, else against `baseUrl`.
 */
export function extractLinks(html: string, baseUrl: string): string[] {
  const document = load(html);
  let base: URL;
  try {
    base = new URL(document.querySelector?.('base[href]')?.getAttribute?.('href') ?? '', baseUrl);
  } catch {
    base = new URL(baseUrl);
  }
  const seen = new Set<string>();
  for (const a of Array.from(document.querySelectorAll?.('a[href], area[href]') ?? [])) {
    const href = a.getAttribute?.('href')?.trim();
    if (!href) continue;
    let url: URL;
    try {
      url = new URL(href, base);
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    url.hash = '';
    seen.add(url.href);
  }
  return [...seen];
}
