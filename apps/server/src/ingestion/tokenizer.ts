// Token counting for chunking and context budgets, with OpenAI's o200k_base byte-pair encoding (the
// ranks that js-tiktoken ships). Counts are exact: the same numbers as js-tiktoken's `encode(text)`,
// with special-token strings such as "<|endoftext|>" read as ordinary text, since they are document
// text here, not control tokens.
//
// js-tiktoken's own encoder is correct but slow for ingestion (~0.45 M tokens/s on English, 0.1–0.2 M/s
// on Russian or Hebrew: it keys its rank map by comma-joined byte lists and merges pairs by slicing
// arrays). This module keeps its ranks and pre-tokenisation pattern and replaces the hot path:
//   - ranks keyed by "binary" strings (one char per byte), so a piece is looked up without joins;
//   - a bounded cache of short pieces (words recur: most pieces never reach the merge loop);
//   - the merge loop on typed arrays, and a heap for very long pieces (a CJK run, a base64 blob), so
//     no piece costs quadratic time.
// The ranks load lazily, once per process, on first use (~0.3–0.9 s); call getTokenizer() at start
// to pay that cost before the first request.
import { createRequire } from 'node:module';

export interface Tokenizer {
  /** The byte-pair encoding counted. */
  readonly encoding: 'o200k_base';
  /** Number of tokens in `text`. */
  count(text: string): number;
  /**
   * A prefix of `text` of at most `maxTokens` tokens: the text of its first `maxTokens` tokens, cut
   * back to a code point boundary where a token ends inside a character (never half a surrogate pair).
   */
  truncate(text: string, maxTokens: number): string;
}

interface RankFile {
  readonly pat_str: string;
  readonly bpe_ranks: string;
}

/** Pieces up to this many UTF-16 units are cached (longer ones rarely recur). */
const CACHEABLE_PIECE = 24;
/** Entries before the piece cache is dropped and refilled: bounded memory (~a few MB), no LRU bookkeeping. */
const CACHE_LIMIT = 65_536;
/** Pieces longer than this many bytes merge through a heap (O(n log n)) instead of linear scans. */
const HEAP_MERGE_FROM = 128;
const NO_RANK = 0x7fffffff;
/** Slots in the token-pair memo (12 MiB of typed arrays); it is emptied when 60% full. */
const PAIR_MEMO_BITS = 20;
const PAIR_MEMO_SLOTS = 1 << PAIR_MEMO_BITS;

class BytePairTokenizer implements Tokenizer {
  readonly encoding = 'o200k_base' as const;
  private readonly pattern: RegExp;
  private readonly cache = new Map<string, number>();
  /** Token bytes by rank (a token's rank is its id). */
  private readonly tokenBytes: string[] = [];
  /** The token of each single byte, and the rank of each two-byte pair (the first merges of every piece). */
  private readonly byteToken = new Int32Array(256);
  private readonly byteRank = new Int32Array(65_536);
  /** Open-addressed memo of token pairs (left + 1, right) → rank; 0 in `left` marks a free slot. */
  private readonly pairMemo = {
    left: new Int32Array(PAIR_MEMO_SLOTS),
    right: new Int32Array(PAIR_MEMO_SLOTS),
    rank: new Int32Array(PAIR_MEMO_SLOTS),
    size: 0,
  };
  private readonly scratchIds = new Int32Array(HEAP_MERGE_FROM);
  private readonly scratchEnds = new Int32Array(HEAP_MERGE_FROM);
  private readonly scratchRanks = new Int32Array(HEAP_MERGE_FROM);

  constructor(
    patternSource: string,
    private readonly ranks: ReadonlyMap<string, number>,
  ) {
    // The contraction groups do not need capturing: a match array without groups is cheaper to build.
    this.pattern = new RegExp(patternSource.replaceAll("('s|", "(?:'s|"), 'gu');
    for (const [bytes, rank] of ranks) this.tokenBytes[rank] = bytes;
    for (let b = 0; b < 256; b++) {
      const single = ranks.get(String.fromCharCode(b));
      if (single === undefined) throw new Error(`o200k_base has no token for byte ${b}`);
      this.byteToken[b] = single;
    }
    for (let pair = 0; pair < 65_536; pair++) {
      this.byteRank[pair] = ranks.get(String.fromCharCode(pair >> 8, pair & 0xff)) ?? NO_RANK;
    }
  }

  count(text: string): number {
    const pattern = this.pattern;
    pattern.lastIndex = 0;
    let total = 0;
    let match: RegExpExecArray | null;
    while ((match = pattern.exec(text)) !== null) total += this.pieceCount(match[0]);
    return total;
  }

