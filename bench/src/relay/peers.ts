// The servers Parley's relay is measured against, each a child process: the paced upstream itself (the
// baseline), a bare `node:http` pass-through proxy (the floor), and the Portkey AI gateway from npm.
import { join } from 'node:path';
import { freePort } from '../../../apps/server/test/services/free-port.js';
import { benchDir, repoRoot } from '../lib/paths.js';
import { startChildServer, type ChildServer } from './child-server.js';
import type { RelayRequest } from './stream-client.js';

const tsx = (script: string, args: string[]) => ({
  command: process.execPath,
  args: ['--import', 'tsx', join(benchDir, 'src/relay', script), ...args],
  cwd: repoRoot,
});

export function startPacedUpstream(tokens: number, paceMs: number): Promise<ChildServer> {
  return startChildServer({
    name: 'paced upstream',
    ...tsx('paced-upstream.ts', ['--tokens', String(tokens), '--pace-ms', String(paceMs)]),
    readyPath: '/v1/models',
  });
}

export function startPassThroughProxy(upstreamUrl: string): Promise<ChildServer> {
  return startChildServer({
    name: 'pass-through proxy',
    ...tsx('pass-through-proxy.ts', ['--upstream', upstreamUrl]),
    readyPath: '/v1/models',
  });
}

export const PORTKEY_VERSION = '1.15.2';

/** `node node_modules/@portkey-ai/gateway/build/start-server.js --port=N`, from bench/node_modules. */
export async function startPortkey(): Promise<ChildServer> {
  const port = await freePort();
  return startChildServer({
    name: 'Portkey gateway',
    command: process.execPath,
    args: ['node_modules/@portkey-ai/gateway/build/start-server.js', `--port=${port}`],
    cwd: benchDir,
    port,
    readyPath: '/',
    readyTimeoutMs: 60_000,
  });
}

/** An OpenAI chat request to `baseUrl` (the upstream or something in front of it that speaks its API); `maxTokens` for short warm-up answers. */
export function openaiRequest(
  baseUrl: string,
  stream: boolean,
  text: string,
  options: { headers?: Record<string, string>; maxTokens?: number } = {},
): RelayRequest {
  const body = { model: 'paced-model', messages: [{ role: 'user', content: text }], stream, max_tokens: options.maxTokens };
  return {
    url: new URL('/v1/chat/completions', baseUrl),
    headers: { authorization: 'Bearer sk-bench', ...options.headers },
    body: JSON.stringify(body),
    stream,
    format: 'openai',
  };
}

/** Portkey's headers for an OpenAI-compatible server at the paced upstream. */
export function portkeyHeaders(upstreamUrl: string): Record<string, string> {
  return { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${upstreamUrl}/v1` };
}

export interface UpstreamStats {
  /** Chat requests answered so far (to see whether a relay answered from a cache). */
  chatRequests: number;
  /** The latest chat request: epoch ms when it arrived, when its first token (or whole answer) was written, when it ended. */
  last: { receivedAt: number; firstTokenAt: number | null; doneAt: number | null } | null;
}

export async function upstreamStats(upstreamUrl: string): Promise<UpstreamStats> {
  const res = await fetch(`${upstreamUrl}/stats`);
  return (await res.json()) as UpstreamStats;
}

export async function upstreamChatRequests(upstreamUrl: string): Promise<number> {
  return (await upstreamStats(upstreamUrl)).chatRequests;
}
