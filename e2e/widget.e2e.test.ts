// The website widget on someone else's site, in real Chromium: pages served from a second local origin
// (harness/host-site.ts) embed /widget.js from a real Parley process with a fake model. A visitor opens it
// (nothing is requested before that), asks, and watches a cited answer stream; a reload keeps the
// conversation; Hebrew mirrors it; an origin the key does not allow gets a clear refusal and no data; the
// host's aggressive CSS and the widget's CSS leave each other alone; a strict host CSP still works; the
// owner sees the conversation; axe finds nothing serious on the open panel.
import { join } from 'node:path';
import type { APIRequestContext, Browser, BrowserContext, Locator, Page, Request, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildWidget } from '../packages/widget/scripts/build-widget.mjs';
import { addIndexedDocuments, createAssistant, newAccount, registerAccount } from './harness/api.js';
import { describeViolations, runAxe } from './harness/axe.js';
import { PHONE, launchBrowser, openJourney, type Journey } from './harness/browser.js';
import { escapeHtml, startHostSite, type HostSite } from './harness/host-site.js';
import { startParley, type ParleyProcess } from './harness/parley-server.js';
import { repoRoot } from './harness/paths.js';
import { screenshot } from './harness/screenshot.js';

/** The widget the server under test serves: built by this file, outside dist/ so a developer's build cannot race it. */
const widgetFile = join(repoRoot, 'test-results', 'e2e-widget', 'widget.js');
const TOKEN_DELAY_MS = 30;
const QUESTION = 'What is on page 2 of the multi-page sample?';
const ANSWER = 'Page 2 of the multi-page sample is its second chapter: it says "This is page 2 of the multi-page sample" [1].';
/** A question whose answer is long enough to be stopped half-way. */
const LONG_QUESTION = 'Tell me everything about the multi-page sample, at length.';
const ORIGIN_REFUSAL = 'This chat is not enabled on this website.';

const words = (sentence: string) => sentence.match(/\S+\s*/g) ?? [];

let server: ParleyProcess;
let browser: Browser;
let site: HostSite;
/** A second site, not in the key's allowed origins. */
let otherSite: HostSite;
let owner: BrowserContext;
let ownerApi: APIRequestContext;
let assistantId: string;
let publishableKey: string;

interface PageOptions {
  readonly attributes?: Readonly<Record<string, string>>;
  /** Extra <head> markup (a stylesheet link). */
  readonly head?: string;
  /** Leave the widget out (to measure the page alone). */
  readonly withoutWidget?: boolean;
  readonly lang?: string;
}

/** A small shop page with the widget's script tag as the embedding guide shows it. */
function hostPage(options: PageOptions = {}): string {
  const attributes = { 'data-assistant': 'sample-desk', 'data-key': publishableKey, ...options.attributes };
  const tag = `<script src="${server.baseUrl}/widget.js" ${Object.entries(attributes)
    .map(([name, value]) => `${name}="${escapeHtml(value)}"`)
    .join(' ')} async></script>`;
  return `<!doctype html>
<html lang="${options.lang ?? 'en'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Acme shop</title>${options.head ?? ''}</head>
<body>
<main>
<h1 class="headline">Acme shop</h1>
<p class="copy">Everything for your garden, delivered.</p>
<button class="buy" type="button">Buy now</button>
<div class="box">Free shipping over 50 €</div>
</main>
${options.withoutWidget ? '' : tag}
</body>
</html>`;
}

/** Host CSS that resets everything it can reach, as some sites and CSS frameworks do. */
const AGGRESSIVE_CSS = `
* { all: unset; }
html { font-size: 30px; }
head, script, style, title { display: none; }
body { display: block; font-family: "Courier New", monospace; color: #0a0; line-height: 3; letter-spacing: 4px; }
button { background: red !important; color: yellow !important; font-size: 40px !important; padding: 30px !important; border: 5px solid blue !important; }
div { font-size: 30px !important; color: red !important; display: inline !important; margin: 20px !important; }
p, h1, textarea, ol, li, a { font-size: 28px !important; color: purple !important; }
parley-widget { display: none !important; position: static !important; font-size: 50px !important; direction: rtl !important; }
`;

