// Turns the positioned text runs of PDF pages into blocks in logical reading order: runs into lines
// (same baseline), lines into paragraphs (vertical gaps, type size), bullet lines into lists, lines
// with column gaps into tables, large type into headings, every block with its page.
//
// A line is put in order from its runs' positions, not from the order they were drawn in. In a
// right-to-left line the runs are taken right to left, and runs of left-to-right text inside it
// (English words, with the numbers and punctuation between them) are read left to right, as the
// Unicode bidi algorithm reads them; numbers standing alone keep their right-to-left place. Which
// direction a line has is decided by lineIsRtl. Spaces come from the gaps between runs (pdf.js's own
// text drops the space between runs drawn separately: "בשנת2024" for "בשנת 2024"); a zero gap between
// two Arabic-script runs where the first ends in a joining letter is a zero-width non-joiner that the
// PDF did not keep as text (می‌شود).
import type { Block } from '../document-model.js';

/** One text run, in page display space (y grows downward, y is the baseline). */
export interface PdfTextRun {
  readonly str: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  /** Font size in display units. */
  readonly size: number;
  readonly dir: string;
  /** Runs drawn by one text-showing operation share a chunk number (drawing order, per page). */
  readonly chunk?: number;
}

export interface PdfLine {
  readonly text: string;
  readonly y: number;
  readonly size: number;
  readonly left: number;
  readonly right: number;
  readonly rtl: boolean;
  /** The line has gaps wide enough to be table columns; its text separates them with " | ". */
  readonly cells: boolean;
}

export interface PdfPageText {
  readonly page: number;
  readonly height: number;
  readonly lines: readonly PdfLine[];
}

type RunClass = 'R' | 'L' | 'EN' | 'N';

const RTL_LETTER =
  /[\u05D0-\u05EA\u05EF-\u05F2\u0620-\u064A\u066E-\u06D3\u06D5\u06EE\u06EF\u06FA-\u06FC\u06FF\u0750-\u077F\u08A0-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]/;
