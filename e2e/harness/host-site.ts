// A stand-in for a customer's website: a plain node:http server on 127.0.0.1 (its own port, so its own
// origin) serving the pages and files a test puts on it, with the headers the test chooses (a strict
// Content-Security-Policy, for one). The widget is embedded in these pages the way a site owner would.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostFile {
  readonly body: string;
  /** Default text/html for paths without an extension, text/css for .css. */
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface HostSite {
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  /** Serves `body` at `path` from now on (replacing what was there). */
  put(path: string, file: HostFile | string): void;
  /** Paths requested so far, in order. */
  readonly requested: string[];
  close(): Promise<void>;
}

export async function startHostSite(): Promise<HostSite> {
  const files = new Map<string, HostFile>();
  const requested: string[] = [];

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    requested.push(path);
    const file = files.get(path);
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    const contentType = file.contentType ?? (path.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/html; charset=utf-8');
    response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store', ...file.headers }).end(file.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    requested,
    put(path, file) {
      files.set(path, typeof file === 'string' ? { body: file } : file);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Text safe inside a double-quoted HTML attribute or element content. */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
