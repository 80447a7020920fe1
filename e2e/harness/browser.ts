// One Chromium per test file (Debian's, through playwright-core), a fresh context per journey, and the
// page's own failures collected: an uncaught error in the page fails the test that saw it; console
// errors are printed (a 401 from the session probe before sign-in is normal), not failed on.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from './paths.js';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 375, height: 740 } as const;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface JourneyOptions {
  readonly baseURL: string;
  /** BCP 47 tag the browser reports (navigator.language, Accept-Language). */
  readonly locale: string;
  readonly viewport?: { readonly width: number; readonly height: number };
  /** Touch and a phone user agent, for the phone-width checks. */
  readonly mobile?: boolean;
}

export interface Journey {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Uncaught errors thrown in the page since the last check. */
  readonly pageErrors: string[];
  /** console.error messages, all of them. */
  readonly consoleErrors: string[];
  /** Throws when the page threw since the last call (and forgets them). Call it in afterEach. */
  checkPageErrors(): void;
  close(): Promise<void>;
}

export async function openJourney(browser: Browser, options: JourneyOptions): Promise<Journey> {
  const context = await browser.newContext({
    baseURL: options.baseURL,
    locale: options.locale,
    viewport: options.viewport ?? DESKTOP,
    deviceScaleFactor: 1,
    colorScheme: 'light',
    ...(options.mobile ? { isMobile: true, hasTouch: true } : {}),
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (error) => {
    pageErrors.push(`${error.name}: ${error.message}\n${error.stack ?? ''}`);
    console.error(`[page error] ${page.url()}\n${error.stack ?? error.message}`);
  });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const location = message.location();
    const line = `${message.text()} (${location.url}:${location.lineNumber})`;
    consoleErrors.push(line);
    console.warn(`[console.error] ${page.url()}: ${line}`);
  });
  return {
    context,
    page,
    pageErrors,
    consoleErrors,
    checkPageErrors() {
      const errors = pageErrors.splice(0);
      if (errors.length > 0) throw new Error(`The page threw ${errors.length} uncaught error(s):\n${errors.join('\n---\n')}`);
    },
    close: () => context.close(),
  };
}
