// The organization's own OpenAI-compatible model servers (the instance provider shows with id `instance`).
import type { CallOptions, Provider, RequestBody, ResponseBody } from '../api-types.js';
import type { Transport } from '../transport.js';

export class ProvidersResource {
  constructor(private readonly transport: Transport) {}

  list(options?: CallOptions): Promise<ResponseBody<'/api/v1/providers', 'get'>> {
    return this.transport.request('get', '/api/v1/providers', { ...options });
  }

  create(body: RequestBody<'/api/v1/providers', 'post'>, options?: CallOptions): Promise<Provider> {
    return this.transport.request('post', '/api/v1/providers', { body, ...options });
  }

  get(id: string, options?: CallOptions): Promise<Provider> {
    return this.transport.request('get', '/api/v1/providers/{id}', { params: { id }, ...options });
  }

  /** `apiKey: null` removes the stored key. */
  update(id: string, body: RequestBody<'/api/v1/providers/{id}', 'patch'>, options?: CallOptions): Promise<Provider> {
    return this.transport.request('patch', '/api/v1/providers/{id}', { params: { id }, body, ...options });
  }

  async delete(id: string, options?: CallOptions): Promise<void> {
    await this.transport.request('delete', '/api/v1/providers/{id}', { params: { id }, ...options });
  }

  /** The models the server lists (502 `provider_unreachable` when it is down). */
  models(id: string, options?: CallOptions): Promise<ResponseBody<'/api/v1/providers/{id}/models', 'get'>> {
    return this.transport.request('get', '/api/v1/providers/{id}/models', { params: { id }, ...options });
  }
}
