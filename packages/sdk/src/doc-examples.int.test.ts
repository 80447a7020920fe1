// The README's example, and the guide's OpenAI-client example, run as programs (tsx, in a child process)
// against a real Parley server whose model is a fake OpenAI-compatible upstream: what they print is the
// streamed answer and its sources.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../../../apps/server/test/fixtures/fake-openai-upstream.js';
import { createTestApp, uniqueEmail, type TestApp } from '../../../apps/server/test/harness.js';
import { Parley } from './client.js';
import { exampleDir, guidePath, readmePath, runExample, runnableExamples, type ExampleDir } from './test-support/doc-examples.js';

let upstream: FakeOpenAIUpstream;
let t: TestApp;
let dir: ExampleDir;
let env: Record<string, string>;

beforeAll(async () => {
  upstream = await startFakeOpenAIUpstream();
  upstream.chatScript = { tokens: ['Refunds ', 'take five ', 'business days ', '[1].'] };
  t = await createTestApp({
    PARLEY_LLM_BASE_URL: `${upstream.url}/v1`,
    PARLEY_LLM_MODEL: 'fake-model',
    PARLEY_RATE_LIMIT_PER_MINUTE: '100000',
  });
  await t.deps.startWorker();
  const baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });

  const owner = new Parley({ baseUrl });
  await owner.auth.register({ email: uniqueEmail('readme'), password: 'correct horse battery' });
  const assistant = await owner.assistants.create({ name: 'Support Desk' });
  const doc = await owner.documents.addText(assistant.id, {
    title: 'Returns policy',
    text: 'Items can be returned within 30 days. Refunds take five business days to reach the card.',
  });
  expect((await owner.documents.waitForIndexing(assistant.id, doc.id, { intervalMs: 50 })).status).toBe('indexed');
  const { key } = await owner.apiKeys.create(assistant.id, { name: 'readme', kind: 'secret' });
  env = { PARLEY_URL: baseUrl, PARLEY_API_KEY: key, PARLEY_ASSISTANT_ID: assistant.id, PARLEY_MODEL: assistant.slug };
  dir = await exampleDir();
}, 60_000);

afterAll(async () => {
  await dir?.remove();
  await t?.deps.chat.idle();
  await t?.close();
  await upstream?.close();
});

describe('documentation examples against a real server', () => {
  it("the README's example streams the answer and prints its sources", async () => {
    const [source] = await runnableExamples(readmePath);
    const { stdout, stderr } = await runExample(await dir.write('readme.ts', source!), env);
    expect(stderr).toBe('');
    expect(stdout).toBe('Refunds take five business days [1].\n\nSources:\n[1] Returns policy\n');
  }, 60_000);

  it("the guide's example with the official openai client streams the answer and its sources", async () => {
    const [source] = await runnableExamples(guidePath);
    const { stdout, stderr } = await runExample(await dir.write('openai.ts', source!), env);
    expect(stderr).toBe('');
    expect(stdout).toBe('Refunds take five business days [1].\n[1] Returns policy');
  }, 60_000);
});
