// Saves the partial text of every answer being streamed by this process, all in one statement once a
// second, so that a crash loses at most a second of text and 1,000 concurrent answers cost one write
// per second instead of a thousand (on embedded PGlite every write blocks the event loop).
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { pgArrayLiteral } from '../../db/sql-literals.js';

const FLUSH_EVERY_MS = 1_000;

export class PartialFlusher {
  /** Latest text of each answer that changed since the last flush. */
  private readonly dirty = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
  ) {}

  /** Notes the text streamed so far for an answer; it is written with the next flush. */
  update(messageId: string, content: string): void {
    this.dirty.set(messageId, content);
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), FLUSH_EVERY_MS);
      this.timer.unref();
    }
  }

  /** Forgets an answer (its final state is being written). Waits for a flush that may be writing it. */
  async forget(messageId: string): Promise<void> {
    this.dirty.delete(messageId);
    await this.flushing;
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.dirty.size === 0) return this.flushing;
    const ids = [...this.dirty.keys()];
    const contents = [...this.dirty.values()];
    this.dirty.clear();
    this.flushing = this.flushing.then(() =>
      this.db
        .execute(
          sql`update messages m set content = v.content, updated_at = now()
              from unnest(${pgArrayLiteral(ids)}::uuid[], ${pgArrayLiteral(contents)}::text[]) as v(id, content)
              where m.id = v.id and m.status = 'streaming'`,
        )
        .then(() => undefined)
        .catch((err: unknown) => this.logger.warn({ err, answers: ids.length }, 'could not save partial answers')),
    );
    return this.flushing;
  }
}
