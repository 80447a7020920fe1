// Writes a bench's figures as JSON under bench/results/ (gitignored), one file per run. Benches rewrite the
// file as figures come in, so a run that is interrupted still leaves what it measured. The file is formatted
// with the repository's Prettier settings so `npm run format:check` stays quiet locally.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { repoRoot, resultsDir } from './paths.js';

export interface ResultsFile {
  readonly path: string;
  /** Replaces the file's content with `data` (the run so far). */
  write(data: unknown): Promise<void>;
  /** Writes the final figures and says where they are. */
  finish(data: unknown): Promise<void>;
}

export function resultsFile(name: string): ResultsFile {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const path = join(resultsDir, `${name}-${stamp}.json`);
  const write = async (data: unknown) => {
    await mkdir(resultsDir, { recursive: true });
    const options = (await resolveConfig(path)) ?? {};
    await writeFile(path, await format(JSON.stringify(data, null, 2), { ...options, filepath: path }));
  };
  return {
    path,
    write,
    async finish(data) {
      await write(data);
      console.log(`\nresults written to ${relative(repoRoot, path)}`);
    },
  };
}
