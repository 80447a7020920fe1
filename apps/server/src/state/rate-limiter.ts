// Token-bucket rate limiting shared by every instance of the server: the contract, and the policy
// checks both backends apply (memory-rate-limiter.ts for one instance, redis-rate-limiter.ts for many).
// A bucket holds up to `capacity` tokens and regains `refillPerSecond` of them each second, so a
// client may burst to `capacity` and then sustain the refill rate.

export interface TokenBucketPolicy {
  capacity: number;
  refillPerSecond: number;
}

export interface RateLimitResult {
  allowed: boolean;
  /** Whole tokens left in the bucket after this call. */
  remaining: number;
  /**
   * When refused: ms until the bucket holds enough tokens for this call's cost (one token for the
   * default cost), which is what a Retry-After header should say. 0 when allowed.
   */
  retryAfterMs: number;
}

export interface RateLimiter {
  /** Takes `cost` tokens (default 1) from the bucket at `key`; a refused call takes nothing. */
  consume(key: string, policy: TokenBucketPolicy, cost?: number): Promise<RateLimitResult>;
  /** Forgets the bucket, so the key starts full again. */
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Rejects policies no bucket could honour. A cost above the capacity could never be allowed, and a
 * zero refill rate would never end a refusal: both are programming errors, not traffic.
 */
export function assertValidConsume(policy: TokenBucketPolicy, cost: number): void {
  const { capacity, refillPerSecond } = policy;
  if (!Number.isFinite(capacity) || capacity < 1) {
    throw new RangeError(`rate limit capacity must be a finite number >= 1, got ${capacity}`);
  }
  if (!Number.isFinite(refillPerSecond) || refillPerSecond <= 0) {
    throw new RangeError(`rate limit refillPerSecond must be a finite number > 0, got ${refillPerSecond}`);
  }
  if (!Number.isFinite(cost) || cost <= 0 || cost > capacity) {
    throw new RangeError(`rate limit cost must be > 0 and <= capacity (${capacity}), got ${cost}`);
  }
}
