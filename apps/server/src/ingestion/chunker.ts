// Turns a parsed document into retrieval chunks of at most `chunkSize` tokens (o200k_base), following
// the document's structure instead of cutting it every N characters:
//   - a heading opens a section; every chunk under it carries the heading path (outermost first), and
//     the first chunk of a section starts with the heading's own text;
//   - paragraphs, lists, tables and code blocks stay whole when they fit, packed greedily in order;
//   - a block that does not fit is split at sentence boundaries (Intl.Segmenter, so Hebrew, Persian,
//     Arabic and Russian punctuation is understood), code at line breaks, tables by rows with the
//     header row repeated; a sentence that does not fit is split between words, and a single word
//     longer than a chunk (a URL, a base64 blob) between characters, never inside a surrogate pair
//     or grapheme;
//   - each chunk after the first in a section starts with the last ≈chunkOverlap tokens of whole
//     sentences of the previous one (never more than half of it); when its last sentence alone is
//     longer than that, its last whole words instead (prose only: not half a table row or code line,
//     nor pieces of a word cut between characters). Overlap never crosses a heading.
//
// Offsets. The document's plain text is every block's text joined by "\n\n" (documentPlainText). A
// chunk's charStart/charEnd delimit a region of it, and the chunk's text is exactly
// `plainText.slice(charStart, charEnd)`, whether it is made of whole blocks, sentences or words. The
// region of a chunk with overlap starts inside the previous chunk's region (where the repeated
// sentences start), so regions of neighbouring chunks may intersect; they never go backwards. The one
// exception to "text is the slice": a chunk that continues a split table starts with the table's
// header row(s) and a "\n", followed by the slice (the header itself lies earlier in the plain text).
//
// Headings. A heading that opens a section is included at the start of its first chunk when it fits
// together with the first block; when it does not (a block that nearly fills a chunk on its own), the
// heading's text is left out of the chunk text and kept only in headingPath, rather than becoming a
// chunk of its own. A heading whose section is empty (the next heading is a sibling or a parent, or
// the document ends) becomes a chunk by itself; an empty parent heading directly followed by its
// child heading is carried into the child's first chunk. A "heading" longer than half a chunk is
// text a parser mistook for one: it is kept as chunks of its own rather than dropped.
//
// Token counts. Blocks and sentences are counted once each to pack chunks; the text of each chunk is
// then counted again, and that real count is what `tokenCount` holds and what is held to chunkSize.
import type { Block, Chunk, ParsedDocument } from './document-model.js';
import { detectLanguage } from './language-detector.js';
import { getTokenizer, type Tokenizer } from './tokenizer.js';

export interface ChunkOptions {
  /** Most tokens in a chunk (the assistant's retrieval.chunkSize). */
  readonly chunkSize: number;
  /** Tokens of whole sentences repeated from the previous chunk of the same section (retrieval.chunkOverlap). */
  readonly chunkOverlap: number;
  /** BCP 47 language for sentence and word segmentation; detected from the text when absent. */
  readonly language?: string;
}

/** What joins block texts in the document's plain text. */
export const BLOCK_SEPARATOR = '\n\n';

/** The document's plain text: every block's text, in order, joined by "\n\n". Chunk offsets point into it. */
export function documentPlainText(doc: Pick<ParsedDocument, 'blocks'>): string {
  return doc.blocks.map((block) => block.text).join(BLOCK_SEPARATOR);
}

export function chunkDocument(doc: ParsedDocument, options: ChunkOptions): Chunk[] {
  const chunkSize = Math.floor(options.chunkSize);
  if (!Number.isFinite(chunkSize) || chunkSize < 1)
    throw new RangeError(`chunkSize must be a positive number of tokens, got ${options.chunkSize}`);
  const chunkOverlap = Math.min(Math.max(Math.floor(options.chunkOverlap) || 0, 0), chunkSize - 1);
  const plain = documentPlainText(doc);
  const language = options.language ?? detectLanguage(plain);
  return new DocumentChunker(doc.blocks, plain, chunkSize, chunkOverlap, segmentersFor(language), getTokenizer()).run();
}

