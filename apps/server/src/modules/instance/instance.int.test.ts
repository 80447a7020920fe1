// What the instance reports about itself, and each assistant's answerMode, under three model setups:
// none configured, an instance provider, and PARLEY_LLM=extractive; plus organization providers.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS } from '@parley/contracts';
import { createAssistant, createTestApp, registerUser, type TestApp, type TestUser } from '../../../test/harness.js';

const serverPackage = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
const UNREACHABLE = 'http://127.0.0.1:9/v1';

let bare: TestApp;
let withModel: TestApp;
let extractive: TestApp;
const users = new Map<TestApp, TestUser>();

async function instanceOf(t: TestApp, headers = users.get(t)!.headers) {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/instance', headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function modeOf(t: TestApp, body: Record<string, unknown> = {}) {
  return (await createAssistant(t.app, users.get(t)!, body)).answerMode;
}

beforeAll(async () => {
  bare = await createTestApp({ PARLEY_UPLOAD_LIMIT_BYTES: '1234567' });
  withModel = await createTestApp({
    PARLEY_LLM_BASE_URL: UNREACHABLE,
    PARLEY_LLM_MODEL: 'main-model',
    PARLEY_EMBEDDINGS_DIMENSIONS: '256',
  });
  extractive = await createTestApp({ PARLEY_LLM_BASE_URL: UNREACHABLE, PARLEY_LLM_MODEL: 'main-model', PARLEY_LLM: 'extractive' });
  for (const t of [bare, withModel, extractive]) users.set(t, await registerUser(t.app));
});
afterAll(async () => {
  for (const t of [bare, withModel, extractive]) await t?.close();
});

describe('GET /api/v1/instance', () => {
  it('reports the version, the models and the limits', async () => {
    expect(await instanceOf(bare)).toEqual({
      version: serverPackage.version,
      llm: { extractiveOnly: false, instanceProvider: null },
      embeddings: { provider: 'hash', model: 'hash-v1', dimensions: 768 },
      limits: { maxUploadBytes: 1_234_567, maxMessageChars: MAX_MESSAGE_CHARS },
    });
    expect(await instanceOf(withModel)).toMatchObject({
      llm: { extractiveOnly: false, instanceProvider: { model: 'main-model' } },
      embeddings: { provider: 'hash', dimensions: 256 },
      limits: { maxUploadBytes: 52_428_800 },
    });
    expect((await instanceOf(extractive)).llm).toEqual({ extractiveOnly: true, instanceProvider: { model: 'main-model' } });
  });

  it('answers secret API keys too, and never anonymous callers', async () => {
    const user = users.get(bare)!;
    const assistant = await createAssistant(bare.app, user);
    const key = await bare.app.inject({
      method: 'POST',
      url: `/api/v1/assistants/${assistant.id}/api-keys`,
      headers: user.headers,
      payload: { name: 'k', kind: 'secret' },
    });
    expect((await instanceOf(bare, { authorization: `Bearer ${key.json().key}` })).version).toBe(serverPackage.version);
    expect((await bare.app.inject({ method: 'GET', url: '/api/v1/instance' })).statusCode).toBe(401);
  });
});

describe('answerMode of an assistant', () => {
  it('is extractive without any model, and model with an instance provider', async () => {
    expect(await modeOf(bare)).toBe('extractive');
    expect(await modeOf(withModel)).toBe('model');
    expect(await modeOf(withModel, { generation: { model: 'another-model' } })).toBe('model');
  });

  it('is extractive with PARLEY_LLM=extractive, even with a provider and a model', async () => {
    expect(await modeOf(extractive)).toBe('extractive');
  });

  it('follows the organization’s providers: one with a model answers, a deleted one no longer does', async () => {
    const user = users.get(bare)!;
    const provider = await bare.app.inject({
      method: 'POST',
      url: '/api/v1/providers',
      headers: user.headers,
      payload: { name: 'Office GPU', baseUrl: UNREACHABLE },
    });
    expect(provider.statusCode, provider.body).toBe(201);
    const providerId = provider.json().id as string;
    // An organization provider has no default model: the assistant must name one.
    expect(await modeOf(bare, { generation: { providerId } })).toBe('extractive');
    const assistant = await createAssistant(bare.app, user, { generation: { providerId, model: 'qwen2.5' } });
    expect(assistant.answerMode).toBe('model');
    const listed = await bare.app.inject({ method: 'GET', url: '/api/v1/assistants', headers: user.headers });
    expect(listed.json().items.find((a: { id: string }) => a.id === assistant.id).answerMode).toBe('model');

    expect((await bare.app.inject({ method: 'DELETE', url: `/api/v1/providers/${providerId}`, headers: user.headers })).statusCode).toBe(
      204,
    );
    const after = await bare.app.inject({ method: 'GET', url: `/api/v1/assistants/${assistant.id}`, headers: user.headers });
    expect(after.json().answerMode).toBe('extractive');
  });

  it('agrees with how the assistant answers', async () => {
    const user = users.get(bare)!;
    const assistant = await createAssistant(bare.app, user);
    expect(assistant.answerMode).toBe('extractive');
    const conversation = await bare.app.inject({
      method: 'POST',
      url: `/api/v1/assistants/${assistant.id}/conversations`,
      headers: user.headers,
      payload: {},
    });
    const turn = await bare.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversation.json().id}/messages`,
      headers: user.headers,
      payload: { content: 'Anyone there?' },
    });
    expect(turn.statusCode, turn.body).toBe(200);
    expect(turn.json().assistantMessage.model).toBe('extractive');
  });
});
