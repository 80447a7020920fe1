// In-process token buckets for a single instance (no REDIS_URL) and for unit tests.
// Memory is bounded: past `maxKeys` buckets, full ones are dropped first (a full bucket is the same
// as no bucket), then the least recently used. Evicting a bucket that is not full forgives its
// client some tokens, which beats growing without limit when keys are attacker-chosen (IPs, tokens).
import { assertValidConsume, type RateLimiter, type RateLimitResult, type TokenBucketPolicy } from './rate-limiter.js';

export interface MemoryRateLimiterOptions {
  /** Clock in ms; tests inject one. Defaults to a monotonic clock, so wall-clock jumps do not refill. */
  now?: () => number;
  /** Most buckets kept at once. */
  maxKeys?: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
  // The policy of the last call, so a sweep can tell whether the bucket is full.
  capacity: number;
  refillPerSecond: number;
}

const DEFAULT_MAX_KEYS = 100_000;
// Evicting down to 90% of the limit spreads the O(n) sweep over many inserts.
const EVICT_TO = 0.9;

export class MemoryRateLimiter implements RateLimiter {
  readonly #buckets = new Map<string, Bucket>(); // insertion order = least recently used first
  readonly #now: () => number;
  readonly #maxKeys: number;

  constructor(options: MemoryRateLimiterOptions = {}) {
    this.#now = options.now ?? (() => performance.now());
    this.#maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
    if (!Number.isInteger(this.#maxKeys) || this.#maxKeys < 1) {
      throw new RangeError(`maxKeys must be a positive integer, got ${options.maxKeys}`);
    }
  }

  /** Buckets held now (for tests of the memory bound). */
  get size(): number {
    return this.#buckets.size;
  }

  async consume(key: string, policy: TokenBucketPolicy, cost = 1): Promise<RateLimitResult> {
    assertValidConsume(policy, cost);
    const now = this.#now();
    const existing = this.#buckets.get(key);
    const tokens = existing ? refilled(existing, policy, now) : policy.capacity;
    const allowed = tokens >= cost;
    const left = allowed ? tokens - cost : tokens;

    // Refusals are stored too: re-inserting marks the key as recently used, so a client hammering a
    // refused key cannot get its bucket evicted (and refilled) by being the oldest entry.
    this.#buckets.delete(key);
    this.#buckets.set(key, { tokens: left, updatedAt: now, ...policy });
    if (this.#buckets.size > this.#maxKeys) this.#shrink(now);

    if (allowed) return { allowed, remaining: Math.floor(left), retryAfterMs: 0 };
    return {
      allowed,
      remaining: Math.floor(left),
      retryAfterMs: msUntil(cost - left, policy.refillPerSecond),
    };
  }

  async reset(key: string): Promise<void> {
    this.#buckets.delete(key);
  }

  async close(): Promise<void> {
    this.#buckets.clear();
  }

  #shrink(now: number): void {
    for (const [key, bucket] of this.#buckets) {
      if (refilled(bucket, bucket, now) >= bucket.capacity) this.#buckets.delete(key);
    }
    if (this.#buckets.size <= this.#maxKeys) return;
    const target = Math.max(1, Math.floor(this.#maxKeys * EVICT_TO));
    for (const key of this.#buckets.keys()) {
      if (this.#buckets.size <= target) break;
      this.#buckets.delete(key);
    }
  }
}

function refilled(bucket: Bucket, policy: TokenBucketPolicy, now: number): number {
  // A clock that steps back (an injected one, say) must not add tokens.
  const elapsedMs = Math.max(0, now - bucket.updatedAt);
  return Math.min(policy.capacity, bucket.tokens + (elapsedMs * policy.refillPerSecond) / 1000);
}

/** Whole ms until `missing` tokens have refilled, at least 1. */
function msUntil(missing: number, refillPerSecond: number): number {
  // Tokens accumulate float noise (0.5 + 0.498 is not 0.998); without the nanosecond of slack,
  // 1.0000000000000009 ms would round up to 2.
  return Math.max(1, Math.ceil((missing / refillPerSecond) * 1000 - 1e-6));
}