/** A stretch of the plain text, trimmed of surrounding white space, with its own token count. */
interface Span {
  readonly start: number;
  readonly end: number;
  readonly tokens: number;
  /** Index of the block it comes from. */
  readonly block: number;
  /** Holds a piece of a word cut between characters: no use repeating as overlap. */
  readonly fragment?: boolean;
}

/** What chunks are packed from: a whole block, or a sentence, line, row or word run of a bigger one. */
interface Unit extends Span {
  /** Part of a heading that opens the section. */
  readonly heading: boolean;
  /** A sentence or less: overlap may repeat it as it is, without looking for sentences inside. */
  readonly atomic: boolean;
  /** A table row's header row(s) + "\n", put before it when it opens a chunk, and its tokens with them. */
  readonly prefix?: string;
  readonly prefixedTokens?: number;
}

interface Segmenters {
  readonly sentence: Intl.Segmenter;
  readonly word: Intl.Segmenter;
  readonly grapheme: Intl.Segmenter;
}

const segmenterCache = new Map<string, Segmenters>();

function segmentersFor(language: string | undefined): Segmenters {
  const key = language ?? '';
  let segmenters = segmenterCache.get(key);
  if (!segmenters) {
    let locale: string | undefined = language;
    try {
      new Intl.Segmenter(locale);
    } catch {
      locale = undefined; // not a valid language tag: the root rules still segment every script
    }
    segmenters = {
      sentence: new Intl.Segmenter(locale, { granularity: 'sentence' }),
      word: new Intl.Segmenter(locale, { granularity: 'word' }),
      grapheme: new Intl.Segmenter(locale, { granularity: 'grapheme' }),
    };
    segmenterCache.set(key, segmenters);
  }
  return segmenters;
}

// A Markdown table's rule under the header row: |---|:--:| …
const TABLE_RULE = /^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$/;
/** A tail this long (chars per token of overlap, plus slack) holds the sentences overlap may take. */
const OVERLAP_WINDOW_PER_TOKEN = 10;
const OVERLAP_WINDOW_SLACK = 400;
/**
 * A word longer than a chunk is cut from a window of this many chars per token, widened when it holds
 * fewer tokens than a chunk (runs of "-" or spaces): BPE over a megabyte-long "word" is wasted work.
 */
const CUT_WINDOW_PER_TOKEN = 4;

/** A chunk being assembled: overlap spans, then units up to (not including) `end`. */
interface Draft {
  readonly lead: readonly Span[];
  readonly end: number;
  readonly text: string;
  readonly tokens: number;
}

interface PendingHeading {
  readonly block: number;
  readonly level: number;
}

class DocumentChunker {
  private readonly chunks: Chunk[] = [];
  private readonly blockStarts: number[] = [];

  constructor(
    private readonly blocks: readonly Block[],
    private readonly plain: string,
    private readonly chunkSize: number,
    private readonly chunkOverlap: number,
    private readonly segmenters: Segmenters,
    private readonly tokenizer: Tokenizer,
  ) {
    let offset = 0;
    for (const block of blocks) {
      this.blockStarts.push(offset);
      offset += block.text.length + BLOCK_SEPARATOR.length;
    }
  }

  run(): Chunk[] {
    const headings: { level: number; text: string }[] = [];
    let path: readonly string[] = [];
    let pending: PendingHeading[] = [];
    let body: Unit[] = [];
    const flushSection = () => {
      // Headings lead their section's first chunk; the headings of an empty section are its text.
      const lead = pending.flatMap((heading) => this.blockUnits(heading.block, body.length > 0));
      if (lead.length + body.length > 0) this.pack(path, [...lead, ...body]);
      pending = [];
      body = [];
    };
    this.blocks.forEach((block, index) => {
      if (!/\S/.test(block.text)) return;
      if (block.kind !== 'heading') {
        for (const unit of this.blockUnits(index, false)) body.push(unit);
        return;
      }
      const level = Math.min(Math.max(Math.floor(block.level ?? 1), 1), 6);
      // An empty heading directly followed by a deeper one is carried into that child's first chunk,
      // unless the headings waiting are too long to lead a chunk (text mistaken for a heading).
      const carried = body.length === 0 && pending.length > 0 && level > pending[pending.length - 1]!.level && this.fitsAsLead(pending);
      if (!carried) flushSection();
      while (headings.length > 0 && headings[headings.length - 1]!.level >= level) headings.pop();
      headings.push({ level, text: block.text.replace(/\s+/g, ' ').trim() });
      path = Object.freeze(headings.map((h) => h.text));
      pending.push({ block: index, level });
    });
    flushSection();
    return this.chunks;
  }

