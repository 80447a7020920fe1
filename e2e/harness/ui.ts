// Small page helpers shared by the journeys: waiting for a page to settle before it is measured,
// filling a field whatever element carries its test id, and reading text a person would copy.
import type { Locator, Page } from 'playwright-core';

/**
 * Waits until nothing is loading (no LoadingState, no aria-busy region), the web fonts are in, and no
 * finite animation or transition is running (an opening modal fades in: axe would measure mid-fade).
 */
export async function settle(page: Page, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const g = globalThis as any;
      const doc = g.document;
      if (doc.querySelector('[data-testid="loading"], [aria-busy="true"]')) return false;
      if (doc.fonts.status !== 'loaded') return false;
      return doc.getAnimations().every((a: any) => a.playState !== 'running' || a.effect?.getComputedTiming?.().iterations === Infinity);
    },
    null,
    { timeout, polling: 100 },
  );
}

/** The input or textarea of a field, whether the test id sits on it or on a wrapper around it. */
export async function fieldOf(locator: Locator): Promise<Locator> {
  const tag = await locator.evaluate((el: any) => String(el.tagName).toLowerCase());
  return tag === 'input' || tag === 'textarea' ? locator : locator.locator('input, textarea').first();
}

export async function fillField(locator: Locator, value: string): Promise<void> {
  await (await fieldOf(locator)).fill(value);
}

/** The text shown in an element, or the value when it is (or holds) a read-only field. */
export async function shownText(locator: Locator): Promise<string> {
  return locator.evaluate((el: any) => {
    const field = ['INPUT', 'TEXTAREA'].includes(el.tagName) ? el : el.querySelector('input, textarea');
    return String(field ? field.value : el.textContent);
  });
}

/** The part of the path after /assistants/: the assistant's id. */
export function assistantIdFrom(url: string): string {
  const match = /\/assistants\/([0-9a-f-]{36})/.exec(new URL(url).pathname);
  if (!match) throw new Error(`no assistant id in ${url}`);
  return match[1]!;
}
