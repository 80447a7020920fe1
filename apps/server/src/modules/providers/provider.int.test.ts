// Organizations' model providers: managed by owners and admins, API keys sealed at rest and never
// returned, models discovered through the server's /models, and used by assistants that name them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { providers } from '../../db/schema.js';
import { createAssistant, createTestApp, errorOf, registerUser, type TestApp, type TestUser } from '../../../test/harness.js';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../../../test/fixtures/fake-openai-upstream.js';

let upstream: FakeOpenAIUpstream;
let t: TestApp;
let owner: TestUser;

beforeAll(async () => {
  upstream = await startFakeOpenAIUpstream();
  upstream.modelIds = ['llama3.1:8b', 'qwen2.5:7b'];
  t = await createTestApp();
  owner = await registerUser(t.app);
});
afterAll(async () => {
  await t?.close();
  await upstream?.close();
});

async function createProvider(body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/v1/providers', headers: owner.headers, payload: body });
}

describe('providers', () => {
  it('stores the API key sealed, never returns it, and lists no instance provider when none is configured', async () => {
    const res = await createProvider({ name: 'Local Ollama', baseUrl: `${upstream.url}/v1/`, apiKey: 'sk-ollama-secret' });
    expect(res.statusCode).toBe(201);
    const provider = res.json();
    expect(provider).toMatchObject({
      name: 'Local Ollama',
      kind: 'openai-compatible',
      baseUrl: `${upstream.url}/v1`,
      hasApiKey: true,
      managed: false,
    });
    expect(res.body).not.toContain('sk-ollama-secret');
    const [row] = await t.deps.database.db.select().from(providers).where(eq(providers.id, provider.id));
    expect(row!.apiKeySealed).toMatch(/^v1\./);
    expect(row!.apiKeySealed).not.toContain('sk-ollama-secret');

    const list = await t.app.inject({ method: 'GET', url: '/api/v1/providers', headers: owner.headers });
    expect(list.json().items.map((p: { id: string }) => p.id)).toEqual([provider.id]);
    expect(list.body).not.toContain('sk-ollama-secret');
  });

  it('refuses a duplicate name and a non-http URL', async () => {
    await createProvider({ name: 'Twice', baseUrl: 'http://127.0.0.1:1/v1' });
    const dup = await createProvider({ name: 'Twice', baseUrl: 'http://127.0.0.1:2/v1' });
    expect(dup.statusCode).toBe(409);
    expect(errorOf(dup).code).toBe('provider_name_taken');
    const ftp = await createProvider({ name: 'Ftp', baseUrl: 'ftp://example.test/v1' });
    expect(ftp.statusCode).toBe(400);
    expect(errorOf(ftp).details!.issues![0]!.path).toBe('body.baseUrl');
  });

  it('discovers models through the server, sending the stored key', async () => {
    const provider = (await createProvider({ name: 'Discover', baseUrl: `${upstream.url}/v1`, apiKey: 'sk-discover' })).json();
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/providers/${provider.id}/models`, headers: owner.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((m: { id: string }) => m.id)).toEqual(['llama3.1:8b', 'qwen2.5:7b']);
    expect(upstream.requestsTo('/v1/models').at(-1)!.headers.authorization).toBe('Bearer sk-discover');

    const down = (await createProvider({ name: 'Down', baseUrl: 'http://127.0.0.1:9/v1' })).json();
    const unreachable = await t.app.inject({ method: 'GET', url: `/api/v1/providers/${down.id}/models`, headers: owner.headers });
    expect(unreachable.statusCode).toBe(502);
    expect(errorOf(unreachable).code).toBe('provider_unreachable');
  });

  it('changes and removes the key, and deletes the provider', async () => {
    const provider = (await createProvider({ name: 'Rotate', baseUrl: `${upstream.url}/v1`, apiKey: 'sk-old' })).json();
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/providers/${provider.id}`,
      headers: owner.headers,
      payload: { apiKey: null },
    });
    expect(patched.json().hasApiKey).toBe(false);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/providers/${provider.id}`, headers: owner.headers });
    expect(del.statusCode).toBe(204);
    const gone = await t.app.inject({ method: 'GET', url: `/api/v1/providers/${provider.id}`, headers: owner.headers });
    expect(gone.statusCode).toBe(404);
  });

  it('answers an assistant that names the provider with its model, through that server', async () => {
    const provider = (await createProvider({ name: 'Chat server', baseUrl: `${upstream.url}/v1`, apiKey: 'sk-chat' })).json();
    const assistant = await createAssistant(t.app, owner, {
      name: 'Uses provider',
      generation: { providerId: provider.id, model: 'qwen2.5:7b' },
    });
    upstream.chatScript = { tokens: ['Hello ', 'from qwen'] };
    const conversation = await t.app.inject({
      method: 'POST',
      url: `/api/v1/assistants/${assistant.id}/conversations`,
      headers: owner.headers,
    });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversation.json().id}/messages`,
      headers: owner.headers,
      payload: { content: 'Hi there' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().assistantMessage).toMatchObject({ content: 'Hello from qwen', model: 'qwen2.5:7b', status: 'complete' });
    const request = upstream.requestsTo('/v1/chat/completions').at(-1)!;
    expect(request.headers.authorization).toBe('Bearer sk-chat');
    expect((request.body as { model: string }).model).toBe('qwen2.5:7b');
  });

  it('refuses an assistant naming a provider that is not the organization’s', async () => {
    const other = await registerUser(t.app);
    const foreign = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/providers',
        headers: other.headers,
        payload: { name: 'Foreign', baseUrl: 'http://127.0.0.1:3/v1' },
      })
    ).json();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/assistants',
      headers: owner.headers,
      payload: { name: 'Borrower', generation: { providerId: foreign.id, model: 'x' } },
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details!.issues![0]!.path).toBe('body.generation.providerId');
  });
});
