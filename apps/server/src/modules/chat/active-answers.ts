// Answers being written right now, by assistant message id, so a cancel (WebSocket `chat.cancel` or
// the REST cancel route) can stop one wherever it runs: locally at once, and on other instances
// through the shared event bus.
import type { EventBus } from '../../state/event-bus.js';

const CANCEL_CHANNEL = 'chat:cancel';

interface ActiveAnswer {
  readonly conversationId: string;
  readonly controller: AbortController;
}

export class ActiveAnswers {
  private readonly answers = new Map<string, ActiveAnswer>();
  private readonly unsubscribe: () => void;

  constructor(private readonly events: EventBus) {
    this.unsubscribe = events.subscribe(CANCEL_CHANNEL, (message) => {
      const { messageId, conversationId } = message as { messageId: string; conversationId: string };
      this.abortLocal(messageId, conversationId);
    });
  }

  /** Registers an answer; the returned function removes it when the answer is over. */
  add(messageId: string, conversationId: string, controller: AbortController): () => void {
    this.answers.set(messageId, { conversationId, controller });
    return () => {
      if (this.answers.get(messageId)?.controller === controller) this.answers.delete(messageId);
    };
  }

  /** Cancels an answer of the conversation (the caller has checked the conversation is theirs). */
  async cancel(messageId: string, conversationId: string): Promise<void> {
    if (this.abortLocal(messageId, conversationId)) return;
    await this.events.publish(CANCEL_CHANNEL, { messageId, conversationId });
  }

  private abortLocal(messageId: string, conversationId: string): boolean {
    const answer = this.answers.get(messageId);
    if (!answer || answer.conversationId !== conversationId) return false;
    answer.controller.abort();
    return true;
  }

  get size(): number {
    return this.answers.size;
  }

  close(): void {
    this.unsubscribe();
    for (const answer of this.answers.values()) answer.controller.abort();
    this.answers.clear();
  }
}