  truncate(text: string, maxTokens: number): string {
    if (maxTokens <= 0 || text.length === 0) return '';
    let budget = Math.floor(maxTokens);
    // Re-encoding a prefix can, rarely, merge differently from the whole; shrink until it fits.
    for (;;) {
      const prefix = this.prefixOf(text, budget);
      if (prefix.length === text.length || this.count(prefix) <= maxTokens) return prefix;
      budget -= 1;
      if (budget <= 0) return '';
    }
  }

  private prefixOf(text: string, budget: number): string {
    const pattern = this.pattern;
    pattern.lastIndex = 0;
    let used = 0;
    let match: RegExpExecArray | null;
    while ((match = pattern.exec(text)) !== null) {
      const piece = match[0];
      const tokens = this.pieceCount(piece);
      if (used + tokens <= budget) {
        used += tokens;
        continue;
      }
      // The piece crosses the budget: keep its first tokens, then back off to a code point boundary.
      const ends = this.tokenEnds(toBinary(piece));
      const keepBytes = ends[budget - used - 1] ?? 0;
      return text.slice(0, match.index + utf16LengthWithin(piece, keepBytes));
    }
    return text;
  }

  private pieceCount(piece: string): number {
    const cached = this.cache.get(piece);
    if (cached !== undefined) return cached;
    const bytes = toBinary(piece);
    let tokens = 1;
    if (bytes.length > 1 && !this.ranks.has(bytes)) {
      tokens = bytes.length >= HEAP_MERGE_FROM ? this.mergeWithHeap(bytes).length : this.mergeLinear(bytes);
    }
    if (piece.length <= CACHEABLE_PIECE) {
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(piece, tokens);
    }
    return tokens;
  }

  /** Byte offsets where each token of the piece ends (the last one is the piece's byte length). */
  private tokenEnds(bytes: string): number[] {
    if (bytes.length === 0) return [];
    if (bytes.length === 1 || this.ranks.has(bytes)) return [bytes.length];
    if (bytes.length >= HEAP_MERGE_FROM) return this.mergeWithHeap(bytes);
    const parts = this.mergeLinear(bytes);
    return Array.from(this.scratchEnds.subarray(0, parts));
  }

  /**
   * tiktoken's merge: repeatedly join the adjacent pair with the lowest rank (the leftmost on ties).
   * Parts are token ids (a part is always a token); `pairRank[i]` is the rank of part i joined with
   * part i + 1, which is the id of the merged token. Returns the number of tokens; their end offsets
   * are left in `scratchEnds`.
   */
  private mergeLinear(bytes: string): number {
    const n = bytes.length;
    const ids = this.scratchIds;
    const ends = this.scratchEnds;
    const pairRank = this.scratchRanks;
    for (let i = 0; i < n; i++) {
      ids[i] = this.byteToken[bytes.charCodeAt(i)]!;
      ends[i] = i + 1;
    }
    for (let i = 0; i < n - 1; i++) pairRank[i] = this.byteRank[(bytes.charCodeAt(i) << 8) | bytes.charCodeAt(i + 1)]!;
    let parts = n;
    for (;;) {
      let best = NO_RANK;
      let at = -1;
      for (let i = 0; i < parts - 1; i++) {
        const rank = pairRank[i]!;
        if (rank < best) {
          best = rank;
          at = i;
        }
      }
      if (at < 0) break;
      ids[at] = best;
      ends[at] = ends[at + 1]!;
      for (let i = at + 1; i < parts - 1; i++) {
        ids[i] = ids[i + 1]!;
        ends[i] = ends[i + 1]!;
        pairRank[i] = pairRank[i + 1]!;
      }
      parts -= 1;
      pairRank[at] = at + 1 < parts ? this.pairRankOf(best, ids[at + 1]!) : NO_RANK;
      if (at > 0) pairRank[at - 1] = this.pairRankOf(ids[at - 1]!, best);
    }
    return parts;
  }

  /** The rank of the token made of tokens `left` and `right`, or NO_RANK; memoised by id pair. */
  private pairRankOf(left: number, right: number): number {
    const memo = this.pairMemo;
    let slot = (Math.imul(left, 0x9e3779b1) ^ Math.imul(right, 0x85ebca77)) >>> (32 - PAIR_MEMO_BITS);
    for (;;) {
      const stored = memo.left[slot]!;
      if (stored === 0) break;
      if (stored === left + 1 && memo.right[slot] === right) return memo.rank[slot]!;
      slot = (slot + 1) & (PAIR_MEMO_SLOTS - 1);
    }
    const rank = this.ranks.get(this.tokenBytes[left]! + this.tokenBytes[right]!) ?? NO_RANK;
    if (memo.size >= PAIR_MEMO_SLOTS * 0.6) {
      memo.left.fill(0);
      memo.size = 0;
      return rank;
    }
    memo.left[slot] = left + 1;
    memo.right[slot] = right;
    memo.rank[slot] = rank;
    memo.size += 1;
    return rank;
  }

