// The composition root: builds every service once from the frozen Config. No DI framework;
// each service receives exactly what it uses. Tests call createDeps with their own config.
import { pino, type Logger } from 'pino';
import type { Config } from './config.js';
import { openPglite, openPostgres, type Database } from './db/client.js';
import { JobQueue } from './jobs/job-queue.js';
import { maintenanceJob } from './jobs/maintenance.job.js';
import { createSmtpMailer, disabledMailer, type Mailer } from './mail/mailer.js';
import { ApiKeyService } from './modules/api-keys/api-key.service.js';
import { AssistantService } from './modules/assistants/assistant.service.js';
import { AuditService } from './modules/audit/audit.service.js';
import { AuthService } from './modules/auth/auth.service.js';
import { Authenticator } from './modules/auth/authenticator.js';
import { PasswordHasher, type ScryptParams } from './modules/auth/password-hasher.js';
import { TokenService } from './modules/auth/token-service.js';
import { OrganizationService } from './modules/organizations/organization.service.js';
import { loggerOptions } from './observability/logger.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { deriveKey, resolveSecret } from './secret-store.js';
import { createSharedState, type SharedState } from './state/state.js';
import { DocumentIngestionService } from './ingestion/document-ingestion.service.js';
import { documentIngestJob, startRecoverySweep } from './ingestion/ingestion.jobs.js';
import { DocumentService } from './modules/documents/document.service.js';
import { RetrievalService } from './modules/retrieval/retrieval.service.js';
import { ConversationService } from './modules/conversations/conversation.service.js';
import { FolderService } from './modules/conversations/folder.service.js';
import { UsageService } from './modules/usage/usage.service.js';
import { DashboardService } from './modules/dashboard/dashboard.service.js';
import { InstanceService } from './modules/instance/instance.service.js';
import { ActiveAnswers } from './modules/chat/active-answers.js';
import { AnswerEngine } from './modules/chat/answer-engine.js';
import { AnswerPlanner } from './modules/chat/answer-planner.js';
import { ChatService } from './modules/chat/chat.service.js';
import { MessageRepository } from './modules/chat/message.repository.js';
import { UsageRecorder } from './modules/chat/usage-recorder.js';
import { OpenAIService } from './modules/openai/openai.service.js';
import { ProviderService } from './modules/providers/provider.service.js';
import { PublicWidgetService } from './modules/public/public.service.js';
import { SealedBox } from './lib/sealed-box.js';
import { Invalidations } from './state/local-cache.js';
import { LlmRouter } from './providers/llm/llm-router.js';
import type { EmbeddingProvider } from './providers/embeddings/embedding-provider.js';
import { createEmbeddingProvider, embeddingModelId } from './providers/embeddings/embedding-registry.js';
import { createHttpReranker } from './providers/rerank/reranker.js';
import { LocalBlobStore, type BlobStore } from './storage/blob-store.js';

export interface Deps {
  readonly config: Config;
  readonly logger: Logger;
  readonly database: Database;
  readonly state: SharedState;
  readonly metrics: Metrics;
  readonly jobs: JobQueue;
  readonly mailer: Mailer;
  readonly authenticator: Authenticator;
  readonly auth: AuthService;
  readonly organizations: OrganizationService;
  readonly assistants: AssistantService;
  readonly apiKeys: ApiKeyService;
  readonly audit: AuditService;
  readonly blobs: BlobStore;
  readonly ingestion: DocumentIngestionService;
  readonly documents: DocumentService;
  readonly retrieval: RetrievalService;
  readonly conversations: ConversationService;
  readonly folders: FolderService;
  readonly usage: UsageService;
  readonly dashboard: DashboardService;
  readonly instance: InstanceService;
  readonly providers: ProviderService;
  readonly llm: LlmRouter;
  readonly chat: ChatService;
  readonly openai: OpenAIService;
  readonly publicWidget: PublicWidgetService;
  /** Starts the worker role: consume jobs and sweep for documents whose worker died. */
  startWorker(): Promise<void>;
  /** The instance's embedding model, built on first use (a local model loads lazily). */
  embedder(): Promise<EmbeddingProvider>;
  /** Releases every resource (database, Redis, mail transport). Idempotent. */
  close(): Promise<void>;
}

