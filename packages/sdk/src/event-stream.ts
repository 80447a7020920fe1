// A typed, lazily opened event stream: `for await (const ev of stream)` sends the request, yields each known
// event with its JSON data, and closes the connection when the loop ends early (break, return, throw) or
// `abort()` is called. For a chat answer, closing the connection is what cancels the answer on the server.
import { ParleyConnectionError } from './errors.js';
import { readServerSentEvents } from './sse-parser.js';

/** Opens the stream: resolves with the 2xx response, or throws the server's error before any event. */
export type OpenStream = (signal: AbortSignal) => Promise<Response>;

export class EventStream<E extends { event: string; data: unknown }> implements AsyncIterable<E> {
  private readonly controller = new AbortController();
  private started = false;

  constructor(
    private readonly open: OpenStream,
    private readonly names: readonly E['event'][],
    private readonly signal?: AbortSignal,
  ) {}

  /** Stops the stream and closes its connection; a loop reading it ends with the abort reason. */
  abort(reason?: unknown): void {
    this.controller.abort(reason);
  }

  [Symbol.asyncIterator](): AsyncIterator<E> {
    if (this.started) throw new TypeError('This stream has already been read; start a new one');
    this.started = true;
    return this.events();
  }

  private async *events(): AsyncGenerator<E> {
    const signal = this.controller.signal;
    // Follows the caller's signal while reading only, so a long-lived signal does not collect listeners.
    const follow = () => this.controller.abort(this.signal?.reason);
    if (this.signal?.aborted) follow();
    else this.signal?.addEventListener('abort', follow, { once: true });
    try {
      const response = await this.open(signal);
      if (!response.body) throw new ParleyConnectionError('The server answered without a body');
      for await (const message of readServerSentEvents(response.body, signal)) {
        if (!this.names.includes(message.event)) continue; // events this SDK version does not know yet
        let data: unknown;
        try {
          data = JSON.parse(message.data);
        } catch (error) {
          throw new ParleyConnectionError(`The server sent a "${message.event}" event whose data is not JSON`, { cause: error });
        }
        yield { event: message.event, data } as E;
      }
    } finally {
      this.signal?.removeEventListener('abort', follow);
      // Ends the request whether the loop finished, broke out early or failed; a no-op once the body was read.
      this.controller.abort();
    }
  }
}
