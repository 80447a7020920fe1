// Server-sent events, one way for every stream: headers that stop proxies from buffering, the
// request's id and CORS headers carried over, a comment heartbeat so idle connections survive, and
// clean-up when the client goes away or the server begins to close (so shutdown never waits on them).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const HEARTBEAT_MS = 15_000;

/** Headers of every event stream: no caching or transforming, and no buffering by nginx-style proxies. */
export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
} as const;

export type SendEvent = (event: string, data: unknown) => void;
export type OpenEventStream = (request: FastifyRequest, reply: FastifyReply, start: (send: SendEvent) => () => void) => void;

/** Call once per plugin; the returned function takes over a response and streams events on it. */
export function eventStreams(app: FastifyInstance): OpenEventStream {
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const close of [...open]) close();
  });

  return (request, reply, start) => {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { ...(reply.getHeaders() as Record<string, string>), ...SSE_HEADERS });
    raw.write(': connected\n\n');
    let id = 0;
    const send: SendEvent = (event, data) => {
      if (raw.writableEnded) return;
      raw.write(`id: ${++id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const unsubscribe = start(send);
    const heartbeat = setInterval(() => raw.write(': ping\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const close = () => {
      if (!open.delete(close)) return;
      clearInterval(heartbeat);
      unsubscribe();
      if (!raw.writableEnded) raw.end();
    };
    open.add(close);
    request.raw.on('close', close);
  };
}
