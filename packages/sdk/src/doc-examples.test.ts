// The runnable examples of the README and of docs/sdk.md type-check as an application would compile them,
// so a renamed method or a changed shape breaks the docs' build before a reader finds out.
import { describe, expect, it } from 'vitest';
import { exampleDir, guidePath, readmePath, runnableExamples, typecheckExamples } from './test-support/doc-examples.js';

describe('documentation examples', () => {
  it('type-check', async () => {
    const dir = await exampleDir();
    try {
      const files: string[] = [];
      for (const [name, path] of [
        ['readme', readmePath],
        ['guide', guidePath],
      ] as const) {
        const examples = await runnableExamples(path);
        for (const [i, source] of examples.entries()) files.push(await dir.write(`${name}-${i}.ts`, source));
      }
      expect(files.length).toBeGreaterThanOrEqual(2);
      await expect(typecheckExamples(files)).resolves.toBeUndefined();
    } finally {
      await dir.remove();
    }
  }, 120_000);
});
