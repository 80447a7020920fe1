// Writes a bench's figures as JSON under bench/results/ (gitignored), one file per run. The file is
// formatted with the repository's Prettier settings so `npm run format:check` stays quiet locally.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { repoRoot, resultsDir } from './paths.js';

export async function writeResults(name: string, data: unknown): Promise<string> {
  await mkdir(resultsDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const path = join(resultsDir, `${name}-${stamp}.json`);
  const options = (await resolveConfig(path)) ?? {};
  await writeFile(path, await format(JSON.stringify(data, null, 2), { ...options, filepath: path }));
  console.log(`\nresults written to ${relative(repoRoot, path)}`);
  return path;
}
