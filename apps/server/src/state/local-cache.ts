// Small in-process caches for the hot path (API keys, assistants by slug, whether an assistant has
// knowledge), so that answering does not wait on the database for facts that rarely change. Each
// entry lives at most `ttlMs`; changes are announced on the shared event bus (`Invalidations`), so
// every instance drops its copy at once, in memory or across Redis.
import type { EventBus } from './event-bus.js';

export class LocalCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: the first key is the oldest.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  deleteWhere(predicate: (value: V, key: string) => boolean): void {
    for (const [key, entry] of this.entries) if (predicate(entry.value, key)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

export type InvalidationKind = 'api-key' | 'assistant' | 'knowledge';

const CHANNEL = 'cache:invalidate';

/** Announces changes to cached facts on every instance (including this one). */
export class Invalidations {
  private readonly handlers = new Map<InvalidationKind, Set<(id: string) => void>>();
  private readonly unsubscribe: () => void;

  constructor(private readonly events: EventBus) {
    this.unsubscribe = events.subscribe(CHANNEL, (message) => {
      const { kind, id } = message as { kind: InvalidationKind; id: string };
      this.deliver(kind, id);
    });
  }

  on(kind: InvalidationKind, handler: (id: string) => void): void {
    const set = this.handlers.get(kind) ?? new Set();
    set.add(handler);
    this.handlers.set(kind, set);
  }

  /** Drops the local copies at once, then tells the other instances. */
  async publish(kind: InvalidationKind, id: string): Promise<void> {
    this.deliver(kind, id);
    await this.events.publish(CHANNEL, { kind, id }).catch(() => undefined);
  }

  private deliver(kind: InvalidationKind, id: string): void {
    for (const handler of this.handlers.get(kind) ?? []) handler(id);
  }

  close(): void {
    this.unsubscribe();
  }
}
