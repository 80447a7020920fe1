// Assistants through the HTTP stack: defaults, validation with field paths, merging PATCH, slugs, roles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, createTestApp, errorOf, registerUser, type TestApp, type TestUser } from '../../../test/harness.js';

let t: TestApp;
let owner: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  owner = await registerUser(t.app);
});
afterAll(async () => t?.close());

describe('assistants', () => {
  it('creates with defaults, derives the slug, and reads back', async () => {
    const a = await createAssistant(t.app, owner, { name: 'Atendimento ao Cliente', language: 'pt' });
    expect(a).toMatchObject({
      slug: 'atendimento-ao-cliente',
      language: 'pt',
      direction: 'ltr',
      tone: 'neutral',
      version: 1,
      organizationId: owner.organizationId,
      generation: { model: null, temperature: 0.3, topP: 1, maxTokens: 1024, frequencyPenalty: 0, presencePenalty: 0 },
      retrieval: { topK: 6, mode: 'hybrid', chunkSize: 512, chunkOverlap: 64 },
    });
    const got = await t.app.inject({ method: 'GET', url: `/api/v1/assistants/${a.id}`, headers: owner.headers });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(a);
  });

  it('marks right-to-left languages and keeps Hebrew and Persian text intact', async () => {
    const he = await createAssistant(t.app, owner, {
      name: 'עוזר שירות לקוחות',
      language: 'he',
      systemPrompt: 'ענה בעברית, בקצרה. מחיר: 120 ₪',
    });
    expect(he.direction).toBe('rtl');
    expect(he.name).toBe('עוזר שירות לקוחות');
    expect(he.systemPrompt).toBe('ענה בעברית, בקצרה. מחיר: 120 ₪');
    expect(he.slug).toMatch(/^assistant(-[0-9a-f]{6})?$/);
    const fa = await createAssistant(t.app, owner, { name: 'دستیار فروش', language: 'fa' });
    expect(fa.direction).toBe('rtl');
    expect(fa.slug).not.toBe(he.slug);
  });

  it('rejects out-of-range settings with the offending field paths', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/assistants',
      headers: owner.headers,
      payload: {
        name: 'Bad',
        language: 'xx',
        generation: { temperature: 2.5, topP: -0.1, maxTokens: 0, frequencyPenalty: 3, presencePenalty: -2.5 },
        retrieval: { topK: 0 },
      },
    });
    expect(res.statusCode).toBe(400);
    const paths = errorOf(res).details!.issues!.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.language',
        'body.generation.temperature',
        'body.generation.topP',
        'body.generation.maxTokens',
        'body.generation.frequencyPenalty',
        'body.generation.presencePenalty',
        'body.retrieval.topK',
      ]),
    );
  });

  it('rejects unknown fields by name', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/assistants',
      headers: owner.headers,
      payload: { name: 'X', colour: 'red' },
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details!.issues![0]!.path).toBe('body.colour');
  });

  it('PATCH merges nested settings, bumps the version, and validates the merged result', async () => {
    const a = await createAssistant(t.app, owner, { name: 'Merge', generation: { temperature: 0.9, maxTokens: 300 } });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/assistants/${a.id}`,
      headers: owner.headers,
      payload: { generation: { temperature: 0 }, tone: 'formal' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ tone: 'formal', version: 2, generation: { temperature: 0, maxTokens: 300 } });
    const bad = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/assistants/${a.id}`,
      headers: owner.headers,
      payload: { retrieval: { chunkOverlap: 600, chunkSize: 512 } },
    });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details!.issues![0]!.path).toBe('body.retrieval.chunkOverlap');
  });

  it('keeps slugs unique per organization: 409 on an explicit clash, a suffix when derived', async () => {
    await createAssistant(t.app, owner, { name: 'Sales', slug: 'sales' });
    const clash = await t.app.inject({
      method: 'POST',
      url: '/api/v1/assistants',
      headers: owner.headers,
      payload: { name: 'Other', slug: 'sales' },
    });
    expect(clash.statusCode).toBe(409);
    expect(errorOf(clash).code).toBe('slug_taken');
    const derived = await createAssistant(t.app, owner, { name: 'Sales' });
    expect(derived.slug).toMatch(/^sales-[0-9a-f]{6}$/);
    // Another organization may use the same slug.
    const other = await registerUser(t.app);
    expect((await createAssistant(t.app, other, { name: 'Sales', slug: 'sales' })).slug).toBe('sales');
  });

  it('lists with search and pagination, and deletes with 204 then 404', async () => {
    const user = await registerUser(t.app);
    for (const name of ['Alpha', 'Beta', 'Gamma']) await createAssistant(t.app, user, { name });
    const page = await t.app.inject({ method: 'GET', url: '/api/v1/assistants?limit=2&offset=0', headers: user.headers });
    expect(page.json().total).toBe(3);
    expect(page.json().items.map((a: { name: string }) => a.name)).toEqual(['Alpha', 'Beta']);
    const search = await t.app.inject({ method: 'GET', url: '/api/v1/assistants?q=gam', headers: user.headers });
    expect(search.json().items.map((a: { name: string }) => a.name)).toEqual(['Gamma']);
    const id = page.json().items[0].id;
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/assistants/${id}`, headers: user.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/assistants/${id}`, headers: user.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/assistants/${id}`, headers: user.headers })).statusCode).toBe(404);
  });

  it('records audit events for changes', async () => {
    const user = await registerUser(t.app);
    const a = await createAssistant(t.app, user, { name: 'Audited' });
    await t.app.inject({ method: 'PATCH', url: `/api/v1/assistants/${a.id}`, headers: user.headers, payload: { name: 'Audited 2' } });
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit-events', headers: user.headers });
    const actions = res.json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['assistant.created', 'assistant.updated', 'user.registered']));
    expect(res.json().items[0].requestId).toEqual(expect.any(String));
  });
});