const LTR_LETTER = /(?![\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF])\p{L}/u;
const DIGIT = /[0-9\u0660-\u0669\u06F0-\u06F9]/;
// Arabic-script letters that join to the letter after them (dual-joining), and any Arabic-script letter.
const DUAL_JOINING = /[\u0626\u0628\u062A-\u062E\u0633-\u063A\u0641-\u0647\u064A\u067E\u0686\u06A9\u06AF\u06CC\u0640]$/;
const ARABIC_LETTER_START = /^[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FC]/;
const SPACE_GAP = 0.15; // of the font size: a space in common fonts is 0.25–0.33 em, kerning is well under 0.1
const JOINED_GAP = 0.05;
const COLUMN_GAP = 2.5; // wider than any word space, even in justified text
const NO_SPACE_AFTER = /[([{«]$|(?:^|[\s"'׳״])[\u05D0-\u05EA]{1,3}[-\u05BE]$/;

function classify(run: PdfTextRun): RunClass {
  const rtl = RTL_LETTER.test(run.str);
  const ltr = LTR_LETTER.test(run.str);
  if (rtl && ltr) return run.dir === 'rtl' ? 'R' : 'L';
  if (rtl) return 'R';
  if (ltr) return 'L';
  return DIGIT.test(run.str) ? 'EN' : 'N';
}

interface Placed {
  readonly run: PdfTextRun;
  readonly cls: RunClass;
}

/**
 * Orders the runs of one line and joins them. `runs` are in drawing order; the result reads in
 * logical order.
 */
export function joinLine(runs: readonly PdfTextRun[], context: LineContext = {}): PdfLine | null {
  if (runs.length === 0) return null;
  const placed: Placed[] = runs.map((run) => ({ run, cls: classify(run) }));
  const rtl = lineIsRtl(placed, context);
  // Visual order in the line's direction (stable: ties keep drawing order).
  const visual = placed
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (rtl ? right(b.p.run) - right(a.p.run) : a.p.run.x - b.p.run.x) || a.i - b.i)
    .map((e) => e.p);
  // Gap (in units of font size) between visual neighbours k and k+1, in the line's direction.
  const gapAfter = (k: number): number => {
    const a = visual[k]!.run;
    const b = visual[k + 1]!.run;
    const gap = rtl ? a.x - right(b) : b.x - right(a);
    return gap / Math.max(1, Math.min(a.size, b.size));
  };
  // Runs against the line's direction: left-to-right text in an RTL line (a run that has Latin
  // letters; numbers on their own stay in place, as bidi keeps "12 34" apart in RTL text), or
  // right-to-left text in an LTR line. Neutral runs at a group's edges stay outside it.
  const against = (c: RunClass) => (rtl ? c === 'L' : c === 'R');
  const within = (c: RunClass) => (rtl ? c !== 'R' : c !== 'L');
  const order: { index: number; gap: number }[] = [];
  const inCore = new Set<number>();
  let k = 0;
  while (k < visual.length) {
    if (!within(visual[k]!.cls)) {
      order.push({ index: k, gap: k > 0 ? gapAfter(k - 1) : 0 });
      k++;
      continue;
    }
    let end = k;
    while (end + 1 < visual.length && within(visual[end + 1]!.cls)) end++;
    let first = k;
    let last = end;
    while (first <= last && !against(visual[first]!.cls)) first++;
    while (last >= first && !against(visual[last]!.cls)) last--;
    if (rtl && first <= last) {
      // Numbers touching the left-to-right words belong to them ("S9", "3M"), as in the bidi
      // algorithm a number after a Latin letter is read with it.
      const touching = (j: number) => gapAfter(j) < SPACE_GAP;
      while (first > k && touching(first - 1) && visual[first - 1]!.cls === 'EN') first--;
      while (last < end && touching(last) && visual[last + 1]!.cls === 'EN') last++;
    }
    for (let j = k; j < first; j++) order.push({ index: j, gap: j > 0 ? gapAfter(j - 1) : 0 });
    for (let j = first; j <= last; j++) inCore.add(j);
    if (first <= last) {
      // Read the group the other way round: its first run in logical order is its last visually.
      order.push({ index: last, gap: first > 0 ? gapAfter(first - 1) : 0 });
      for (let j = last - 1; j >= first; j--) order.push({ index: j, gap: gapAfter(j) });
    }
    for (let j = last + 1; j <= end; j++) order.push({ index: j, gap: gapAfter(j - 1) });
    k = end + 1;
  }
  let text = '';
  let cells = false;
  for (let n = 0; n < order.length; n++) {
    const { index, gap } = order[n]!;
    const { run, cls } = visual[index]!;
    // Punctuation read right to left was drawn left to right (".)" for ")."): turn it round. Inside
    // a left-to-right group it keeps its order.
    const str = rtl && cls === 'N' && run.str.length > 1 && !inCore.has(index) ? [...run.str].reverse().join('') : run.str;
    if (n > 0 && text.length > 0) {
      // A space is already there, or none belongs there whatever the gap: after an opening bracket
      // or a Hebrew prefix's hyphen ("ה-AI": where the direction
      // changes, LibreOffice leaves a gap in justified lines that is not a space).
      const spaced = /\s$/.test(text) || /^\s/.test(str) || NO_SPACE_AFTER.test(text);
      if (gap >= COLUMN_GAP) {
        text = text.trimEnd() + ' | ';
        cells = true;
      } else if (!spaced && gap >= SPACE_GAP) text += ' ';
      else if (!spaced && rtl && Math.abs(gap) < JOINED_GAP && DUAL_JOINING.test(text) && ARABIC_LETTER_START.test(str)) text += '\u200C';
    }
    text += cells && text.endsWith(' | ') ? str.trimStart() : str;
  }
  let left = Infinity;
  let rightEdge = -Infinity;
  let size = 0;
  let y = 0;
  for (const p of placed) {
    left = Math.min(left, p.run.x);
    rightEdge = Math.max(rightEdge, right(p.run));
    if (p.run.size > size) size = p.run.size;
    y += p.run.y;
  }
  return { text: text.trim(), y: y / placed.length, size, left, right: rightEdge, rtl, cells };
}

function right(run: PdfTextRun): number {
  return run.x + run.width;
}

/** What the page says about its lines' direction. */
export interface LineContext {
  /** Most of the page's letters are right-to-left ones. */
  readonly pageRtl?: boolean;
  /** The page draws each line from its logical start (LibreOffice, Word), not left to right. */
  readonly logicalDrawing?: boolean;
}

/** How much the page's main direction weighs when a line mixes both. */
const PAGE_BIAS = 3;

/**
 * A line's paragraph direction. A line with right-to-left letters only is right to left. For other
 * lines, the best witness is the order the producer drew it in, where the page shows that
 * it draws lines from their logical start (LibreOffice and Word do): a line drawn from its right end
 * is right to left. Otherwise its letters are weighed, those of the page's main direction counting
 * three times: a Hebrew sentence full of names ("Rio Tinto ו-BHP Billiton") stays right to left on a
 * Hebrew page, an English line with one Hebrew word stays left to right. (Alignment is no guide:
 * LibreOffice sets right-to-left paragraphs from HTML flush left.)
 */
function lineIsRtl(placed: readonly Placed[], context: LineContext): boolean {
  let rtlWeight = 0;
  let ltrWeight = 0;
  for (const p of placed) {
    if (p.cls === 'R') rtlWeight += p.run.str.length;
    else if (p.cls === 'L') ltrWeight += p.run.str.length;
  }
  if (rtlWeight > 0 && ltrWeight === 0) return true;
  if (context.logicalDrawing) {
    // Also for a line without right-to-left letters: one that ends a right-to-left paragraph
    // ("SUPERVOOC)." after a Hebrew sentence) is drawn from its right end too.
    const start = drawnFrom(placed.map((p) => p.run));
    if (start) return start === 'right';
  }
  if (rtlWeight === 0) return ltrWeight === 0 && context.pageRtl === true;
  const r = rtlWeight * (context.pageRtl === true ? PAGE_BIAS : 1);
  const l = ltrWeight * (context.pageRtl === false ? PAGE_BIAS : 1);
  return r > l || (r === l && context.pageRtl === true);
}

/** Which end of the line its first-drawn text sits at, if it sits at one end only. */
function drawnFrom(runs: readonly PdfTextRun[]): 'left' | 'right' | null {
  if (runs.length < 2) return null;
  let left = Infinity;
  let rightEdge = -Infinity;
  for (const run of runs) {
    left = Math.min(left, run.x);
    rightEdge = Math.max(rightEdge, right(run));
  }
  // The first text-showing operation, whose glyphs may have been cut into several runs.
  const first = runs[0]!;
  let firstLeft = first.x;
  let firstRight = right(first);
  if (first.chunk !== undefined) {
    for (const run of runs) {
      if (run.chunk !== first.chunk) continue;
      firstLeft = Math.min(firstLeft, run.x);
      firstRight = Math.max(firstRight, right(run));
    }
  }
  const tolerance = first.size * 0.1;
  const atLeft = firstLeft - left <= tolerance;
  const atRight = rightEdge - firstRight <= tolerance;
  return atLeft === atRight ? null : atLeft ? 'left' : 'right';
}

/** Groups runs (in drawing order) into lines by baseline, each line joined in logical order. */
export function runsToLines(runs: readonly PdfTextRun[]): PdfLine[] {
  const groups: PdfTextRun[][] = [];
  let current: PdfTextRun[] = [];
  let baseline = 0;
  let lineSize = 0;
  let rtlLetters = 0;
  let ltrLetters = 0;
  for (const run of runs) {
    if (!run.str.trim()) continue;
    if (current.length > 0 && Math.abs(run.y - baseline) > 0.5 * Math.min(run.size, lineSize)) {
      groups.push(current);
      current = [];
    }
    if (current.length === 0) {
      baseline = run.y;
      lineSize = run.size;
    }
    current.push(run);
    const cls = classify(run);
    if (cls === 'R') rtlLetters += run.str.length;
    else if (cls === 'L') ltrLetters += run.str.length;
  }
  if (current.length > 0) groups.push(current);
  // Lines in right-to-left letters only show how the producer draws: from the right end (logical
  // order) or from the left (visual order).
  let fromRight = 0;
  let fromLeft = 0;
  for (const group of groups) {
    if (!group.every((run) => classify(run) !== 'L' && !LTR_LETTER.test(run.str))) continue;
    const start = drawnFrom(group);
    if (start === 'right') fromRight++;
    else if (start === 'left') fromLeft++;
  }
  const context: LineContext = { pageRtl: rtlLetters > ltrLetters, logicalDrawing: fromRight > fromLeft };
  const lines: PdfLine[] = [];
  for (const group of groups) {
    const line = joinLine(group, context);
    if (line && line.text) lines.push(line);
  }
  return lines;
}

const PAGE_NUMBER = /^(?:(?:page|p\.|стр\.?|página|pagina|seite)\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:\/|of|из|de|von)\s*\d{1,4})?$/i;
const BULLET = /^(?:[•◦▪▫●○■□‣⁃·]\s*|[–-]\s+)(?=\S)/;
const SENTENCE_END = /[.!?:;؟؛。]$/;

interface Paragraph {
  lines: PdfLine[];
  page: number;
}

/** The type size that most of the text is set in. */
export function bodySize(pages: readonly PdfPageText[]): number {
  const weight = new Map<number, number>();
  for (const page of pages) {
    for (const line of page.lines) {
      const key = Math.round(line.size * 2) / 2;
      weight.set(key, (weight.get(key) ?? 0) + line.text.length);
    }
  }
  let best = 0;
  let bestWeight = -1;
  for (const [size, w] of weight) {
    if (w > bestWeight) {
      best = size;
      bestWeight = w;
    }
  }
  return best;
}

function paragraphsOf(page: PdfPageText): Paragraph[] {
  const lines = page.lines.filter((line) => {
    const nearEdge = line.y < page.height * 0.08 || line.y > page.height * 0.92;
    return !(nearEdge && PAGE_NUMBER.test(line.text));
  });
  if (lines.length === 0) return [];
  let minLeft = Infinity;
  let maxRight = -Infinity;
  for (const line of lines) {
    minLeft = Math.min(minLeft, line.left);
    maxRight = Math.max(maxRight, line.right);
  }
  const width = Math.max(1, maxRight - minLeft);
  const paragraphs: Paragraph[] = [];
  let current: Paragraph | null = null;
  for (const line of lines) {
    const prev = current?.lines[current.lines.length - 1];
    let joins = false;
    if (current && prev) {
      const size = Math.max(prev.size, line.size);
      const delta = line.y - prev.y;
      const sameSize = Math.abs(prev.size - line.size) <= size * 0.1;
      // A full previous line (reaching the far margin) that does not end a sentence continues in a
      // double-spaced paragraph too.
      const full = prev.rtl ? prev.left - minLeft < width * 0.08 : maxRight - prev.right < width * 0.08;
      const bulletStarts = BULLET.test(line.text);
      if (prev.cells || line.cells) joins = prev.cells && line.cells && delta > 0 && delta <= size * 3;
      else
        joins =
          sameSize && !bulletStarts && delta > 0 && (delta <= size * 1.5 || (delta <= size * 2.6 && full && !SENTENCE_END.test(prev.text)));
    }
    if (joins) current!.lines.push(line);
    else {
      current = { lines: [line], page: page.page };
      paragraphs.push(current);
    }
  }
  return paragraphs;
}

// A line ending in a hyphen or dash after a letter or digit, or in an opening bracket, runs on into
// the next without a space; so does one whose successor starts with closing punctuation.
const RUNS_ON = /[\p{L}\p{N}][-‐–—]$|[([{«“„]$/u;
const CLOSES = /^[)\]}»”,.;:!?؟،؛]/;

function paragraphText(lines: readonly PdfLine[]): string {
  if (lines[0]!.cells) return lines.map((line) => line.text).join('\n');
  let text = '';
  for (const line of lines) {
    if (!text) text = line.text;
    else if (text.endsWith('\u00AD')) text = text.slice(0, -1) + line.text;
    else if (RUNS_ON.test(text) || CLOSES.test(line.text)) text += line.text;
    else text += ' ' + line.text;
  }
  return text;
}

/** Blocks of the whole document: headings by type size relative to the body text. */
export function pagesToBlocks(pages: readonly PdfPageText[]): Block[] {
  const body = bodySize(pages);
  const paragraphs = pages.flatMap(paragraphsOf);
  const isHeading = (p: Paragraph, text: string) =>
    body > 0 && !p.lines[0]!.cells && p.lines.length <= 3 && text.length <= 200 && p.lines[0]!.size >= body * 1.15;
  const texts = paragraphs.map((p) => paragraphText(p.lines));
  const headingSizes = [
    ...new Set(paragraphs.filter((p, i) => isHeading(p, texts[i]!)).map((p) => Math.round(p.lines[0]!.size * 2) / 2)),
  ].sort((a, b) => b - a);
  const blocks: Block[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    const text = texts[i]!;
    if (!text) continue;
    if (p.lines[0]!.cells) {
      blocks.push({ kind: 'table', text, page: p.page });
    } else if (isHeading(p, text)) {
      const level = Math.min(6, headingSizes.indexOf(Math.round(p.lines[0]!.size * 2) / 2) + 1);
      blocks.push({ kind: 'heading', level, text, page: p.page });
    } else if (BULLET.test(text)) {
      const item = text.replace(BULLET, '- ');
      const last = blocks[blocks.length - 1];
      if (last?.kind === 'list' && last.page === p.page) blocks[blocks.length - 1] = { ...last, text: `${last.text}\n${item}` };
      else blocks.push({ kind: 'list', text: item, page: p.page });
    } else {
      blocks.push({ kind: 'paragraph', text, page: p.page });
    }
  }
  return blocks;
}
