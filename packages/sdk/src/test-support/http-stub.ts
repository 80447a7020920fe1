// A tiny HTTP server for the SDK's unit tests: real sockets on 127.0.0.1, one handler per test, every
// request recorded (with its body and whether the client hung up early), so the client's retries,
// refreshes, headers and stream cancellation can be checked without a Parley server.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubRequest {
  readonly method: string;
  readonly path: string;
  readonly url: URL;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** Resolves when the client closed the connection before the response ended. */
  readonly clientGone: Promise<void>;
}

export type StubHandler = (request: StubRequest, response: ServerResponse) => void | Promise<void>;

export interface HttpStub {
  readonly url: string;
  readonly requests: StubRequest[];
  handle(handler: StubHandler): void;
  close(): Promise<void>;
}

export async function startHttpStub(): Promise<HttpStub> {
  let handler: StubHandler = (_, res) => json(res, 404, { error: { code: 'route_not_found', message: 'no handler' }, requestId: 'stub' });
  const requests: StubRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://stub');
    const clientGone = new Promise<void>((resolve) => res.on('close', () => !res.writableFinished && resolve()));
    const request: StubRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      url,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      clientGone,
    };
    requests.push(request);
    try {
      await handler(request, res);
    } catch (error) {
      if (!res.headersSent) json(res, 500, { error: { code: 'internal_error', message: String(error) }, requestId: 'stub' });
      else res.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle(next) {
      handler = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

export function apiError(
  res: ServerResponse,
  status: number,
  code: string,
  message = code,
  extra: { details?: unknown; headers?: Record<string, string> } = {},
): void {
  json(
    res,
    status,
    { error: { code, message, ...(extra.details === undefined ? {} : { details: extra.details }) }, requestId: `req-${code}` },
    extra.headers,
  );
}
