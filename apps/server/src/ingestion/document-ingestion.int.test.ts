// The pipeline's verdicts on a document whose embedding service fails, run by hand (no worker here, so
// no job takes the documents): a temporary error sends it back to the queue with a `retrying` note,
// and after the last attempt it fails with `retries_exhausted`; a request the service refuses fails
// at once with `embedding_refused`.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, createTestApp, registerUser, type TestApp, type TestUser } from '../../test/harness.js';
import { ProviderCallError, type EmbeddingProvider } from '../providers/embeddings/embedding-provider.js';
import { DocumentIngestionService, MAX_ATTEMPTS } from './document-ingestion.service.js';

let t: TestApp;
let owner: TestUser;
let assistantId: string;
const logger = pino({ level: 'silent' });

beforeAll(async () => {
  t = await createTestApp();
  owner = await registerUser(t.app);
  assistantId = (await createAssistant(t.app, owner)).id;
});
afterAll(async () => t?.close());

function failingEmbedder(error: Error): EmbeddingProvider {
  return {
    specificationVersion: 'v1',
    provider: 'test',
    model: 'failing',
    dimensions: 8,
    maxEmbeddingsPerCall: 16,
    supportsParallelCalls: false,
    embed: () => Promise.reject(error),
  };
}

function serviceWith(embedder: EmbeddingProvider): DocumentIngestionService {
  return new DocumentIngestionService({
    db: t.deps.database.db,
    config: t.config,
    blobs: t.deps.blobs,
    events: t.deps.state.events,
    embedder: async () => embedder,
    embeddingModelId: (p) => `${p.provider}:${p.model}:${p.dimensions}`,
  });
}

async function push(title: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/assistants/${assistantId}/documents`,
    headers: owner.headers,
    payload: { title, text: `${title}: the warehouse ships every order before noon.` },
  });
  expect(res.statusCode).toBe(202);
  return res.json().id;
}

async function documentOf(id: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/assistants/${assistantId}/documents/${id}`, headers: owner.headers });
  expect(res.statusCode).toBe(200);
  return res.json() as { status: string; error: string | null; errorCode: string | null; progress: number };
}

describe('document ingestion failures', () => {
  it('retries a temporary error with a note, then fails with retries_exhausted', async () => {
    const id = await push('Temporary');
    const service = serviceWith(failingEmbedder(new ProviderCallError('upstream answered 503', true, 503)));
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      await expect(service.ingest(id, logger)).rejects.toThrow('upstream answered 503');
      expect(await documentOf(id)).toMatchObject({
        status: 'queued',
        error: 'Retrying after a temporary error: upstream answered 503',
        errorCode: 'retrying',
      });
    }
    expect(await service.ingest(id, logger)).toEqual({ outcome: 'failed' });
    expect(await documentOf(id)).toMatchObject({
      status: 'failed',
      error: `Indexing failed after ${MAX_ATTEMPTS} attempts: upstream answered 503`,
      errorCode: 'retries_exhausted',
      progress: 1,
    });
  });

  it('fails at once when the embedding service refuses the request', async () => {
    const id = await push('Refused');
    const service = serviceWith(failingEmbedder(new ProviderCallError('input too long', false, 400)));
    expect(await service.ingest(id, logger)).toEqual({ outcome: 'failed' });
    expect(await documentOf(id)).toMatchObject({
      status: 'failed',
      error: 'The embedding service refused the request: input too long',
      errorCode: 'embedding_refused',
    });
  });
});
