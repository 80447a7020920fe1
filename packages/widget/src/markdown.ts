// A small Markdown parser for answers: the subset models write (paragraphs, line breaks, bold, italic,
// code, fenced code, lists, headings, quotes, links) plus Parley's `[n]` source markers. It returns a
// syntax tree, never HTML, so model text can only ever become text nodes (render.ts builds the DOM).
// It is forgiving on purpose: an answer is re-parsed while it streams, so an unclosed `**` or code fence
// must read sensibly until its end arrives.

export type Inline =
  | { readonly t: 'text'; readonly v: string }
  | { readonly t: 'br' }
  | { readonly t: 'strong'; readonly c: Inline[] }
  | { readonly t: 'em'; readonly c: Inline[] }
  | { readonly t: 'code'; readonly v: string }
  | { readonly t: 'link'; readonly href: string; readonly c: Inline[] }
  | { readonly t: 'cite'; readonly n: number };

export type Block =
  | { readonly t: 'p'; readonly c: Inline[] }
  | { readonly t: 'h'; readonly level: number; readonly c: Inline[] }
  | { readonly t: 'pre'; readonly lang: string; readonly v: string }
  | { readonly t: 'list'; readonly ordered: boolean; readonly start: number; readonly items: Inline[][] }
  | { readonly t: 'quote'; readonly c: Block[] }
  | { readonly t: 'hr' };

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w+#.-]*)/;
const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const BULLET = /^ {0,3}([-*+])[ \t]+(.*)$/;
const ORDERED = /^ {0,3}(\d{1,9})[.)][ \t]+(.*)$/;
const BLANK = /^[ \t]*$/;
/** A line of = or -- under a paragraph turns it into a heading (a lone "-" may be a list item still streaming). */
const SETEXT = /^ {0,3}(=+|-{2,})[ \t]*$/;

/** Whether `line` closes a code fence opened with `fence` (the same character, at least as many). */
function closesFence(line: string, fence: string): boolean {
  const m = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
  return m !== null && m[1]![0] === fence[0] && m[1]!.length >= fence.length;
}

/** Parses Markdown into blocks. */
export function parseMarkdown(source: string): Block[] {
  return parseBlocks(source.replace(/\r\n?/g, '\n').split('\n'));
}

function parseBlocks(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ t: 'p', c: parseInline(paragraph.join('\n').trim()) });
    paragraph = [];
  };

  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    let m: RegExpExecArray | null;
    if (BLANK.test(line)) {
      flush();
      i++;
    } else if ((m = FENCE.exec(line))) {
      flush();
      const fence = m[1]!;
      const body: string[] = [];
      i++;
      // An unclosed fence (a streaming answer) runs to the end of the text.
      while (i < lines.length && !closesFence(lines[i]!, fence)) {
        body.push(lines[i]!);
        i++;
      }
      i++;
      blocks.push({ t: 'pre', lang: m[2] ?? '', v: body.join('\n') });
    } else if ((m = HEADING.exec(line))) {
      flush();
      blocks.push({ t: 'h', level: m[1]!.length, c: parseInline(m[2]!) });
      i++;
    } else if (paragraph.length > 0 && (m = SETEXT.exec(line))) {
      blocks.push({ t: 'h', level: m[1]![0] === '=' ? 1 : 2, c: parseInline(paragraph.join('\n').trim()) });
      paragraph = [];
      i++;
    } else if (RULE.test(line)) {
      flush();
      blocks.push({ t: 'hr' });
      i++;
    } else if (QUOTE.test(line)) {
      flush();
      const inner: string[] = [];
      while (i < lines.length && (m = QUOTE.exec(lines[i]!))) {
        inner.push(m[1]!);
        i++;
      }
      blocks.push({ t: 'quote', c: parseBlocks(inner) });
    } else if (BULLET.test(line) || ((m = ORDERED.exec(line)) && (paragraph.length === 0 || m[1] === '1'))) {
      // (As in CommonMark, only a list numbered from 1 may interrupt a paragraph: "2023. was a good year" is text.)
      flush();
      i = parseList(lines, i, blocks);
    } else {
      paragraph.push(line);
      i++;
    }
  }
  flush();
  return blocks;
}

/** Reads one list starting at `start`; returns the index of the first line after it. */
function parseList(lines: readonly string[], start: number, blocks: Block[]): number {
  const first = lines[start]!;
  const orderedMatch = ORDERED.exec(first);
  const ordered = orderedMatch !== null;
  const marker = ordered ? ORDERED : BULLET;
  const items: string[][] = [];
  let i = start;
  while (i < lines.length) {
    const line = lines[i]!;
    const m = marker.exec(line);
    if (m) {
      items.push([m[2]!]);
      i++;
      continue;
    }
    if (BLANK.test(line)) {
      // A blank line ends the list unless the next line is another item or an indented continuation.
      const next = lines[i + 1];
      if (next !== undefined && (marker.test(next) || /^[ \t]{2,}\S/.test(next))) {
        i++;
        continue;
      }
      break;
    }
    // Indented lines (and lazy continuation lines) belong to the current item. Items of a nested list
    // indented up to three spaces matched above and joined this list: nesting is flattened.
    if (/^[ \t]+\S/.test(line) || !startsBlock(line)) {
      items[items.length - 1]!.push(line.trim().replace(/^([-*+]|\d{1,9}[.)])[ \t]+/, '$1 '));
      i++;
      continue;
    }
    break;
  }
  blocks.push({
    t: 'list',
    ordered,
    start: orderedMatch ? Number(orderedMatch[1]) : 1,
    items: items.map((item) => parseInline(item.join('\n').trim())),
  });
  return i;
}

