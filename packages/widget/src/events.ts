// The widget's events for the host page: listeners added with Parley.on(), and the same events dispatched
// on window as `parley:<name>` CustomEvents, which a page can listen for before the script has loaded.
import type { PublicCitation, MessageStatus } from '@parley/contracts';

export interface WidgetMessageDetail {
  readonly role: 'user' | 'assistant';
  readonly content: string;
  readonly conversationId: string;
  readonly messageId: string;
  readonly citations: readonly PublicCitation[];
  /** `complete` for a user message; how the answer ended for an assistant message. */
  readonly status: MessageStatus;
}

export interface WidgetEventMap {
  ready: Record<string, never>;
  open: Record<string, never>;
  close: Record<string, never>;
  message: WidgetMessageDetail;
}
export type WidgetEventName = keyof WidgetEventMap;
export type WidgetListener<K extends WidgetEventName> = (detail: WidgetEventMap[K]) => void;

export const widgetEventNames: readonly WidgetEventName[] = ['ready', 'open', 'close', 'message'];

export class WidgetEvents {
  private readonly listeners = new Map<WidgetEventName, Set<(detail: never) => void>>();

  on<K extends WidgetEventName>(name: K, listener: WidgetListener<K>): () => void {
    if (!widgetEventNames.includes(name) || typeof listener !== 'function') return () => undefined;
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener as (detail: never) => void);
    return () => this.off(name, listener);
  }

  off<K extends WidgetEventName>(name: K, listener: WidgetListener<K>): void {
    this.listeners.get(name)?.delete(listener as (detail: never) => void);
  }

  emit<K extends WidgetEventName>(name: K, detail: WidgetEventMap[K]): void {
    for (const listener of [...(this.listeners.get(name) ?? [])]) {
      // One host listener that throws must not stop the others, nor the widget.
      try {
        (listener as WidgetListener<K>)(detail);
      } catch (error) {
        console.error('[parley] an event listener threw', error);
      }
    }
    window.dispatchEvent(new CustomEvent(`parley:${name}`, { detail }));
  }
}
