// The whole path of a new owner, in one UI language, against a real server with a fake model: sign up,
// create an assistant, upload a PDF and a DOCX, ask a question and watch the cited answer stream, open
// the citation, rename/pin/archive the conversation, create an API key and use it, and visit the
// assistant settings, usage and provider settings. Every page is screenshotted and checked with axe;
// right-to-left languages also check the mirrored layout and the visual order of mixed-direction text.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, runAxe } from '../harness/axe.js';
import { DESKTOP, launchBrowser, openJourney, type Journey } from '../harness/browser.js';
import {
  computedLayout,
  documentDirection,
  seenSelectors,
  streamSamples,
  textBoxes,
  watchAssistantStream,
  watchSelectors,
} from '../harness/in-page.js';
import { startParley, type ParleyProcess } from '../harness/parley-server.js';
import { documentFixturesDir } from '../harness/paths.js';
import { screenshot } from '../harness/screenshot.js';
import { assistantIdFrom, fillField, settle, shownText } from '../harness/ui.js';
import { newAccount } from '../harness/api.js';
import type { LanguageJourney } from './languages.js';

/** Pace of the fake model's tokens: slow enough that the test sees the answer grow. */
const TOKEN_DELAY_MS = 30;

export function describeFullJourney(spec: LanguageJourney): void {
  describe(`full journey (${spec.lang})`, () => {
    let server: ParleyProcess;
    let browser: Browser;
    let journey: Journey;
    let page: Page;
    let assistantId: string;
    const account = newAccount(spec.userName);

    // Soft: a page with violations fails its test, but the journey goes on to the next step.
    const check = async (name: string) => {
      await settle(page);
      const violations = await runAxe(page, name);
      expect.soft(violations, `axe on ${spec.lang}/${name}:\n${describeViolations(violations)}`).toEqual([]);
    };
    const shoot = async (name: string) => {
      await settle(page);
      await screenshot(page, spec.lang, name);
    };
    const expectDirection = async () => {
      const html = await documentDirection(page);
      expect(html.dir).toBe(spec.dir);
      expect(html.lang).toBe(spec.lang);
    };
    /**
     * In RTL the navigation bar sits right of the content; in LTR left of it. Polled: after a language
     * switch the shell slides to its new side (Mantine's AppShell transition).
     */
    const expectMirroredShell = async () => {
      await expect
        .poll(async () => {
          const navbar = await page.locator('.mantine-AppShell-navbar').boundingBox();
          const content = await page.locator('main#main > *').first().boundingBox();
          if (!navbar || !content) return 'not laid out';
          const mirrored = spec.dir === 'rtl' ? navbar.x >= content.x + content.width - 1 : navbar.x + navbar.width <= content.x + 1;
          return mirrored
            ? 'navbar on the start side'
            : `navbar x=${navbar.x} w=${navbar.width}, content x=${content.x} w=${content.width}`;
        })
        .toBe('navbar on the start side');
    };

    beforeAll(async () => {
      server = await startParley({ llm: 'fake' });
      server.upstream!.chatScript = {
        tokenDelayMs: TOKEN_DELAY_MS,
        tokens: (body) => {
          const system = body.messages.find((m) => m.role === 'system')?.content ?? '';
          if (system.startsWith('Write a title')) return [spec.generatedTitle];
          if (system.startsWith("Rewrite the user's follow-up")) {
            const prompt = body.messages[body.messages.length - 1]?.content ?? '';
            return [/<follow_up>\n([\s\S]*?)\n<\/follow_up>/.exec(prompt)?.[1] ?? spec.question];
          }
          return spec.answer;
        },
      };
      browser = await launchBrowser();
      journey = await openJourney(browser, { baseURL: server.baseUrl, locale: spec.locale });
      page = journey.page;
    });

    afterAll(async () => {
      await journey?.close();
      await browser?.close();
      await server?.stop();
    });

    afterEach(() => journey.checkPageErrors());

    it('shows the sign-in page in the chosen language', async () => {
      await page.goto(spec.choose === 'query' ? `/sign-in?lang=${spec.lang}` : '/sign-in');
      await page.getByTestId('sign-in-form').waitFor();
      await expectDirection();
      await shoot('sign-in');
      await check('sign-in');
    });

    it('signs up and lands on the dashboard', async () => {
      // Client-side navigation: the language chosen by ?lang= stays.
      await page.locator('a[href^="/sign-up"]').click();
      await page.getByTestId('sign-up-form').waitFor();
      await expectDirection();
      await check('sign-up');
      await page.locator('input[name="name"]').fill(account.name);
      await page.locator('input[name="email"]').fill(account.email);
      await page.locator('input[name="password"]').fill(account.password);
      await page.getByTestId('sign-up-submit').click();
      await page.waitForURL((url) => url.pathname === '/');
      await page.getByTestId('dashboard-create-assistant').waitFor();
      await expectDirection();
      await expectMirroredShell();
      await check('dashboard');
      await shoot('dashboard-empty');
    });

    if (spec.choose === 'picker') {
      it('switches the language with the picker, and the page turns at once', async () => {
        await page.getByTestId('language-picker').click();
        await page.getByTestId('language-en').click();
        await expect.poll(() => documentDirection(page)).toMatchObject({ dir: 'ltr', lang: 'en' });
        await page.getByTestId('language-picker').click();
        await page.getByTestId(`language-${spec.lang}`).click();
        await expect.poll(() => documentDirection(page)).toMatchObject({ dir: spec.dir, lang: spec.lang });
        await expectMirroredShell();
      });
    }

    it('creates an assistant and lands on its knowledge page', async () => {
      await page.getByTestId('dashboard-create-assistant').click();
      await fillField(page.getByTestId('assistant-name'), spec.assistantName);
      await page.getByTestId('assistant-create-submit').click();
      await page.waitForURL(/\/assistants\/[0-9a-f-]{36}\/knowledge$/);
      assistantId = assistantIdFrom(page.url());
      await expect(page.getByTestId('assistant-title').textContent()).resolves.toBe(spec.assistantName);
      await page.getByTestId('knowledge-dropzone').waitFor();
    });

    it('uploads a PDF and a DOCX at once and indexes both, showing progress', async () => {
      await watchSelectors(page, 'upload', {
        uploadRow: '[data-testid="upload-row"]',
        uploadProgress: '[data-testid="upload-progress"]',
        documentProgress: '[data-testid="document-progress"]',
        notYetIndexed: '[data-testid="document-row"]:not([data-status="indexed"])',
      });
      await page
        .locator('[data-testid="knowledge-dropzone"] input[type="file"]')
        .setInputFiles(spec.files.map((f) => join(documentFixturesDir, f)));
      const indexed = page.locator('[data-testid="document-row"][data-status="indexed"]');
      await expect.poll(() => indexed.count(), { timeout: 90_000, interval: 250 }).toBe(2);
      const rows = await page.getByTestId('document-row').allTextContents();
      for (const file of spec.files)
        expect(
          rows.some((text) => text.includes(file)),
          `a row for ${file} in ${JSON.stringify(rows)}`,
        ).toBe(true);
      const seen = await seenSelectors(page, 'upload');
      expect(seen.uploadRow, 'an upload row was shown').toBe(true);
      expect(seen.uploadProgress, 'an upload progress bar was shown').toBe(true);
      expect(seen.documentProgress || seen.notYetIndexed, 'a document was shown before it was indexed').toBe(true);
      await shoot('knowledge');
      await check('knowledge');
    });

    it('streams a cited answer, and the citation opens the passage it came from', async () => {
      await page.getByTestId('tab-chat').click();
      await page.getByTestId('chat-input').waitFor();
      if (spec.dir === 'rtl') {
        const icon = page.locator('[data-testid="chat-send"] svg.mirror-rtl');
        await expect(icon.count(), 'the send icon mirrors in RTL').resolves.toBe(1);
        await expect(computedLayout(icon)).resolves.toMatchObject({ transform: 'matrix(-1, 0, 0, 1, 0, 0)' });
        await expectMirroredShell();
      }
      await watchAssistantStream(page, 0);
      await fillField(page.getByTestId('chat-input'), spec.question);
      await page.getByTestId('chat-send').click();
      const userMessage = page.locator('[data-testid="message"][data-role="user"]').last();
      await expect.poll(() => userMessage.getByTestId('message-content').textContent()).toContain(spec.question);
      const answer = page.locator('[data-testid="message"][data-role="assistant"]').last();
      await answer.and(page.locator('[data-status="complete"]')).waitFor({ timeout: 60_000 });
      const samples = await streamSamples(page);
      const growing = new Set(samples.filter((s) => s.status !== 'complete' && s.length > 0).map((s) => s.length));
      expect(growing.size, `the answer grew in steps before it was complete: ${JSON.stringify(samples)}`).toBeGreaterThanOrEqual(2);

      const ref = answer.getByTestId('citation-ref').first();
      await ref.waitFor();
      await ref.click();
      const panel = page.getByTestId('citation-panel');
      await panel.waitFor();
      const documentName = (await panel.getByTestId('citation-document').textContent())?.trim() ?? '';
      expect(
        spec.citedFiles.some((f) => documentName.includes(f)),
        `cited "${documentName}", expected one of ${spec.citedFiles.join(', ')}`,
      ).toBe(true);
      await expect.poll(() => panel.getByTestId('citation-quote').textContent()).toContain(spec.quoteIncludes);
      // The panel slides in at the end of the reading direction: the right in LTR, the left in RTL.
      await settle(page);
      const side = (await panel.boundingBox())!;
      const centre = side.x + side.width / 2;
      if (spec.dir === 'rtl') expect.soft(centre, 'the citation panel opens on the left in RTL').toBeLessThan(DESKTOP.width / 2);
      else expect.soft(centre, 'the citation panel opens on the right in LTR').toBeGreaterThan(DESKTOP.width / 2);
      await shoot('chat');
      await check('chat');
      await page.keyboard.press('Escape');
    });

    if (spec.mixed) {
      const mixed = spec.mixed;
      it('draws a mixed-direction message in right-to-left reading order', async () => {
        const replies = page.locator('[data-testid="message"][data-role="assistant"]');
        const before = await replies.count();
        await fillField(page.getByTestId('chat-input'), mixed.text);
        await page.getByTestId('chat-send').click();
        // Measure once the exchange is over: while it streams, the sent message may be re-rendered (its
        // optimistic copy replaced by the stored one).
        await expect.poll(() => replies.count(), { timeout: 30_000 }).toBeGreaterThan(before);
        await replies.last().and(page.locator('[data-status="complete"]')).waitFor({ timeout: 60_000 });
        const content = page.locator('[data-testid="message"][data-role="user"]').last().getByTestId('message-content');
        await expect.poll(() => content.textContent()).toContain(mixed.text);
        await settle(page);
        const layout = await computedLayout(content);
        expect(layout.dirAttribute).toBe('auto');
        expect(layout.direction).toBe('rtl');
        mixed.check(await textBoxes(content, mixed.parts));
        await shoot('chat-mixed-direction');
      });
    }

    it('renames, pins and archives the conversation from the sidebar', async () => {
      const item = page.getByTestId('conversation-item').first();
      await item.waitFor();
      const menu = async () => {
        await item.getByTestId('conversation-menu').click();
      };
      await menu();
      await page.getByTestId('conversation-rename').click();
      await fillField(page.getByTestId('conversation-title-input'), spec.renamedTitle);
      await page.getByTestId('conversation-title-save').click();
      await expect.poll(() => item.textContent()).toContain(spec.renamedTitle);

      await menu();
      await page.getByTestId('conversation-pin').click();
      await expect.poll(() => item.getAttribute('data-pinned')).toBe('true');

      await menu();
      await page.getByTestId('conversation-archive').click();
      const named = page.getByTestId('conversation-item').filter({ hasText: spec.renamedTitle });
      await expect.poll(() => named.count()).toBe(0);
      await page.getByTestId('conversations-show-archived').click();
      await expect.poll(() => named.count()).toBe(1);
    });

    it('creates an API key that the OpenAI-compatible API accepts', async () => {
      await page.getByTestId('tab-integration').click();
      await page.getByTestId('create-key').waitFor();
      await check('integration');
      await page.getByTestId('create-key').click();
      await fillField(page.getByTestId('key-name'), spec.keyName);
      await page.getByTestId('key-create-submit').click();
      const created = page.getByTestId('created-key');
      await created.waitFor();
      const key = /sk_[A-Za-z0-9_-]+/.exec(await shownText(created))?.[0];
      expect(key, 'the created key is shown once, starting with sk_').toBeTruthy();
      await shoot('integration');

      const assistant = (await (await page.request.get(`/api/v1/assistants/${assistantId}`)).json()) as { slug: string };
      const models = await fetch(`${server.baseUrl}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
      expect(models.status).toBe(200);
      const ids = ((await models.json()) as { data: { id: string }[] }).data.map((m) => m.id);
      expect(ids).toContain(assistant.slug);
      await page.keyboard.press('Escape');
    });

    it('shows the assistant settings', async () => {
      await page.goto(`/assistants/${assistantId}/settings`);
      await page.getByTestId('tab-settings').and(page.locator('[aria-selected="true"]')).waitFor();
      await expectDirection();
      await shoot('assistant-settings');
      await check('assistant-settings');
    });

    it('shows usage and the provider settings', async () => {
      await page.goto('/usage');
      await page.locator('main h1').first().waitFor();
      await expectDirection();
      await shoot('usage');
      await check('usage');
      await page.goto('/settings/providers');
      await page.locator('main h1').first().waitFor();
      await shoot('settings');
      await check('settings');
      await page.goto('/');
      await page.getByTestId('dashboard-create-assistant').waitFor();
      await shoot('dashboard');
    });
  });
}