  /** Whether headings are short enough to open a chunk: at most half of one. */
  private fitsAsLead(pending: readonly PendingHeading[]): boolean {
    let tokens = 0;
    for (const heading of pending) {
      const start = this.blockStarts[heading.block]!;
      tokens += this.count(start, start + this.blocks[heading.block]!.text.length);
    }
    return tokens <= this.chunkSize / 2;
  }

  // ---- units -------------------------------------------------------------------------------------

  /** The units of one block: the whole block when it fits, else its sentences, lines or rows. */
  private blockUnits(block: number, heading: boolean): Unit[] {
    const start = this.blockStarts[block]!;
    const [s, e] = this.trim(start, start + this.blocks[block]!.text.length);
    if (s === e) return [];
    const tokens = this.count(s, e);
    if (tokens <= this.chunkSize) return [{ start: s, end: e, tokens, block, heading, atomic: false }];
    const unit = (span: Span): Unit => ({ ...span, heading, atomic: true });
    switch (this.blocks[block]!.kind) {
      case 'table':
        return this.tableUnits(block, s, e, heading);
      case 'code':
        return this.lines(block, s, e)
          .flatMap((line) => this.fitted(line))
          .map(unit);
      default:
        return this.sentences(block, s, e)
          .flatMap((sentence) => this.fitted(sentence))
          .map(unit);
    }
  }

  /**
   * Rows of a table too big for one chunk. The header row (and a Markdown rule under it) goes with the
   * first row; every later row carries the header as a prefix, used when that row opens a chunk.
   */
  private tableUnits(block: number, s: number, e: number, heading: boolean): Unit[] {
    const rows = this.lines(block, s, e);
    const headerRows = rows.length > 1 && TABLE_RULE.test(this.plain.slice(rows[1]!.start, rows[1]!.end)) ? 2 : 1;
    const plainRows = () => rows.flatMap((row) => this.fitted(row)).map((span): Unit => ({ ...span, heading, atomic: true }));
    if (rows.length <= headerRows) return plainRows();
    const prefix = `${this.plain.slice(rows[0]!.start, rows[headerRows - 1]!.end)}\n`;
    if (this.tokenizer.count(prefix) > this.chunkSize / 2) return plainRows(); // a "header" that big is not one
    const units: Unit[] = [];
    const first = rows[headerRows]!;
    const headed = this.count(rows[0]!.start, first.end);
    if (headed <= this.chunkSize) {
      units.push({ start: rows[0]!.start, end: first.end, tokens: headed, block, heading, atomic: true });
    } else {
      for (const row of rows.slice(0, headerRows + 1))
        units.push(...this.fitted(row).map((span): Unit => ({ ...span, heading, atomic: true })));
    }
    for (const row of rows.slice(headerRows + 1)) {
      const prefixedTokens = this.tokenizer.count(prefix + this.plain.slice(row.start, row.end));
      if (prefixedTokens <= this.chunkSize) units.push({ ...row, heading, atomic: true, prefix, prefixedTokens });
      else units.push(...this.fitted(row).map((span): Unit => ({ ...span, heading, atomic: true })));
    }
    return units;
  }

  /** Non-blank lines of [s, e), trimmed at the end only (code keeps its indentation). */
  private lines(block: number, s: number, e: number): Span[] {
    const lines: Span[] = [];
    let lineStart = s;
    while (lineStart < e) {
      const newline = this.plain.indexOf('\n', lineStart);
      const lineEnd = newline < 0 || newline > e ? e : newline;
      const [ts, te] = this.trim(lineStart, lineEnd);
      if (ts < te) {
        const start = this.blocks[block]!.kind === 'code' ? lineStart : ts;
        lines.push({ start, end: te, tokens: this.count(start, te), block });
      }
      lineStart = lineEnd + 1;
    }
    return lines;
  }

  /** Sentences of [s, e), trimmed. */
  private sentences(block: number, s: number, e: number): Span[] {
    const spans: Span[] = [];
    for (const { segment, index } of this.segmenters.sentence.segment(this.plain.slice(s, e))) {
      const [ts, te] = this.trim(s + index, s + index + segment.length);
      if (ts < te) spans.push({ start: ts, end: te, tokens: this.count(ts, te), block });
    }
    return spans;
  }

