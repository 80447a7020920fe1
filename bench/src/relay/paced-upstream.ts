// A fake OpenAI-compatible model server for the relay bench, run as a child process of its own so its event
// loop never shares a core with the load client's. It answers `POST /v1/chat/completions` with a fixed number
// of tokens at a fixed pace: streamed as chat-completion chunks (SSE), or as one JSON `chat.completion` after
// the time the stream would have taken. Token i is the text `w<i> `, so a client can tell lost or reordered
// tokens apart. The first token goes out with the response headers (no think time), so time to first token
// measures the relay alone; the pace applies between tokens. Like a model, it stops early at the request's
// `max_tokens` (Parley's own side calls, such as conversation titles, ask for few).
// Usage: tsx bench/src/relay/paced-upstream.ts --port 0 --tokens 200 --pace-ms 10
// Prints one line `{"port":N}` on stdout when it listens. `GET /stats` answers `{"chatRequests":N,"last":…}`:
// the number of chat requests so far and, for the latest one, when it arrived, when its first token was
// written and when it ended (epoch ms at sub-ms resolution, comparable with the client's
// performance.timeOrigin + now()).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { tokenText } from './paced-tokens.js';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    tokens: { type: 'string', default: '200' },
    'pace-ms': { type: 'string', default: '10' },
    model: { type: 'string', default: 'paced-model' },
  },
});
const tokenCount = Number(args.tokens);
const paceMs = Number(args['pace-ms']);
const modelName = args.model;
let chatRequests = 0;
/** The latest chat request: when its headers arrived, its first token (or whole answer) was written, and it ended. */
let last: Timing | null = null;
const epochNow = () => performance.timeOrigin + performance.now();
let nextId = 0;

const server = createServer({ noDelay: true, keepAliveTimeout: 120_000 }, (req, res) => {
  void handle(req, res).catch((err: unknown) => {
    if (!res.headersSent) sendJson(res, 500, { error: { message: String(err), type: 'server_error' } });
    else res.destroy();
  });
});
// 1,000 concurrent streams on one keep-alive agent: no limit on requests per socket or on headers time.
server.maxRequestsPerSocket = 0;
server.headersTimeout = 120_000;
server.requestTimeout = 0;

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const receivedAt = epochNow();
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const text = await readBody(req);
  if (req.method === 'GET' && path === '/stats') return sendJson(res, 200, { chatRequests, last });
  if (req.method === 'GET' && (path === '/v1/models' || path === '/models')) {
    return sendJson(res, 200, { object: 'list', data: [{ id: modelName, object: 'model', created: 0, owned_by: 'parley-bench' }] });
  }
  if (req.method === 'POST' && (path === '/v1/chat/completions' || path === '/chat/completions')) {
    let body: {
      model?: unknown;
      stream?: unknown;
      stream_options?: { include_usage?: unknown };
      messages?: unknown;
      max_tokens?: unknown;
      max_completion_tokens?: unknown;
    };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return sendJson(res, 400, { error: { message: 'body is not JSON', type: 'invalid_request_error' } });
    }
    chatRequests++;
    const timing: Timing = { receivedAt, firstTokenAt: null, doneAt: null };
    last = timing;
    const id = `chatcmpl-bench-${++nextId}`;
    const model = typeof body.model === 'string' ? body.model : modelName;
    const promptTokens = Math.ceil(JSON.stringify(body.messages ?? []).length / 4);
    // Like a model, it stops at the request's token limit (Parley's side calls, such as titles, ask for few).
    const limit = [body.max_tokens, body.max_completion_tokens].find((v): v is number => typeof v === 'number' && v > 0);
    const count = Math.min(tokenCount, limit ?? Infinity);
    const usage = body.stream_options?.include_usage === true;
    if (body.stream === true) return streamAnswer(req, res, { id, model, promptTokens, count, timing, usage });
    return answerLater(res, { id, model, promptTokens, count, timing });
  }
  sendJson(res, 404, { error: { message: `no route for ${req.method} ${path}`, type: 'not_found' } });
}

interface Timing {
  receivedAt: number;
  firstTokenAt: number | null;
  doneAt: number | null;
}

interface Answer {
  id: string;
  model: string;
  promptTokens: number;
  /** Tokens in this answer. */
  count: number;
  timing: Timing;
}

function streamAnswer(
  req: IncomingMessage,
  res: ServerResponse,
  { id, model, promptTokens, count, timing, usage }: Answer & { usage: boolean },
): void {
  const created = Math.floor(Date.now() / 1000);
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices, ...extra })}\n\n`;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
  const started = performance.now();
  let i = 0;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  req.socket.once('close', () => {
    closed = true;
    clearTimeout(timer);
  });
  res.once('close', () => {
    closed = true;
    clearTimeout(timer);
  });
  const send = () => {
    if (closed) return;
    // Token i is due at started + i × pace: the schedule is absolute, so timer lateness does not accumulate.
    let out = '';
    while (i < count && performance.now() >= started + i * paceMs) {
      const delta = i === 0 ? { role: 'assistant', content: tokenText(i) } : { content: tokenText(i) };
      out += chunk([{ index: 0, delta, logprobs: null, finish_reason: null }]);
      i++;
    }
    if (i >= count) {
      out += chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }]);
      if (usage) {
        out += chunk([], {
          usage: { prompt_tokens: promptTokens, completion_tokens: count, total_tokens: promptTokens + count },
        });
      }
      out += 'data: [DONE]\n\n';
      res.end(out);
      timing.firstTokenAt ??= epochNow();
      timing.doneAt = epochNow();
      return;
    }
    if (out) {
      res.write(out);
      timing.firstTokenAt ??= epochNow();
    }
    timer = setTimeout(send, Math.max(0, started + i * paceMs - performance.now()));
  };
  send();
}

function answerLater(res: ServerResponse, { id, model, promptTokens, count, timing }: Answer): void {
  const content = Array.from({ length: count }, (_, i) => tokenText(i)).join('');
  const timer = setTimeout(
    () => {
      timing.firstTokenAt = epochNow();
      timing.doneAt = timing.firstTokenAt;
      sendJson(res, 200, {
        id,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model,
        choices: [{ index: 0, message: { role: 'assistant', content }, logprobs: null, finish_reason: 'stop' }],
        usage: { prompt_tokens: promptTokens, completion_tokens: count, total_tokens: promptTokens + count },
      });
    },
    // As long as the stream would have taken: the last token of a stream is due at (tokens - 1) × pace.
    Math.max(0, (count - 1) * paceMs),
  );
  res.once('close', () => clearTimeout(timer));
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

server.listen(Number(args.port), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
// The bench kills this process; a closed stdin (the parent died without cleaning up) stops it too.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
