// The widget itself: a launcher button and a chat panel in an open shadow root on the host page. The
// launcher is drawn synchronously and nothing is requested until the panel first opens; then the
// assistant's settings are fetched (a refused origin or key ends there, with a message), the visitor's
// conversation is reloaded, and answers stream in, re-rendered at most once per animation frame.
import type { PublicChatEvent, PublicCitation, PublicMessage, PublicWidgetConfig, MessageStatus } from '@parley/contracts';
import type { WidgetEvents } from './events.js';
import { directionOf, stringsFor, type WidgetStrings } from './i18n.js';
import { PublicApiError, type PublicApi } from './public-api.js';
import { renderMarkdown } from './render.js';
import { WIDGET_CSS } from './styles.js';
import { themeCss, themeFor, validColor } from './theme.js';
import type { VisitorStore } from './visitor-store.js';

export interface WidgetOptions {
  /** The Parley origin the script came from. */
  readonly base: string;
  readonly key: string;
  /** data-assistant: the assistant's slug (informational; the key decides the assistant). */
  readonly assistant: string | null;
  /** data-lang: overrides the assistant's language. */
  readonly lang: string | null;
  readonly position: 'bottom-right' | 'bottom-left';
  readonly color: string | null;
  readonly greeting: string | null;
  /** data-open: open the panel as soon as the script runs (main.ts does, after the queued calls). */
  readonly open: boolean;
}

type Phase = 'idle' | 'loading' | 'ready' | 'refused';

interface AnswerView {
  readonly el: HTMLElement;
  readonly content: HTMLElement;
  readonly sources: HTMLElement;
  readonly note: HTMLElement;
  id: string | null;
  text: string;
  citations: PublicCitation[];
  frame: number;
}

interface Turn {
  readonly controller: AbortController;
  readonly answer: AnswerView;
  readonly userBubble: HTMLElement;
  readonly text: string;
  conversationId: string | null;
  userMessageId: string | null;
  finished: boolean;
  tokens: number;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const ICONS = {
  chat: 'M21 11.5a8.4 8.4 0 0 1-12.2 7.5L3 21l2-5.6A8.4 8.4 0 1 1 21 11.5z',
  close: 'M6 6l12 12M18 6L6 18',
  send: 'M4 12h15M13 5l7 7-7 7',
  stop: 'M6 6h12v12H6z',
};

let nextId = 0;

export class Widget {
  private readonly doc: Document;
  private readonly host: HTMLElement;
  private readonly shadow: ShadowRoot;
  private readonly themeSheet: { set(css: string): void };
  private readonly root: HTMLDivElement;
  private readonly launcher: HTMLButtonElement;
  private readonly panel: HTMLDivElement;
  private readonly title: HTMLHeadingElement;
  private readonly closeButton: HTMLButtonElement;
  private readonly log: HTMLDivElement;
  private readonly notice: HTMLDivElement;
  private readonly label: HTMLLabelElement;
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly stopLabel: HTMLSpanElement;
  private readonly brand: HTMLDivElement;
  private readonly brandText: Text;

  private lang: string;
  private dir: 'ltr' | 'rtl';
  private t: WidgetStrings;
  private phase: Phase = 'idle';
  private starting: Promise<boolean> | null = null;
  private config: PublicWidgetConfig | null = null;
  private turn: Turn | null = null;
  private opened = false;

