// Conversations and folders through the real HTTP stack and database: create, list with filters and
// ordering, search by title and by message text (Hebrew, Persian, Russian), messages as the API shows
// them, feedback on answers, folders, and visibility (each person their own; API keys only API
// conversations of their assistant).
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, createTestApp, errorOf, registerUser, uniqueEmail, type TestApp, type TestUser } from '../../../test/harness.js';
import { conversations, messages } from '../../db/schema.js';
import { messageSearchText } from './conversation.repository.js';

interface ConversationDto {
  id: string;
  assistantId: string;
  title: string;
  pinned: boolean;
  archived: boolean;
  folderId: string | null;
  messageCount: number;
  lastMessageAt: string | null;
  snippet?: string | null;
}

let t: TestApp;
let alice: TestUser;
let bob: TestUser; // a member of Alice's organization
let bobHeaders: Record<string, string>;
let mallory: TestUser; // another organization
let assistantId: string;
let otherAssistantId: string;
let keyHeaders: Record<string, string>;
let otherKeyHeaders: Record<string, string>;

async function secretKey(user: TestUser, forAssistant: string): Promise<Record<string, string>> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/assistants/${forAssistant}/api-keys`,
    headers: user.headers,
    payload: { name: 'k', kind: 'secret' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { authorization: `Bearer ${res.json().key}` };
}

async function startConversation(headers: Record<string, string>, body: Record<string, unknown> = {}, onAssistant = assistantId) {
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/assistants/${onAssistant}/conversations`, headers, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as ConversationDto;
}

