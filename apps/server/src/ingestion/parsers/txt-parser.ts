// Plain text: paragraphs split at blank lines; short lines that stand alone and read like titles
// ("1. Introduction", "CHAPTER TWO", "Opening hours:") become headings.
import type { Block, ParsedDocument } from '../document-model.js';

const NUMBERED = /^(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.)\s+\S/;

function isHeading(paragraph: string): boolean {
  if (paragraph.includes('\n') || paragraph.length > 80) return false;
  if (/[.!?؟;,،]$/.test(paragraph)) return false;
  const letters = paragraph.replace(/[^\p{L}]/gu, '');
  if (letters.length < 2) return false;
  const upper = letters === letters.toUpperCase() && letters !== letters.toLowerCase();
  return upper || NUMBERED.test(paragraph) || /:$/.test(paragraph) || paragraph.split(/\s+/).length <= 6;
}

export function parseTxt(text: string): ParsedDocument {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((p) => p.replace(/[ \t]+/g, ' ').trim())
    .filter(Boolean);
  const blocks: Block[] = paragraphs.map((p, i) => {
    // A standalone short line followed by more text is a heading; the last paragraph never is.
    if (i < paragraphs.length - 1 && paragraphs.length > 2 && isHeading(p))
      return { kind: 'heading', level: NUMBERED.test(p) ? 2 : 1, text: p.replace(/:$/, '') };
    return { kind: 'paragraph', text: p };
  });
  return { kind: 'txt', blocks };
}
