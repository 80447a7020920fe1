// Things measured inside the page: DOM watchers that remember a short-lived state (an upload progress bar,
// a half-streamed answer) between two polls from the test, and text geometry through DOM Ranges for the
// bidirectional-text checks. The callbacks run in the browser, where the DOM types are not part of this
// project's (Node) type library: they reach the page through `globalThis as any`.
import type { Locator, Page } from 'playwright-core';

/**
 * Starts remembering, under `key`, which of `selectors` have matched at any moment from now on (checked on
 * every DOM change). Survives client-side navigation, not a full page load.
 */
export async function watchSelectors(page: Page, key: string, selectors: Record<string, string>): Promise<void> {
  await page.evaluate(
    ({ key, selectors }) => {
      const g = globalThis as any;
      g.__e2eSeen ??= {};
      const seen: Record<string, boolean> = (g.__e2eSeen[key] = Object.fromEntries(Object.keys(selectors).map((name) => [name, false])));
      const check = () => {
        for (const [name, selector] of Object.entries(selectors)) if (!seen[name] && g.document.querySelector(selector)) seen[name] = true;
      };
      check();
      new g.MutationObserver(check).observe(g.document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    },
    { key, selectors },
  );
}

export async function seenSelectors(page: Page, key: string): Promise<Record<string, boolean>> {
  return page.evaluate((key) => ({ ...((globalThis as any).__e2eSeen?.[key] ?? {}) }), key);
}

export interface StreamSample {
  readonly status: string | null;
  readonly length: number;
}

/**
 * Records every state of the newest assistant message (its data-status and the length of its text) from
 * now on, so the test can tell afterwards whether the answer grew in steps before it was complete.
 */
export async function watchAssistantStream(page: Page, before: number): Promise<void> {
  await page.evaluate((before) => {
    const g = globalThis as any;
    const samples: { status: string | null; length: number }[] = (g.__e2eStream = []);
    const check = () => {
      const messages = g.document.querySelectorAll('[data-testid="message"][data-role="assistant"]');
      if (messages.length <= before) return;
      const last = messages[messages.length - 1];
      const content = last.querySelector('[data-testid="message-content"]');
      const sample = { status: last.getAttribute('data-status'), length: (content?.textContent ?? '').length };
      const previous = samples[samples.length - 1];
      if (!previous || previous.status !== sample.status || previous.length !== sample.length) samples.push(sample);
    };
    new g.MutationObserver(check).observe(g.document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  }, before);
}

export async function streamSamples(page: Page): Promise<StreamSample[]> {
  return page.evaluate(() => [...((globalThis as any).__e2eStream ?? [])]);
}

export interface TextBox {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  /** How many boxes the text was laid out in (1 = one unbroken run on one line). */
  readonly boxes: number;
}

/**
 * Where each of `parts` (found in order of occurrence in the element's text) is drawn: the union of the
 * client rectangles of a DOM Range over exactly those characters.
 */
export async function textBoxes(element: Locator, parts: readonly string[]): Promise<Record<string, TextBox>> {
  return element.evaluate((root: any, parts: readonly string[]) => {
    const g = globalThis as any;
    const walker = g.document.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
    const nodes: { node: any; start: number }[] = [];
    let text = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes.push({ node, start: text.length });
      text += node.data;
    }
    const locate = (offset: number, atEnd: boolean) => {
      for (const entry of nodes) {
        const end = entry.start + entry.node.data.length;
        if (offset < end || (atEnd && offset === end)) return { node: entry.node, offset: offset - entry.start };
      }
      throw new Error(`offset ${offset} is outside the text`);
    };
    const result: Record<string, { left: number; right: number; top: number; bottom: number; boxes: number }> = {};
    let from = 0;
    for (const part of parts) {
      const at = text.indexOf(part, from);
      if (at < 0) throw new Error(`"${part}" is not in "${text}"`);
      const range = g.document.createRange();
      const start = locate(at, false);
      const end = locate(at + part.length, true);
      range.setStart(start.node, start.offset);
      range.setEnd(end.node, end.offset);
      const rects = [...range.getClientRects()].filter((r: any) => r.width > 0);
      result[part] = {
        left: Math.min(...rects.map((r: any) => r.left)),
        right: Math.max(...rects.map((r: any) => r.right)),
        top: Math.min(...rects.map((r: any) => r.top)),
        bottom: Math.max(...rects.map((r: any) => r.bottom)),
        boxes: rects.length,
      };
      from = at;
    }
    return result;
  }, parts);
}

/** The element's computed `direction` and `transform`, and its `dir` attribute. */
export async function computedLayout(element: Locator): Promise<{ direction: string; transform: string; dirAttribute: string | null }> {
  return element.evaluate((el: any) => {
    const style = (globalThis as any).getComputedStyle(el);
    return { direction: style.direction, transform: style.transform, dirAttribute: el.getAttribute('dir') };
  });
}

export async function documentDirection(page: Page): Promise<{ dir: string; lang: string; scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => {
    const html = (globalThis as any).document.documentElement;
    return { dir: html.dir, lang: html.lang, scrollWidth: html.scrollWidth, clientWidth: html.clientWidth };
  });
}

/**
 * How many pixels of the element's height a person can see: its box clipped by every ancestor that
 * scrolls or clips its overflow, and by the viewport.
 */
export async function visibleHeight(element: Locator): Promise<{ visible: number; total: number }> {
  return element.evaluate((el: any) => {
    const g = globalThis as any;
    const rect = el.getBoundingClientRect();
    let top = Math.max(rect.top, 0);
    let bottom = Math.min(rect.bottom, g.innerHeight);
    for (let node = el.parentElement; node; node = node.parentElement) {
      const style = g.getComputedStyle(node);
      if (/(auto|scroll|hidden|clip)/.test(style.overflowY)) {
        const clip = node.getBoundingClientRect();
        top = Math.max(top, clip.top);
        bottom = Math.min(bottom, clip.bottom);
      }
    }
    return { visible: Math.max(0, bottom - top), total: rect.height };
  });
}
