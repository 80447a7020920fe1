// Parley as a relay under test: a real server (lib/parley-server.ts) whose instance model is the paced
// upstream, with two assistants. One has no documents and a secret API key, for the OpenAI-compatible
// `POST /v1/chat/completions`; the other has a few indexed documents, for the chat SSE path
// (`POST /api/v1/conversations/:id/messages`, retrieval included). Both answer at temperature 0.7, so Parley's
// answer cache (temperature 0 only) stays out of the figures; every request's text differs as well.
// Each path is probed once; a path that answers 404 (or fails otherwise) is reported as unavailable, with the
// reason, instead of stopping the bench.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError, ParleyClient, shortError } from '../lib/api-client.js';
import { startParley, type DbKind, type ParleyServer } from '../lib/parley-server.js';
import { repoRoot } from '../lib/paths.js';
import { waitForDocuments } from '../lib/wait-for-documents.js';
import type { Agent } from 'node:http';
import { percentile } from '../lib/stats.js';
import { inOrder } from './paced-tokens.js';
import { upstreamChatRequests } from './peers.js';
import { relayAgent, sendRelayRequest, type RelayRequest } from './stream-client.js';

export type Availability = { ok: true } | { ok: false; reason: string };

export interface ParleyTarget {
  readonly server: ParleyServer;
  readonly openai: Availability;
  readonly chat: Availability;
  /** Notes from the probes (e.g. a probe answer with lost tokens). */
  readonly notes: string[];
  /** `maxTokens` asks for a short answer (warm-up). */
  openaiRequest(stream: boolean, text: string, maxTokens?: number): RelayRequest;
  /** A new conversation of the assistant with documents (untimed setup). */
  newConversation(): Promise<string>;
  chatRequest(conversationId: string, text: string, maxTokens?: number): RelayRequest;
  /** Times `count` follow-up messages in one conversation (concurrency 1) and says what they cost. */
  followUpNote(agent: Agent, count: number): Promise<string>;
}

export interface ParleyTargetOptions {
  db: DbKind;
  /** The paced upstream, `http://127.0.0.1:PORT` (no /v1). */
  upstreamUrl: string;
  documents: number;
  tokens: number;
}

/** A huge budget for every per-minute (or second, hour, day) rate limit the server's config declares. */
function rateLimitEnv(): Record<string, string> {
  const env: Record<string, string> = { PARLEY_RATE_LIMIT_PER_MINUTE: '1000000000' };
  try {
    const root = process.env.PARLEY_BENCH_SERVER_ROOT ?? repoRoot;
    const config = readFileSync(join(root, 'apps/server/src/config.ts'), 'utf8');
    for (const m of config.matchAll(/\b(PARLEY_\w*RATE_LIMIT\w*_PER_(?:SECOND|MINUTE|HOUR|DAY))\b/g)) env[m[1]!] = '1000000000';
  } catch {
    /* the defaults above */
  }
  return env;
}

export async function startParleyTarget(options: ParleyTargetOptions): Promise<ParleyTarget> {
  const server = await startParley({
    db: options.db,
    env: {
      ...rateLimitEnv(),
      PARLEY_LLM_BASE_URL: `${options.upstreamUrl}/v1`,
      PARLEY_LLM_MODEL: 'paced-model',
      PARLEY_LLM_API_KEY: 'sk-bench',
    },
  });
  try {
    return await setUp(server, options);
  } catch (err) {
    await server.stop();
    throw err;
  }
}

