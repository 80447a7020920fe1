// Folders a user files their conversations in.
import type { CallOptions, Folder, RequestBody, ResponseBody } from '../api-types.js';
import type { Transport } from '../transport.js';

export class FoldersResource {
  constructor(private readonly transport: Transport) {}

  list(options?: CallOptions): Promise<ResponseBody<'/api/v1/folders', 'get'>> {
    return this.transport.request('get', '/api/v1/folders', { ...options });
  }

  create(body: RequestBody<'/api/v1/folders', 'post'>, options?: CallOptions): Promise<Folder> {
    return this.transport.request('post', '/api/v1/folders', { body, ...options });
  }

  update(id: string, body: RequestBody<'/api/v1/folders/{id}', 'patch'>, options?: CallOptions): Promise<Folder> {
    return this.transport.request('patch', '/api/v1/folders/{id}', { params: { id }, body, ...options });
  }

  /** Deletes the folder; its conversations stay, in no folder. */
  async delete(id: string, options?: CallOptions): Promise<void> {
    await this.transport.request('delete', '/api/v1/folders/{id}', { params: { id }, ...options });
  }
}
