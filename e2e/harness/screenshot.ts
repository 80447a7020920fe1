// Full-page screenshots for people to look at: test-results/screenshots/<lang>/<name>.png.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshotsDir } from './paths.js';

export async function screenshot(page: Page, lang: string, name: string): Promise<string> {
  const dir = join(screenshotsDir, lang);
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  // Let fonts and the last layout settle so the picture shows what a person would see.
  await page.evaluate(async () => {
    await (globalThis as any).document.fonts.ready;
  });
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}
