// Token buckets in Redis, shared by every instance behind the load balancer.
// One Lua script reads, refills and takes tokens atomically, so parallel requests on many instances
// can never spend the same token twice. The script reads the clock with Redis TIME rather than
// taking it from the caller: instances whose clocks disagree still see one timeline.
// Each bucket is a hash { tokens, ts } that expires when it would be full again, since a full
// bucket and a missing one mean the same; idle clients cost no memory.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { assertValidConsume, type RateLimiter, type RateLimitResult, type TokenBucketPolicy } from './rate-limiter.js';

export interface RedisRateLimiterOptions {
  /** Prepended to every key, e.g. `parley:rl:`. */
  keyPrefix: string;
}

// KEYS[1] bucket; ARGV capacity, refillPerSecond, cost. Returns { allowed 0|1, remaining, retryAfterMs }.
// Lua numbers come back to the client truncated to integers, hence the explicit floor/ceil.
const TOKEN_BUCKET_LUA = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local tokens = capacity
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
if state[1] and state[2] then
  local elapsed = math.max(0, now - tonumber(state[2]))
  tokens = math.min(capacity, tonumber(state[1]) + elapsed * rate / 1000)
end
if tokens < cost then
  -- The 1e-6 ms of slack keeps float noise in the stored tokens from adding a whole ms.
  return { 0, math.floor(tokens), math.max(1, math.ceil((cost - tokens) * 1000 / rate - 1e-6)) }
end
tokens = tokens - cost
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'ts', string.format('%.17g', now))
redis.call('PEXPIRE', KEYS[1], math.max(1, math.ceil((capacity - tokens) * 1000 / rate)))
return { 1, math.floor(tokens), 0 }
`;
const TOKEN_BUCKET_SHA = createHash('sha1').update(TOKEN_BUCKET_LUA).digest('hex');

export class RedisRateLimiter implements RateLimiter {
  readonly #client: Redis;
  readonly #keyPrefix: string;

  /** The client stays the caller's: close() leaves it open for whoever else shares it. */
  constructor(client: Redis, options: RedisRateLimiterOptions) {
    this.#client = client;
    this.#keyPrefix = options.keyPrefix;
  }

  async consume(key: string, policy: TokenBucketPolicy, cost = 1): Promise<RateLimitResult> {
    assertValidConsume(policy, cost);
    const args = [this.#keyPrefix + key, policy.capacity, policy.refillPerSecond, cost] as const;
    let reply: unknown;
    try {
      reply = await this.#client.evalsha(TOKEN_BUCKET_SHA, 1, ...args);
    } catch (err) {
      // First call on this server (or after SCRIPT FLUSH / a failover): send the script itself,
      // which also caches it for the next evalsha.
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      reply = await this.#client.eval(TOKEN_BUCKET_LUA, 1, ...args);
    }
    if (!Array.isArray(reply) || reply.length !== 3) {
      throw new Error(`unexpected reply from the rate-limit script: ${JSON.stringify(reply)}`);
    }
    const [allowed, remaining, retryAfterMs] = reply.map(Number);
    return { allowed: allowed === 1, remaining: remaining ?? 0, retryAfterMs: retryAfterMs ?? 0 };
  }

  async reset(key: string): Promise<void> {
    await this.#client.del(this.#keyPrefix + key);
  }

  async close(): Promise<void> {}
}
