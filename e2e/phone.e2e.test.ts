// At phone width (375 px) the dashboard and the chat fit the screen (no sideways scrolling), the menu
// button opens the navigation, and a question can be asked and answered; in English and in Hebrew.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addIndexedDocuments, createAssistant, createConversation, newAccount, registerAccount, sendMessage } from './harness/api.js';
import { describeViolations, runAxe } from './harness/axe.js';
import { launchBrowser, openJourney, PHONE, type Journey } from './harness/browser.js';
import { documentDirection, visibleHeight } from './harness/in-page.js';
import { startParley, type ParleyProcess } from './harness/parley-server.js';
import { screenshot } from './harness/screenshot.js';
import { fillField, settle } from './harness/ui.js';

const cases = [
  { lang: 'en', locale: 'en-US', file: 'pages.pdf', question: 'What is on page 3 of the multi-page sample?' },
  { lang: 'he', locale: 'he-IL', file: 'rtl-hebrew.pdf', question: 'כמה סניפים חדשים נפתחו בשנת 2024?' },
] as const;

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

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth } = await documentDirection(page);
  expect(scrollWidth, 'the page is no wider than the phone').toBeLessThanOrEqual(PHONE.width);
}

/** Whether the navigation bar is on screen (collapsed, Mantine moves it out of the viewport). */
async function navbarOnScreen(page: Page): Promise<boolean> {
  const box = await page.locator('.mantine-AppShell-navbar').boundingBox();
  return box !== null && box.x >= -1 && box.x + box.width <= PHONE.width + 1 && box.width > 0;
}

describe.each(cases)('phone width ($lang)', (c) => {
  let journey: Journey;
  let page: Page;
  let assistantId: string;
  let conversationId: string;

  beforeAll(async () => {
    journey = await openJourney(browser, { baseURL: server.baseUrl, locale: c.locale, viewport: PHONE, mobile: true });
    page = journey.page;
    const request = journey.context.request;
    await registerAccount(request, newAccount('Phone owner'));
    const assistant = await createAssistant(request, { name: `Pocket ${c.lang}`, language: c.lang });
    assistantId = assistant.id;
    await addIndexedDocuments(request, assistantId, [c.file]);
    conversationId = (await createConversation(request, assistantId, 'On the go')).id;
    await sendMessage(request, conversationId, c.question);
  });

  afterAll(async () => {
    await journey?.close();
  });

  afterEach(() => journey.checkPageErrors());

  it('fits the dashboard, and the menu button opens the navigation', async () => {
    await page.goto(`/?lang=${c.lang}`);
    await page.getByTestId('dashboard-create-assistant').waitFor();
    expect((await documentDirection(page)).lang).toBe(c.lang);
    await settle(page);
    await expectNoSidewaysScroll(page);
    expect(await navbarOnScreen(page), 'the navigation starts closed').toBe(false);
    await screenshot(page, c.lang, 'phone-dashboard');

    await page.locator('.mantine-Burger-root').click();
    await expect.poll(() => navbarOnScreen(page)).toBe(true);
    await settle(page);
    await screenshot(page, c.lang, 'phone-navigation');
    // Following a link closes the navigation again.
    await page
      .locator('.mantine-AppShell-navbar')
      .getByRole('link', { name: `Pocket ${c.lang}` })
      .click();
    await page.waitForURL(/\/assistants\/.+\/chat/);
    await expect.poll(() => navbarOnScreen(page)).toBe(false);
  });

  it('fits the chat, and a question gets its answer', async () => {
    await page.goto(`/assistants/${assistantId}/chat/${conversationId}`);
    await page.getByTestId('chat-input').waitFor();
    await page.locator('[data-testid="message"][data-role="assistant"][data-status="complete"]').first().waitFor();
    await settle(page);
    await expectNoSidewaysScroll(page);
    const input = await page.getByTestId('chat-input').boundingBox();
    expect(input && input.x >= 0 && input.x + input.width <= PHONE.width, 'the message box is on screen').toBe(true);

    const answers = page.locator('[data-testid="message"][data-role="assistant"]');
    const before = await answers.count();
    await fillField(page.getByTestId('chat-input'), c.question);
    await page.getByTestId('chat-send').click();
    await expect.poll(() => answers.count(), { timeout: 30_000 }).toBe(before + 1);
    await answers.last().and(page.locator('[data-status="complete"]')).waitFor({ timeout: 60_000 });
    await settle(page);
    await expectNoSidewaysScroll(page);
    // The answer can be read: a good part of its text is on screen, not clipped away by its scroll area.
    const seen = await visibleHeight(answers.last().getByTestId('message-content'));
    expect
      .soft(seen.visible, `visible ${seen.visible.toFixed(0)} of ${seen.total.toFixed(0)} px of the answer`)
      .toBeGreaterThanOrEqual(Math.min(seen.total, 120));
    await screenshot(page, c.lang, 'phone-chat');
    const violations = await runAxe(page, 'phone-chat');
    expect.soft(violations, describeViolations(violations)).toEqual([]);
  });
});
