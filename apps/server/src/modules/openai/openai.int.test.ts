// The OpenAI-compatible API, driven by the official `openai` npm client against a listening Parley
// whose model is a fake OpenAI-compatible upstream: models, streamed and non-streamed completions with
// usage, request settings within the assistant's limits, citations, and OpenAI-format errors.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, createTestApp, registerUser, type TestApp, type TestUser } from '../../../test/harness.js';
import { startFakeOpenAIUpstream, type FakeChatBody, type FakeOpenAIUpstream } from '../../../test/fixtures/fake-openai-upstream.js';

let upstream: FakeOpenAIUpstream;
let t: TestApp;
let owner: TestUser;
let client: OpenAI;
let slug: string;

beforeAll(async () => {
  upstream = await startFakeOpenAIUpstream();
  t = await createTestApp({
    PARLEY_LLM_BASE_URL: `${upstream.url}/v1`,
    PARLEY_LLM_MODEL: 'upstream-model',
    PARLEY_RATE_LIMIT_PER_MINUTE: '100000',
  });
  await t.deps.startWorker();
  const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  owner = await registerUser(t.app);
  const assistant = await createAssistant(t.app, owner, {
    name: 'Shop Bot',
    systemPrompt: 'You answer questions about the shop.',
    generation: { maxTokens: 300, temperature: 0.2 },
  });
  slug = assistant.slug;
  await createAssistant(t.app, owner, { name: 'Other Bot' });
  const doc = await t.app.inject({
    method: 'POST',
    url: `/api/v1/assistants/${assistant.id}/documents`,
    headers: owner.headers,
    payload: { title: 'Returns policy', text: 'Items can be returned within 30 days with the receipt. Refunds take five business days.' },
  });
  for (const deadline = Date.now() + 30_000; ;) {
    const d = await t.app.inject({
      method: 'GET',
      url: `/api/v1/assistants/${assistant.id}/documents/${doc.json().id}`,
      headers: owner.headers,
    });
    if (d.json().status === 'indexed') break;
    if (Date.now() > deadline) throw new Error('not indexed');
    await new Promise((r) => setTimeout(r, 50));
  }
  const key = await t.app.inject({
    method: 'POST',
    url: `/api/v1/assistants/${assistant.id}/api-keys`,
    headers: owner.headers,
    payload: { name: 'integration', kind: 'secret' },
  });
  client = new OpenAI({ apiKey: key.json().key, baseURL: `${base}/v1`, maxRetries: 0 });
}, 60_000);

afterAll(async () => {
  await t?.close();
  await upstream?.close();
});

const lastBody = () => upstream.requestsTo('/v1/chat/completions').at(-1)!.body as FakeChatBody & Record<string, unknown>;

