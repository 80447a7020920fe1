// With no language model connected, answers are the best passages quoted verbatim, with citations to
// the right documents, in every language, and say plainly that no model is connected. Nothing invented.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, createTestApp, registerUser, type TestApp, type TestUser } from '../../../test/harness.js';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../../../test/fixtures/fake-openai-upstream.js';

const documents: { title: string; text: string }[] = [
  { title: 'Shabbat hours (he)', text: 'החנות בתל אביב פתוחה ביום שישי משעה 8:00 עד 14:00. בשבת החנות סגורה.' },
  { title: 'Delivery times (fa)', text: 'سفارش‌ها در تهران ظرف دو روز کاری ارسال می‌شوند. ارسال به شهرستان‌ها پنج روز طول می‌کشد.' },
  { title: 'Warranty (ar)', text: 'تغطي الضمانة جميع الأجهزة الكهربائية لمدة سنتين من تاريخ الشراء.' },
  { title: 'Returns (ru)', text: 'Товар можно вернуть в течение четырнадцати дней при наличии чека.' },
  { title: 'Payment (pt)', text: 'Aceitamos pagamento por cartão de crédito, transferência bancária e boleto.' },
  { title: 'Parking (en)', text: 'Customer parking is free for the first two hours behind the Lisbon store.' },
];

const questions: { question: string; title: string; notice: RegExp }[] = [
  { question: 'מתי החנות פתוחה ביום שישי?', title: 'Shabbat hours (he)', notice: /מודל שפה/ },
  { question: 'سفارش‌ها در تهران چند روزه ارسال می‌شوند؟', title: 'Delivery times (fa)', notice: /مدل زبانی/ },
  { question: 'ما مدة الضمانة على الأجهزة الكهربائية؟', title: 'Warranty (ar)', notice: /نموذج لغوي/ },
  { question: 'В течение скольких дней можно вернуть товар?', title: 'Returns (ru)', notice: /языков/i },
  { question: 'Quais formas de pagamento vocês aceitam?', title: 'Payment (pt)', notice: /modelo de linguagem/ },
  { question: 'Is customer parking free?', title: 'Parking (en)', notice: /language model/ },
];

let t: TestApp;
let owner: TestUser;
let assistantId: string;
let upstream: FakeOpenAIUpstream;

beforeAll(async () => {
  upstream = await startFakeOpenAIUpstream();
  // A model server is configured, but PARLEY_LLM=extractive says never to call it.
  t = await createTestApp({ PARLEY_LLM: 'extractive', PARLEY_LLM_BASE_URL: `${upstream.url}/v1`, PARLEY_LLM_MODEL: 'never-called' });
  await t.deps.startWorker();
  owner = await registerUser(t.app);
  assistantId = (await createAssistant(t.app, owner, { name: 'Store' })).id;
  const ids: string[] = [];
  for (const doc of documents) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/assistants/${assistantId}/documents`,
      headers: owner.headers,
      payload: doc,
    });
    ids.push(res.json().id);
  }
  for (const deadline = Date.now() + 60_000; ;) {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/assistants/${assistantId}/documents`, headers: owner.headers });
    if (res.json().items.every((d: { status: string }) => d.status === 'indexed')) break;
    if (Date.now() > deadline) throw new Error('documents not indexed');
    await new Promise((r) => setTimeout(r, 100));
  }
}, 90_000);

afterAll(async () => {
  await t?.close();
  await upstream?.close();
});

describe('extractive mode', () => {
  it.each(questions)('answers "$question" by quoting $title, with a citation to it', async ({ question, title, notice }) => {
    const conversation = await t.app.inject({
      method: 'POST',
      url: `/api/v1/assistants/${assistantId}/conversations`,
      headers: owner.headers,
    });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversation.json().id}/messages`,
      headers: owner.headers,
      payload: { content: question },
    });
    expect(res.statusCode).toBe(200);
    const answer = res.json().assistantMessage;
    expect(answer).toMatchObject({ status: 'complete', model: 'extractive', usage: { promptTokens: 0, completionTokens: 0 } });
    // The notice in the question's language, then the passage quoted verbatim.
    expect(answer.content).toMatch(notice);
    const source = documents.find((d) => d.title === title)!;
    expect(answer.content).toContain(source.text);
    expect(answer.citations[0]).toMatchObject({ n: 1, documentTitle: title });
    // Every line of the answer is the notice, a quoted passage or a source reference: nothing else is written.
    expect(upstream.requests).toEqual([]);
  });

  it('says so when the documents hold nothing on the question, and titles the conversation from the question', async () => {
    const conversation = await t.app.inject({
      method: 'POST',
      url: `/api/v1/assistants/${assistantId}/conversations`,
      headers: owner.headers,
    });
    const id = conversation.json().id;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${id}/messages`,
      headers: owner.headers,
      payload: { content: 'xylophone quasar zeppelin' },
    });
    const answer = res.json().assistantMessage;
    expect(answer.citations).toEqual([]);
    expect(answer.content).toMatch(/nothing/i);
    await t.deps.chat.idle();
    const after = await t.app.inject({ method: 'GET', url: `/api/v1/conversations/${id}`, headers: owner.headers });
    expect(after.json().title).toBe('xylophone quasar zeppelin');
  });
});
