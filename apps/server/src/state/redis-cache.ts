// Cache in Redis, shared by every instance: JSON strings under a key prefix, expired by Redis
// itself (SET ... PX), so no instance has to sweep.
import type { Redis } from 'ioredis';
import { serializeCacheValue, validTtlMs, type Cache } from './cache.js';

export interface RedisCacheOptions {
  /** Prepended to every key, e.g. `parley:cache:`. */
  keyPrefix: string;
}

export class RedisCache implements Cache {
  readonly #client: Redis;
  readonly #keyPrefix: string;

  /** The client stays the caller's: close() leaves it open for whoever else shares it. */
  constructor(client: Redis, options: RedisCacheOptions) {
    this.#client = client;
    this.#keyPrefix = options.keyPrefix;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const json = await this.#client.get(this.#keyPrefix + key);
    return json === null ? undefined : (JSON.parse(json) as T);
  }

  async set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    await this.#client.set(this.#keyPrefix + key, serializeCacheValue(value), 'PX', validTtlMs(ttlMs));
  }

  async delete(key: string): Promise<void> {
    await this.#client.del(this.#keyPrefix + key);
  }

  async close(): Promise<void> {}
}
