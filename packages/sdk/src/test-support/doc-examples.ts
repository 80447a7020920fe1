// The code examples of the SDK's README and guide that are meant to run: each ```ts block right after a
// `<!-- runnable example: … -->` comment. Tests write them to files under the repository's .tmp/ (so
// '@parley/sdk' and 'openai' resolve from the workspace), type-check them and run them with tsx.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
export const readmePath = join(repoRoot, 'packages/sdk/README.md');
export const guidePath = join(repoRoot, 'docs/sdk.md');

const require = createRequire(import.meta.url);

/** The runnable ```ts blocks of a Markdown file, in order. */
export async function runnableExamples(markdownPath: string): Promise<string[]> {
  const markdown = await readFile(markdownPath, 'utf8');
  const blocks = [...markdown.matchAll(/<!-- runnable example:[^>]*-->\s*```ts\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
  if (blocks.length === 0) throw new Error(`${markdownPath} has no runnable example`);
  return blocks;
}

export interface ExampleDir {
  readonly dir: string;
  write(name: string, source: string): Promise<string>;
  remove(): Promise<void>;
}

/** A scratch directory inside the repository (ignored by git), where workspace packages resolve. */
export async function exampleDir(): Promise<ExampleDir> {
  await mkdir(join(repoRoot, '.tmp'), { recursive: true });
  const dir = await mkdtemp(join(repoRoot, '.tmp', 'sdk-examples-'));
  return {
    dir,
    async write(name, source) {
      const file = join(dir, name);
      await writeFile(file, source);
      return file;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Runs a TypeScript file with tsx, reading '@parley/sdk' from its source; resolves with its output, rejects on a non-zero exit. */
export async function runExample(file: string, env: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  const tsx = require.resolve('tsx/cli');
  return promisify(execFile)(process.execPath, [tsx, '--conditions=source', file], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
}

/** Type-checks files as an application would (strict, NodeNext, Node types), reading '@parley/sdk' from its source. */
export async function typecheckExamples(files: string[]): Promise<void> {
  const tsc = join(require.resolve('typescript/package.json'), '..', 'bin', 'tsc');
  const options = ['--noEmit', '--strict', '--target', 'ES2023', '--module', 'NodeNext', '--moduleResolution', 'NodeNext'];
  const more = ['--types', 'node', '--customConditions', 'source', '--skipLibCheck'];
  await promisify(execFile)(process.execPath, [tsc, ...options, ...more, ...files], { cwd: repoRoot, timeout: 120_000 });
}
