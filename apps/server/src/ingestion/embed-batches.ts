// Embeds many texts through a provider within its declared limits: batches of at most
// maxEmbeddingsPerCall, several in flight when the provider allows parallel calls.
import type { EmbeddingProvider } from '../providers/embeddings/embedding-provider.js';

const PARALLEL_CALLS = 4;

export async function embedAll(
  provider: EmbeddingProvider,
  texts: readonly string[],
  onProgress?: (done: number, total: number) => void | Promise<void>,
): Promise<number[][]> {
  const size = Math.max(1, provider.maxEmbeddingsPerCall);
  const batches: { start: number; texts: readonly string[] }[] = [];
  for (let i = 0; i < texts.length; i += size) batches.push({ start: i, texts: texts.slice(i, i + size) });
  const out: number[][] = new Array<number[]>(texts.length);
  let next = 0;
  let done = 0;
  const lanes = provider.supportsParallelCalls ? Math.min(PARALLEL_CALLS, batches.length) : 1;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        const vectors = await provider.embed(batch.texts, { kind: 'document' });
        if (vectors.length !== batch.texts.length)
          throw new Error(`embedder returned ${vectors.length} vectors for ${batch.texts.length} texts`);
        vectors.forEach((v, j) => (out[batch.start + j] = v));
        done += batch.texts.length;
        await onProgress?.(done, texts.length);
      }
    }),
  );
  return out;
}
