// The `[n]` source markers of an answer: found in plain text only (never in code, inline code or links)
// and turned into `<cite data-n>` elements that the Markdown renderer draws as small source buttons.
// `[1, 2]` and `[1][2]` are both understood; a marker with no matching citation stays plain text.

export type CitationPart = string | { n: number };

// One to three digits, optionally a comma list: "[2]", "[1, 3]". Longer numbers are not source markers.
const MARKER = /\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]/g;

/**
 * Splits text into plain pieces and citation numbers. Only numbers for which `known(n)` is true become
 * citations; the rest stay in the text as written.
 */
export function splitCitationMarkers(text: string, known: (n: number) => boolean = () => true): CitationPart[] {
  const parts: CitationPart[] = [];
  let last = 0;
  for (const match of text.matchAll(MARKER)) {
    const numbers = match[1]!.split(',').map((s) => Number(s.trim()));
    if (!numbers.every(known)) continue;
    if (match.index > last) parts.push(text.slice(last, match.index));
    for (const n of numbers) parts.push({ n });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return mergeStrings(parts);
}

function mergeStrings(parts: CitationPart[]): CitationPart[] {
  const out: CitationPart[] = [];
  for (const part of parts) {
    const previous = out[out.length - 1];
    if (typeof part === 'string' && typeof previous === 'string') out[out.length - 1] = previous + part;
    else out.push(part);
  }
  return out;
}

/** The citation numbers an answer's text refers to, in order of first appearance. */
export function citedNumbers(text: string): number[] {
  const seen = new Set<number>();
  for (const part of splitCitationMarkers(text)) if (typeof part !== 'string') seen.add(part.n);
  return [...seen];
}

// The few mdast shapes this plugin touches; typed here so the module needs no syntax-tree packages.
export interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
  data?: { hName?: string; hProperties?: Record<string, unknown>; hChildren?: unknown[] };
}

/** Nodes whose text must stay as written: code has its own node types, links cannot hold buttons. */
const SKIP = new Set(['code', 'inlineCode', 'link', 'linkReference', 'definition', 'html']);

/** A remark plugin: `[n]` in text nodes becomes a `cite` element carrying `data-n`. */
export function remarkCitations(options: { known: (n: number) => boolean }) {
  return (tree: MdNode): void => transformCitations(tree, options.known);
}

export function transformCitations(node: MdNode, known: (n: number) => boolean): void {
  if (!node.children || SKIP.has(node.type)) return;
  const next: MdNode[] = [];
  for (const child of node.children) {
    if (child.type !== 'text' || child.value === undefined) {
      transformCitations(child, known);
      next.push(child);
      continue;
    }
    for (const part of splitCitationMarkers(child.value, known)) {
      if (typeof part === 'string') next.push({ type: 'text', value: part });
      else
        next.push({
          type: 'text',
          value: String(part.n),
          data: { hName: 'cite', hProperties: { dataN: part.n } },
        });
    }
  }
  node.children = next;
}
