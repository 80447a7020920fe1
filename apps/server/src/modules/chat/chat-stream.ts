// Writes chat events as server-sent events on a raw response. The stream opens lazily on the first
// event, so anything that fails before the first event (404, validation) is answered as a normal
// JSON error; once open, the response stays SSE until `end()`.
import type { ChatEventMap, ChatEventName } from '@parley/contracts';
import type { FastifyReply } from 'fastify';

export class SseChatStream {
  private opened = false;
  private ended = false;

  constructor(private readonly reply: FastifyReply) {}

  get isOpen(): boolean {
    return this.opened;
  }

  send<K extends ChatEventName>(event: K, data: ChatEventMap[K]): void {
    if (this.ended) return;
    const raw = this.reply.raw;
    if (!this.opened) {
      this.opened = true;
      this.reply.hijack();
      raw.writeHead(200, {
        ...(this.reply.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
    }
    if (raw.destroyed || raw.writableEnded) return;
    raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
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
