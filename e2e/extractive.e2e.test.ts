// With no language model (PARLEY_LLM=extractive) the chat says so, and answers are passages quoted from
// the documents, never invented text, with a citation that opens the passage. Set-up goes through the API:
// this file is about the chat page in that mode, in English and in Hebrew.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sourceTexts } from '../apps/server/test/fixtures/documents/fixture-words.js';
import { addIndexedDocuments, createAssistant, createConversation, newAccount, registerAccount } from './harness/api.js';
import { describeViolations, runAxe } from './harness/axe.js';
import { launchBrowser, openJourney, type Journey } from './harness/browser.js';
import { computedLayout } from './harness/in-page.js';
import { startParley, type ParleyProcess } from './harness/parley-server.js';
import { documentFixturesDir } from './harness/paths.js';
import { screenshot } from './harness/screenshot.js';
import { fillField, settle } from './harness/ui.js';

interface Case {
  readonly lang: 'en' | 'he';
  readonly locale: string;
  readonly file: string;
  /** The HTML the fixture was made from (sources/), whose text every quote must come from. */
  readonly source: string;
  readonly question: string;
  readonly quoteIncludes: string;
}

const cases: readonly Case[] = [
  {
    lang: 'en',
    locale: 'en-US',
    file: 'pages.pdf',
    source: 'pages.html',
    question: 'What is on page 2 of the multi-page sample?',
    quoteIncludes: 'This is page 2 of the multi-page sample',
  },
  {
    lang: 'he',
    locale: 'he-IL',
    file: 'rtl-hebrew.docx',
    source: 'rtl-hebrew.html',
    question: 'כמה עובדים העסיקה החברה בתל אביב?',
    quoteIncludes: 'החברה העסיקה 320 עובדים',
  },
];

/** Whitespace-insensitive form, so a quote laid out across lines still matches the source. */
const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

let server: ParleyProcess;
let browser: Browser;

beforeAll(async () => {
  server = await startParley({ llm: 'extractive' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe.each(cases)('extractive mode ($lang)', (c) => {
  let journey: Journey;
  let chatPath: string;
  const documentText = flat(sourceTexts(c.source).join(' '));

  beforeAll(async () => {
    expect(readFileSync(join(documentFixturesDir, c.file)).length).toBeGreaterThan(0);
    journey = await openJourney(browser, { baseURL: server.baseUrl, locale: c.locale });
    const request = journey.context.request;
    await registerAccount(request, newAccount('Extractive owner'));
    const assistant = await createAssistant(request, { name: `Quotes ${c.lang}`, language: c.lang });
    await addIndexedDocuments(request, assistant.id, [c.file]);
    const conversation = await createConversation(request, assistant.id, 'Quotes only');
    chatPath = `/assistants/${assistant.id}/chat/${conversation.id}`;
  });

  afterAll(async () => {
    await journey?.close();
  });

  afterEach(() => journey.checkPageErrors());

  it('says that no model is connected, and answers with a quoted passage and its citation', async () => {
    const page = journey.page;
    await page.goto(chatPath);
    await page.getByTestId('extractive-banner').waitFor();
    await fillField(page.getByTestId('chat-input'), c.question);
    await page.getByTestId('chat-send').click();
    const answer = page.locator('[data-testid="message"][data-role="assistant"]').last();
    await answer.and(page.locator('[data-status="complete"]')).waitFor({ timeout: 60_000 });

    // Nothing invented: every quoted paragraph of the answer is text of the document.
    const quoted = (await answer.locator('[data-testid="message-content"] blockquote p').allTextContents()).map(flat).filter(Boolean);
    expect(quoted.length, 'the answer quotes at least one passage').toBeGreaterThan(0);
    for (const paragraph of quoted) expect(documentText, `quoted "${paragraph}"`).toContain(paragraph);
    expect(quoted.join(' ')).toContain(c.quoteIncludes);
    // Each quoted paragraph takes its direction from its own text.
    if (c.lang === 'he') await expect(computedLayout(answer.locator('blockquote p').first())).resolves.toMatchObject({ direction: 'rtl' });

    await answer.getByTestId('citation-ref').first().click();
    const panel = page.getByTestId('citation-panel');
    await panel.waitFor();
    expect(await panel.getByTestId('citation-document').textContent()).toContain(c.file);
    const quote = flat((await panel.getByTestId('citation-quote').textContent()) ?? '');
    expect(quote).toContain(c.quoteIncludes);
    expect(documentText, 'the citation quotes the document').toContain(quote.replace(/…$/, '').trim());

    await settle(page);
    await screenshot(page, c.lang, 'chat-extractive');
    const violations = await runAxe(page, 'chat-extractive');
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});
