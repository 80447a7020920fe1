import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { BlobTooLargeError, LocalBlobStore } from './blob-store.js';

const root = await mkdtemp(join(tmpdir(), 'parley-blobs-'));
afterAll(() => rm(root, { recursive: true, force: true }));

describe('LocalBlobStore', () => {
  const store = new LocalBlobStore(root);

  it('stores a stream, reports its size and hash, and reads it back', async () => {
    const parts = [Buffer.from('שלום '), Buffer.from('עולם'), Buffer.alloc(100_000, 7)];
    const blob = await store.put(Readable.from(parts), { maxBytes: 1_000_000 });
    const all = Buffer.concat(parts);
    expect(blob.sizeBytes).toBe(all.length);
    expect(blob.sha256).toBe(createHash('sha256').update(all).digest('hex'));
    expect((await store.get(blob.key)).equals(all)).toBe(true);
    await store.delete(blob.key);
    await expect(store.get(blob.key)).rejects.toThrow();
    await store.delete(blob.key); // idempotent
  });

  it('refuses a stream over the limit and leaves nothing behind', async () => {
    await expect(store.put(Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), { maxBytes: 1000 })).rejects.toBeInstanceOf(
      BlobTooLargeError,
    );
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  it('rejects keys that could escape the folder', async () => {
    await expect(store.get('../../etc/passwd')).rejects.toThrow(/invalid blob key/);
  });
});
