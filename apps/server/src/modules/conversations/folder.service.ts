// Folders a person sorts their conversations into. They are private to their owner: another member of the
// organization never sees them, and a conversation can only be filed in one of its owner's folders.
import type { Folder } from '@parley/contracts';
import type { Db } from '../../db/client.js';
import { notFound } from '../../http/errors.js';
import { requireUser, type Principal } from '../../http/principal.js';
import { FolderRepository, type FolderRow } from './folder.repository.js';

export function presentFolder(row: FolderRow): Folder {
  return { id: row.id, name: row.name, createdAt: row.createdAt.toISOString() };
}

export class FolderService {
  constructor(private readonly deps: { db: Db }) {}

  private repo(principal: Principal) {
    const user = requireUser(principal);
    return new FolderRepository(this.deps.db, { organizationId: user.organizationId, userId: user.userId });
  }

  async list(principal: Principal): Promise<{ items: Folder[] }> {
    return { items: (await this.repo(principal).list()).map(presentFolder) };
  }

  async create(principal: Principal, input: { name: string }): Promise<Folder> {
    return presentFolder(await this.repo(principal).insert(input.name));
  }

  async rename(principal: Principal, id: string, input: { name: string }): Promise<Folder> {
    const row = await this.repo(principal).rename(id, input.name);
    if (!row) throw notFound('folder');
    return presentFolder(row);
  }

  async delete(principal: Principal, id: string): Promise<void> {
    if (!(await this.repo(principal).delete(id))) throw notFound('folder');
  }
}
