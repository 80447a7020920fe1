// Builds the fast state every instance shares: rate limiter and cache. With no Redis URL both live
// in process memory (one instance, embedded mode); with one, both use a single Redis connection.
import { Redis } from 'ioredis';
import type { Cache } from './cache.js';
import { MemoryEventBus, RedisEventBus, type EventBus } from './event-bus.js';
import { MemoryCache } from './memory-cache.js';
import { MemoryRateLimiter } from './memory-rate-limiter.js';
import type { RateLimiter } from './rate-limiter.js';
import { RedisCache } from './redis-cache.js';
import { RedisRateLimiter } from './redis-rate-limiter.js';

export interface SharedState {
  rateLimiter: RateLimiter;
  cache: Cache;
  events: EventBus;
  /** Resolves when the backend answers; throws when Redis is unreachable (the /ready check). */
  ping(): Promise<void>;
  close(): Promise<void>;
  kind: 'memory' | 'redis';
}

export interface SharedStateOptions {
  /** redis:// or rediss:// URL; unset or null keeps the state in process memory. */
  redisUrl?: string | null;
  /** Prepended to every Redis key, so several deployments (or test files) can share one Redis. */
  keyPrefix?: string;
  /** Connection errors while reconnecting; without it ioredis prints them to the console. */
  onError?: (error: Error) => void;
}

const DEFAULT_KEY_PREFIX = 'parley:';

export async function createSharedState(opts: SharedStateOptions = {}): Promise<SharedState> {
  const keyPrefix = opts.keyPrefix ?? DEFAULT_KEY_PREFIX;
  if (!opts.redisUrl) {
    const rateLimiter = new MemoryRateLimiter();
    const cache = new MemoryCache();
    const events = new MemoryEventBus();
    return {
      kind: 'memory',
      rateLimiter,
      cache,
      events,
      ping: async () => {},
      close: async () => {
        await Promise.all([rateLimiter.close(), cache.close(), events.close()]);
      },
    };
  }

  const client = new Redis(opts.redisUrl, {
    // Connect explicitly below, so a wrong URL or a Redis that is down stops start-up with a clear
    // message instead of surfacing later as failed requests.
    lazyConnect: true,
    connectTimeout: 5_000,
    // While the connection is down, commands fail at once rather than queue: a request must not
    // hang on its rate-limit check or cache read for the length of an outage, and ping() must
    // report the outage to /ready instead of waiting for it to end.
    enableOfflineQueue: false,
    // A command caught by a dropped connection is retried on the next one once, then fails.
    maxRetriesPerRequest: 1,
    // A Redis that accepts connections but does not answer (overloaded, paused) fails in bounded time.
    commandTimeout: 2_000,
    // Keep reconnecting forever, backing off to 2 s: the instance heals itself when Redis returns.
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
    connectionName: 'parley',
  });
  if (opts.onError) client.on('error', opts.onError);

  try {
    await client.connect();
  } catch (err) {
    client.disconnect();
    throw new Error(`cannot connect to Redis at ${redactUrl(opts.redisUrl)}: ${messageOf(err)}`);
  }

  // Pub/sub needs a connection of its own, which may queue while (re)connecting: subscriptions are
  // replayed by ioredis after a reconnect.
  const subscriber = client.duplicate({ enableOfflineQueue: true, lazyConnect: false, connectionName: 'parley-events' });
  if (opts.onError) subscriber.on('error', opts.onError);
  else subscriber.on('error', () => undefined);
  const events = new RedisEventBus(client, subscriber, `${keyPrefix}ev:`);

  return {
    kind: 'redis',
    rateLimiter: new RedisRateLimiter(client, { keyPrefix: `${keyPrefix}rl:` }),
    cache: new RedisCache(client, { keyPrefix: `${keyPrefix}cache:` }),
    events,
    ping: async () => {
      try {
        await client.ping();
      } catch (err) {
        throw new Error(`Redis is unreachable: ${messageOf(err)}`);
      }
    },
    close: async () => {
      await events.close();
      if (client.status === 'end') return;
      // QUIT lets pending replies arrive; when the connection is already gone, just drop it.
      await client.quit().catch(() => client.disconnect());
    },
  };
}

/** The URL without its password, for error messages and logs. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
