// A small TTL cache shared by every instance (memory-cache.ts for one instance, redis-cache.ts for
// many), for values that are costly to compute and fine to serve slightly stale.
// Values go through JSON in both backends, so a test on one backend holds for the other: callers
// get a copy, Dates come back as ISO strings, and `undefined` cannot be stored.

export interface Cache {
  /** The value, or undefined when the key is missing or expired. */
  get<T>(key: string): Promise<T | undefined>;
  /** Stores a JSON-serialisable value for ttlMs milliseconds, replacing any value and TTL. */
  set<T>(key: string, value: T, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}

/** JSON text of a cache value; throws for values JSON cannot represent at the top level. */
export function serializeCacheValue(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) {
    throw new TypeError(`cache values must be JSON-serialisable, got ${typeof value}`);
  }
  return json;
}

/** Whole milliseconds (Redis PX takes integers), at least 1. */
export function validTtlMs(ttlMs: number): number {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new RangeError(`cache ttlMs must be a finite number > 0, got ${ttlMs}`);
  }
  return Math.ceil(ttlMs);
}
