// Reads a server-sent event stream from a fetch Response, event by event, for tests that need to act
// mid-stream (disconnect after the first tokens) or check the order of events.
export interface SseEvent {
  readonly event: string;
  readonly data: string;
}

/** Calls onEvent for each event until the stream ends, or until onEvent returns 'stop'. */
export async function readSse(response: Response, onEvent: (event: SseEvent) => void | 'stop'): Promise<void> {
  if (!response.body) throw new Error('response has no body');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) event = line.slice(7);
          else if (line.startsWith('data: ')) data.push(line.slice(6));
        }
        if (data.length === 0) continue;
        if (onEvent({ event, data: data.join('\n') }) === 'stop') return;
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** All events of a stream, with each `data` parsed as JSON. */
export async function collectSse(response: Response): Promise<{ event: string; data: any }[]> {
  const events: { event: string; data: any }[] = [];
  await readSse(response, (e) => {
    events.push({ event: e.event, data: e.data === '[DONE]' ? e.data : JSON.parse(e.data) });
  });
  return events;
}