export interface CreateDepsOptions {
  logger?: Logger;
  /** Use an already-open database (tests share one per file). It is not closed by deps.close(). */
  database?: Database;
  /** Lower scrypt cost for tests that create many users; production uses the default. */
  scryptParams?: ScryptParams;
  /** Skip migrations (tests migrate once per database). */
  skipMigrations?: boolean;
}

export async function createDeps(config: Config, options: CreateDepsOptions = {}): Promise<Deps> {
  const logger = options.logger ?? pino(loggerOptions(config.logLevel));
  const secret = await resolveSecret(config);
  const database =
    options.database ??
    (config.database.kind === 'pglite' ? await openPglite(config.database.dataDir) : await openPostgres(config.database));
  const ownsDatabase = !options.database;
  try {
    if (!options.skipMigrations) await database.migrate();
    const state = await createSharedState({ ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}), keyPrefix: 'parley:' });
    const metrics = createMetrics();
    const invalidations = new Invalidations(state.events);
    const db = database.db;
    const jobs = new JobQueue(database, logger, config.database.kind === 'postgres' ? { connectionString: config.database.url } : {});
    jobs.register(maintenanceJob(db));
    const mailer = config.smtp ? createSmtpMailer(config.smtp, logger) : disabledMailer;
    const audit = new AuditService(db);
    const tokens = new TokenService(deriveKey(secret, 'access-token'), config.auth.accessTokenTtlSeconds);
    const apiKeyHashKey = deriveKey(secret, 'api-key-hash');
    const organizations = new OrganizationService({ db, config, audit, mailer });
    const hasher = new PasswordHasher(options.scryptParams);
    const blobs = new LocalBlobStore(config.ingestion.blobDir);
    let embedderPromise: Promise<EmbeddingProvider> | null = null;
    const embedder = () => {
      embedderPromise ??= (async () => {
        const provider = createEmbeddingProvider(config.embeddings);
        await provider.probeDimensions(); // remote and local models learn their vector length here
        return provider;
      })().catch((err: unknown) => {
        embedderPromise = null; // a model that failed to load may load on the next try
        throw err;
      });
      return embedderPromise;
    };
    const ingestion = new DocumentIngestionService({ db, config, blobs, events: state.events, embedder, embeddingModelId, invalidations });
    jobs.register(documentIngestJob(ingestion, config.ingestion.concurrency));
    const reranker = config.rerank ? createHttpReranker({ ...config.rerank, timeoutMs: 10_000 }) : null;
    const retrieval = new RetrievalService({ db, embedder, embeddingModelId, reranker, invalidations });
    const llm = new LlmRouter({
      deadlines: config.llm.deadlines,
      retry: { maxAttemptsPerCandidate: config.llm.maxAttempts },
      breaker: config.llm.breaker,
      observer: {
        started: () => metrics.llm.active.inc(),
        finished: (o) => {
          metrics.llm.active.dec();
          metrics.llm.requests.inc({ provider: o.provider, model: o.model, status: o.status });
          if (o.status === 'ok') metrics.llm.latency.observe({ provider: o.provider, model: o.model }, o.latencyMs / 1000);
          if (o.ttftMs !== null) metrics.llm.ttft.observe({ provider: o.provider, model: o.model }, o.ttftMs / 1000);
        },
      },
    });
    const providerService = new ProviderService({
      db,
      config,
      sealedBox: new SealedBox(deriveKey(secret, 'encryption')),
      audit,
      models: llm,
    });
    const planner = new AnswerPlanner({ config, providers: providerService, retrieval });
    const engine = new AnswerEngine({
      router: llm,
      cache: state.cache,
      cacheTtlMs: config.llm.cacheTtlSeconds * 1000,
      metrics: metrics.llm,
      logger,
    });
    const activeAnswers = new ActiveAnswers(state.events);
    const usageRecorder = new UsageRecorder(db, logger);
    const chat = new ChatService({
      db,
      config,
      logger,
      router: llm,
      engine,
      planner,
      active: activeAnswers,
      usage: usageRecorder,
      invalidations,
    });
    const authenticator = new Authenticator(db, tokens, apiKeyHashKey, invalidations);
    const assistants = new AssistantService({ db, audit, llm: config.llm, invalidations });
    const conversations = new ConversationService({ db, audit });
    const publicWidget = new PublicWidgetService({
      config,
      authenticator,
      assistants,
      conversations,
      chat,
      rateLimiter: state.rateLimiter,
      visitorHashKey: deriveKey(secret, 'widget-visitor'),
      invalidations,
    });
    let stopAbandonedSweep: (() => void) | null = null;
    let closed = false;
    let stopSweep: (() => void) | null = null;
    return {
      config,
      logger,
      database,
      state,
      metrics,
      jobs,
      mailer,
      authenticator,
      auth: new AuthService({ db, config, hasher, tokens, rateLimiter: state.rateLimiter, audit, organizations }),
      organizations,
      assistants,
      apiKeys: new ApiKeyService({ db, audit, hashKey: apiKeyHashKey, invalidations }),
      audit,
      blobs,
      ingestion,
      documents: new DocumentService({
        db,
        blobs,
        jobs,
        events: state.events,
        audit,
        uploadLimitBytes: config.ingestion.uploadLimitBytes,
        invalidations,
      }),
      retrieval,
      conversations,
      folders: new FolderService({ db }),
      usage: new UsageService({ db }),
      dashboard: new DashboardService({ db }),
      instance: new InstanceService(config),
      providers: providerService,
      llm,
      chat,
      openai: new OpenAIService({ db, logger, engine, planner, usage: usageRecorder, invalidations }),
      publicWidget,
      embedder,
      async startWorker() {
        await jobs.work();
        // An embedded database is opened by this process alone: whatever was `processing` belonged to a
        // process that died. On PostgreSQL other workers may be alive; their leases decide.
        stopSweep ??= startRecoverySweep(db, jobs, logger, {
          everyMs: Math.min(60, config.ingestion.leaseSeconds / 2) * 1000,
          firstAll: config.database.kind === 'pglite',
          leaseSeconds: config.ingestion.leaseSeconds,
        });
        // Answers left `streaming` by a process that died: their partial text is flushed every second,
        // so one untouched for well over the idle deadline has no writer any more.
        if (!stopAbandonedSweep) {
          const messagesRepo = new MessageRepository(db);
          const staleMs = Math.max(120_000, config.llm.deadlines.idleMs * 2);
          const sweep = () =>
            messagesRepo
              .closeAbandoned(staleMs)
              .then((n) => n > 0 && logger.info({ messages: n }, 'closed answers abandoned by a stopped process'))
              .catch((err: unknown) => logger.warn({ err }, 'abandoned-answer sweep failed'));
          void sweep();
          const timer = setInterval(() => void sweep(), 60_000);
          timer.unref();
          stopAbandonedSweep = () => clearInterval(timer);
        }
      },
      async close() {
        if (closed) return;
        closed = true;
        stopSweep?.();
        stopAbandonedSweep?.();
        activeAnswers.close();
        invalidations.close();
        await chat.idle();
        await usageRecorder.flush();
        await jobs.stop(config.shutdownGraceMs);
        mailer.close();
        await state.close();
        if (ownsDatabase) await database.close();
      },
    };
  } catch (err) {
    if (ownsDatabase) await database.close().catch(() => undefined);
    throw err;
  }
}
