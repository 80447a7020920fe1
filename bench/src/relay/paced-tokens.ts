// The tokens the paced upstream sends (`w0 w1 … w199 `) and the client-side check that every one of them
// arrived once and in order, whatever the relay did to chunk boundaries (split or merged deltas).

/** The text of token `i`. */
export const tokenText = (i: number): string => `w${i} `;

const TOKEN = /^w(\d+)$/;

export interface TokenCheck {
  /** Distinct expected tokens that arrived. */
  received: number;
  /** Expected tokens that never arrived. */
  lost: number;
  /** Tokens that arrived after a later one. */
  reordered: number;
  duplicated: number;
  /** Whitespace-separated pieces that are not tokens of the upstream (text the relay added). */
  foreign: number;
}

/**
 * Reassembles the streamed text into tokens and records when each one was complete (its trailing space
 * arrived), so inter-token gaps are measured per token even when a relay merges or splits chunks.
 */
export class TokenTracker {
  private readonly seen: Uint8Array;
  private pending = '';
  private maxSeen = -1;
  private firstAt = Number.NaN;
  readonly arrivals: number[] = [];
  readonly check: TokenCheck = { received: 0, lost: 0, reordered: 0, duplicated: 0, foreign: 0 };

  constructor(readonly expected: number) {
    this.seen = new Uint8Array(expected);
  }

  /** performance.now() when the first non-empty text arrived. */
  get firstTextAt(): number {
    return this.firstAt;
  }

  push(text: string, at: number): void {
    if (!text) return;
    if (Number.isNaN(this.firstAt)) this.firstAt = at;
    const parts = (this.pending + text).split(/\s+/);
    this.pending = parts.pop() ?? '';
    for (const part of parts) if (part) this.token(part, at);
  }

  /** Ends the stream: a last token without trailing whitespace still counts. */
  finish(at: number): TokenCheck {
    if (this.pending) this.token(this.pending, at);
    this.pending = '';
    this.check.lost = this.expected - this.check.received;
    return this.check;
  }

  /** Gaps between consecutive complete tokens, in arrival order (ms). */
  gaps(): number[] {
    const out: number[] = [];
    for (let i = 1; i < this.arrivals.length; i++) out.push(this.arrivals[i]! - this.arrivals[i - 1]!);
    return out;
  }

  private token(piece: string, at: number): void {
    const m = TOKEN.exec(piece);
    const index = m ? Number(m[1]) : -1;
    if (index < 0 || index >= this.expected) {
      this.check.foreign++;
      return;
    }
    if (this.seen[index]) {
      this.check.duplicated++;
      return;
    }
    this.seen[index] = 1;
    this.check.received++;
    if (index < this.maxSeen) this.check.reordered++;
    else this.maxSeen = index;
    this.arrivals.push(at);
  }
}

export const inOrder = (c: TokenCheck): boolean => c.lost === 0 && c.reordered === 0 && c.duplicated === 0;