async function list(headers: Record<string, string>, query = ''): Promise<{ items: ConversationDto[]; total: number }> {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/conversations${query ? `?${query}` : ''}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function patch(headers: Record<string, string>, id: string, payload: Record<string, unknown>) {
  return t.app.inject({ method: 'PATCH', url: `/api/v1/conversations/${id}`, headers, payload });
}

/** Writes a message as the chat engine does, including its search vector, and bumps the conversation. */
async function addMessage(conversationId: string, content: string, extra: Partial<typeof messages.$inferInsert> = {}, at = new Date()) {
  const db = t.deps.database.db;
  const [row] = await db
    .insert(messages)
    .values({
      conversationId,
      role: 'user',
      content,
      status: 'complete',
      tsv: sql`to_tsvector('simple', ${messageSearchText(content)})`,
      createdAt: at,
      ...extra,
    })
    .returning();
  await db
    .update(conversations)
    .set({ messageCount: sql`${conversations.messageCount} + 1`, lastMessageAt: at })
    .where(sql`${conversations.id} = ${conversationId}`);
  return row!;
}

const ids = (items: { id: string }[]) => items.map((c) => c.id);

beforeAll(async () => {
  t = await createTestApp();
  alice = await registerUser(t.app, { name: 'Alice' });
  mallory = await registerUser(t.app, { name: 'Mallory' });
  const email = uniqueEmail('bob');
  const invite = await t.app.inject({
    method: 'POST',
    url: `/api/v1/organizations/${alice.organizationId}/invitations`,
    headers: alice.headers,
    payload: { email, role: 'member' },
  });
  expect(invite.statusCode, invite.body).toBe(201);
  bob = await registerUser(t.app, { email });
  const accepted = await t.app.inject({
    method: 'POST',
    url: '/api/v1/invitations/accept',
    headers: bob.headers,
    payload: { token: invite.json().token },
  });
  expect(accepted.statusCode, accepted.body).toBe(200);
  bobHeaders = { ...bob.headers, 'x-parley-organization': alice.organizationId };
  assistantId = (await createAssistant(t.app, alice, { name: 'Support' })).id;
  otherAssistantId = (await createAssistant(t.app, alice, { name: 'Sales' })).id;
  keyHeaders = await secretKey(alice, assistantId);
  otherKeyHeaders = await secretKey(alice, otherAssistantId);
});
afterAll(async () => t?.close());

describe('conversations', () => {
  it('starts a conversation with a default or given title, reads, renames and deletes it with its messages', async () => {
    const plain = await startConversation(alice.headers);
    expect(plain).toMatchObject({
      assistantId,
      title: 'New conversation',
      titled: false,
      pinned: false,
      archived: false,
      folderId: null,
      messageCount: 0,
      lastMessageAt: null,
    });
    const [titledRow] = await t.deps.database.db
      .select()
      .from(conversations)
      .where(sql`${conversations.id} = ${plain.id}`);
    expect(titledRow!.titled).toBe(false);

    const named = await startConversation(alice.headers, { title: '  Delivery to Porto  ' });
    expect(named.title).toBe('Delivery to Porto');
    const noBody = await t.app.inject({ method: 'POST', url: `/api/v1/assistants/${assistantId}/conversations`, headers: alice.headers });
    expect(noBody.statusCode, noBody.body).toBe(201);

    const got = await t.app.inject({ method: 'GET', url: `/api/v1/conversations/${named.id}`, headers: alice.headers });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(named);

    const renamed = await patch(alice.headers, plain.id, { title: 'Returns' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().title).toBe('Returns');
    const [after] = await t.deps.database.db
      .select()
      .from(conversations)
      .where(sql`${conversations.id} = ${plain.id}`);
    expect(after!.titled).toBe(true);

    const message = await addMessage(plain.id, 'Can I return a kettle?');
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/conversations/${plain.id}`, headers: alice.headers });
    expect(del.statusCode).toBe(204);
    expect(del.body).toBe('');
    const gone = await t.app.inject({ method: 'GET', url: `/api/v1/conversations/${plain.id}`, headers: alice.headers });
    expect(gone.statusCode).toBe(404);
    expect(errorOf(gone).code).toBe('conversation_not_found');
    const left = await t.deps.database.db
      .select()
      .from(messages)
      .where(sql`${messages.id} = ${message.id}`);
    expect(left).toEqual([]);
    const again = await t.app.inject({ method: 'DELETE', url: `/api/v1/conversations/${plain.id}`, headers: alice.headers });
    expect(again.statusCode).toBe(404);
  });

  it('refuses unknown assistants and assistants of another organization with 404', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: `/api/v1/assistants/${randomUUID()}/conversations`,
      headers: alice.headers,
      payload: {},
    });
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown).code).toBe('assistant_not_found');
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/v1/assistants/${assistantId}/conversations`,
      headers: mallory.headers,
      payload: {},
    });
    expect(foreign.statusCode).toBe(404);
    const otherAssistant = await t.app.inject({
      method: 'POST',
      url: `/api/v1/assistants/${otherAssistantId}/conversations`,
      headers: keyHeaders,
      payload: {},
    });
    expect(otherAssistant.statusCode).toBe(404);
  });

  it('returns messages oldest first, with citations, usage and errors as stored', async () => {
    const c = await startConversation(alice.headers, { title: 'Messages' });
    const documentId = randomUUID();
    const chunkId = randomUUID();
    const base = Date.now() - 60_000;
    await addMessage(c.id, 'When do you open?', {}, new Date(base));
    await addMessage(
      c.id,
      'We open at 9 [1].',
      {
        role: 'assistant',
        model: 'llama3',
        promptTokens: 120,
        completionTokens: 8,
        latencyMs: 900,
        ttftMs: 150,
        citations: [{ n: 1, documentId, documentTitle: 'Hours', chunkId, page: null, quote: 'Open 9 to 7' }, { broken: true }],
      },
      new Date(base + 1000),
    );
    await addMessage(
      c.id,
      '',
      { role: 'assistant', status: 'error', promptTokens: 50, errorCode: 'provider_unavailable', errorMessage: 'The model did not answer' },
      new Date(base + 2000),
    );
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/conversations/${c.id}/messages`, headers: alice.headers });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items;
    expect(items.map((m: { content: string }) => m.content)).toEqual(['When do you open?', 'We open at 9 [1].', '']);
    expect(items[0]).toMatchObject({
      role: 'user',
      status: 'complete',
      citations: [],
      usage: null,
      model: null,
      cached: false,
      error: null,
    });
    expect(items[1]).toMatchObject({
      role: 'assistant',
      citations: [{ n: 1, documentId, documentTitle: 'Hours', chunkId, page: null, quote: 'Open 9 to 7' }],
      usage: { promptTokens: 120, completionTokens: 8 },
      model: 'llama3',
      latencyMs: 900,
      ttftMs: 150,
    });
    expect(items[2]).toMatchObject({
      status: 'error',
      usage: null,
      error: { code: 'provider_unavailable', message: 'The model did not answer' },
    });

    const foreign = await t.app.inject({ method: 'GET', url: `/api/v1/conversations/${c.id}/messages`, headers: bobHeaders });
    expect(foreign.statusCode).toBe(404);
  });

  it('lists pinned first, then by latest activity, and filters by pinned, archived, folder and assistant', async () => {
    const user = await registerUser(t.app, { name: 'Lister' });
    const own = (await createAssistant(t.app, user, { name: 'A' })).id;
    const second = (await createAssistant(t.app, user, { name: 'B' })).id;
    const folder = (
      await t.app.inject({ method: 'POST', url: '/api/v1/folders', headers: user.headers, payload: { name: 'Work' } })
    ).json();

    const old = await startConversation(user.headers, { title: 'old' }, own);
    const recent = await startConversation(user.headers, { title: 'recent' }, own);
    const pinned = await startConversation(user.headers, { title: 'pinned' }, own);
    const archived = await startConversation(user.headers, { title: 'archived' }, own);
    const filed = await startConversation(user.headers, { title: 'filed', folderId: folder.id }, second);
    expect(filed.folderId).toBe(folder.id);
    const now = Date.now();
    await addMessage(old.id, 'first', {}, new Date(now - 3_600_000));
    await addMessage(recent.id, 'latest', {}, new Date(now + 60_000));
    await addMessage(pinned.id, 'long ago', {}, new Date(now - 86_400_000));
    expect((await patch(user.headers, pinned.id, { pinned: true })).json().pinned).toBe(true);
    expect((await patch(user.headers, archived.id, { archived: true })).json().archived).toBe(true);

    // `filed` has no messages: its creation (now) places it between `recent` and `old`.
    const all = await list(user.headers);
    expect(ids(all.items)).toEqual([pinned.id, recent.id, filed.id, old.id]);
    expect(all.total).toBe(4);
    expect(all.items[1]).toMatchObject({ messageCount: 1, snippet: null });

    expect(ids((await list(user.headers, 'pinned=true')).items)).toEqual([pinned.id]);
    expect(ids((await list(user.headers, 'pinned=false')).items)).toEqual([recent.id, filed.id, old.id]);
    expect(ids((await list(user.headers, 'archived=true')).items)).toEqual([archived.id]);
    expect(ids((await list(user.headers, `folderId=${folder.id}`)).items)).toEqual([filed.id]);
    expect(ids((await list(user.headers, 'folderId=none')).items)).toEqual([pinned.id, recent.id, old.id]);
    expect(ids((await list(user.headers, `assistantId=${second}`)).items)).toEqual([filed.id]);
    const page = await list(user.headers, 'limit=2&offset=1');
    expect(ids(page.items)).toEqual([recent.id, filed.id]);
    expect(page.total).toBe(4);

    // Moving out of the folder and back into no folder.
    const out = await patch(user.headers, filed.id, { folderId: null });
    expect(out.json().folderId).toBeNull();
    expect((await list(user.headers, `folderId=${folder.id}`)).items).toEqual([]);
  });

  it('files conversations only into the caller’s own folders', async () => {
    const bobFolder = (
      await t.app.inject({ method: 'POST', url: '/api/v1/folders', headers: bobHeaders, payload: { name: 'Bob' } })
    ).json();
    const c = await startConversation(alice.headers);
    const res = await patch(alice.headers, c.id, { folderId: bobFolder.id });
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).code).toBe('folder_not_found');
    const create = await t.app.inject({
      method: 'POST',
      url: `/api/v1/assistants/${assistantId}/conversations`,
      headers: alice.headers,
      payload: { folderId: randomUUID() },
    });
    expect(create.statusCode).toBe(404);
    expect(errorOf(create).code).toBe('folder_not_found');
    const viaKey = await startConversation(keyHeaders);
    expect((await patch(keyHeaders, viaKey.id, { folderId: bobFolder.id })).statusCode).toBe(404);
  });

  it('searches titles and message text in Hebrew, Persian and Russian, with a snippet of the matching message', async () => {
    const user = await registerUser(t.app, { name: 'Searcher' });
    const own = (await createAssistant(t.app, user, { name: 'Multi' })).id;
    const he = await startConversation(user.headers, { title: 'שאלה' }, own);
    const fa = await startConversation(user.headers, { title: 'پرسش' }, own);
    const ru = await startConversation(user.headers, { title: 'Вопрос' }, own);
    const titled = await startConversation(user.headers, { title: 'Заказ номер 5' }, own);
    await addMessage(he.id, 'שלום, מה הסטטוס של ההזמנה שלי? מספר ההזמנה 4411.');
    await addMessage(he.id, 'אני רוצה לבטל את הזמנה מספר 4411 בבקשה.');
    await addMessage(fa.id, 'این کار چطور انجام می‌شود؟ لطفاً توضیح دهید.');
    await addMessage(ru.id, 'Где мой заказ? Я жду уже неделю, ещё ничего.');

    const hebrew = await list(user.headers, `q=${encodeURIComponent('הזמנה')}`);
    expect(ids(hebrew.items)).toEqual([he.id]);
    expect(hebrew.items[0]!.snippet).toContain('הזמנה');
    expect(hebrew.items[0]!.snippet).toContain('לבטל'); // the latest matching message

    // ZWNJ is a word break in the index: "شود" alone finds "می‌شود", and so does the whole word.
    for (const q of ['شود', 'می‌شود', 'مي']) {
      const persian = await list(user.headers, `q=${encodeURIComponent(q)}`);
      expect(ids(persian.items), q).toEqual([fa.id]);
      expect(persian.items[0]!.snippet).toContain('می‌شود');
    }

    // Russian: case-insensitive, prefix match ("зака" finds "заказ"), ё read as е.
    const russian = await list(user.headers, `q=${encodeURIComponent('ЗАКА')}`);
    expect(new Set(ids(russian.items))).toEqual(new Set([ru.id, titled.id]));
    expect(russian.items.find((c) => c.id === titled.id)!.snippet).toBeNull(); // found by its title only
    expect(russian.items.find((c) => c.id === ru.id)!.snippet).toContain('заказ');
    expect(ids((await list(user.headers, `q=${encodeURIComponent('еще неделю')}`)).items)).toEqual([ru.id]);

    // Every word must match; a word found nowhere finds nothing.
    expect((await list(user.headers, `q=${encodeURIComponent('заказ зебра')}`)).items).toEqual([]);
    // Title search is a substring match.
    expect(ids((await list(user.headers, `q=${encodeURIComponent('прос')}`)).items)).toEqual([ru.id]);
    // Punctuation alone and LIKE wildcards match nothing by accident.
    expect((await list(user.headers, `q=${encodeURIComponent("%_'\\")}`)).items).toEqual([]);
    expect((await list(user.headers, `q=${encodeURIComponent("'':*&|!")}`)).items).toEqual([]);
  });

  it('keeps each person’s conversations to themselves', async () => {
    const mine = await startConversation(alice.headers, { title: 'Alice only' });
    await addMessage(mine.id, 'private words here');
    const bobs = await startConversation(bobHeaders, { title: 'Bob only' });

    for (const headers of [bobHeaders, mallory.headers]) {
      for (const request of [
        { method: 'GET' as const, url: `/api/v1/conversations/${mine.id}` },
        { method: 'GET' as const, url: `/api/v1/conversations/${mine.id}/messages` },
        { method: 'PATCH' as const, url: `/api/v1/conversations/${mine.id}`, payload: { title: 'taken' } },
        { method: 'DELETE' as const, url: `/api/v1/conversations/${mine.id}` },
      ]) {
        const res = await t.app.inject({ ...request, headers });
        expect(res.statusCode, `${request.method} ${request.url}`).toBe(404);
        expect(errorOf(res).code).toBe('conversation_not_found');
      }
      expect(ids((await list(headers, 'q=private')).items)).not.toContain(mine.id);
    }
    expect(ids((await list(bobHeaders)).items)).toEqual([bobs.id]);
    expect(ids((await list(alice.headers)).items)).not.toContain(bobs.id);
    expect((await list(mallory.headers)).items).toEqual([]);
    // Neither an API key of the same assistant.
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/conversations/${mine.id}`, headers: keyHeaders })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/conversations/${mine.id}`, headers: alice.headers })).json().title).toBe(
      'Alice only',
    );
  });

  it('lets a secret key see only the API conversations of its assistant', async () => {
    const viaKey = await startConversation(keyHeaders, { title: 'From the ERP' });
    const viaOtherKey = await startConversation(otherKeyHeaders, { title: 'From the CRM' }, otherAssistantId);
    const keyList = await list(keyHeaders);
    expect(ids(keyList.items)).toContain(viaKey.id);
    expect(ids(keyList.items)).not.toContain(viaOtherKey.id);
    expect(keyList.items.every((c) => c.assistantId === assistantId)).toBe(true);
    // Another key of the same assistant shares its API conversations.
    const sameAssistantKey = await secretKey(alice, assistantId);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/conversations/${viaKey.id}`, headers: sameAssistantKey })).statusCode).toBe(
      200,
    );
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/conversations/${viaKey.id}`, headers: otherKeyHeaders })).statusCode).toBe(
      404,
    );
    // People do not see API conversations in their list, not even the owner.
    expect(ids((await list(alice.headers)).items)).not.toContain(viaKey.id);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/conversations/${viaKey.id}`, headers: alice.headers })).statusCode).toBe(404);
    // The key manages its own conversations.
    expect((await patch(keyHeaders, viaKey.id, { pinned: true, title: 'ERP sync' })).json()).toMatchObject({
      pinned: true,
      title: 'ERP sync',
    });
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/conversations/${viaKey.id}`, headers: keyHeaders })).statusCode).toBe(204);
    // Folders are for people only.
    const folders = await t.app.inject({ method: 'GET', url: '/api/v1/folders', headers: keyHeaders });
    expect(folders.statusCode).toBe(403);
  });
});

describe('feedback on answers', () => {
  function putFeedback(headers: Record<string, string>, conversationId: string, messageId: string, payload: unknown) {
    return t.app.inject({
      method: 'PUT',
      url: `/api/v1/conversations/${conversationId}/messages/${messageId}/feedback`,
      headers,
      payload: payload as Record<string, unknown>,
    });
  }

  it('stores a rating and a trimmed comment on an answer, shows it with the message, replaces and clears it', async () => {
    const c = await startConversation(alice.headers, { title: 'Rated' });
    const question = await addMessage(c.id, 'Do you ship to Porto?');
    const answer = await addMessage(c.id, 'Yes, in two days [1].', { role: 'assistant', model: 'llama3' });

    const rated = await putFeedback(alice.headers, c.id, answer.id, { rating: 'down', comment: '  It takes three days.  ' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json()).toMatchObject({ id: answer.id, role: 'assistant', feedback: { rating: 'down', comment: 'It takes three days.' } });
    const updatedAt = rated.json().feedback.updatedAt as string;
    expect(Math.abs(Date.parse(updatedAt) - Date.now())).toBeLessThan(60_000);

    const listed = (await t.app.inject({ method: 'GET', url: `/api/v1/conversations/${c.id}/messages`, headers: alice.headers })).json();
    expect(listed.items.map((m: { feedback: unknown }) => m.feedback)).toEqual([
      null,
      { rating: 'down', comment: 'It takes three days.', updatedAt },
    ]);

    // The body replaces what was there: a rating alone drops the comment; a comment without a rating stays.
    expect((await putFeedback(alice.headers, c.id, answer.id, { rating: 'up' })).json().feedback).toMatchObject({
      rating: 'up',
      comment: null,
    });
    expect((await putFeedback(alice.headers, c.id, answer.id, { rating: null, comment: 'Hmm' })).json().feedback).toMatchObject({
      rating: null,
      comment: 'Hmm',
    });
    // No rating and an empty (after trimming) comment clears it.
    const cleared = await putFeedback(alice.headers, c.id, answer.id, { rating: null, comment: '   ' });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().feedback).toBeNull();

    // The person's own message takes no feedback.
    const onQuestion = await putFeedback(alice.headers, c.id, question.id, { rating: 'up' });
    expect(onQuestion.statusCode).toBe(400);
    expect(errorOf(onQuestion).code).toBe('invalid_request');
  });

  it('refuses bad bodies, unknown messages and other people’s conversations', async () => {
    const c = await startConversation(alice.headers, { title: 'Rated privately' });
    const answer = await addMessage(c.id, 'Answer', { role: 'assistant' });
    for (const payload of [
      {},
      { rating: 'meh' },
      { rating: 'up', comment: 'x'.repeat(2001) },
      { rating: 'up', extra: 1 },
      { comment: 'no rating' },
    ]) {
      const res = await putFeedback(alice.headers, c.id, answer.id, payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 60)).toBe(400);
      expect(errorOf(res).code).toBe('validation_error');
    }
    expect((await putFeedback(alice.headers, c.id, answer.id, { rating: 'up', comment: 'x'.repeat(2000) })).statusCode).toBe(200);

    const elsewhere = await startConversation(alice.headers, { title: 'Other' });
    const unknown = await putFeedback(alice.headers, elsewhere.id, answer.id, { rating: 'up' });
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown).code).toBe('message_not_found');
    expect((await putFeedback(alice.headers, c.id, randomUUID(), { rating: 'up' })).statusCode).toBe(404);

    for (const headers of [bobHeaders, mallory.headers, keyHeaders]) {
      const res = await putFeedback(headers, c.id, answer.id, { rating: 'down' });
      expect(res.statusCode).toBe(404);
      expect(errorOf(res).code).toBe('conversation_not_found');
    }
    const [row] = await t.deps.database.db
      .select()
      .from(messages)
      .where(sql`${messages.id} = ${answer.id}`);
    expect(row!.feedbackRating).toBe('up');
  });

  it('lets a secret key rate answers in its API conversations', async () => {
    const c = await startConversation(keyHeaders, { title: 'Rated by the ERP' });
    const answer = await addMessage(c.id, 'Answer', { role: 'assistant' });
    const res = await putFeedback(keyHeaders, c.id, answer.id, { rating: 'up' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().feedback.rating).toBe('up');
    expect((await putFeedback(otherKeyHeaders, c.id, answer.id, { rating: 'down' })).statusCode).toBe(404);
  });
});

describe('folders', () => {
  it('creates, lists by name, renames and deletes folders; their conversations stay, in no folder', async () => {
    const user = await registerUser(t.app, { name: 'Filer' });
    const own = (await createAssistant(t.app, user, { name: 'Files' })).id;
    const create = async (name: string) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/folders', headers: user.headers, payload: { name } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; name: string; createdAt: string };
    };
    const work = await create(' Work ');
    expect(work.name).toBe('Work');
    const home = await create('Home');
    const listed = await t.app.inject({ method: 'GET', url: '/api/v1/folders', headers: user.headers });
    expect(listed.json().items.map((f: { name: string }) => f.name)).toEqual(['Home', 'Work']);

    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/folders/${home.id}`,
      headers: user.headers,
      payload: { name: 'Personal' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ id: home.id, name: 'Personal' });

    const c = await startConversation(user.headers, { folderId: work.id }, own);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/folders/${work.id}`, headers: user.headers });
    expect(del.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: `/api/v1/conversations/${c.id}`, headers: user.headers });
    expect(after.statusCode).toBe(200);
    expect(after.json().folderId).toBeNull();
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/folders/${work.id}`, headers: user.headers })).statusCode).toBe(404);
  });

  it('keeps folders private to their owner', async () => {
    const folder = (
      await t.app.inject({ method: 'POST', url: '/api/v1/folders', headers: alice.headers, payload: { name: 'Secret' } })
    ).json();
    for (const headers of [bobHeaders, mallory.headers]) {
      const listed = await t.app.inject({ method: 'GET', url: '/api/v1/folders', headers });
      expect(listed.json().items.map((f: { id: string }) => f.id)).not.toContain(folder.id);
      const rename = await t.app.inject({ method: 'PATCH', url: `/api/v1/folders/${folder.id}`, headers, payload: { name: 'mine' } });
      expect(rename.statusCode).toBe(404);
      expect(errorOf(rename).code).toBe('folder_not_found');
      expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/folders/${folder.id}`, headers })).statusCode).toBe(404);
    }
    const still = await t.app.inject({ method: 'GET', url: '/api/v1/folders', headers: alice.headers });
    expect(still.json().items).toContainEqual(expect.objectContaining({ id: folder.id, name: 'Secret' }));
  });

  it('refuses empty and overlong names', async () => {
    for (const name of ['', '   ', 'x'.repeat(121)]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/folders', headers: alice.headers, payload: { name } });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).details?.issues?.[0]?.path).toBe('body.name');
    }
  });
});
