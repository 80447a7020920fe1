// Markdown through marked's lexer: headings, paragraphs, lists, tables and code as blocks, inline
// markup reduced to its text (a link keeps its words).
import { lexer, type Token, type Tokens } from 'marked';
import type { Block, ParsedDocument } from '../document-model.js';

function inline(tokens: readonly Token[] | undefined, fallback: string): string {
  if (!tokens) return fallback;
  return tokens
    .map((t) => {
      if ('tokens' in t && t.tokens) return inline(t.tokens, (t as { text?: string }).text ?? '');
      if (t.type === 'br') return '\n';
      if (t.type === 'image') return (t as Tokens.Image).text;
      return decodeEntities((t as { text?: string }).text ?? t.raw);
    })
    .join('');
}

function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? m);
}

function listLines(list: Tokens.List, depth = 0): string[] {
  const lines: string[] = [];
  list.items.forEach((item, i) => {
    const marker = list.ordered ? `${Number(list.start || 1) + i}.` : '-';
    const own: string[] = [];
    const nested: string[] = [];
    for (const t of item.tokens) {
      if (t.type === 'list') nested.push(...listLines(t as Tokens.List, depth + 1));
      else own.push(inline('tokens' in t ? t.tokens : undefined, (t as { text?: string }).text ?? '').trim());
    }
    lines.push(`${'  '.repeat(depth)}${marker} ${own.filter(Boolean).join(' ')}`, ...nested);
  });
  return lines;
}

export function parseMarkdown(text: string): ParsedDocument {
  const blocks: Block[] = [];
  for (const t of lexer(text)) {
    switch (t.type) {
      case 'heading': {
        const h = t as Tokens.Heading;
        const s = inline(h.tokens, h.text).trim();
        if (s) blocks.push({ kind: 'heading', level: h.depth, text: s });
        break;
      }
      case 'paragraph':
      case 'text': {
        const s = inline((t as Tokens.Paragraph).tokens, (t as Tokens.Paragraph).text).trim();
        if (s) blocks.push({ kind: 'paragraph', text: s });
        break;
      }
      case 'blockquote': {
        const s = inline((t as Tokens.Blockquote).tokens, (t as Tokens.Blockquote).text).trim();
        if (s) blocks.push({ kind: 'paragraph', text: s });
        break;
      }
      case 'list':
        blocks.push({ kind: 'list', text: listLines(t as Tokens.List).join('\n') });
        break;
      case 'table': {
        const table = t as Tokens.Table;
        const row = (cells: Tokens.TableCell[]) => cells.map((c) => inline(c.tokens, c.text).trim()).join(' | ');
        blocks.push({ kind: 'table', text: [row(table.header), ...table.rows.map(row)].join('\n') });
        break;
      }
      case 'code':
        if ((t as Tokens.Code).text.trim()) blocks.push({ kind: 'code', text: (t as Tokens.Code).text });
        break;
      case 'html': {
        const s = (t as Tokens.HTML).text
          .replace(/<[^>]*>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim();
        if (s) blocks.push({ kind: 'paragraph', text: s });
        break;
      }
      default:
        break;
    }
  }
  const h1 = blocks.find((b) => b.kind === 'heading' && b.level === 1);
  return { kind: 'markdown', ...(h1 ? { title: h1.text } : {}), blocks };
}
