// What this instance runs with, for clients that shape their screens by it: the server version, whether
// a model can answer at all, the embedding model, and the limits a client should check before sending.
import { readFileSync } from 'node:fs';
import { MAX_MESSAGE_CHARS, type InstanceInfo } from '@parley/contracts';
import type { Config } from '../../config.js';
import { HASH_MODEL } from '../../providers/embeddings/hash-embedder.js';

/** The server package's version; the same relative path holds from src/ (tsx, tests) and from dist/. */
function serverVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

function embeddingsOf(spec: Config['embeddings']): InstanceInfo['embeddings'] {
  switch (spec.provider) {
    case 'hash':
      return { provider: 'hash', model: HASH_MODEL, dimensions: spec.dimensions };
    case 'openai-compatible':
      // Without PARLEY_EMBEDDINGS_DIMENSIONS the length is learnt from the server on first use.
      return { provider: 'openai-compatible', model: spec.model, dimensions: spec.dimensions ?? null };
    case 'transformers':
      return { provider: 'transformers', model: spec.model, dimensions: null };
  }
}

export class InstanceService {
  private readonly info: InstanceInfo;

  constructor(config: Config) {
    // Everything here comes from the frozen configuration: computed once.
    this.info = {
      version: serverVersion(),
      llm: {
        extractiveOnly: !config.llm.enabled,
        instanceProvider: config.llm.instance ? { model: config.llm.instance.model } : null,
      },
      embeddings: embeddingsOf(config.embeddings),
      limits: { maxUploadBytes: config.ingestion.uploadLimitBytes, maxMessageChars: MAX_MESSAGE_CHARS },
    };
  }

  describe(): InstanceInfo {
    return this.info;
  }
}