  /** The span itself when it fits in a chunk, else runs of whole words that do, else pieces of a word. */
  private fitted(span: Span): Span[] {
    if (span.tokens <= this.chunkSize) return [span];
    const words: Span[] = [];
    const text = this.plain.slice(span.start, span.end);
    for (const { segment, index } of this.segmenters.word.segment(text)) {
      const [ts, te] = this.trim(span.start + index, span.start + index + segment.length);
      if (ts >= te) continue;
      const tokens = this.count(ts, te);
      if (tokens <= this.chunkSize) words.push({ start: ts, end: te, tokens, block: span.block });
      else for (const piece of this.cutWord(ts, te, span.block)) words.push(piece);
    }
    return this.packSpans(words);
  }

  /**
   * A word longer than a chunk, cut into pieces of at most chunkSize tokens at grapheme boundaries (at
   * a code point boundary when one grapheme is itself longer than a chunk, which no language needs).
   */
  private cutWord(s: number, e: number, block: number): Span[] {
    const pieces: Span[] = [];
    let at = s;
    let reach = this.chunkSize * CUT_WINDOW_PER_TOKEN;
    while (at < e) {
      const window = this.plain.slice(at, Math.min(e, at + reach));
      let length = 0;
      let tokens = 0;
      for (let budget = this.chunkSize; budget > 0 && length === 0; budget--) {
        const cut = this.tokenizer.truncate(window, budget).length;
        if (cut === 0) break;
        if (cut === window.length && at + window.length < e) break; // the window was too short: widen it
        const boundary = cut === window.length ? cut : this.graphemeBoundary(window, cut);
        length = boundary > 0 ? boundary : cut;
        tokens = this.tokenizer.count(window.slice(0, length));
        if (tokens > this.chunkSize) length = 0; // re-encoding the shorter prefix merged differently: try a smaller budget
      }
      if (length === 0 && at + window.length < e && window.length === reach) {
        reach *= 2;
        continue;
      }
      if (length === 0) {
        // One code point longer than the whole chunk (chunkSize below 4 tokens): it goes alone.
        length = isHighSurrogate(window.charCodeAt(0)) && window.length > 1 ? 2 : 1;
        tokens = this.tokenizer.count(window.slice(0, length));
      }
      pieces.push({ start: at, end: at + length, tokens, block, fragment: true });
      at += length;
    }
    return pieces;
  }

  /** The last grapheme boundary at or before `at` in `text`, or 0 when the grapheme there starts the text. */
  private graphemeBoundary(text: string, at: number): number {
    const from = Math.max(0, at - 64);
    let boundary = from;
    for (const { index } of this.segmenters.grapheme.segment(text.slice(from, Math.min(text.length, at + 64)))) {
      if (from + index > at) break;
      boundary = from + index;
    }
    return boundary;
  }

  /** Consecutive spans of one block grouped greedily into runs of at most chunkSize tokens (each span fits alone). */
  private packSpans(spans: readonly Span[]): Span[] {
    const runs: Span[] = [];
    let i = 0;
    while (i < spans.length) {
      let j = i + 1;
      let estimate = spans[i]!.tokens;
      while (j < spans.length && estimate + this.gapTokens(spans[j - 1]!.end, spans[j]!.start) + spans[j]!.tokens <= this.chunkSize) {
        estimate += this.gapTokens(spans[j - 1]!.end, spans[j]!.start) + spans[j]!.tokens;
        j++;
      }
      for (;;) {
        const tokens = j - i === 1 ? spans[i]!.tokens : this.count(spans[i]!.start, spans[j - 1]!.end);
        if (tokens <= this.chunkSize) {
          const fragment = spans.slice(i, j).some((span) => span.fragment);
          runs.push({ start: spans[i]!.start, end: spans[j - 1]!.end, tokens, block: spans[i]!.block, ...(fragment ? { fragment } : {}) });
          break;
        }
        j--;
      }
      i = j;
    }
    return runs;
  }

  // ---- packing -----------------------------------------------------------------------------------

