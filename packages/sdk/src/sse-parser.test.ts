// The SSE parser against the spec's corner cases: every way a stream can be cut into chunks, CRLF, CR and
// LF line ends (a CRLF split across chunks included), multi-line data, comments, fields without a space or
// a colon, ids, events with no data, a last event with no blank line, and UTF-8 characters cut in half.
import { describe, expect, it } from 'vitest';
import { SseParser, readServerSentEvents, type ServerSentEvent } from './sse-parser.js';

function parseChunks(chunks: string[]): ServerSentEvent[] {
  const parser = new SseParser();
  return chunks.flatMap((chunk) => parser.push(chunk));
}

function bodyOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

async function readAll(body: ReadableStream<Uint8Array>): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of readServerSentEvents(body)) events.push(event);
  return events;
}

const stream =
  ': accepted\n\n' +
  'event: meta\ndata: {"conversationId":"c1"}\n\n' +
  'event: token\r\ndata: {"text":"Hel"}\r\n\r\n' +
  'event: token\rdata: {"text":"lo"}\r\r' +
  ': ping\n\n' +
  'event: done\ndata: {"status":"complete"}\n\n';

const expected = [
  { event: 'meta', data: '{"conversationId":"c1"}', id: undefined },
  { event: 'token', data: '{"text":"Hel"}', id: undefined },
  { event: 'token', data: '{"text":"lo"}', id: undefined },
  { event: 'done', data: '{"status":"complete"}', id: undefined },
];

describe('SseParser', () => {
  it('parses a whole stream with LF, CRLF and CR line ends and skips comments', () => {
    expect(parseChunks([stream])).toEqual(expected);
  });

  it('gives the same events however the stream is cut in two', () => {
    for (let cut = 0; cut <= stream.length; cut += 1) {
      expect(parseChunks([stream.slice(0, cut), stream.slice(cut)]), `cut at ${cut}`).toEqual(expected);
    }
  });

  it('gives the same events fed one character at a time', () => {
    expect(parseChunks([...stream])).toEqual(expected);
  });

  it('treats a CRLF split across chunks as one line end, not two', () => {
    // Were the LF read as a second line end, the blank line would dispatch `a` before its second data line.
    expect(parseChunks(['data: a\r', '\ndata: b\r', '\n\r', '\n'])).toEqual([{ event: 'message', data: 'a\nb', id: undefined }]);
  });

  it('joins multi-line data with LF and keeps empty data lines', () => {
    expect(parseChunks(['event: token\ndata: first\ndata:\ndata:  indented\n\n'])).toEqual([
      { event: 'token', data: 'first\n\n indented', id: undefined },
    ]);
  });

  it('reads fields without a space after the colon, and a field name alone as an empty value', () => {
    expect(parseChunks(['event:title\ndata:{"a":1}\n\n', 'data\n\n'])).toEqual([
      { event: 'title', data: '{"a":1}', id: undefined },
      { event: 'message', data: '', id: undefined },
    ]);
  });

  it('skips events without data and resets their type', () => {
    expect(parseChunks(['event: meta\n\n', 'data: x\n\n'])).toEqual([{ event: 'message', data: 'x', id: undefined }]);
  });

  it('remembers the last id, ignores ids with NUL, and ignores retry and unknown fields', () => {
    expect(
      parseChunks(['id: 1\ndata: a\n\n', 'data: b\nretry: 10\nfoo: bar\n\n', 'id: 2\u0000x\ndata: c\n\n', 'id: 3\ndata: d\n\n']),
    ).toEqual([
      { event: 'message', data: 'a', id: '1' },
      { event: 'message', data: 'b', id: '1' },
      { event: 'message', data: 'c', id: '1' },
      { event: 'message', data: 'd', id: '3' },
    ]);
  });

  it('drops a last event that never got its blank line', () => {
    expect(parseChunks(['data: complete\n\n', 'data: cut off\n'])).toEqual([{ event: 'message', data: 'complete', id: undefined }]);
  });
});

describe('readServerSentEvents', () => {
  it('decodes UTF-8 characters cut between chunks, and strips a byte order mark', async () => {
    const bytes = new TextEncoder().encode('\uFEFFevent: token\ndata: {"text":"שלום 👋 مرحبا"}\n\n');
    const chunks = [...bytes].map((b) => new Uint8Array([b]));
    expect(await readAll(bodyOf(chunks))).toEqual([{ event: 'token', data: '{"text":"שלום 👋 مرحبا"}', id: undefined }]);
  });

  it('cancels the body when the reader stops early', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('data: tick\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    let seen = 0;
    for await (const event of readServerSentEvents(body)) {
      expect(event.data).toBe('tick');
      seen += 1;
      if (seen === 3) break;
    }
    expect(seen).toBe(3);
    expect(cancelled).toBe(true);
  });

  it('reports a body that fails mid-stream as a connection error', async () => {
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return controller.error(new TypeError('terminated'));
        sent = true;
        controller.enqueue(new TextEncoder().encode('data: one\n\n'));
      },
    });
    const events: string[] = [];
    await expect(
      (async () => {
        for await (const event of readServerSentEvents(body)) events.push(event.data);
      })(),
    ).rejects.toMatchObject({ name: 'ParleyConnectionError', cause: expect.objectContaining({ message: 'terminated' }) });
    expect(events).toEqual(['one']);
  });
});
