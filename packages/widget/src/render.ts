// Turns the Markdown syntax tree into DOM nodes with createElement and text nodes only: model text is
// never parsed as HTML, links keep to http(s)/mailto and open in a new tab without the opener, and every
// paragraph takes its direction from its own text (dir="auto"), so Hebrew and English lines mix well.
import { parseMarkdown, type Block, type Inline } from './markdown.js';

export interface RenderOptions {
  /** Whether the answer has a source `n`; markers without one stay in the text as written. */
  readonly known: (n: number) => boolean;
  /** Accessible name of the button of source `n`. */
  readonly citeLabel: (n: number) => string;
}

export function renderMarkdown(doc: Document, source: string, options: RenderOptions): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  for (const block of parseMarkdown(source)) fragment.append(renderBlock(doc, block, options));
  return fragment;
}

function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attributes: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const element = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

function renderBlock(doc: Document, block: Block, options: RenderOptions): Node {
  switch (block.t) {
    case 'p':
      return withInline(doc, el(doc, 'p', { dir: 'auto' }), block.c, options);
    case 'h': {
      // The panel's own title is the h2: an answer's headings sit below it.
      const tag = (['h3', 'h4', 'h5', 'h6'] as const)[Math.min(block.level, 4) - 1]!;
      return withInline(doc, el(doc, tag, { dir: 'auto' }), block.c, options);
    }
    case 'pre': {
      const pre = el(doc, 'pre', { dir: 'ltr', tabindex: '0' });
      const code = el(doc, 'code');
      if (block.lang) code.setAttribute('data-lang', block.lang);
      code.textContent = block.v;
      pre.append(code);
      return pre;
    }
    case 'list': {
      const list = block.ordered ? el(doc, 'ol') : el(doc, 'ul');
      if (block.ordered && block.start !== 1) list.setAttribute('start', String(block.start));
      for (const item of block.items) list.append(withInline(doc, el(doc, 'li', { dir: 'auto' }), item, options));
      return list;
    }
    case 'quote': {
      const quote = el(doc, 'blockquote');
      for (const child of block.c) quote.append(renderBlock(doc, child, options));
      return quote;
    }
    case 'hr':
      return el(doc, 'hr');
  }
}

function withInline<T extends HTMLElement>(doc: Document, parent: T, nodes: readonly Inline[], options: RenderOptions): T {
  for (const node of nodes) parent.append(renderInline(doc, node, options));
  return parent;
}

function renderInline(doc: Document, node: Inline, options: RenderOptions): Node {
  switch (node.t) {
    case 'text':
      return doc.createTextNode(node.v);
    case 'br':
      return el(doc, 'br');
    case 'strong':
      return withInline(doc, el(doc, 'strong'), node.c, options);
    case 'em':
      return withInline(doc, el(doc, 'em'), node.c, options);
    case 'code': {
      const code = el(doc, 'code');
      code.textContent = node.v;
      return code;
    }
    case 'link':
      return withInline(doc, el(doc, 'a', { href: node.href, target: '_blank', rel: 'noopener noreferrer nofollow' }), node.c, options);
    case 'cite': {
      if (!options.known(node.n)) return doc.createTextNode(`[${node.n}]`);
      const button = el(doc, 'button', {
        type: 'button',
        class: 'cite',
        'data-n': String(node.n),
        'aria-label': options.citeLabel(node.n),
      });
      button.textContent = String(node.n);
      return button;
    }
  }
}