const widget = (page: Page) => page.locator('parley-widget');
const launcher = (page: Page) => widget(page).locator('button.launcher');
const panel = (page: Page) => widget(page).locator('[role="dialog"]');
const composer = (page: Page) => widget(page).locator('textarea');
const lastAnswer = (page: Page) => widget(page).locator('.msg.assistant').last();

async function openVisitor(locale = 'en-US', viewport?: { width: number; height: number }): Promise<Journey> {
  return openJourney(browser, { baseURL: site.origin, locale, ...(viewport ? { viewport } : {}) });
}

/** Requests the page makes to Parley, from now on. */
function parleyRequests(page: Page): Request[] {
  const seen: Request[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(server.baseUrl)) seen.push(request);
  });
  return seen;
}

const pathOf = (request: Request) => new URL(request.url()).pathname.replace(/\/public\/pk_[^/]+/, '/public/{key}');

/** Records every state of the newest answer (status, text length) inside the shadow root from now on. */
async function watchAnswer(page: Page): Promise<void> {
  await page.evaluate(() => {
    const g = globalThis as any;
    const root = g.document.querySelector('parley-widget').shadowRoot;
    const before = root.querySelectorAll('.msg.assistant').length;
    const samples: { status: string | null; length: number }[] = (g.__widgetStream = []);
    new g.MutationObserver(() => {
      const answers = root.querySelectorAll('.msg.assistant');
      if (answers.length <= before) return;
      const last = answers[answers.length - 1];
      const sample = { status: last.getAttribute('data-status'), length: (last.querySelector('.content')?.textContent ?? '').length };
      const previous = samples[samples.length - 1];
      if (!previous || previous.status !== sample.status || previous.length !== sample.length) samples.push(sample);
    }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

async function answerSamples(page: Page): Promise<{ status: string | null; length: number }[]> {
  return page.evaluate(() => [...((globalThis as any).__widgetStream ?? [])]);
}

/** Waits until the widget's launcher is on the page and its API answers. */
async function widgetReady(page: Page): Promise<void> {
  await launcher(page).waitFor();
  await page.waitForFunction(() => typeof (globalThis as any).Parley?.open === 'function');
}

/** Waits until the opened panel has its settings (the greeting is drawn then). */
async function panelReady(page: Page): Promise<void> {
  await widget(page).locator('.msg.assistant[data-greeting]').waitFor();
}

async function ask(page: Page, question: string): Promise<void> {
  await composer(page).fill(question);
  await composer(page).press('Enter');
}

const COMPARED = [
  'font-family',
  'font-size',
  'font-weight',
  'line-height',
  'letter-spacing',
  'color',
  'background-color',
  'display',
  'position',
  'width',
  'height',
  'padding-top',
  'padding-left',
  'margin-top',
  'border-top-width',
  'border-radius',
  'direction',
];

/** Computed styles of the widget's parts, keyed by selector (inside the shadow root). */
async function widgetStyles(page: Page, selectors: readonly string[]): Promise<Record<string, Record<string, string>>> {
  return page.evaluate(
    ({ selectors, properties }) => {
      const g = globalThis as any;
      const root = g.document.querySelector('parley-widget').shadowRoot;
      const out: Record<string, Record<string, string>> = {};
      for (const selector of selectors) {
        const el = root.querySelector(selector);
        if (!el) throw new Error(`no ${selector} in the widget`);
        const style = g.getComputedStyle(el);
        out[selector] = Object.fromEntries(properties.map((p: string) => [p, style.getPropertyValue(p)]));
      }
      return out;
    },
    { selectors, properties: COMPARED },
  );
}

/** Computed styles and boxes of the host page's own elements. */
async function hostStyles(page: Page): Promise<Record<string, Record<string, string>>> {
  return page.evaluate((properties) => {
    const g = globalThis as any;
    const out: Record<string, Record<string, string>> = {};
    for (const selector of ['html', 'body', 'main', '.headline', '.copy', '.buy', '.box']) {
      const el = g.document.querySelector(selector);
      const style = g.getComputedStyle(el);
      const box = el.getBoundingClientRect();
      out[selector] = {
        ...Object.fromEntries(properties.map((p: string) => [p, style.getPropertyValue(p)])),
        box: `${box.x},${box.y},${box.width},${box.height}`,
      };
    }
    return out;
  }, COMPARED);
}

beforeAll(async () => {
  const built = await buildWidget({ write: true, to: widgetFile });
  console.log(`[widget] widget.js: ${built.sizes.raw} B raw, ${built.sizes.gzip} B gzip, ${built.sizes.brotli} B brotli`);
  server = await startParley({
    llm: 'fake',
    env: { PARLEY_WIDGET_FILE: widgetFile, PARLEY_WIDGET_KEY_RATE_PER_MINUTE: '10000', PARLEY_WIDGET_VISITOR_MESSAGES_PER_MINUTE: '100' },
  });
  server.upstream!.chatScript = {
    tokenDelayMs: TOKEN_DELAY_MS,
    tokens: (body) => {
      const system = body.messages.find((m) => m.role === 'system')?.content ?? '';
      if (system.startsWith('Write a title')) return ['Page two of the sample'];
      const last = body.messages[body.messages.length - 1]?.content ?? '';
      if (system.startsWith("Rewrite the user's follow-up")) return [/<follow_up>\n([\s\S]*?)\n<\/follow_up>/.exec(last)?.[1] ?? QUESTION];
      if (last.includes(LONG_QUESTION)) return Array.from({ length: 400 }, (_, i) => `word${i} `);
      return words(ANSWER);
    },
  };
  [site, otherSite, browser] = await Promise.all([startHostSite(), startHostSite(), launchBrowser()]);

  owner = await browser.newContext({ baseURL: server.baseUrl });
  ownerApi = owner.request;
  await registerAccount(ownerApi, newAccount('Widget owner'));
  const assistant = await createAssistant(ownerApi, { name: 'Sample desk', language: 'en' });
  assistantId = assistant.id;
  await addIndexedDocuments(ownerApi, assistantId, ['pages.pdf']);
  const key = await ownerApi.post(`/api/v1/assistants/${assistantId}/api-keys`, {
    data: { name: 'Shop widget', kind: 'publishable', allowedOrigins: [site.origin] },
  });
  expect(key.status(), await key.text()).toBe(201);
  publishableKey = ((await key.json()) as { key: string }).key;
  expect(publishableKey).toMatch(/^pk_/);

  site.put('/', hostPage());
  site.put('/he', hostPage({ attributes: { 'data-lang': 'he' } }));
  site.put('/plain', hostPage({ withoutWidget: true }));
  site.put('/reset.css', AGGRESSIVE_CSS);
  site.put('/reset', hostPage({ head: '<link rel="stylesheet" href="/reset.css">' }));
  site.put('/reset-plain', hostPage({ head: '<link rel="stylesheet" href="/reset.css">', withoutWidget: true }));
  site.put('/csp', {
    body: hostPage({ head: '<link rel="stylesheet" href="/reset.css">' }),
    headers: { 'content-security-policy': `script-src ${server.baseUrl}; style-src 'self'; connect-src ${server.baseUrl}` },
  });
  site.put(
    '/options',
    hostPage({
      // The queue a page may fill before the script arrives (the embedding guide's snippet).
      head: `<script>
window.Parley = window.Parley || [];
window.__events = [];
Parley.push(['on', 'ready', function () { __events.push('ready'); }]);
Parley.push(['on', 'open', function () { __events.push('open'); }]);
addEventListener('parley:close', function () { __events.push('window:close'); });
</script>`,
      attributes: { 'data-open': '', 'data-color': '#ffcc00', 'data-greeting': 'Welcome to **Acme**!', 'data-position': 'bottom-left' },
    }),
  );
  otherSite.put('/', hostPage());
});

afterAll(async () => {
  await owner?.close();
  await browser?.close();
  await Promise.all([site?.close(), otherSite?.close()]);
  await server?.stop();
});

describe('website widget', () => {
  let visitor: Journey;
  let page: Page;
  let conversationId: string;

  beforeAll(async () => {
    visitor = await openVisitor();
    page = visitor.page;
  });
  afterAll(async () => {
    await visitor?.close();
  });
  afterEach(() => visitor.checkPageErrors());

  it('draws the launcher at once and calls Parley only when the panel opens', async () => {
    const requests = parleyRequests(page);
    await page.goto('/');
    await widgetReady(page);
    const timing = await page.evaluate(() => {
      const perf = (globalThis as any).performance;
      const at = (name: string) => perf.getEntriesByName(name)[0]?.startTime ?? null;
      const script = perf.getEntriesByType('resource').find((e: any) => e.name.endsWith('/widget.js'));
      return { responseEnd: script?.responseEnd ?? null, script: at('parley:script'), launcher: at('parley:launcher') };
    });
    expect(timing.launcher).not.toBeNull();
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    console.log(
      `[widget] launcher in the DOM ${ms(timing.launcher - timing.responseEnd)} after widget.js finished loading ` +
        `(the browser started the script after ${ms(timing.script - timing.responseEnd)}; the widget took ${ms(timing.launcher - timing.script)})`,
    );
    // Give a careless widget time to call home on its own.
    await page.waitForTimeout(500);
    expect(requests.map(pathOf)).toEqual(['/widget.js']);
    await expect(launcher(page).getAttribute('aria-expanded')).resolves.toBe('false');

    await launcher(page).click();
    await panel(page).waitFor();
    await expect(launcher(page).getAttribute('aria-expanded')).resolves.toBe('true');
    await panelReady(page);
    const first = requests[1]!;
    expect(`${first.method()} ${pathOf(first)}`).toBe('GET /api/v1/public/{key}/widget');
    // A CORS simple request: no visitor header, so no preflight and a readable refusal when there is one.
    expect(await first.allHeaders()).not.toHaveProperty('x-parley-visitor');
    // Focus goes to the message box; the panel names the assistant.
    await expect
      .poll(() => page.evaluate(() => (globalThis as any).document.querySelector('parley-widget').shadowRoot.activeElement?.tagName))
      .toBe('TEXTAREA');
    await expect(widget(page).locator('#parley-title').textContent()).resolves.toBe('Sample desk');
    await expect(widget(page).locator('.msg.assistant[data-greeting]').textContent()).resolves.toContain('How can I help');
    await expect(widget(page).locator('.brand').isVisible()).resolves.toBe(true);
    await expect(widget(page).locator('.brand a').textContent()).resolves.toBe('Parley');
  });

  it('streams a cited answer and tells the page about both messages', async () => {
    await page.evaluate(() => {
      const g = globalThis as any;
      g.__messages = [];
      g.Parley.on('message', (detail: unknown) => g.__messages.push(detail));
    });
    await watchAnswer(page);
    await ask(page, QUESTION);
    await expect(widget(page).locator('.msg.user').last().textContent()).resolves.toContain(QUESTION);
    const answer = lastAnswer(page);
    await widget(page).locator('.msg.assistant[data-status="complete"]:not([data-greeting])').waitFor({ timeout: 60_000 });

    const samples = await answerSamples(page);
    const growing = new Set(samples.filter((s) => s.status === 'streaming' && s.length > 0).map((s) => s.length));
    expect(growing.size, `the answer grew in steps before it was complete: ${JSON.stringify(samples)}`).toBeGreaterThanOrEqual(2);
    expect((await answer.locator('.content').textContent())?.replace(/\s+/g, ' ')).toContain('This is page 2 of the multi-page sample');

    // The [1] marker is a button; the sources list names the document; the marker takes focus to it.
    const cite = answer.locator('button.cite[data-n="1"]');
    await cite.waitFor();
    await cite.click();
    await expect
      .poll(() =>
        page.evaluate(() => (globalThis as any).document.querySelector('parley-widget').shadowRoot.activeElement?.getAttribute('data-n')),
      )
      .toBe('1');

    const messages: { role: string; content: string; conversationId: string; messageId: string; citations: unknown[] }[] =
      await page.evaluate(() => (globalThis as any).__messages);
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(messages[0]).toMatchObject({ content: QUESTION, citations: [] });
    expect(messages[1]!.content).toContain('[1]');
    const [source] = messages[1]!.citations as { n: number; documentTitle: string; page: number | null }[];
    expect(source).toMatchObject({ n: 1 });
    const sourceText = await answer.locator('.sources li[data-n="1"]').textContent();
    expect(sourceText).toContain(`[1] ${source!.documentTitle}`);
    if (source!.page !== null) expect(sourceText).toContain(`(p. ${source!.page})`);
    conversationId = messages[0]!.conversationId;
    expect(messages[1]!.conversationId).toBe(conversationId);
    expect(await page.evaluate((key) => (globalThis as any).localStorage.getItem(`parley:${key}:conversation`), publishableKey)).toBe(
      conversationId,
    );
    expect(await page.evaluate(() => (globalThis as any).localStorage.getItem('parley:visitor'))).toMatch(/^[A-Za-z0-9_-]{22}$/);

    await screenshot(page, 'en', 'widget-answer');
    const violations = await runAxe(page, 'widget-open');
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('stops an answer half-way and keeps what was written', async () => {
    await watchAnswer(page);
    await ask(page, LONG_QUESTION);
    const stop = widget(page).locator('button.stop');
    await stop.waitFor();
    await expect.poll(async () => (await answerSamples(page)).some((s) => s.status === 'streaming' && s.length > 20)).toBe(true);
    await stop.click();
    const answer = lastAnswer(page);
    await expect.poll(() => answer.getAttribute('data-status')).toBe('cancelled');
    await expect(answer.locator('.note').textContent()).resolves.toBe('Stopped.');
    const kept = (await answer.locator('.content').textContent()) ?? '';
    expect(kept.length).toBeGreaterThan(20);
    expect(kept).not.toContain('word399');
    // Focus was on Stop, which is gone: it goes back to the message box.
    await expect
      .poll(() => page.evaluate(() => (globalThis as any).document.querySelector('parley-widget').shadowRoot.activeElement?.tagName))
      .toBe('TEXTAREA');
    await expect(widget(page).locator('button.send').isVisible()).resolves.toBe(true);
  });

  it('keeps the conversation across a reload', async () => {
    await page.reload();
    await widgetReady(page);
    await launcher(page).click();
    const answers = widget(page).locator('.msg.assistant:not([data-greeting])');
    await expect.poll(() => answers.count()).toBe(2);
    await expect(widget(page).locator('.msg.user').first().textContent()).resolves.toContain(QUESTION);
    await expect(answers.first().locator('button.cite[data-n="1"]').count()).resolves.toBe(1);
    await expect(answers.first().getAttribute('data-status')).resolves.toBe('complete');
    await expect(answers.last().getAttribute('data-status')).resolves.toBe('cancelled');
  });

  it('closes with Escape and gives focus back to the launcher', async () => {
    await composer(page).focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => panel(page).isVisible()).toBe(false);
    await expect
      .poll(() => page.evaluate(() => (globalThis as any).document.querySelector('parley-widget').shadowRoot.activeElement?.className))
      .toBe('launcher');
    await expect(launcher(page).getAttribute('aria-expanded')).resolves.toBe('false');
  });

  it('shows the conversation to the owner as a widget conversation', async () => {
    const response = await ownerApi.get(`/api/v1/assistants/${assistantId}/conversations?source=widget`);
    expect(response.status(), await response.text()).toBe(200);
    const list = (await response.json()) as { items: { id: string; source: string; visitor: string | null }[] };
    const item = list.items.find((c) => c.id === conversationId);
    expect(item, JSON.stringify(list)).toBeDefined();
    expect(item!.source).toBe('widget');
    expect(item!.visitor).toBeTruthy();
  });
});

describe('website widget in Hebrew', () => {
  let visitor: Journey;
  afterAll(async () => {
    await visitor?.close();
  });
  afterEach(() => visitor.checkPageErrors());

  it('mirrors the launcher and panel to the left and writes right to left', async () => {
    visitor = await openVisitor('he-IL');
    const page = visitor.page;
    const viewport = page.viewportSize()!;

    await page.goto('/');
    await widgetReady(page);
    await launcher(page).click();
    await panel(page).waitFor();
    const english = { launcher: (await launcher(page).boundingBox())!, panel: (await panel(page).boundingBox())! };

    await page.goto('/he');
    await widgetReady(page);
    await launcher(page).click();
    await panel(page).waitFor();
    await panelReady(page);
    const hebrew = { launcher: (await launcher(page).boundingBox())!, panel: (await panel(page).boundingBox())! };

    // English: at the bottom right; Hebrew: the mirror image, at the bottom left.
    expect(english.launcher.x).toBeGreaterThan(viewport.width / 2);
    expect(english.panel.x).toBeGreaterThan(viewport.width / 2);
    expect(hebrew.launcher.x + hebrew.launcher.width).toBeLessThan(viewport.width / 2);
    expect(hebrew.panel.x + hebrew.panel.width).toBeLessThan(viewport.width / 2);
    expect(Math.round(hebrew.launcher.x)).toBe(Math.round(viewport.width - english.launcher.x - english.launcher.width));

    const direction = (locator: Locator) => locator.evaluate((el: any) => (globalThis as any).getComputedStyle(el).direction);
    await expect(direction(panel(page))).resolves.toBe('rtl');
    await expect(direction(composer(page))).resolves.toBe('rtl');
    await expect(direction(widget(page).locator('.msg.assistant[data-greeting] p').first())).resolves.toBe('rtl');
    await expect(composer(page).getAttribute('placeholder')).resolves.toBe('שאלו שאלה…');
    await expect(launcher(page).getAttribute('aria-label')).resolves.toBe('סגירת הצ׳אט');
    // The visitor's bubble sits on the end side: the right in English, the left in Hebrew.
    await ask(page, 'כמה עמודים יש בדוגמה?');
    const bubble = (await widget(page).locator('.msg.user').last().boundingBox())!;
    expect(bubble.x).toBeLessThan(hebrew.panel.x + 40);
    await widget(page).locator('.msg.assistant[data-status="complete"]:not([data-greeting])').waitFor({ timeout: 60_000 });
    await screenshot(page, 'he', 'widget-answer');
    const violations = await runAxe(page, 'widget-open-he');
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});

describe('website widget on a site the key does not allow', () => {
  let visitor: Journey;
  afterAll(async () => {
    await visitor?.close();
  });
  afterEach(() => visitor.checkPageErrors());

  it('says the chat is not enabled there, and receives no data', async () => {
    visitor = await openJourney(browser, { baseURL: otherSite.origin, locale: 'en-US' });
    const page = visitor.page;
    const responses: Response[] = [];
    page.on('response', (response) => {
      if (response.url().startsWith(server.baseUrl) && !response.url().endsWith('/widget.js')) responses.push(response);
    });
    await page.goto('/');
    await widgetReady(page);
    await launcher(page).click();
    const notice = widget(page).locator('.notice');
    await expect.poll(() => notice.textContent()).toContain(ORIGIN_REFUSAL);
    await expect(notice.getAttribute('role')).resolves.toBe('alert');
    await expect(composer(page).isDisabled()).resolves.toBe(true);

    // Sending through the API does nothing more: the widget makes no further request.
    await page.evaluate(() => (globalThis as any).Parley.send('Are you there?'));
    await page.waitForTimeout(500);
    expect(responses.map((r) => `${r.request().method()} ${pathOf(r.request())} ${r.status()}`)).toEqual([
      'GET /api/v1/public/{key}/widget 403',
    ]);
    const body = (await responses[0]!.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['error', 'requestId']);
    expect(body.error).toMatchObject({ code: 'origin_not_allowed' });
    const text = JSON.stringify(body);
    for (const leak of ['Sample desk', 'conversation', 'items', 'content', 'pages.pdf']) expect(text).not.toContain(leak);
    expect(await widget(page).locator('.msg').count()).toBe(0);
    await screenshot(page, 'en', 'widget-refused');
  });
});

describe('website widget and the host page’s CSS', () => {
  let visitor: Journey;
  afterAll(async () => {
    await visitor?.close();
  });
  afterEach(() => visitor.checkPageErrors());

  const parts = [
    '.root',
    '.launcher',
    '.panel',
    '.header',
    '#parley-title',
    '.log',
    '.msg.assistant',
    '.msg.assistant p',
    'textarea',
    '.send',
    '.brand',
  ];

  it('an aggressive reset on the host page changes nothing in the widget', async () => {
    visitor = await openVisitor();
    const page = visitor.page;
    const measure = async (path: string) => {
      await page.goto(path);
      await widgetReady(page);
      await launcher(page).click();
      await panelReady(page);
      return {
        styles: await widgetStyles(page, parts),
        launcher: await launcher(page).boundingBox(),
        panel: await panel(page).boundingBox(),
      };
    };
    const plain = await measure('/');
    const reset = await measure('/reset');
    // The reset did reach the page itself.
    await expect(page.locator('.buy').evaluate((el: any) => (globalThis as any).getComputedStyle(el).fontSize)).resolves.toBe('40px');
    expect(reset.styles).toEqual(plain.styles);
    expect(reset.launcher).toEqual(plain.launcher);
    expect(reset.panel).toEqual(plain.panel);
    await screenshot(page, 'en', 'widget-host-reset');
  });

  it("the widget's styles change nothing on the host page", async () => {
    const page = visitor.page;
    for (const [without, withWidget] of [
      ['/plain', '/'],
      ['/reset-plain', '/reset'],
    ] as const) {
      await page.goto(without);
      const before = await hostStyles(page);
      await page.goto(withWidget);
      await widgetReady(page);
      await launcher(page).click();
      await panel(page).waitFor();
      expect(await hostStyles(page), withWidget).toEqual(before);
    }
  });

  it('works under a strict Content-Security-Policy on the host page', async () => {
    const page = visitor.page;
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto('/csp');
    await widgetReady(page);
    // Styled: the constructed stylesheets applied under style-src 'self'.
    await expect(launcher(page).evaluate((el: any) => (globalThis as any).getComputedStyle(el).width)).resolves.toBe('56px');
    await launcher(page).click();
    await panelReady(page);
    await ask(page, QUESTION);
    await widget(page).locator('.msg.assistant[data-status="complete"]:not([data-greeting])').last().waitFor({ timeout: 60_000 });
    await expect(lastAnswer(page).locator('button.cite').count()).resolves.toBeGreaterThan(0);
    expect(violations).toEqual([]);
  });
});

describe('website widget options and API', () => {
  let visitor: Journey;
  afterAll(async () => {
    await visitor?.close();
  });
  afterEach(() => visitor.checkPageErrors());

  it('honours data-open, data-color, data-greeting, data-position and the calls a page queued', async () => {
    visitor = await openVisitor();
    const page = visitor.page;
    await page.goto('/options');
    await panel(page).waitFor();
    await expect.poll(() => page.evaluate(() => (globalThis as any).__events)).toEqual(['ready', 'open']);
    await panelReady(page);
    const greeting = widget(page).locator('.msg.assistant[data-greeting]');
    await expect(greeting.textContent()).resolves.toContain('Welcome to Acme!');
    await expect(greeting.locator('strong').textContent()).resolves.toBe('Acme');
    const colors = await launcher(page).evaluate((el: any) => {
      const style = (globalThis as any).getComputedStyle(el);
      return { background: style.backgroundColor, color: style.color };
    });
    // A light accent gets black text, for contrast.
    expect(colors).toEqual({ background: 'rgb(255, 204, 0)', color: 'rgb(0, 0, 0)' });
    const box = (await launcher(page).boundingBox())!;
    expect(box.x + box.width).toBeLessThan(page.viewportSize()!.width / 2);

    expect(await page.evaluate(() => (globalThis as any).Parley.isOpen())).toBe(true);
    await page.evaluate(() => (globalThis as any).Parley.close());
    await expect.poll(() => panel(page).isVisible()).toBe(false);
    await expect.poll(() => page.evaluate(() => (globalThis as any).__events)).toEqual(['ready', 'open', 'window:close']);
    // send() opens the panel and sends as the visitor.
    await page.evaluate((q) => (globalThis as any).Parley.send(q), QUESTION);
    await expect.poll(() => panel(page).isVisible()).toBe(true);
    await widget(page).locator('.msg.assistant[data-status="complete"]:not([data-greeting])').waitFor({ timeout: 60_000 });
    await expect(widget(page).locator('.msg.user').last().textContent()).resolves.toContain(QUESTION);
  });

  it('says how long to wait when the visitor is rate limited, and gives the message back', async () => {
    const page = visitor.page;
    // The server's 429 as it sends it (status, Retry-After, error body, CORS headers), for this one request.
    await page.route(`${server.baseUrl}/api/v1/public/*/conversations/*/messages`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      await route.fulfill({
        status: 429,
        headers: {
          'content-type': 'application/json',
          'retry-after': '42',
          'access-control-allow-origin': site.origin,
          'access-control-expose-headers': 'retry-after, x-request-id',
        },
        body: JSON.stringify({ error: { code: 'rate_limited', message: 'You are sending messages too quickly' }, requestId: 'r1' }),
      });
    });
    const bubbles = await widget(page).locator('.msg').count();
    await ask(page, 'One more question');
    const notice = widget(page).locator('.notice');
    await expect.poll(() => notice.textContent()).toBe('Too many messages. Please try again in 42 seconds.');
    await expect.poll(() => composer(page).inputValue()).toBe('One more question');
    await expect(composer(page).isEnabled()).resolves.toBe(true);
    await expect(widget(page).locator('.msg').count()).resolves.toBe(bubbles);
    await page.unroute(`${server.baseUrl}/api/v1/public/*/conversations/*/messages`);
  });

  it('fills a phone screen and can be closed again', async () => {
    const phone = await openVisitor('en-US', PHONE);
    try {
      const page = phone.page;
      await page.goto('/');
      await widgetReady(page);
      await launcher(page).click();
      await panelReady(page);
      expect(await panel(page).boundingBox()).toEqual({ x: 0, y: 0, width: PHONE.width, height: PHONE.height });
      expect(await launcher(page).isVisible()).toBe(false);
      const scroll = await page.evaluate(() => {
        const html = (globalThis as any).document.documentElement;
        return { scrollWidth: html.scrollWidth, clientWidth: html.clientWidth };
      });
      expect(scroll.scrollWidth).toBeLessThanOrEqual(scroll.clientWidth);
      await screenshot(page, 'en', 'widget-phone');
      const violations = await runAxe(page, 'widget-phone');
      expect(violations, describeViolations(violations)).toEqual([]);
      await widget(page).locator('button.close').click();
      await expect.poll(() => launcher(page).isVisible()).toBe(true);
      expect(await panel(page).isVisible()).toBe(false);
      phone.checkPageErrors();
    } finally {
      await phone.close();
    }
  });
});

describe('website widget with the owner’s settings', () => {
  let visitor: Journey;
  afterAll(async () => {
    await visitor?.close();
  });
  afterEach(() => visitor.checkPageErrors());

  it('shows the owner’s greeting and colour, and hides the branding line when asked', async () => {
    const patch = await ownerApi.patch(`/api/v1/assistants/${assistantId}`, {
      data: { widget: { showBranding: false, greeting: 'Hi from the owner', color: '#0b7285' } },
    });
    expect(patch.status(), await patch.text()).toBe(200);
    visitor = await openVisitor();
    const page = visitor.page;
    await page.goto('/');
    await widgetReady(page);
    await launcher(page).click();
    await panelReady(page);
    await expect(widget(page).locator('.msg.assistant[data-greeting]').textContent()).resolves.toContain('Hi from the owner');
    await expect(widget(page).locator('.brand').isVisible()).resolves.toBe(false);
    await expect(
      widget(page)
        .locator('.header')
        .evaluate((el: any) => (globalThis as any).getComputedStyle(el).backgroundColor),
    ).resolves.toBe('rgb(11, 114, 133)');
  });
});
