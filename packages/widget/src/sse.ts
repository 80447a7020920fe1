// Server-sent events read from a fetch() body: EventSource cannot POST or send headers, so the widget
// parses the stream itself. The parser is pure (text in, events out) so it is tested without a network.

export interface SseEvent {
  readonly event: string;
  readonly data: string;
}

/**
 * An incremental parser of the text/event-stream format: feed it text in chunks of any size (a chunk may
 * end in the middle of a line or between \r and \n); it calls `onEvent` for each complete event.
 * Comment lines (": ping") are skipped; `id` and `retry` are not used by Parley and are ignored.
 */
export function createSseParser(onEvent: (event: SseEvent) => void): { push(text: string): void; end(): void } {
  let buffer = '';
  let event = '';
  let data: string[] = [];

  const dispatch = () => {
    if (data.length > 0) onEvent({ event: event || 'message', data: data.join('\n') });
    event = '';
    data = [];
  };

  const line = (text: string) => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  };

  return {
    push(text) {
      buffer += text;
      for (;;) {
        const match = /\r\n|\r|\n/.exec(buffer);
        if (!match) break;
        // A lone \r at the very end may be the first half of \r\n: wait for the next chunk.
        if (match[0] === '\r' && match.index === buffer.length - 1) break;
        line(buffer.slice(0, match.index));
        buffer = buffer.slice(match.index + match[0].length);
      }
    },
    // As in EventSource, an event the stream did not finish with a blank line is dropped: it may be cut short.
    end() {
      // A CR held back in case an LF followed ends its line after all.
      if (buffer.endsWith('\r')) line(buffer.slice(0, -1));
      buffer = '';
      event = '';
      data = [];
    },
  };
}

/** Reads a response body to its end, calling `onEvent` for each event as it arrives. */
export async function readSse(body: ReadableStream<Uint8Array>, onEvent: (event: SseEvent) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = createSseParser(onEvent);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.push(decoder.decode(value, { stream: true }));
    }
    parser.push(decoder.decode());
    parser.end();
  } finally {
    reader.releaseLock();
  }
}