describe('OpenAI-compatible API with the official client', () => {
  it('lists the assistant the key can reach as a model', async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual([slug]);
    expect(models.data[0]).toMatchObject({ object: 'model', owned_by: 'parley' });
  });

  it('answers a non-streamed completion with text, usage and citations, grounded in the documents', async () => {
    upstream.chatScript = { tokens: ['Within ', '30 days [1].'], usage: { prompt_tokens: 210, completion_tokens: 6 } };
    const completion = await client.chat.completions.create({
      model: slug,
      messages: [{ role: 'user', content: 'How long do I have to return an item?' }],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe(slug);
    expect(completion.choices[0]!.message).toMatchObject({ role: 'assistant', content: 'Within 30 days [1].' });
    expect(completion.choices[0]!.finish_reason).toBe('stop');
    expect(completion.usage).toEqual({ prompt_tokens: 210, completion_tokens: 6, total_tokens: 216 });
    const parley = (completion as unknown as { parley: { citations: { documentTitle: string; n: number }[] } }).parley;
    expect(parley.citations).toEqual([expect.objectContaining({ n: 1, documentTitle: 'Returns policy' })]);
    const body = lastBody();
    expect(body.model).toBe('upstream-model');
    expect(body.messages[0]!.content).toContain('You answer questions about the shop.');
    expect(body.messages.some((m) => m.content.includes('returned within 30 days'))).toBe(true);
  });

  it('streams a completion chunk by chunk, with usage when asked and citations in a last chunk', async () => {
    upstream.chatScript = { tokens: ['Refunds ', 'take ', 'five ', 'days [1].'], usage: { prompt_tokens: 150, completion_tokens: 5 } };
    const stream = await client.chat.completions.create({
      model: slug,
      messages: [{ role: 'user', content: 'How long do refunds take?' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined | null;
    let finish: string | null = null;
    let citations: unknown[] = [];
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      expect(chunk.object).toBe('chat.completion.chunk');
      text += chunk.choices[0]?.delta?.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
      const extra = (chunk as unknown as { parley?: { citations: unknown[] } }).parley;
      if (extra) citations = extra.citations;
    }
    expect(text).toBe('Refunds take five days [1].');
    expect(chunks).toBeGreaterThanOrEqual(6);
    expect(finish).toBe('stop');
    expect(usage).toEqual({ prompt_tokens: 150, completion_tokens: 5, total_tokens: 155 });
    expect(citations).toHaveLength(1);
  });

  it('honours the request settings within the assistant limits, and takes integrator history and instructions', async () => {
    upstream.chatScript = { tokens: ['ok'] };
    await client.chat.completions.create({
      model: slug,
      messages: [
        { role: 'system', content: 'Reply in one sentence.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello! How can I help?' },
        { role: 'user', content: 'Can I return shoes?' },
      ],
      temperature: 0.9,
      top_p: 0.5,
      max_tokens: 5000,
      stop: ['END'],
    });
    const body = lastBody();
    expect(body.temperature).toBe(0.9);
    expect(body.top_p).toBe(0.5);
    expect(body.max_tokens ?? body.max_completion_tokens).toBe(300);
    expect(body.stop).toEqual(['END']);
    expect(body.messages[0]!.content).toContain('Reply in one sentence.');
    expect(body.messages.some((m) => m.role === 'assistant' && m.content === 'Hello! How can I help?')).toBe(true);
    expect(body.messages.at(-1)!.content).toContain('Can I return shoes?');
  });

  it('answers errors in OpenAI format, as the client expects them', async () => {
    const unknown = await client.chat.completions
      .create({ model: 'no-such-assistant', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);
    expect((unknown as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');

    const invalid = await client.chat.completions.create({ model: slug, messages: [] }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(OpenAI.BadRequestError);
    expect((invalid as InstanceType<typeof OpenAI.BadRequestError>).error).toMatchObject({
      type: 'invalid_request_error',
      code: 'validation_error',
    });

    const badKey = new OpenAI({ apiKey: 'sk_not_a_real_key', baseURL: client.baseURL, maxRetries: 0 });
    const denied = await badKey.models.list().catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(OpenAI.AuthenticationError);

    upstream.fail('/v1/chat/completions', { kind: 'status', status: 400, message: 'context too long' });
    const failed = await client.chat.completions
      .create({ model: slug, messages: [{ role: 'user', content: 'fail' }] })
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(OpenAI.APIError);
    expect((failed as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
    expect((failed as InstanceType<typeof OpenAI.APIError>).code).toBe('upstream_refused');
  });

  it('lets a signed-in user reach every assistant of the organization', async () => {
    const asUser = new OpenAI({ apiKey: owner.token, baseURL: client.baseURL, maxRetries: 0 });
    const models = await asUser.models.list();
    expect(models.data.map((m) => m.id).sort()).toEqual(['other-bot', slug].sort());
  });

  it('answers from a document indexed after an earlier question, and stops a revoked key at once', async () => {
    const fresh = await createAssistant(t.app, owner, { name: 'Fresh Bot' });
    const key = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/assistants/${fresh.id}/api-keys`,
        headers: owner.headers,
        payload: { name: 'k', kind: 'secret' },
      })
    ).json();
    const freshClient = new OpenAI({ apiKey: key.key, baseURL: client.baseURL, maxRetries: 0 });
    upstream.chatScript = { tokens: ['ok'] };
    const before = await freshClient.chat.completions.create({
      model: fresh.slug,
      messages: [{ role: 'user', content: 'What is the locker code?' }],
    });
    expect((before as unknown as { parley: { citations: unknown[] } }).parley.citations).toEqual([]);
    const doc = await t.app.inject({
      method: 'POST',
      url: `/api/v1/assistants/${fresh.id}/documents`,
      headers: owner.headers,
      payload: { title: 'Locker', text: 'The locker code is 4711.' },
    });
    for (const deadline = Date.now() + 30_000; ;) {
      const d = await t.app.inject({
        method: 'GET',
        url: `/api/v1/assistants/${fresh.id}/documents/${doc.json().id}`,
        headers: owner.headers,
      });
      if (d.json().status === 'indexed') break;
      if (Date.now() > deadline) throw new Error('not indexed');
      await new Promise((r) => setTimeout(r, 50));
    }
    const after = await freshClient.chat.completions.create({
      model: fresh.slug,
      messages: [{ role: 'user', content: 'What is the locker code?' }],
    });
    expect((after as unknown as { parley: { citations: { documentTitle: string }[] } }).parley.citations[0]!.documentTitle).toBe('Locker');

    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/assistants/${fresh.id}/api-keys/${key.id}`,
      headers: owner.headers,
    });
    expect(revoke.statusCode).toBe(204);
    await expect(freshClient.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('records usage for the organization (written in batches, within a second)', async () => {
    const usage = async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/usage?groupBy=model', headers: owner.headers });
      return res.json().items.find((i: { key: string }) => i.key === 'upstream-model') ?? { requests: 0, promptTokens: 0 };
    };
    await expect.poll(async () => (await usage()).requests, { timeout: 3_000 }).toBeGreaterThanOrEqual(3);
    expect((await usage()).promptTokens).toBeGreaterThanOrEqual(360);
  });
});
