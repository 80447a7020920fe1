// Writes chat events as server-sent events on a raw response. The stream opens lazily on the first
// event, so anything that fails before the first event (404, validation) is answered as a normal
// JSON error; once open, the response stays SSE until `end()`.
import type { ChatEventMap } from '@parley/contracts';
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import { AppError } from '../../http/errors.js';
import { SSE_HEADERS } from '../../http/sse.js';

/** The `error` event every chat stream can send: an answer that failed, or a refusal found after the stream opened. */
interface StreamErrorEvent {
  messageId: string | null;
  code: string;
  message: string;
}

/** A comment line this often keeps proxies (and clients' idle timers) from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

/** The event map a stream carries: the chat events, or their public form on the widget routes. */
export class SseChatStream<M extends { [K in keyof M]: unknown } & { error: StreamErrorEvent } = ChatEventMap> {
  private opened = false;
  private ended = false;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(private readonly reply: FastifyReply) {}

  get isOpen(): boolean {
    return this.opened;
  }

  /** Sends the 200 and the stream's headers now (the request was accepted; events follow). */
  open(): void {
    if (this.opened || this.ended) return;
    this.opened = true;
    this.reply.hijack();
    const raw = this.reply.raw;
    raw.writeHead(200, { ...(this.reply.getHeaders() as Record<string, string>), ...SSE_HEADERS });
    raw.write(': accepted\n\n');
    this.heartbeat = setInterval(() => {
      if (!raw.destroyed && !raw.writableEnded) raw.write(': ping\n\n');
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  send<K extends keyof M & string>(event: K, data: M[K]): void {
    if (this.ended) return;
    this.open();
    const raw = this.reply.raw;
    if (raw.destroyed || raw.writableEnded) return;
    raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /**
   * Runs one answer on this stream and ends it. A failure before the stream opened is thrown (a normal
   * JSON error); after, it is sent as an `error` event, keeping an AppError's code (a resend racing
   * another answer) and hiding anything else behind `internal_error`.
   */
  async run(log: FastifyBaseLogger, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (err) {
      if (!this.opened) throw err;
      if (err instanceof AppError) this.sendError({ messageId: null, code: err.code, message: err.message });
      else {
        log.error({ err }, 'chat stream failed');
        this.sendError({ messageId: null, code: 'internal_error', message: 'The answer could not be completed' });
      }
    } finally {
      this.end();
    }
  }

  private sendError(data: StreamErrorEvent): void {
    (this.send as (event: string, data: StreamErrorEvent) => void)('error', data);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.opened && !this.reply.raw.writableEnded) this.reply.raw.end();
  }
}

/** An AbortSignal that fires when the client goes away before the response has been sent. */
export function disconnectSignal(reply: FastifyReply): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const raw = reply.raw;
  const onClose = () => {
    if (!raw.writableFinished) controller.abort();
  };
  raw.on('close', onClose);
  return { signal: controller.signal, dispose: () => raw.off('close', onClose) };
}
