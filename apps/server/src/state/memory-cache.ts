// In-process cache for a single instance (no REDIS_URL) and for unit tests: entries expire after
// their TTL and, past `maxEntries`, the least recently used are evicted, so memory stays bounded.
import { serializeCacheValue, validTtlMs, type Cache } from './cache.js';

export interface MemoryCacheOptions {
  /** Most entries kept at once. */
  maxEntries?: number;
  /** Clock in ms; tests inject one. Defaults to a monotonic clock. */
  now?: () => number;
}

interface Entry {
  json: string;
  expiresAt: number;
}

const DEFAULT_MAX_ENTRIES = 10_000;

export class MemoryCache implements Cache {
  readonly #entries = new Map<string, Entry>(); // insertion order = least recently used first
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: MemoryCacheOptions = {}) {
    this.#maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.#now = options.now ?? (() => performance.now());
    if (!Number.isInteger(this.#maxEntries) || this.#maxEntries < 1) {
      throw new RangeError(`maxEntries must be a positive integer, got ${options.maxEntries}`);
    }
  }

  /** Entries held now, expired ones not yet noticed included (for tests of the memory bound). */
  get size(): number {
    return this.#entries.size;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (entry.expiresAt <= this.#now()) return undefined;
    this.#entries.set(key, entry); // now the most recently used
    // Parsed on every read, like Redis: callers never share (and mutate) one object.
    return JSON.parse(entry.json) as T;
  }

  async set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    const entry = { json: serializeCacheValue(value), expiresAt: this.#now() + validTtlMs(ttlMs) };
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries) break;
      this.#entries.delete(oldest);
    }
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  async close(): Promise<void> {
    this.#entries.clear();
  }
}
