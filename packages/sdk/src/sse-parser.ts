// Server-sent events, parsed as the WHATWG spec says (https://html.spec.whatwg.org/#event-stream-interpretation):
// lines end in CRLF, LF or CR (a CRLF may be split across chunks), `data` lines join with "\n", comments
// (`: ping`) are skipped, and an event at the end of the stream without its blank line is dropped.
import { ParleyConnectionError } from './errors.js';

export interface ServerSentEvent {
  /** The `event:` field; `message` when the event had none. */
  readonly event: string;
  readonly data: string;
  /** The last `id:` seen on the stream, if any. */
  readonly id: string | undefined;
}

/** Turns text chunks, cut anywhere, into events. */
export class SseParser {
  private partialLine = '';
  /** The previous chunk ended in CR: a LF at the start of the next one belongs to the same line ending. */
  private skipLeadingLf = false;
  private eventType = '';
  private data: string[] = [];
  private lastId: string | undefined;

  /** Feeds one chunk of decoded text; returns the events it completed. */
  push(chunk: string): ServerSentEvent[] {
    const events: ServerSentEvent[] = [];
    let start = 0;
    if (this.skipLeadingLf && chunk.charCodeAt(0) === 10) start = 1;
    this.skipLeadingLf = false;
    for (let i = start; i < chunk.length; i += 1) {
      const c = chunk.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      const line = this.partialLine + chunk.slice(start, i);
      this.partialLine = '';
      if (c === 13) {
        if (i + 1 === chunk.length) this.skipLeadingLf = true;
        else if (chunk.charCodeAt(i + 1) === 10) i += 1;
      }
      start = i + 1;
      const event = this.line(line);
      if (event) events.push(event);
    }
    this.partialLine += chunk.slice(start);
    return events;
  }

  private line(line: string): ServerSentEvent | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.eventType = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\u0000')) this.lastId = value;
    // `retry` and unknown fields are ignored: the SDK does not reconnect on its own.
    return null;
  }

  private dispatch(): ServerSentEvent | null {
    const type = this.eventType;
    const data = this.data;
    this.eventType = '';
    this.data = [];
    if (data.length === 0) return null;
    return { event: type || 'message', data: data.join('\n'), id: this.lastId };
  }
}

/**
 * Reads the events of a response body. Stopping early (break, return) cancels the body, which closes the
 * connection. A connection that breaks is reported as ParleyConnectionError unless `signal` was aborted,
 * in which case its reason is thrown.
 */
export async function* readServerSentEvents(body: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<ServerSentEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  let finished = false;
  try {
    for (;;) {
      const chunk = await reader.read().catch((error: unknown) => {
        if (signal?.aborted) throw signal.reason;
        throw new ParleyConnectionError('The connection broke while the server was streaming', { cause: error });
      });
      if (chunk.done) {
        finished = true;
        for (const event of parser.push(decoder.decode())) yield event;
        return;
      }
      for (const event of parser.push(decoder.decode(chunk.value, { stream: true }))) yield event;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