  /** Packs one section's units (its heading units first) into chunks. */
  private pack(path: readonly string[], units: readonly Unit[]): void {
    let overlap: Span[] = [];
    let i = 0;
    while (i < units.length) {
      const draft = this.fill(units, i, overlap);
      const members = units.slice(i, draft.end);
      if (draft.end < units.length && members.every((unit) => unit.heading) && this.spanTokens(members) <= this.chunkSize / 2) {
        // The heading does not fit with what follows: leave it to headingPath rather than alone in a chunk.
        i = draft.end;
        overlap = [];
        continue;
      }
      this.emit(path, draft, members);
      overlap = this.overlapAfter(members, draft.tokens);
      i = draft.end;
    }
  }

  /**
   * The chunk that starts with units[i]: as much of the overlap as leaves room for that unit, then as
   * many units as the estimate allows, held to the real count (dropping overlap first, then units).
   */
  private fill(units: readonly Unit[], i: number, overlap: readonly Span[]): Draft {
    const first = units[i]!;
    // A continued table row takes its overlap from the same table only (the header goes first).
    let lead = first.prefix === undefined ? overlap : overlap.filter((span) => span.block === first.block);
    const open = first.prefixedTokens ?? first.tokens;
    const leadTokens = () => (lead.length > 0 ? this.spanTokens(lead) + this.gapTokens(lead[lead.length - 1]!.end, first.start) : 0);
    while (lead.length > 0 && leadTokens() + open > this.chunkSize) lead = lead.slice(1);
    let estimate = leadTokens() + open;
    let end = i + 1;
    while (end < units.length) {
      const add = this.gapTokens(units[end - 1]!.end, units[end]!.start) + units[end]!.tokens;
      if (estimate + add > this.chunkSize) break;
      estimate += add;
      end++;
    }
    // A lone unit was counted as it is (with its prefix); one unit always fits.
    if (lead.length === 0 && end === i + 1) return { lead, end, text: this.compose(lead, units, i, end), tokens: open };
    for (;;) {
      const text = this.compose(lead, units, i, end);
      const tokens = this.tokenizer.count(text);
      if (tokens <= this.chunkSize) return { lead, end, text, tokens };
      if (lead.length > 0) lead = lead.slice(1);
      else end--;
    }
  }

  private compose(lead: readonly Span[], units: readonly Unit[], i: number, end: number): string {
    const first = units[i]!;
    const body = this.plain.slice(lead[0]?.start ?? first.start, units[end - 1]!.end);
    return first.prefix === undefined ? body : first.prefix + body;
  }

  private emit(path: readonly string[], draft: Draft, members: readonly Unit[]): void {
    let pageStart: number | undefined;
    let pageEnd: number | undefined;
    for (const span of [...draft.lead, ...members]) {
      const page = this.blocks[span.block]!.page;
      if (page === undefined) continue;
      if (pageStart === undefined || page < pageStart) pageStart = page;
      if (pageEnd === undefined || page > pageEnd) pageEnd = page;
    }
    const chunk: Chunk = {
      index: this.chunks.length,
      text: draft.text,
      tokenCount: draft.tokens,
      headingPath: path,
      charStart: draft.lead[0]?.start ?? members[0]!.start,
      charEnd: members[members.length - 1]!.end,
      ...(pageStart !== undefined ? { pageStart, pageEnd } : {}),
    };
    this.chunks.push(chunk);
  }

  /**
   * The sentences the next chunk repeats: the last ones of this chunk, up to chunkOverlap tokens (and
   * never more than half the chunk). When even the last sentence is longer than that, its last words.
   */
  private overlapAfter(members: readonly Unit[], chunkTokens: number): Span[] {
    const budget = Math.min(this.chunkOverlap, Math.floor(chunkTokens / 2));
    if (budget <= 0) return [];
    const taken: Span[] = [];
    let used = 0;
    for (let m = members.length - 1; m >= 0; m--) {
      const member = members[m]!;
      if (member.heading || member.fragment) break;
      const sentences = member.atomic ? [member] : this.tailSentences(member, budget);
      // No whole sentence in reach (the block ends with a very long one): its last words, if nothing yet.
      if (sentences.length === 0) return taken.length > 0 ? taken : this.tailWords(member, budget);
      for (let k = sentences.length - 1; k >= 0; k--) {
        const sentence = sentences[k]!;
        const next = taken[0];
        const cost = sentence.tokens + (next ? this.gapTokens(sentence.end, next.start) : 0);
        if (used + cost > budget) return taken.length > 0 ? taken : this.tailWords(sentence, budget);
        taken.unshift(sentence);
        used += cost;
      }
    }
    return taken;
  }

