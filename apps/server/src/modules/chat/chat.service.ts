// One chat turn, end to end: store the person's message (replacing an earlier one and what followed it,
// for edit-and-resend and regenerate), resolve settings, condense a follow-up into
// a standalone question, retrieve, build the prompt within the token budget (history beyond it lives on
// as a rolling summary), stream the answer while saving it, and store how it ended. Events go to the
// caller's transport (SSE, WebSocket, or collected into one JSON reply).
import type { ChatEventMap, ChatEventName, ChatSettings } from '@parley/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { conversations, messages } from '../../db/schema.js';
import { notFound } from '../../http/errors.js';
import type { Principal } from '../../http/principal.js';
import { LlmError } from '../../providers/llm/llm-errors.js';
import type { LlmCandidate, LlmRouter } from '../../providers/llm/llm-router.js';
import { AssistantRepository, type AssistantRow } from '../assistants/assistant.repository.js';
import { ConversationRepository } from '../conversations/conversation.repository.js';
import type { ConversationRow } from '../conversations/message-view.js';
import { EXTRACTIVE_MODEL, type AnswerEngine, type AnswerResult } from './answer-engine.js';
import { generationOf, planAnswer, type AnswerPlanner } from './answer-planner.js';
import type { ActiveAnswers } from './active-answers.js';
import { resolveChatSettings } from './chat-settings.js';
import { MessageRepository, type MessageRow } from './message.repository.js';
import { PartialFlusher } from './partial-flusher.js';
import type { UsageRecorder } from './usage-recorder.js';
import { LocalCache, type Invalidations } from '../../state/local-cache.js';
import { cleanStandaloneQuestion, cleanTitle, condensePrompt, needsCondensing, titlePrompt } from './prompt/condense.js';
import { planMemory, summaryPrompt } from './prompt/memory.js';
import { availablePromptTokens, type HistoryTurn } from './prompt/prompt-builder.js';
import { detectQuestionLanguage } from './prompt/question-language.js';
import { sanitizeUserText } from './prompt/sanitize.js';
import { MAX_MESSAGE_CHARS } from '@parley/contracts';

export type ChatEmit = <K extends ChatEventName>(event: K, data: ChatEventMap[K]) => void;

/** Deadline of the small side calls (condensing, titles, summaries). */
const SIDE_CALL_MS = 20_000;

export interface ChatTurn {
  readonly user: MessageRow;
  readonly assistant: MessageRow;
}

export class ChatService {
  private readonly messages: MessageRepository;
  private readonly conversations: ConversationRepository;
  private readonly partials: PartialFlusher;
  /** Assistants by id: read on every message, changed rarely (changes announce themselves). */
  private readonly assistants = new LocalCache<AssistantRow>(10_000);
  /** Background work (titles, summaries) still running; close() waits for it. */
  private readonly background = new Set<Promise<unknown>>();

  constructor(
    private readonly deps: {
      db: Db;
      config: Config;
      logger: Logger;
      router: LlmRouter;
      engine: AnswerEngine;
      planner: AnswerPlanner;
      active: ActiveAnswers;
      usage: UsageRecorder;
      invalidations?: Invalidations;
    },
  ) {
    this.messages = new MessageRepository(deps.db);
    this.conversations = new ConversationRepository(deps.db);
    this.partials = new PartialFlusher(deps.db, deps.logger);
    deps.invalidations?.on('assistant', (id) => this.assistants.delete(id));
  }

  private async conversationOf(
    principal: Principal,
    conversationId: string,
  ): Promise<{ conversation: ConversationRow; assistant: AssistantRow }> {
    const conversation = await this.conversations.findVisible(principal, conversationId);
    if (!conversation) throw notFound('conversation');
    const assistant = await new AssistantRepository(this.deps.db, { organizationId: conversation.organizationId }).findById(
      conversation.assistantId,
    );
    if (!assistant) throw notFound('conversation');
    return { conversation, assistant };
  }