  /** The same merge order as mergeLinear, in O(n log n): a heap of (rank, start) with stale entries skipped. */
  private mergeWithHeap(bytes: string): number[] {
    const n = bytes.length;
    const next = new Int32Array(n + 1);
    const prev = new Int32Array(n + 1);
    const id = new Int32Array(n);
    const rankAt = new Int32Array(n + 1).fill(NO_RANK);
    for (let i = 0; i <= n; i++) {
      next[i] = i + 1;
      prev[i] = i - 1;
    }
    for (let i = 0; i < n; i++) id[i] = this.byteToken[bytes.charCodeAt(i)]!;
    const heap = new MinHeap();
    const pairRankAt = (start: number): number => {
      const mid = next[start]!;
      return mid >= n ? NO_RANK : this.pairRankOf(id[start]!, id[mid]!);
    };
    for (let i = 0; i < n - 1; i++) {
      rankAt[i] = this.byteRank[(bytes.charCodeAt(i) << 8) | bytes.charCodeAt(i + 1)]!;
      if (rankAt[i] !== NO_RANK) heap.push(rankAt[i]!, i);
    }
    while (heap.size > 0) {
      const [rank, start] = heap.pop();
      if (rankAt[start] !== rank) continue; // stale: the pair at `start` changed since it was pushed
      const mid = next[start]!;
      const after = next[mid]!;
      id[start] = rank;
      next[start] = after;
      prev[after] = start;
      rankAt[mid] = NO_RANK;
      rankAt[start] = pairRankAt(start);
      if (rankAt[start] !== NO_RANK) heap.push(rankAt[start]!, start);
      const before = prev[start]!;
      if (before >= 0) {
        rankAt[before] = pairRankAt(before);
        if (rankAt[before] !== NO_RANK) heap.push(rankAt[before]!, before);
      }
    }
    const ends: number[] = [];
    for (let i = next[0]!; i <= n; i = next[i]!) ends.push(i);
    return ends;
  }
}

/** A binary min-heap of (rank, start) pairs, ordered by rank then start (tiktoken's leftmost tie-break). */
class MinHeap {
  private keys: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  push(rank: number, start: number): void {
    const keys = this.keys;
    // rank < 2^31 and start < 2^21 pack exactly into a double (< 2^53).
    const key = rank * 2 ** 21 + start;
    let i = keys.length;
    keys.push(key);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! <= key) break;
      keys[i] = keys[parent]!;
      i = parent;
    }
    keys[i] = key;
  }

  pop(): [rank: number, start: number] {
    const keys = this.keys;
    const top = keys[0]!;
    const last = keys.pop()!;
    if (keys.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= keys.length) break;
        const right = left + 1;
        const child = right < keys.length && keys[right]! < keys[left]! ? right : left;
        if (keys[child]! >= last) break;
        keys[i] = keys[child]!;
        i = child;
      }
      keys[i] = last;
    }
    const start = top % 2 ** 21;
    return [(top - start) / 2 ** 21, start];
  }
}

// eslint-disable-next-line no-control-regex -- the ASCII range is the point
const ASCII = /^[\x00-\x7f]*$/;

/** The piece's UTF-8 bytes as a string of one char per byte (ASCII pieces are already that). */
function toBinary(piece: string): string {
  return ASCII.test(piece) ? piece : Buffer.from(piece, 'utf8').toString('latin1');
}

/** How many UTF-16 units of `piece` fit entirely within its first `byteLength` UTF-8 bytes. */
function utf16LengthWithin(piece: string, byteLength: number): number {
  let bytes = 0;
  let i = 0;
  while (i < piece.length) {
    const code = piece.codePointAt(i)!;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (bytes + size > byteLength) break;
    bytes += size;
    i += code >= 0x10000 ? 2 : 1;
  }
  return i;
}

function loadRankMap(file: RankFile): Map<string, number> {
  const ranks = new Map<string, number>();
  // Lines read "<name> <first rank> <base64 token> <base64 token> …", ranks consecutive within a line.
  for (const line of file.bpe_ranks.split('\n')) {
    if (line.length === 0) continue;
    const fields = line.split(' ');
    const offset = Number.parseInt(fields[1]!, 10);
    for (let i = 2; i < fields.length; i++) ranks.set(Buffer.from(fields[i]!, 'base64').toString('latin1'), offset + i - 2);
  }
  return ranks;
}

let shared: Tokenizer | undefined;

/** The process-wide o200k_base tokenizer, loaded on first call. */
export function getTokenizer(): Tokenizer {
  if (!shared) {
    // Synchronous on purpose: counting is used inside synchronous chunking; the ranks are a plain module.
    const file = createRequire(import.meta.url)('js-tiktoken/ranks/o200k_base') as RankFile;
    shared = new BytePairTokenizer(file.pat_str, loadRankMap(file));
  }
  return shared;
}

/** Number of o200k_base tokens in `text`. */
export function countTokens(text: string): number {
  return getTokenizer().count(text);
}
