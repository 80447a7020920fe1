// Accessibility check of the page as it is now, with axe-core's full rule set (WCAG 2.x A/AA and best
// practices). Returns the serious and critical violations, which the tests require to be none; every
// violation (minor and moderate too) is printed and written to test-results/axe/<lang>/<name>.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { repoRoot } from './paths.js';

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly helpUrl: string;
  readonly nodes: readonly { readonly target: string; readonly html: string; readonly summary: string }[];
}

const BLOCKING = new Set(['serious', 'critical']);

export async function runAxe(page: Page, name: string): Promise<AxeViolation[]> {
  // Evaluated over the DevTools protocol, so the page's Content-Security-Policy does not apply.
  const loaded = await page.evaluate(() => Boolean((globalThis as any).axe));
  if (!loaded) await page.evaluate(axe.source);
  const violations: AxeViolation[] = await page.evaluate(async () => {
    const result = await (globalThis as any).axe.run((globalThis as any).document, { resultTypes: ['violations'] });
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n: any) => ({ target: n.target.join(' '), html: String(n.html).slice(0, 200), summary: n.failureSummary ?? '' })),
    }));
  });
  const lang = await page.evaluate(() => (globalThis as any).document.documentElement.lang as string);
  const dir = join(repoRoot, 'test-results', 'axe', lang || 'unknown');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${name}.json`), JSON.stringify({ url: page.url(), violations }, null, 2));
  const blocking = violations.filter((v) => v.impact !== null && BLOCKING.has(v.impact));
  const others = violations.length - blocking.length;
  console.log(`[axe] ${lang}/${name}: ${blocking.length} serious/critical, ${others} minor/moderate`);
  for (const v of violations) {
    console.log(`  ${v.id} (${v.impact}): ${v.help}`);
    for (const node of v.nodes.slice(0, 5)) console.log(`    ${node.target}\n      ${node.summary.replace(/\n/g, '\n      ')}`);
    if (v.nodes.length > 5) console.log(`    … and ${v.nodes.length - 5} more`);
  }
  return blocking;
}

/** The violations as one readable string, for assertion messages. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target).join('\n  ')}`).join('\n');
}