  constructor(
    private readonly options: WidgetOptions,
    private readonly api: PublicApi,
    private readonly store: VisitorStore,
    private readonly events: WidgetEvents,
  ) {
    this.doc = document;
    const doc = this.doc;
    this.lang = options.lang ?? (doc.documentElement.lang || navigator.language || 'en');
    this.t = stringsFor(this.lang);
    this.dir = directionOf(this.lang);

    this.host = doc.createElement('parley-widget');
    if (options.assistant) this.host.setAttribute('data-assistant', options.assistant);
    this.shadow = this.host.attachShadow({ mode: 'open' });
    this.themeSheet = adoptStyles(this.shadow, WIDGET_CSS, themeCss(themeFor(options.color)));

    this.root = this.el('div', { class: 'root' });
    this.launcher = this.el('button', { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': 'parley-panel' });
    this.launcher.append(icon(doc, ICONS.chat));
    this.launcher.addEventListener('click', () => this.toggle());

    // The panel is built now too (a few dozen elements, hidden), so aria-controls always points somewhere.
    this.panel = this.el('div', {
      id: 'parley-panel',
      class: 'panel',
      role: 'dialog',
      'aria-modal': 'false',
      'aria-labelledby': 'parley-title',
    });
    this.panel.hidden = true;
    const header = this.el('div', { class: 'header' });
    this.title = this.el('h2', { id: 'parley-title', class: 'title', dir: 'auto' });
    this.closeButton = this.el('button', { type: 'button', class: 'close' });
    this.closeButton.append(icon(doc, ICONS.close));
    this.closeButton.addEventListener('click', () => this.close(true));
    header.append(this.title, this.closeButton);

    this.log = this.el('div', { class: 'log', role: 'log', 'aria-live': 'polite', tabindex: '0' });
    this.log.addEventListener('click', (event) => this.onLogClick(event));
    this.notice = this.el('div', { class: 'notice', role: 'alert' });
    this.notice.hidden = true;

    const form = this.el('form', { class: 'composer' });
    this.label = this.el('label', { for: 'parley-input', class: 'sr' });
    this.input = this.el('textarea', { id: 'parley-input', rows: '1' });
    this.input.addEventListener('keydown', (event) => {
      // Enter sends; Shift+Enter is a new line; Enter that ends an IME composition only commits the text.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit();
      }
    });
    this.input.addEventListener('input', () => this.autosize());
    this.sendButton = this.el('button', { type: 'submit', class: 'send' });
    this.sendButton.append(icon(doc, ICONS.send));
    this.stopButton = this.el('button', { type: 'button', class: 'stop' });
    this.stopLabel = this.el('span');
    this.stopButton.append(icon(doc, ICONS.stop), this.stopLabel);
    this.stopButton.hidden = true;
    this.stopButton.addEventListener('click', () => this.stop());
    form.append(this.label, this.input, this.sendButton, this.stopButton);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });

    this.brand = this.el('div', { class: 'brand' });
    this.brandText = doc.createTextNode('');
    const brandLink = this.el('a', { href: `${options.base}/`, target: '_blank', rel: 'noopener' });
    brandLink.textContent = 'Parley';
    this.brand.append(this.brandText, brandLink);
    this.brand.hidden = true;

