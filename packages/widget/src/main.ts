// The widget script's entry point (bundled to dist/widget.js): reads its own <script> tag, draws the
// launcher at once, and publishes window.Parley, replaying calls a page queued before the script loaded
// (`window.Parley = window.Parley || []; Parley.push(['open'])`).
import { WidgetEvents, type WidgetEventName, type WidgetListener } from './events.js';
import { createPublicApi } from './public-api.js';
import { createVisitorStore, usableLocalStorage } from './visitor-store.js';
import { Widget, type WidgetOptions } from './widget.js';

export interface ParleyApi {
  open(): void;
  close(): void;
  toggle(): void;
  /** Sends a message as the visitor, opening the panel if needed. */
  send(text: string): Promise<void>;
  on<K extends WidgetEventName>(name: K, listener: WidgetListener<K>): () => void;
  off<K extends WidgetEventName>(name: K, listener: WidgetListener<K>): void;
  isOpen(): boolean;
  /** Queued calls keep working after the script has loaded. */
  push(call: readonly unknown[]): void;
}

declare global {
  interface Window {
    Parley?: ParleyApi | unknown[];
  }
}

/** The widget's script element: the running script, else the first one that looks like ours. */
function ownScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.src) return current;
  return document.querySelector<HTMLScriptElement>('script[data-key][src*="widget.js"]');
}

function readOptions(script: HTMLScriptElement): WidgetOptions | null {
  const data = script.dataset;
  const key = data.key?.trim();
  if (!key) {
    console.error('[parley] The widget script needs data-key="pk_…" (a publishable key of the assistant).');
    return null;
  }
  const text = (value: string | undefined) => value?.trim() || null;
  return {
    base: new URL(script.src, location.href).origin,
    key,
    assistant: text(data.assistant),
    lang: text(data.lang),
    position: data.position?.trim() === 'bottom-left' ? 'bottom-left' : 'bottom-right',
    color: text(data.color),
    greeting: text(data.greeting),
    open: data.open !== undefined && data.open !== 'false',
  };
}

function createApi(widget: Widget, events: WidgetEvents): ParleyApi {
  const api: ParleyApi = {
    open: () => widget.open(),
    close: () => widget.close(),
    toggle: () => widget.toggle(),
    send: (text) => widget.send(text),
    on: (name, listener) => events.on(name, listener),
    off: (name, listener) => events.off(name, listener),
    isOpen: () => widget.isOpen(),
    push: (call) => run(api, call),
  };
  return api;
}

function run(api: ParleyApi, call: readonly unknown[]): void {
  const [method, ...args] = Array.isArray(call) ? call : [];
  const fn = typeof method === 'string' && method !== 'push' ? (api as unknown as Record<string, unknown>)[method] : undefined;
  if (typeof fn !== 'function') {
    console.warn(`[parley] Unknown call in the Parley queue: ${String(method)}`);
    return;
  }
  try {
    const result = (fn as (...a: unknown[]) => unknown)(...args);
    if (result instanceof Promise) result.catch((error: unknown) => console.error('[parley]', error));
  } catch (error) {
    console.error('[parley]', error);
  }
}

/** A User Timing mark, for measuring the widget's start (missing in some embedded browsers: then nothing). */
function mark(name: string): void {
  try {
    performance.mark(name);
  } catch {
    // only a measurement
  }
}

function boot(): void {
  mark('parley:script');
  const existing = window.Parley;
  if (existing && !Array.isArray(existing)) {
    console.warn('[parley] The widget script is on this page twice; the second copy does nothing.');
    return;
  }
  const script = ownScript();
  const options = script ? readOptions(script) : null;
  if (!options) return;

  const events = new WidgetEvents();
  const store = createVisitorStore(options.key, usableLocalStorage);
  const api = createPublicApi({ base: options.base, key: options.key, visitorId: () => store.visitorId() });
  const widget = new Widget(options, api, store, events);
  const parley = createApi(widget, events);
  window.Parley = parley;

  const start = () => {
    widget.mount();
    mark('parley:launcher');
    // Queued calls first, so listeners a page queued hear `ready` and the `open` of data-open.
    for (const call of Array.isArray(existing) ? existing : []) run(parley, call as readonly unknown[]);
    events.emit('ready', {});
    if (options.open) widget.open(false);
  };
  // A script in <head> without async/defer runs before <body> exists.
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
}

boot();