  /**
   * Answers `content` in the conversation. Validation failures throw before anything is stored; after
   * that, every outcome (complete, error, cancelled) is stored and reported as events, never thrown.
   * With `replaceFrom` (a user message of the conversation), that message and every later one are
   * replaced by this turn.
   */
  async send(
    principal: Principal,
    conversationId: string,
    input: { content: string; settings?: ChatSettings; replaceFrom?: string },
    emit: ChatEmit,
    signal: AbortSignal,
    onAccepted?: () => void,
  ): Promise<ChatTurn> {
    const found = await this.conversationOf(principal, conversationId);
    let conversation = found.conversation;
    const assistant = found.assistant;
    // Checked again inside the transaction that replaces; checking here answers the usual mistakes with a status.
    if (input.replaceFrom !== undefined) await this.messages.replaceable(conversation.id, input.replaceFrom);
    // From here on every outcome is reported as events: a streaming caller may open its stream now.
    onAccepted?.();
    const question = sanitizeUserText(input.content, MAX_MESSAGE_CHARS).text;
    const settings = resolveChatSettings({ assistant: assistant.generation, conversation: conversation.settings, request: input.settings });
    const generation = generationOf(assistant);
    const candidates = await this.deps.planner.candidates(assistant.organizationId, generation);
    const primaryModel = candidates[0]?.model ?? EXTRACTIVE_MODEL;

    const turn = await this.messages.startTurn(conversation.id, question, primaryModel, input.replaceFrom);
    if (turn.summaryReset) conversation = { ...conversation, summary: null, summarizedThrough: null };
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) controller.abort();
    const removeActive = this.deps.active.add(turn.assistant.id, conversation.id, controller);
    emit('meta', {
      conversationId: conversation.id,
      userMessageId: turn.user.id,
      assistantMessageId: turn.assistant.id,
      model: primaryModel,
    });

    let result: AnswerResult;
    try {
      result = await this.answer({ conversation, assistant, question, settings, candidates, turn }, emit, controller.signal);
    } finally {
      signal.removeEventListener('abort', onAbort);
      removeActive();
    }

    const stored = await this.messages.finish(turn.assistant.id, {
      content: result.text,
      status: result.status,
      citations: result.citations,
      model: result.model,
      provider: result.provider,
      promptTokens: result.usage.promptTokens,
      completionTokens: result.usage.completionTokens,
      latencyMs: result.latencyMs,
      ttftMs: result.ttftMs,
      cached: result.cached,
      error: result.error,
    });
    this.deps.usage.recordAnswer(assistant, 'chat', result, turn.assistant.id);

    if (result.citations.length > 0) emit('citations', { messageId: turn.assistant.id, items: result.citations });
    if (result.status === 'error') {
      emit('error', { messageId: turn.assistant.id, code: result.error!.code, message: result.error!.message });
    }
    emit('done', {
      messageId: turn.assistant.id,
      status: result.status,
      usage: result.usage,
      latencyMs: result.latencyMs,
      ttftMs: result.ttftMs,
      cached: result.cached,
      model: result.model,
    });

