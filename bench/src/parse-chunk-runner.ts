// Runs one parse + chunk pipeline over the ingestion corpus in a process of its own, for ingest.ts: Parley's
// parser and pdf-parse each bring their own pdf.js, and two pdf.js versions in one process share a global
// worker and refuse each other ("API version does not match the Worker version"). A process per pipeline
// also keeps one pipeline's JIT and garbage from weighing on the other's timings.
// Usage (internal): tsx --conditions=source bench/src/parse-chunk-runner.ts --pipeline parley|langchain --reps N
// Prints progress on stderr and one JSON line `{runs, failures}` on stdout.
import { parseArgs } from 'node:util';
import { ensureCorpus } from './lib/corpus.js';
import {
  langchainPipeline,
  parleyPipeline,
  pipelineNames,
  type FileRun,
  type PipelineName,
  type RunnerOutput,
} from './lib/parse-pipelines.js';

async function main() {
  const { values } = parseArgs({ options: { pipeline: { type: 'string' }, reps: { type: 'string', default: '3' } } });
  const name = values.pipeline as PipelineName;
  if (!pipelineNames.includes(name)) throw new Error(`--pipeline must be one of ${pipelineNames.join(', ')}`);
  const reps = Number(values.reps);
  const { files } = await ensureCorpus();
  const pipeline = name === 'parley' ? await parleyPipeline() : await langchainPipeline();

  const failures: string[] = [];
  for (const file of files) {
    try {
      await pipeline(file);
    } catch (err) {
      failures.push(`${name} ${file.name}: ${(err as Error).message}`);
    }
  }
  const runs: FileRun[] = [];
  if (failures.length === 0) {
    for (let rep = 0; rep < reps; rep++) {
      for (const file of files) {
        const started = performance.now();
        const { chunks, pages, loadMs } = await pipeline(file);
        runs.push({ kind: file.kind, bytes: file.bytes, pages, chunks, ms: performance.now() - started, loadMs });
      }
      console.error(`${name}: pass ${rep + 1}/${reps} done`);
    }
  }
  process.stdout.write(JSON.stringify({ runs, failures } satisfies RunnerOutput) + '\n');
}

await main();
