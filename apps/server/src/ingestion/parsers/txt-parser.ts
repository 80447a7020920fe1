// Plain text: paragraphs at blank lines; a paragraph whose every line starts with a bullet or a number
// is a list. Headings are recognised conservatively, and only for a single short line that stands
// alone above a longer paragraph: numbered titles ("1. Introduction", "2.3 Scope"), chapter and
// section titles ("Chapter 4", "Глава 2"), ALL-CAPS lines, and short title-like lines without
// closing punctuation ("Opening hours") when the text below them is a real paragraph.
import type { Block, ParsedDocument } from '../document-model.js';

const NUMBERED = /^((?:\d{1,2}\.){1,3}|\d{1,2}(?:\.\d{1,2}){1,2}|[IVXLC]{1,5}\.)\s+\p{Lu}/u;
const CHAPTER =
  /^(?:chapter|section|part|appendix|глава|раздел|часть|приложение|capítulo|seção|secção|parte|anexo|פרק|חלק|נספח|فصل|الفصل|بخش|باب|الباب)\s+[\p{L}\p{N}]/iu;
const CLOSING_PUNCTUATION = /[.!?,;…:؟،؛)\]"'»”]$/;
const LIST_LINE = /^\s*(?:[-*•·–+]|\d{1,3}[.)]|[a-z][.)])\s+\S/;

function headingLevel(line: string, next: string | undefined): number | null {
  if (line.length > 80 || !next || line.includes('\n')) return null;
  const numbered = line.match(NUMBERED);
  if (numbered) {
    if (/[.!?;,]$/.test(line)) return null;
    const depth = numbered[1]!.replace(/\.$/, '').split('.').length;
    return Math.min(6, /^[IVXLC]/.test(line) ? 1 : depth);
  }
  if (CHAPTER.test(line) && line.split(/\s+/).length <= 10) return 1;
  if (CLOSING_PUNCTUATION.test(line)) return null;
  const letters = line.replace(/[^\p{L}]/gu, '');
  if (letters.length < 3) return null;
  const words = line.split(/\s+/).length;
  if (letters === letters.toUpperCase() && letters !== letters.toLowerCase() && words <= 10) return 1;
  // A short unpunctuated line over a real paragraph (longer, ending a sentence).
  if (words <= 6 && next.length >= Math.max(40, line.length * 2) && /[.!?…:؟。]$/.test(next.trimEnd())) return 2;
  return null;
}

export function parseTxt(text: string): ParsedDocument {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((line) => line.replace(/[ \t\f\v]+/g, ' ').trim())
        .filter(Boolean)
        .join('\n'),
    )
    .filter(Boolean);
  const blocks: Block[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const paragraph = paragraphs[i]!;
    const lines = paragraph.split('\n');
    if (lines.length > 1 && lines.every((l) => LIST_LINE.test(l))) {
      blocks.push({ kind: 'list', text: paragraph });
      continue;
    }
    const level = headingLevel(paragraph, paragraphs[i + 1]);
    blocks.push(level === null ? { kind: 'paragraph', text: paragraph } : { kind: 'heading', level, text: paragraph });
  }
  return { kind: 'txt', blocks };
}
