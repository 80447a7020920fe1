// Markdown through marked's lexer (no HTML rendering): headings, paragraphs, lists, tables, quotes and
// code become blocks of plain text. Inline markup is reduced to its words: a link keeps its text, an
// image its alt text, inline HTML tags go. YAML front matter is dropped, its `title` kept.
import { lexer, type Token, type Tokens } from 'marked';
import type { Block, ParsedDocument } from '../document-model.js';

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  euro: '€',
  deg: '°',
  times: '×',
  middot: '·',
  bull: '•',
};
const ENTITY = /&(?:#(\d{1,7})|#x([\da-f]{1,6})|([a-z]+));/gi;

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (match, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    const code = dec ? Number(dec) : hex ? parseInt(hex, 16) : undefined;
    if (code !== undefined) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
    return NAMED_ENTITIES[name!.toLowerCase()] ?? match;
  });
}

/** Plain text of inline tokens. Soft line breaks read as spaces, hard ones (`br`) as line breaks. */
function inlineText(tokens: readonly Token[] | undefined): string {
  if (!tokens) return '';
  let out = '';
  for (const t of tokens) {
    switch (t.type) {
      case 'br':
        out += '\n';
        break;
      case 'html':
      case 'checkbox':
        break;
      case 'text':
        out += 'tokens' in t && t.tokens ? inlineText(t.tokens) : decodeEntities((t as Tokens.Text).text).replace(/\s*\n\s*/g, ' ');
        break;
      case 'codespan':
      case 'escape':
        out += decodeEntities((t as Tokens.Codespan).text);
        break;
      case 'image':
        out += (t as Tokens.Image).text;
        break;
      default:
        if ('tokens' in t && t.tokens) out += inlineText(t.tokens);
        else if ('text' in t && typeof t.text === 'string') out += decodeEntities(t.text);
    }
  }
  return out;
}

const tidy = (s: string) =>
  s
    .replace(/[ \t]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim();

function listLines(list: Tokens.List, depth: number): string[] {
  const lines: string[] = [];
  list.items.forEach((item, i) => {
    const marker = list.ordered ? `${Number(list.start === '' ? 1 : list.start) + i}.` : '-';
    const own: string[] = [];
    const nested: string[] = [];
    for (const t of item.tokens) {
      if (t.type === 'list') nested.push(...listLines(t as Tokens.List, depth + 1));
      else if (t.type === 'code') own.push((t as Tokens.Code).text);
      else own.push(tidy(inlineText('tokens' in t ? t.tokens : undefined)).replace(/\n/g, ' '));
    }
    const text = own.filter(Boolean).join(' ');
    if (text) lines.push(`${'  '.repeat(depth)}${marker} ${text}`);
    lines.push(...nested);
  });
  return lines;
}

function stripTags(html: string): string {
  return decodeEntities(html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' '));
}

function walk(tokens: readonly Token[], blocks: Block[]): void {
  for (const t of tokens) {
    switch (t.type) {
      case 'heading': {
        const text = tidy(inlineText((t as Tokens.Heading).tokens)).replace(/\n/g, ' ');
        if (text) blocks.push({ kind: 'heading', level: (t as Tokens.Heading).depth, text });
        break;
      }
      case 'paragraph':
      case 'text': {
        const text = tidy(inlineText((t as Tokens.Paragraph).tokens ?? [{ type: 'text', raw: t.raw, text: t.raw } as Token]));
        if (text) blocks.push({ kind: 'paragraph', text });
        break;
      }
      case 'blockquote':
        walk((t as Tokens.Blockquote).tokens, blocks);
        break;
      case 'list': {
        const text = listLines(t as Tokens.List, 0).join('\n');
        if (text) blocks.push({ kind: 'list', text });
        break;
      }
      case 'table': {
        const table = t as Tokens.Table;
        const row = (cells: readonly Tokens.TableCell[]) => cells.map((c) => tidy(inlineText(c.tokens)).replace(/\n/g, ' ')).join(' | ');
        blocks.push({ kind: 'table', text: [row(table.header), ...table.rows.map(row)].join('\n') });
        break;
      }
      case 'code': {
        const text = (t as Tokens.Code).text.replace(/\s+$/, '');
        if (text.trim()) blocks.push({ kind: 'code', text });
        break;
      }
      case 'html': {
        const text = tidy(stripTags((t as Tokens.HTML).text).replace(/\s+/g, ' '));
        if (text) blocks.push({ kind: 'paragraph', text });
        break;
      }
      default:
        // space, hr, def (link reference definitions): no text of their own.
        break;
    }
  }
}

export function parseMarkdown(source: string): ParsedDocument {
  let text = source;
  let title: string | undefined;
  const front = text.match(FRONT_MATTER);
  if (front) {
    text = text.slice(front[0].length);
    title =
      front[1]!
        .match(/^title:[ \t]*(.+)$/m)?.[1]
        ?.trim()
        .replace(/^(['"])(.*)\1$/, '$2') || undefined;
  }
  const blocks: Block[] = [];
  walk(lexer(text), blocks);
  title ??= blocks.find((b) => b.kind === 'heading' && b.level === 1)?.text;
  return { kind: 'markdown', ...(title ? { title } : {}), blocks };
}