    if (!conversation.titled && result.status === 'complete')
      this.nameConversation(conversation, assistant, question, result, candidates, emit);
    return { user: turn.user, assistant: stored };
  }

  private async answer(
    turn: {
      conversation: ConversationRow;
      assistant: AssistantRow;
      question: string;
      settings: ReturnType<typeof resolveChatSettings>;
      candidates: LlmCandidate[];
      turn: ChatTurn;
    },
    emit: ChatEmit,
    signal: AbortSignal,
  ): Promise<AnswerResult> {
    const { conversation, assistant, question, settings, candidates } = turn;
    const messageId = turn.turn.assistant.id;
    const language = detectQuestionLanguage(question) ?? assistant.language;

    // History and memory: a sliding window of recent turns; older ones live on in the rolling summary.
    const rows = await this.messages.history(conversation.id, turn.turn.user.seq);
    const history: HistoryTurn[] = rows.map((r) => ({ role: r.role, content: r.content }));
    const summarizedCount =
      conversation.summarizedThrough === null ? 0 : rows.filter((r) => r.seq <= conversation.summarizedThrough!).length;
    const budget = { contextWindow: settings.contextWindow, maxTokens: settings.maxTokens };
    const memory = planMemory({
      history,
      summary: conversation.summary,
      summarizedThrough: summarizedCount,
      budgetTokens: Math.floor(availablePromptTokens(budget) / 2),
    });
    if (memory.needsRefresh && candidates.length > 0) {
      const lastFolded = rows[memory.summarizedThrough - 1];
      if (lastFolded) this.refreshSummary(conversation, assistant, memory.fold, lastFolded.seq, language, candidates);
    }

    // A follow-up ("and in winter?") is rewritten into a standalone question for retrieval.
    let query = question;
    if (candidates.length > 0 && needsCondensing(memory.keep, question)) {
      query = await this.condense(assistant, memory.keep, question, candidates, signal);
    }
    const passages = signal.aborted ? [] : await this.deps.planner.passages(assistant, query);

    const plan = planAnswer({
      assistant,
      settings,
      candidates,
      systemPrompt: assistant.systemPrompt,
      history: memory.keep,
      summary: conversation.summary,
      question,
      language,
      passages,
    });

    // Saving the partial text now and then keeps it if this process dies mid-answer.
    let partial = '';
    const onToken = (text: string) => {
      partial += text;
      emit('token', { messageId, text });
      this.partials.update(messageId, partial);
    };
    const result = await this.deps.engine.answer(plan, { signal, onToken });
    await this.partials.forget(messageId);
    return result;
  }

  private async condense(
    assistant: AssistantRow,
    history: HistoryTurn[],
    question: string,
    candidates: LlmCandidate[],
    signal: AbortSignal,
  ): Promise<string> {
    const started = performance.now();
    try {
      const out = await this.deps.router.complete(
        candidates,
        { messages: condensePrompt(history, question), temperature: 0, maxTokens: 96 },
        {
          signal: AbortSignal.any([signal, AbortSignal.timeout(SIDE_CALL_MS)]),
        },
      );
      this.usage(assistant, 'condense', out, started);
      return cleanStandaloneQuestion(out.text, question);
    } catch (err) {
      if (!(err instanceof LlmError && err.code === 'cancelled'))
        this.deps.logger.warn({ err }, 'could not condense the question; retrieving with it as asked');
      return question;
    }
  }

  private usage(
    assistant: AssistantRow,
    source: 'condense' | 'title' | 'summary',
    out: { model: string; provider: string; usage: { promptTokens: number; completionTokens: number } | null },
    started: number,
  ): void {
    this.deps.usage.record({
      organizationId: assistant.organizationId,
      assistantId: assistant.id,
      source,
      provider: out.provider,
      model: out.model,
      status: 'complete',
      promptTokens: out.usage?.promptTokens ?? 0,
      completionTokens: out.usage?.completionTokens ?? 0,
      latencyMs: Math.round(performance.now() - started),
    });
  }

  /** Names an untitled conversation after its first exchange: by the model, or from the question itself. */
  private nameConversation(
    conversation: ConversationRow,
    assistant: AssistantRow,
    question: string,
    result: AnswerResult,
    candidates: LlmCandidate[],
    emit: ChatEmit,
  ): void {
    const save = async (title: string) => {
      const [row] = await this.deps.db
        .update(conversations)
        .set({ title, titled: true, updatedAt: new Date() })
        .where(and(eq(conversations.id, conversation.id), eq(conversations.titled, false)))
        .returning({ id: conversations.id });
      if (row) emit('title', { conversationId: conversation.id, title });
    };
    const fromQuestion = cleanTitle(question);
    if (candidates.length === 0 || result.model === EXTRACTIVE_MODEL) {
      this.track(save(fromQuestion));
      return;
    }
    this.track(
      (async () => {
        const started = performance.now();
        let title = fromQuestion;
        try {
          const out = await this.deps.router.complete(
            candidates,
            { messages: titlePrompt(question, result.text), temperature: 0, maxTokens: 24 },
            {
              signal: AbortSignal.timeout(SIDE_CALL_MS),
            },
          );
          this.usage(assistant, 'title', out, started);
          title = cleanTitle(out.text, fromQuestion);
        } catch (err) {
          this.deps.logger.warn({ err }, 'could not generate a conversation title; using the question');
        }
        await save(title);
      })(),
    );
  }

  private refreshSummary(
    conversation: ConversationRow,
    assistant: AssistantRow,
    fold: HistoryTurn[],
    throughSeq: number,
    language: string,
    candidates: LlmCandidate[],
  ): void {
    this.track(
      (async () => {
        const started = performance.now();
        const out = await this.deps.router.complete(
          candidates,
          { messages: summaryPrompt(conversation.summary, fold, language), temperature: 0, maxTokens: 600 },
          {
            signal: AbortSignal.timeout(SIDE_CALL_MS * 3),
          },
        );
        this.usage(assistant, 'summary', out, started);
        const summary = out.text.trim();
        if (!summary) return;
        // A resend may have deleted the folded turns meanwhile: a summary of them must not come back.
        await this.deps.db
          .update(conversations)
          .set({ summary, summarizedThrough: throughSeq })
          .where(
            and(
              eq(conversations.id, conversation.id),
              sql`exists (select 1 from ${messages} m where m.conversation_id = ${conversation.id} and m.seq = ${throughSeq})`,
            ),
          );
      })(),
    );
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch((err: unknown) => this.deps.logger.warn({ err }, 'chat background work failed'));
    this.background.add(tracked);
    void tracked.finally(() => this.background.delete(tracked));
  }

  /** Stops an answer being written in one of the caller's conversations. */
  async cancel(principal: Principal, conversationId: string, messageId: string): Promise<void> {
    const conversation = await this.conversations.findVisible(principal, conversationId);
    if (!conversation) throw notFound('conversation');
    await this.deps.active.cancel(messageId, conversation.id);
  }

  /** Resolves once background work (titles, summaries) has settled. */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }
}