function startsBlock(line: string): boolean {
  return FENCE.test(line) || HEADING.test(line) || QUOTE.test(line) || BULLET.test(line) || ORDERED.test(line) || RULE.test(line);
}

// --- inline ---------------------------------------------------------------------------------------

const CODE_SPAN = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/y;
const LINK = /\[([^\]\n]+)\]\(\s*<?([^\s()<>]+(?:\([^\s()<>]*\))?)>?(?:\s+"[^"\n]*")?\s*\)/y;
const CITE = /\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]/y;
const STRONG = /(\*\*|__)(?=\S)([\s\S]*?\S)\1/y;
const EM_STAR = /\*(?=[^\s*])((?:[^*]|\*\*[^*]+\*\*)*?[^\s*])\*(?!\*)/y;
const EM_UNDERSCORE = /_(?=\S)([^_]*?\S)_(?![\p{L}\p{N}])/uy;
const AUTOLINK = /https?:\/\/[^\s<>"]*[^\s<>".,;:!?'")\]]/y;
const SPECIAL = /[`[*_\n\\h]/g;

/** Links are allowed to these schemes only: no javascript:, data: or relative URLs. */
export function safeHref(href: string): string | null {
  return /^(https?:\/\/|mailto:)/i.test(href.trim()) ? href.trim() : null;
}

/**
 * Parses inline Markdown. Inside link text (`inLink`) there are no links or source markers, since an
 * element cannot be both a link and a button.
 */
export function parseInline(text: string, inLink = false): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const push = (node: Inline) => {
    if (plain) out.push({ t: 'text', v: plain });
    plain = '';
    out.push(node);
  };
  const at = (re: RegExp, i: number) => {
    re.lastIndex = i;
    return re.exec(text);
  };

  let i = 0;
  while (i < text.length) {
    SPECIAL.lastIndex = i;
    const found = SPECIAL.exec(text);
    if (!found) break;
    plain += text.slice(i, found.index);
    i = found.index;
    const ch = text[i]!;
    let m: RegExpExecArray | null;

    if (ch === '\n') {
      push({ t: 'br' });
      i++;
    } else if (ch === '\\' && /[\\`*_[\]()#+\-.!>]/.test(text[i + 1] ?? '')) {
      plain += text[i + 1];
      i += 2;
    } else if (ch === '`' && (m = at(CODE_SPAN, i))) {
      push({ t: 'code', v: m[2]!.replace(/^ (.+) $/, '$1') });
      i += m[0].length;
    } else if (ch === '[' && !inLink && (m = at(LINK, i))) {
      const href = safeHref(m[2]!);
      const children = parseInline(m[1]!, true);
      if (href) push({ t: 'link', href, c: children });
      else for (const child of children) push(child);
      i += m[0].length;
    } else if (ch === '[' && !inLink && (m = at(CITE, i))) {
      for (const n of m[1]!.split(',')) push({ t: 'cite', n: Number(n.trim()) });
      i += m[0].length;
    } else if ((ch === '*' || ch === '_') && (m = at(STRONG, i)) && (ch === '*' || !wordBefore(text, i))) {
      push({ t: 'strong', c: parseInline(m[2]!, inLink) });
      i += m[0].length;
    } else if (ch === '*' && (m = at(EM_STAR, i))) {
      push({ t: 'em', c: parseInline(m[1]!, inLink) });
      i += m[0].length;
    } else if (ch === '_' && !wordBefore(text, i) && (m = at(EM_UNDERSCORE, i))) {
      push({ t: 'em', c: parseInline(m[1]!, inLink) });
      i += m[0].length;
    } else if (ch === 'h' && !inLink && !wordBefore(text, i) && (m = at(AUTOLINK, i))) {
      push({ t: 'link', href: m[0], c: [{ t: 'text', v: m[0] }] });
      i += m[0].length;
    } else {
      plain += ch;
      i++;
    }
  }
  plain += text.slice(i);
  if (plain) out.push({ t: 'text', v: plain });
  return out;
}

/** Whether the character before `i` is a letter or digit (snake_case words and mid-word URLs are not markup). */
function wordBefore(text: string, i: number): boolean {
  return i > 0 && /[\p{L}\p{N}]/u.test(text[i - 1]!);
}
