// The relay bench's HTTP client: sends one chat request over `node:http` with a shared keep-alive agent,
// parses the answer incrementally (OpenAI chat-completion chunks, Parley's chat SSE events, or one JSON
// completion) and times it with performance.now(): time to the first token's text, every token's arrival,
// and the end of the answer. Token order is checked by TokenTracker.
import { Agent, request } from 'node:http';
import { TokenTracker, type TokenCheck } from './paced-tokens.js';

/** `openai`: `data: {choices:[{delta:{content}}]}` … `data: [DONE]`; `parley-chat`: `event: token` … `event: done`. */
export type WireFormat = 'openai' | 'parley-chat';

export interface RelayRequest {
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly stream: boolean;
  readonly format: WireFormat;
}

export interface RelaySample {
  /** HTTP 2xx, an end marker ([DONE] or `done`) for streams, and no error event. */
  readonly ok: boolean;
  readonly status: number;
  readonly error?: string;
  /** Request sent → first token text (streams; NaN otherwise). */
  readonly ttftMs: number;
  /** Request sent → end of the answer. */
  readonly totalMs: number;
  readonly tokens: TokenCheck;
  /** Gaps between consecutive tokens (streams). */
  readonly gaps: number[];
  /** Epoch ms (performance.timeOrigin + now()): request sent, first token (streams) or whole answer arrived, answer ended. */
  readonly sentAtEpoch: number;
  readonly firstTextAtEpoch: number;
  readonly endAtEpoch: number;
}

export function relayAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: Infinity, keepAliveMsecs: 60_000 });
}

export function sendRelayRequest(agent: Agent, req: RelayRequest, expectedTokens: number, timeoutMs: number): Promise<RelaySample> {
  return new Promise((resolve) => {
    const tracker = new TokenTracker(expectedTokens);
    let status = 0;
    let error: string | undefined;
    let ended = false;
    let settled = false;
    const started = performance.now();
    const settle = (at: number) => {
      if (settled) return;
      settled = true;
      const tokens = tracker.finish(at);
      if (!error && req.stream && !ended) error = `stream ended without ${req.format === 'openai' ? '[DONE]' : 'a done event'}`;
      resolve({
        ok: !error && status >= 200 && status < 300,
        status,
        ...(error ? { error } : {}),
        ttftMs: req.stream ? tracker.firstTextAt - started : Number.NaN,
        totalMs: at - started,
        tokens,
        gaps: req.stream ? tracker.gaps() : [],
        sentAtEpoch: performance.timeOrigin + started,
        firstTextAtEpoch: performance.timeOrigin + (req.stream ? tracker.firstTextAt : at),
        endAtEpoch: performance.timeOrigin + at,
      });
    };

    const clientReq = request(
      {
        host: req.url.hostname,
        port: req.url.port,
        path: req.url.pathname + req.url.search,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(req.body),
          accept: req.stream ? 'text/event-stream' : 'application/json',
          ...req.headers,
        },
      },
      (res) => {
        status = res.statusCode ?? 0;
        res.setEncoding('utf8');
        const streamed = req.stream && status >= 200 && status < 300 && /text\/event-stream/.test(String(res.headers['content-type']));
        if (!streamed) {
          let text = '';
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            const at = performance.now();
            if (status < 200 || status >= 300) error = `HTTP ${status}: ${text.slice(0, 300)}`;
            else if (req.stream) error = `expected text/event-stream, got ${String(res.headers['content-type'])}: ${text.slice(0, 200)}`;
            else readCompletion(text, tracker, at, (e) => (error = e));
            settle(at);
          });
          return;
        }
        const parser = new SseParser((event, data, at) => {
          if (req.format === 'openai') {
            if (data === '[DONE]') ended = true;
            else readChunk(data, tracker, at, (e) => (error ??= e));
          } else if (event === 'token') {
            try {
              tracker.push((JSON.parse(data) as { text: string }).text, at);
            } catch {
              error ??= `token event is not {text}: ${data.slice(0, 200)}`;
            }
          } else if (event === 'done') ended = true;
          else if (event === 'error') error ??= `error event: ${data.slice(0, 300)}`;
        });
        res.on('data', (chunk: string) => parser.push(chunk, performance.now()));
        res.on('end', () => settle(performance.now()));
        res.on('error', (err) => {
          error ??= `response: ${err.message}`;
          settle(performance.now());
        });
      },
    );
    clientReq.setTimeout(timeoutMs, () => {
      error ??= `timed out after ${timeoutMs / 1000} s`;
      clientReq.destroy();
    });
    clientReq.on('error', (err) => {
      error ??= `request: ${err.message}`;
      settle(performance.now());
    });
    clientReq.on('close', () => settle(performance.now()));
    clientReq.end(req.body);
  });
}

function readChunk(data: string, tracker: TokenTracker, at: number, fail: (e: string) => void): void {
  let chunk: { choices?: { delta?: { content?: string | null } }[]; error?: unknown };
  try {
    chunk = JSON.parse(data) as typeof chunk;
  } catch {
    return fail(`chunk is not JSON: ${data.slice(0, 200)}`);
  }
  if (chunk.error) return fail(`error chunk: ${JSON.stringify(chunk.error).slice(0, 300)}`);
  const content = chunk.choices?.[0]?.delta?.content;
  if (content) tracker.push(content, at);
}

function readCompletion(text: string, tracker: TokenTracker, at: number, fail: (e: string) => void): void {
  try {
    const body = JSON.parse(text) as { choices?: { message?: { content?: string | null } }[] };
    const content = body.choices?.[0]?.message?.content;
    if (typeof content !== 'string') return fail(`no choices[0].message.content in ${text.slice(0, 200)}`);
    tracker.push(content, at);
  } catch {
    fail(`answer is not JSON: ${text.slice(0, 200)}`);
  }
}

/** Incremental text/event-stream parser: events are dispatched as soon as their blank line arrives. */
export class SseParser {
  private buffer = '';

  constructor(private readonly onEvent: (event: string, data: string, at: number) => void) {}

  push(chunk: string, at: number): void {
    this.buffer += chunk.includes('\r') ? chunk.replace(/\r\n?/g, '\n') : chunk;
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end < 0) return;
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let event = 'message';
      let data: string | undefined;
      for (const line of block.split('\n')) {
        if (line.startsWith('data:')) {
          const value = line.slice(line[5] === ' ' ? 6 : 5);
          data = data === undefined ? value : `${data}\n${value}`;
        } else if (line.startsWith('event:')) event = line.slice(6).trim();
      }
      if (data !== undefined) this.onEvent(event, data, at);
    }
  }
}
