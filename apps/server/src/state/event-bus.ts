// Cross-instance events (document progress today, chat streams later): publish on a channel, and
// every subscriber on every instance gets the message. In memory for one process; Redis pub/sub when
// instances share a Redis. Delivery is best effort: consumers re-read the database on (re)connect.
import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';

export type Unsubscribe = () => void;

export interface EventBus {
  publish(channel: string, message: unknown): Promise<void>;
  subscribe(channel: string, listener: (message: unknown) => void): Unsubscribe;
  close(): Promise<void>;
}

export class MemoryEventBus implements EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(channel: string, message: unknown): Promise<void> {
    // A structured clone keeps publishers and subscribers from sharing mutable objects, as with Redis.
    this.emitter.emit(channel, structuredClone(message));
  }

  subscribe(channel: string, listener: (message: unknown) => void): Unsubscribe {
    this.emitter.on(channel, listener);
    return () => this.emitter.off(channel, listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

export class RedisEventBus implements EventBus {
  private readonly local = new EventEmitter().setMaxListeners(0);
  private readonly counts = new Map<string, number>();

  /** `publisher` is the shared command connection; `subscriber` a dedicated one (subscriber mode blocks commands). */
  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly keyPrefix: string,
  ) {
    subscriber.on('message', (channel: string, raw: string) => {
      let message: unknown;
      try {
        message = JSON.parse(raw);
      } catch {
        return;
      }
      this.local.emit(channel.slice(this.keyPrefix.length), message);
    });
  }

  async publish(channel: string, message: unknown): Promise<void> {
    await this.publisher.publish(this.keyPrefix + channel, JSON.stringify(message));
  }

  subscribe(channel: string, listener: (message: unknown) => void): Unsubscribe {
    this.local.on(channel, listener);
    const count = (this.counts.get(channel) ?? 0) + 1;
    this.counts.set(channel, count);
    if (count === 1) void this.subscriber.subscribe(this.keyPrefix + channel).catch(() => undefined);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      this.local.off(channel, listener);
      const left = (this.counts.get(channel) ?? 1) - 1;
      if (left <= 0) {
        this.counts.delete(channel);
        void this.subscriber.unsubscribe(this.keyPrefix + channel).catch(() => undefined);
      } else this.counts.set(channel, left);
    };
  }

  async close(): Promise<void> {
    this.local.removeAllListeners();
    if (this.subscriber.status !== 'end') await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }
}
