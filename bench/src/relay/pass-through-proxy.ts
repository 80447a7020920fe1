// The floor for relaying a stream: a minimal `node:http` reverse proxy with no logic at all. It pipes the
// request body to the upstream and the response body back, over a keep-alive agent with no socket limit.
// Run as a child process of its own (like every server in the relay bench).
// Usage: tsx bench/src/relay/pass-through-proxy.ts --upstream http://127.0.0.1:PORT [--port 0]
// Prints one line `{"port":N}` on stdout when it listens.
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: { port: { type: 'string', default: '0' }, upstream: { type: 'string' } },
});
if (!args.upstream) throw new Error('--upstream http://host:port is required');
const upstream = new URL(args.upstream);
const agent = new Agent({ keepAlive: true, maxSockets: Infinity, keepAliveMsecs: 60_000 });

const server = createServer({ noDelay: true, keepAliveTimeout: 120_000 }, (req, res) => {
  const headers = { ...req.headers, host: upstream.host };
  const upstreamReq = request(
    { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent },
    (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
      upstreamRes.pipe(res);
    },
  );
  upstreamReq.on('error', (err) => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(err) }));
    else res.destroy();
  });
  // A client that goes away ends the upstream request too.
  res.on('close', () => {
    if (!res.writableFinished) upstreamReq.destroy();
  });
  req.pipe(upstreamReq);
});
server.maxRequestsPerSocket = 0;
server.headersTimeout = 120_000;
server.requestTimeout = 0;

server.listen(Number(args.port), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