  /** Sentences at the end of a whole-block unit, read from a window wide enough for `budget` tokens. */
  private tailSentences(unit: Unit, budget: number): Span[] {
    const from = Math.max(unit.start, unit.end - (budget * OVERLAP_WINDOW_PER_TOKEN + OVERLAP_WINDOW_SLACK));
    const spans: Span[] = [];
    for (const { segment, index } of this.segmenters.sentence.segment(this.plain.slice(from, unit.end))) {
      const [ts, te] = this.trim(from + index, from + index + segment.length);
      if (ts < te) spans.push({ start: ts, end: te, tokens: 0, block: unit.block });
    }
    // A window that starts inside the block starts mid-sentence: that first piece is not a sentence.
    if (from > unit.start) spans.shift();
    // Count only what overlap can use, from the end.
    const counted: Span[] = [];
    let used = 0;
    for (let k = spans.length - 1; k >= 0 && used <= budget; k--) {
      const tokens = this.count(spans[k]!.start, spans[k]!.end);
      counted.unshift({ ...spans[k]!, tokens });
      used += tokens;
    }
    return counted;
  }

  /** The longest run of whole words ending the sentence within `budget` tokens (prose only: half a table row or code line misleads). */
  private tailWords(sentence: Span, budget: number): Span[] {
    const kind = this.blocks[sentence.block]!.kind;
    if (kind === 'table' || kind === 'code') return [];
    const from = Math.max(sentence.start, sentence.end - (budget * OVERLAP_WINDOW_PER_TOKEN + OVERLAP_WINDOW_SLACK));
    // Words after white space first (no segmenter needed); word segmentation where words are not
    // space-separated (Chinese, Japanese, Thai) or the last space-separated "word" is too long.
    const spaced: number[] = from === sentence.start ? [from] : [];
    for (let at = from + 1; at < sentence.end; at++) {
      if (isSpace(this.plain.charCodeAt(at - 1)) && !isSpace(this.plain.charCodeAt(at))) spaced.push(at);
    }
    const start =
      this.earliestFitting(spaced, sentence.end, budget) ?? this.earliestFitting(this.wordStarts(from, sentence), sentence.end, budget);
    return start === undefined ? [] : [{ start, end: sentence.end, tokens: this.count(start, sentence.end), block: sentence.block }];
  }

  private wordStarts(from: number, sentence: Span): number[] {
    const starts: number[] = [];
    for (const { index, isWordLike } of this.segmenters.word.segment(this.plain.slice(from, sentence.end))) {
      if (isWordLike && (from === sentence.start || index > 0)) starts.push(from + index);
    }
    return starts;
  }

  /** The earliest of ascending `starts` from which [start, end) holds at most `budget` tokens (fewer the later). */
  private earliestFitting(starts: readonly number[], end: number, budget: number): number | undefined {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.count(starts[mid]!, end) <= budget) hi = mid;
      else lo = mid + 1;
    }
    return starts[lo];
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private count(s: number, e: number): number {
    return this.tokenizer.count(this.plain.slice(s, e));
  }

  /** Tokens of overlap spans with their gaps. */
  private spanTokens(spans: readonly Span[]): number {
    let total = 0;
    for (let k = 0; k < spans.length; k++) {
      total += spans[k]!.tokens;
      if (k > 0) total += this.gapTokens(spans[k - 1]!.end, spans[k]!.start);
    }
    return total;
  }

  /** Estimated tokens the white space between two spans adds: a single space joins the next word's token. */
  private gapTokens(end: number, start: number): number {
    return start - end === 1 && this.plain.charCodeAt(end) === 0x20 ? 0 : 1;
  }

  /** [s, e) without white space at either end. */
  private trim(s: number, e: number): [number, number] {
    while (s < e && isSpace(this.plain.charCodeAt(s))) s++;
    while (e > s && isSpace(this.plain.charCodeAt(e - 1))) e--;
    return [s, e];
  }
}

function isSpace(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
