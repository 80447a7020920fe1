// Server-sent events → the `data` of each event, for the token stream of a chat completion. It sits on the
// relay's hot path, so it keeps one pending string and one reused output array instead of the layers of
// async generators and byte-array copies a general SSE reader uses. Lines end in \n or \r\n (every model
// server we know); a lone \r is not treated as a line end. `event:`, `id:`, `retry:` and comments are skipped.

const STREAM = { stream: true } as const;

export class SseDataDecoder {
  private readonly text = new TextDecoder();
  /** An incomplete line carried over from the last chunk. */
  private pending = '';
  /** The `data` of the event being read; null when the event has none yet. */
  private data: string | null = null;
  private readonly out: string[] = [];

  /**
   * Feeds one network chunk and returns the data of every event it completes. The array is reused:
   * read it before the next call.
   */
  push(bytes: Uint8Array): readonly string[] {
    this.out.length = 0;
    const decoded = this.text.decode(bytes, STREAM);
    const text = this.pending ? this.pending + decoded : decoded;
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      const end = newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      this.line(text, start, end);
      start = newline + 1;
    }
    this.pending = start === 0 ? text : start < text.length ? text.slice(start) : '';
    return this.out;
  }

  /** Ends the stream: the last line and event count even without their terminating blank line. */
  finish(): readonly string[] {
    this.out.length = 0;
    const text = this.pending + this.text.decode();
    this.pending = '';
    if (text) this.line(text, 0, text.endsWith('\r') ? text.length - 1 : text.length);
    this.line('', 0, 0);
    return this.out;
  }

  private line(text: string, start: number, end: number): void {
    if (start === end) {
      if (this.data !== null) {
        this.out.push(this.data);
        this.data = null;
      }
      return;
    }
    if (!text.startsWith('data:', start)) return;
    let from = start + 5;
    if (text.charCodeAt(from) === 32) from++;
    const value = text.slice(from, end);
    this.data = this.data === null ? value : `${this.data}\n${value}`;
  }
}