async function setUp(server: ParleyServer, options: ParleyTargetOptions): Promise<ParleyTarget> {
  const client = new ParleyClient(server.baseUrl);
  await client.register('relay-bench@example.test', 'bench password 1', 'Relay bench');
  const plain = await client.request<{ id: string; slug: string }>('POST', '/assistants', { name: 'Relay bench', language: 'en' });
  const withDocs = await client.request<{ id: string; slug: string }>('POST', '/assistants', {
    name: 'Relay bench with documents',
    language: 'en',
  });
  for (const a of [plain, withDocs]) await client.request('PATCH', `/assistants/${a.id}`, { generation: { temperature: 0.7 } });

  const docs = await Promise.all(
    Array.from({ length: options.documents }, (_, i) =>
      client.addTextDocument(withDocs.id, `Relay handbook part ${i + 1}`, documentText(i)),
    ),
  );
  const waited = await waitForDocuments(client, { [withDocs.id]: docs.map((d) => d.id) }, { label: 'relay documents', timeoutMs: 120_000 });
  if (waited.failed) throw new Error(`${waited.failed} of the relay bench's documents failed to index`);

  const notes: string[] = [];
  const agent = relayAgent();
  const base = new URL(server.baseUrl);
  let key = '';
  let openai: Availability;
  try {
    const created = await client.request<{ key: string }>('POST', `/assistants/${plain.id}/api-keys`, {
      name: 'relay bench',
      kind: 'secret',
    });
    key = created.key;
    openai = await probe('OpenAI-compatible path', agent, openaiRequest(true, 'probe'), options.tokens, notes);
  } catch (err) {
    openai = { ok: false, reason: `creating a secret API key failed: ${shortError(err)}` };
  }

  function openaiRequest(stream: boolean, text: string, maxTokens?: number): RelayRequest {
    return {
      url: new URL('/v1/chat/completions', base),
      headers: { authorization: `Bearer ${key}` },
      body: JSON.stringify({ model: plain.slug, messages: [{ role: 'user', content: text }], stream, max_tokens: maxTokens }),
      stream,
      format: 'openai',
    };
  }
  const newConversation = async () => (await client.request<{ id: string }>('POST', `/assistants/${withDocs.id}/conversations`, {})).id;
  const chatRequest = (conversationId: string, text: string, maxTokens?: number): RelayRequest => ({
    url: new URL(`/api/v1/conversations/${conversationId}/messages`, base),
    headers: client.authHeaders(),
    body: JSON.stringify({ content: text, ...(maxTokens ? { settings: { maxTokens } } : {}) }),
    stream: true,
    format: 'parley-chat',
  });

  let chat: Availability;
  try {
    chat = await probe(
      'chat SSE path',
      agent,
      chatRequest(await newConversation(), 'What does the relay handbook say about pacing?'),
      options.tokens,
      notes,
    );
  } catch (err) {
    chat = { ok: false, reason: err instanceof ApiError ? `POST /assistants/:id/conversations → ${shortError(err)}` : shortError(err) };
  }
  agent.destroy();

  async function followUpNote(agent: Agent, count: number): Promise<string> {
    const conversation = await newConversation();
    const first = await sendRelayRequest(
      agent,
      chatRequest(conversation, 'What does the relay handbook say about pacing?'),
      options.tokens,
      60_000,
    );
    const ttft: number[] = [];
    const upstreamBefore = await upstreamChatRequests(options.upstreamUrl);
    for (let i = 0; i < count; i++) {
      const s = await sendRelayRequest(
        agent,
        chatRequest(conversation, `And what about memory per stream, part ${i + 2}?`),
        options.tokens,
        60_000,
      );
      if (s.ok) ttft.push(s.ttftMs);
    }
    const calls = (await upstreamChatRequests(options.upstreamUrl)) - upstreamBefore;
    const extra = calls - count;
    return (
      `chat follow-ups (${count} more messages in one conversation, concurrency 1): TTFT p50 ${percentile(ttft, 50).toFixed(1)} ms ` +
      `vs ${first.ttftMs.toFixed(1)} ms for the first message; the upstream got ${calls} chat requests for them` +
      (extra > 0 ? ` (${extra} besides the answers: side calls such as condensing the follow-up)` : '')
    );
  }

  return { server, openai, chat, notes, openaiRequest, newConversation, chatRequest, followUpNote };
}

async function probe(name: string, agent: Agent, req: RelayRequest, tokens: number, notes: string[]): Promise<Availability> {
  const sample = await sendRelayRequest(agent, req, tokens, 60_000);
  if (!sample.ok) {
    const route = `POST ${req.url.pathname.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/, ':id')}`;
    // An HTTP error says its status and Parley's error code; anything else (a stream that broke) says what happened.
    const code = /"code":"([^"]+)"/.exec(sample.error ?? '')?.[1];
    const reason = sample.status >= 400 ? `${sample.status}${code ? ` ${code}` : ''}` : (sample.error ?? 'no answer').slice(0, 200);
    return { ok: false, reason: `${route} → ${reason}` };
  }
  if (!inOrder(sample.tokens)) notes.push(`${name} probe: ${JSON.stringify(sample.tokens)}`);
  return { ok: true };
}

const TOPICS = [
  'pacing',
  'back-pressure',
  'keep-alive sockets',
  'server-sent events',
  'token order',
  'time to first token',
  'memory per stream',
];

/** A few hundred words of plain English per document, distinct per index. */
function documentText(i: number): string {
  const paragraphs: string[] = [];
  for (let p = 0; p < 6; p++) {
    const topic = TOPICS[(i + p) % TOPICS.length]!;
    paragraphs.push(
      `Section ${p + 1} of part ${i + 1} covers ${topic}. A relay that forwards a streamed answer should pass each token on as soon ` +
        `as it arrives, keep the order of the tokens, and hold as little memory per open stream as it can. When ${topic} is ` +
        `handled well, the person reading the answer sees the first words after the model's own delay and not much later. ` +
        `Operators measure ${topic} at one, one hundred and one thousand concurrent streams, and compare the figures with a ` +
        `bare proxy that does nothing but copy bytes. Part ${i + 1}, section ${p + 1}, ends here.`,
    );
  }
  return paragraphs.join('\n\n');
}