    this.panel.append(header, this.log, this.notice, form, this.brand);
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.close(true);
      }
    });
    this.root.append(this.panel, this.launcher);
    this.shadow.append(this.root);
    this.applyLanguage();
  }

  /** Puts the widget on the page (synchronously: the launcher shows in the next frame; main.ts marks `parley:launcher`). */
  mount(): void {
    this.doc.body.append(this.host);
  }

  isOpen(): boolean {
    return this.opened;
  }

  toggle(): void {
    if (this.opened) this.close(true);
    else this.open();
  }

  /**
   * Opens the panel. `takeFocus` moves focus into it (a visitor's click, Parley.open()); data-open does not,
   * so a page that opens the chat on load keeps its own focus.
   */
  open(takeFocus = true): void {
    if (this.opened) return;
    this.opened = true;
    this.panel.hidden = false;
    this.root.classList.add('open');
    this.launcher.setAttribute('aria-expanded', 'true');
    this.launcher.replaceChildren(icon(this.doc, ICONS.close));
    this.applyLanguage();
    if (takeFocus) this.focusComposer(true);
    this.events.emit('open', {});
    void this.start();
  }

  /** Closes the panel; `returnFocus` moves focus to the launcher (always, when focus was in the panel). */
  close(returnFocus = false): void {
    if (!this.opened) return;
    const focusInside = this.shadow.activeElement !== null && this.panel.contains(this.shadow.activeElement);
    this.opened = false;
    this.panel.hidden = true;
    this.root.classList.remove('open');
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.replaceChildren(icon(this.doc, ICONS.chat));
    this.applyLanguage();
    if (returnFocus || focusInside) this.launcher.focus();
    this.events.emit('close', {});
  }

  /**
   * Sends `text` as the visitor (opening the panel first); ignored while an answer is streaming. From the
   * composer, the text leaves the text box only once it is on its way.
   */
  async send(text: string, fromComposer = false): Promise<void> {
    const content = String(text ?? '').trim();
    if (!content) return;
    this.open();
    if (!(await this.start()) || this.turn) return;
    const max = this.config?.maxMessageChars ?? Infinity;
    if (content.length > max) {
      this.showNotice(this.t.tooLong(max));
      return;
    }
    this.showNotice(null);
    if (fromComposer) {
      this.input.value = '';
      this.autosize();
    }
    await this.runTurn(content);
  }

  // --- loading --------------------------------------------------------------------------------------

  /** Loads the settings and the stored conversation once; resolves whether the visitor can chat. */
  private start(): Promise<boolean> {
    if (this.phase === 'ready') return Promise.resolve(true);
    if (this.phase === 'refused') return Promise.resolve(false);
    return (this.starting ??= this.load().finally(() => (this.starting = null)));
  }

  private async load(): Promise<boolean> {
    this.phase = 'loading';
    this.showNotice(null);
    this.log.setAttribute('aria-busy', 'true');
    const loading = this.el('p', { class: 'note' });
    loading.textContent = this.t.loading;
    this.log.replaceChildren(loading);
    // The message box stays usable meanwhile: a message typed now is sent once the widget is ready.
    try {
      if (this.options.key.startsWith('sk_')) throw new PublicApiError(403, 'wrong_key_kind', 'A secret key in a web page');
      this.config = await this.api.config();
      this.applyConfig(this.config);
      this.log.replaceChildren();
      this.addGreeting();
      const conversationId = this.store.conversationId();
      if (conversationId) {
        try {
          for (const message of await this.api.messages(conversationId)) this.addStoredMessage(message);
        } catch (error) {
          if (error instanceof PublicApiError && error.status === 404) this.store.setConversationId(null);
          else throw error;
        }
      }
      this.phase = 'ready';
      this.scrollToEnd();
      return true;
    } catch (error) {
      this.log.replaceChildren();
      const refusal = refusalOf(error, true);
      if (refusal) {
        this.phase = 'refused';
        this.disableComposer();
        this.showNotice(this.t[refusal]);
      } else {
        // Not a refusal (network, 429, 5xx): sending (or opening again) tries again.
        this.phase = 'idle';
        this.showNotice(errorText(this.t, error));
      }
      return false;
    } finally {
      this.log.removeAttribute('aria-busy');
    }
  }

  private applyConfig(config: PublicWidgetConfig): void {
    if (!this.options.lang) this.lang = config.assistant.language;
    this.t = stringsFor(this.lang);
    this.dir = this.options.lang ? directionOf(this.options.lang) : config.assistant.direction;
    const color = validColor(this.options.color) ?? validColor(config.color);
    this.themeSheet.set(themeCss(themeFor(color)));
    this.brand.hidden = !config.showBranding;
    this.input.maxLength = config.maxMessageChars;
    this.applyLanguage();
  }

  /** Sets the language, direction, side and every fixed string (the language may change when the settings arrive). */
  private applyLanguage(): void {
    const direction = this.dir;
    const t = this.t;
    this.root.setAttribute('lang', this.lang);
    this.root.setAttribute('dir', direction);
    // bottom-right is the end side in a left-to-right page; a right-to-left widget mirrors it.
    const right = (this.options.position === 'bottom-right') === (direction === 'ltr');
    this.root.setAttribute('data-side', right ? 'right' : 'left');
    this.launcher.setAttribute('aria-label', this.opened ? t.close : t.launcher);
    this.title.textContent = this.config?.assistant.name || t.title;
    this.closeButton.setAttribute('aria-label', t.close);
    this.log.setAttribute('aria-label', t.messages);
    this.label.textContent = t.inputLabel;
    this.input.placeholder = t.placeholder;
    this.sendButton.setAttribute('aria-label', t.send);
    this.stopLabel.textContent = t.stop;
    this.brandText.data = `${t.poweredBy} `;
  }

  // --- messages -------------------------------------------------------------------------------------

  private addGreeting(): void {
    const greeting = this.options.greeting?.trim() || this.config?.greeting?.trim() || this.t.greeting;
    const view = this.addAnswer(null);
    view.el.setAttribute('data-greeting', '');
    view.text = greeting;
    this.renderAnswer(view);
  }

  private addStoredMessage(message: PublicMessage): void {
    if (message.role === 'user') {
      this.addUserBubble(message.content).setAttribute('data-id', message.id);
      return;
    }
    const view = this.addAnswer(message.id);
    view.text = message.content;
    view.citations = message.citations;
    this.finishAnswer(view, message.status);
  }

  private addUserBubble(text: string): HTMLElement {
    const bubble = this.el('div', { class: 'msg user', 'data-role': 'user', dir: 'auto' });
    const who = this.el('span', { class: 'sr' });
    who.textContent = `${this.t.you}: `;
    bubble.append(who, this.doc.createTextNode(text));
    this.appendToLog(bubble);
    return bubble;
  }

  private addAnswer(id: string | null): AnswerView {
    const el = this.el('div', { class: 'msg assistant', 'data-role': 'assistant' });
    if (id) el.setAttribute('data-id', id);
    const who = this.el('span', { class: 'sr' });
    who.textContent = `${this.config?.assistant.name || this.t.assistant}: `;
    const content = this.el('div', { class: 'content' });
    const sources = this.el('div', { class: 'sources' });
    sources.hidden = true;
    const note = this.el('p', { class: 'note' });
    note.hidden = true;
    el.append(who, content, sources, note);
    this.appendToLog(el);
    return { el, content, sources, note, id, text: '', citations: [], frame: 0 };
  }

  private renderAnswer(view: AnswerView): void {
    const stick = this.nearEnd();
    const known = new Set(view.citations.map((c) => c.n));
    view.content.replaceChildren(renderMarkdown(this.doc, view.text, { known: (n) => known.has(n), citeLabel: this.t.source }));
    this.renderSources(view);
    if (stick) this.scrollToEnd();
  }

  /** Re-renders at most once per frame however fast tokens arrive. */
  private scheduleRender(view: AnswerView): void {
    if (view.frame) return;
    view.frame = requestAnimationFrame(() => {
      view.frame = 0;
      this.renderAnswer(view);
    });
  }

  private finishAnswer(view: AnswerView, status: MessageStatus): void {
    if (view.frame) cancelAnimationFrame(view.frame);
    view.frame = 0;
    view.el.setAttribute('data-status', status);
    view.el.removeAttribute('aria-busy');
    if (view.text || status === 'complete') this.renderAnswer(view);
    else view.content.replaceChildren();
    // The server's own error text is English and technical: the visitor reads a translated line.
    const note = status === 'cancelled' ? this.t.stopped : status === 'error' ? this.t.answerFailed : '';
    view.note.textContent = note;
    view.note.hidden = !note;
    view.note.classList.toggle('error', status === 'error');
  }

  private renderSources(view: AnswerView): void {
    view.sources.hidden = view.citations.length === 0;
    if (view.citations.length === 0) return;
    const labelId = `parley-sources-${++nextId}`;
    const label = this.el('p', { id: labelId });
    label.textContent = this.t.sources;
    const list = this.el('ol', { 'aria-labelledby': labelId });
    for (const citation of view.citations) {
      const item = this.el('li', { 'data-n': String(citation.n), tabindex: '-1', dir: 'auto' });
      item.append(`[${citation.n}] `);
      const url = citation.url && /^https?:\/\//i.test(citation.url) ? citation.url : null;
      if (url) {
        const link = this.el('a', { href: url, target: '_blank', rel: 'noopener noreferrer nofollow' });
        link.textContent = citation.documentTitle;
        item.append(link);
      } else {
        item.append(citation.documentTitle);
      }
      if (citation.page !== null) item.append(` (${this.t.page(citation.page)})`);
      list.append(item);
    }
    view.sources.replaceChildren(label, list);
  }

  /** A source marker focuses and highlights its source under the same answer. */
  private onLogClick(event: Event): void {
    const target = event.target as Element | null;
    const cite = target?.closest?.('button.cite');
    if (!cite) return;
    const item = cite.closest('.msg')?.querySelector<HTMLElement>(`.sources li[data-n="${cite.getAttribute('data-n')}"]`);
    if (!item) return;
    item.focus();
    item.scrollIntoView({ block: 'nearest' });
    item.classList.add('flash');
    setTimeout(() => item.classList.remove('flash'), 1600);
  }

  // --- sending --------------------------------------------------------------------------------------

  private submit(): void {
    const text = this.input.value;
    if (!text.trim() || this.turn || this.phase === 'refused') return;
    void this.send(text, true);
  }

  private async runTurn(content: string): Promise<void> {
    const turn: Turn = {
      controller: new AbortController(),
      userBubble: this.addUserBubble(content),
      answer: this.addAnswer(null),
      text: content,
      conversationId: null,
      userMessageId: null,
      finished: false,
      tokens: 0,
    };
    turn.answer.el.setAttribute('aria-busy', 'true');
    turn.answer.el.setAttribute('data-status', 'streaming');
    const typing = this.el('span', { class: 'typing', 'aria-hidden': 'true' });
    typing.append(this.el('i'), this.el('i'), this.el('i'));
    turn.answer.content.append(typing);
    this.scrollToEnd();
    this.turn = turn;
    this.setBusy(true);

    try {
      await this.stream(turn, false);
      // A stream that ends without `done` (a proxy cut it) still leaves what arrived.
      if (!turn.finished) this.endTurn(turn, 'error');
    } catch (error) {
      if (turn.finished) return;
      if ((error as Error).name === 'AbortError') return;
      const refusal = refusalOf(error, false);
      if (turn.tokens === 0 && !turn.userMessageId) {
        // Nothing was stored: take the message back so the visitor can send it again.
        turn.userBubble.remove();
        turn.answer.el.remove();
        this.endTurn(turn, null);
        if (!this.input.value) this.input.value = content;
        this.autosize();
      } else {
        this.endTurn(turn, 'error');
      }
      if (refusal) {
        this.phase = 'refused';
        this.disableComposer();
        this.showNotice(this.t[refusal]);
      } else {
        this.showNotice(errorText(this.t, error));
      }
    }
  }

  private async stream(turn: Turn, retried: boolean): Promise<void> {
    let conversationId = this.store.conversationId();
    if (!conversationId) {
      conversationId = (await this.api.createConversation()).id;
      this.store.setConversationId(conversationId);
    }
    turn.conversationId = conversationId;
    try {
      await this.api.send(conversationId, turn.text, turn.controller.signal, (event) => this.onStreamEvent(turn, event));
    } catch (error) {
      // The owner erased the conversation: start a new one, once.
      if (!retried && error instanceof PublicApiError && error.status === 404) {
        this.store.setConversationId(null);
        return this.stream(turn, true);
      }
      throw error;
    }
  }

  private onStreamEvent(turn: Turn, event: PublicChatEvent): void {
    if (turn.finished) return;
    const answer = turn.answer;
    switch (event.event) {
      case 'meta':
        turn.conversationId = event.data.conversationId;
        turn.userMessageId = event.data.userMessageId;
        answer.id = event.data.assistantMessageId;
        answer.el.setAttribute('data-id', answer.id);
        turn.userBubble.setAttribute('data-id', turn.userMessageId);
        this.events.emit('message', {
          role: 'user',
          content: turn.text,
          conversationId: turn.conversationId,
          messageId: turn.userMessageId,
          citations: [],
          status: 'complete',
        });
        break;
      case 'token':
        turn.tokens++;
        answer.text += event.data.text;
        this.scheduleRender(answer);
        break;
      case 'citations':
        answer.citations = event.data.items;
        this.scheduleRender(answer);
        break;
      case 'error':
        answer.el.setAttribute('data-error', event.data.code);
        this.endTurn(turn, 'error');
        break;
      case 'done':
        this.endTurn(turn, event.data.status);
        break;
      case 'title':
        break;
    }
  }

  /** The visitor pressed Stop: the request is aborted (the server cancels the answer) and the cancel is sent too. */
  private stop(): void {
    const turn = this.turn;
    if (!turn || turn.finished) return;
    turn.controller.abort();
    if (turn.conversationId && turn.answer.id) void this.api.cancel(turn.conversationId, turn.answer.id).catch(() => undefined);
    this.endTurn(turn, 'cancelled');
  }

  /** Ends the visitor's turn (the stream may go on a little for the title): `status` null when it was taken back. */
  private endTurn(turn: Turn, status: MessageStatus | null): void {
    if (turn.finished) return;
    turn.finished = true;
    if (status) {
      this.finishAnswer(turn.answer, status);
      if (turn.conversationId && turn.answer.id) {
        this.events.emit('message', {
          role: 'assistant',
          content: turn.answer.text,
          conversationId: turn.conversationId,
          messageId: turn.answer.id,
          citations: turn.answer.citations,
          status,
        });
      }
    }
    if (this.turn === turn) {
      this.turn = null;
      this.setBusy(false);
    }
  }

  // --- small helpers --------------------------------------------------------------------------------

  private setBusy(busy: boolean): void {
    const stopHadFocus = this.shadow.activeElement === this.stopButton;
    this.sendButton.hidden = busy;
    this.stopButton.hidden = !busy;
    if (stopHadFocus && !busy) this.focusComposer(true);
  }

  /** After a refusal: nothing can be sent. Focus in the message box moves to the close button rather than being lost. */
  private disableComposer(): void {
    const hadFocus = this.shadow.activeElement === this.input || this.shadow.activeElement === this.sendButton;
    this.input.disabled = true;
    this.sendButton.disabled = true;
    if (hadFocus) this.closeButton.focus();
  }

  private showNotice(text: string | null): void {
    this.notice.textContent = text ?? '';
    this.notice.hidden = !text;
  }

  /** Focuses the message box (or, while it is disabled, the close button): only when focus is already in the widget, unless `force`. */
  private focusComposer(force = false): void {
    if (!this.opened || (!force && this.shadow.activeElement === null)) return;
    (this.input.disabled ? this.closeButton : this.input).focus();
  }

  private autosize(): void {
    // Typed text takes its direction from itself; the empty box (and its placeholder) follows the panel's.
    if (this.input.value) this.input.setAttribute('dir', 'auto');
    else this.input.removeAttribute('dir');
    // Through the CSSOM, which a Content-Security-Policy without 'unsafe-inline' still allows.
    this.input.style.height = '';
    if (this.input.scrollHeight > this.input.clientHeight) this.input.style.height = `${Math.min(this.input.scrollHeight + 2, 140)}px`;
  }

  private appendToLog(node: HTMLElement): void {
    const stick = this.nearEnd();
    this.log.append(node);
    if (stick) this.scrollToEnd();
  }

  private nearEnd(): boolean {
    return this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 48;
  }

  private scrollToEnd(): void {
    this.log.scrollTop = this.log.scrollHeight;
  }

  private el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}): HTMLElementTagNameMap[K] {
    const element = this.doc.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    return element;
  }
}

