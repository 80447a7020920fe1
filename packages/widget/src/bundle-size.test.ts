// The widget bundle's budget (30 kB gzip, as the issue asks) and its CSP promise: nothing that evaluates
// strings as code. Built with the same function as `npm run build -w @parley/widget`.
import { describe, expect, it } from 'vitest';
import { GZIP_BUDGET_BYTES, buildWidget } from '../scripts/build-widget.mjs';

describe('widget bundle', () => {
  it('stays within the gzip budget and never evaluates strings as code', async () => {
    const { code, sizes } = await buildWidget();
    console.log(`widget.js: ${sizes.raw} B raw, ${sizes.gzip} B gzip, ${sizes.brotli} B brotli (budget ${GZIP_BUDGET_BYTES} B gzip)`);
    expect(sizes.gzip).toBeLessThanOrEqual(GZIP_BUDGET_BYTES);
    expect(code).not.toMatch(/\beval\s*\(/);
    expect(code).not.toMatch(/new\s+Function\b/);
    expect(code).not.toMatch(/\bFunction\s*\(/);
    // setTimeout with a string is eval too.
    expect(code).not.toMatch(/setTimeout\(\s*["'`]/);
    // No zod (or any contract value) slipped in through an import that was not type-only.
    expect(code).not.toContain('ZodError');
  });
});
