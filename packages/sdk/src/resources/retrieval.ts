// Searching an assistant's documents directly: the ranked passages the chat engine would answer from.
import type { CallOptions, SearchBody, SearchResults } from '../api-types.js';
import type { Transport } from '../transport.js';

export class RetrievalResource {
  constructor(private readonly transport: Transport) {}

  /** `mode` (hybrid, vector, text) and `topK` default to the assistant's retrieval settings. */
  search(assistantId: string, body: SearchBody, options?: CallOptions): Promise<SearchResults> {
    return this.transport.request('post', '/api/v1/assistants/{id}/search', { params: { id: assistantId }, body, ...options });
  }
}