/**
 * The refusals after which the widget makes no further request (a reload may try again): the origin is not
 * allowed, the key is a secret one, or it is unknown or revoked (401; a malformed key is a 400 on the
 * first call).
 */
function refusalOf(error: unknown, firstCall: boolean): 'originNotAllowed' | 'wrongKeyKind' | 'invalidKey' | null {
  if (!(error instanceof PublicApiError)) return null;
  if (error.code === 'origin_not_allowed') return 'originNotAllowed';
  if (error.code === 'wrong_key_kind') return 'wrongKeyKind';
  if (error.status === 401 || (firstCall && error.status === 400)) return 'invalidKey';
  return null;
}

function errorText(t: WidgetStrings, error: unknown): string {
  if (error instanceof PublicApiError && error.status === 429) return t.rateLimited(error.retryAfter);
  return error instanceof PublicApiError && error.status === 0 ? t.unavailable : t.sendFailed;
}

function icon(doc: Document, path: string): SVGSVGElement {
  const svg = doc.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const shape = doc.createElementNS(SVG_NS, 'path');
  shape.setAttribute('d', path);
  svg.append(shape);
  return svg;
}

/**
 * Applies the stylesheet and the theme through constructable stylesheets, which a Content-Security-Policy
 * without 'unsafe-inline' styles allows; browsers without them get <style> elements instead.
 */
function adoptStyles(shadow: ShadowRoot, css: string, theme: string): { set(css: string): void } {
  try {
    const base = new CSSStyleSheet();
    base.replaceSync(css);
    const themeSheet = new CSSStyleSheet();
    themeSheet.replaceSync(theme);
    shadow.adoptedStyleSheets = [base, themeSheet];
    return { set: (next) => themeSheet.replaceSync(next) };
  } catch {
    const style = document.createElement('style');
    style.textContent = css;
    const themeStyle = document.createElement('style');
    themeStyle.textContent = theme;
    shadow.append(style, themeStyle);
    return { set: (next) => (themeStyle.textContent = next) };
  }
}
