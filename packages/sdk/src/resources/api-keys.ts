// An assistant's API keys: secret keys (sk_…) for programs, publishable keys (pk_…) for the website widget.
import type { ApiKeyList, CallOptions, CreateApiKeyBody, CreatedApiKey } from '../api-types.js';
import type { Transport } from '../transport.js';

export class ApiKeysResource {
  constructor(private readonly transport: Transport) {}

  /** Active keys, newest first, without the key itself. */
  list(assistantId: string, options?: CallOptions): Promise<ApiKeyList> {
    return this.transport.request('get', '/api/v1/assistants/{id}/api-keys', { params: { id: assistantId }, ...options });
  }

  /** Creates a key; its full `key` is in this response only. */
  create(assistantId: string, body: CreateApiKeyBody, options?: CallOptions): Promise<CreatedApiKey> {
    return this.transport.request('post', '/api/v1/assistants/{id}/api-keys', { params: { id: assistantId }, body, ...options });
  }

  /** Revokes a key; it stops working on the next request. */
  async revoke(assistantId: string, keyId: string, options?: CallOptions): Promise<void> {
    await this.transport.request('delete', '/api/v1/assistants/{id}/api-keys/{keyId}', { params: { id: assistantId, keyId }, ...options });
  }
}
