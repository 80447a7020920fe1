// The text/event-stream parser: events split across chunks at any point, CRLF line ends, comments and
// multi-line data, and an unfinished event at the end of the stream dropped as EventSource does.
import { describe, expect, it } from 'vitest';
import { createSseParser, readSse, type SseEvent } from './sse.js';

function parse(chunks: readonly string[]): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createSseParser((event) => events.push(event));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return events;
}

const stream =
  ': accepted\n\nevent: meta\ndata: {"a":1}\n\nevent: token\ndata: {"text":"Hel"}\n\n: ping\n\nevent: token\ndata: {"text":"lo"}\n\n';
const expected: SseEvent[] = [
  { event: 'meta', data: '{"a":1}' },
  { event: 'token', data: '{"text":"Hel"}' },
  { event: 'token', data: '{"text":"lo"}' },
];

describe('createSseParser', () => {
  it('reads events and skips comments', () => {
    expect(parse([stream])).toEqual(expected);
  });

  it('gives the same events however the stream is cut into chunks', () => {
    for (let size = 1; size <= 7; size++) {
      const chunks = stream.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g'))!;
      expect(parse(chunks)).toEqual(expected);
    }
  });

  it('understands CRLF and CR line ends, also when a CRLF is split between chunks', () => {
    expect(parse(['event: done\r', '\ndata: {}\r\n\r\n'])).toEqual([{ event: 'done', data: '{}' }]);
    expect(parse(['event: done\rdata: {}\r\r'])).toEqual([{ event: 'done', data: '{}' }]);
  });

  it('joins multi-line data and names an unnamed event "message"', () => {
    expect(parse(['data: one\ndata:two\n\n'])).toEqual([{ event: 'message', data: 'one\ntwo' }]);
  });

  it('drops an event the stream did not finish', () => {
    expect(parse(['event: token\ndata: {"text":"cut'])).toEqual([]);
  });
});

describe('readSse', () => {
  it('decodes UTF-8 split inside a character', async () => {
    const bytes = new TextEncoder().encode('event: token\ndata: {"text":"שלום"}\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 3) controller.enqueue(bytes.slice(i, i + 3));
        controller.close();
      },
    });
    const events: SseEvent[] = [];
    await readSse(body, (event) => events.push(event));
    expect(events).toEqual([{ event: 'token', data: '{"text":"שלום"}' }]);
  });
});
