// Every environment variable Parley reads, parsed once at start into a frozen Config.
// docs/configuration.md documents each one; a test checks that the two agree.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { EmbeddingSpec } from './providers/embeddings/embedding-registry.js';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const csv = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

const positiveInt = z.coerce.number().int().positive();

/** Shape of the variables (name → schema); `description` feeds the configuration reference. */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000).describe('HTTP port of the API'),
  HOST: z.string().min(1).default('0.0.0.0').describe('Interface the API listens on'),
  PARLEY_ROLE: z
    .enum(['api', 'worker', 'both'])
    .default('both')
    .describe('What this process runs: the HTTP API, the job worker, or both (`--role` overrides it)'),
  PARLEY_DATA_DIR: z
    .string()
    .min(1)
    .default('./data')
    .describe('Folder for the embedded database, the generated secret and uploaded files'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .describe('PostgreSQL server (with pgvector). Unset = embedded PGlite in the data folder'),
  DATABASE_POOL_MIN: z.coerce.number().int().min(0).default(5).describe('Smallest connection pool size (PostgreSQL only)'),
  DATABASE_POOL_MAX: positiveInt.default(20).describe('Largest connection pool size (PostgreSQL only)'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional()
    .describe('Redis for rate limits and caches shared by instances. Unset = in-process memory'),
  PARLEY_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters')
    .optional()
    .describe(
      'Root secret for token signing and encryption. Unset in embedded mode = generated once into the data folder; required with DATABASE_URL',
    ),
  PARLEY_PUBLIC_URL: z
    .url()
    .optional()
    .describe('Public base URL, used in invitation links and to decide Secure cookies. Default http://localhost:PORT'),
  PARLEY_CORS_ORIGINS: csv
    .default([])
    .describe('Comma-separated origins allowed to call the API from browsers with credentials. `*` allows any origin without credentials'),
  PARLEY_TRUST_PROXY: z
    .string()
    .default('false')
    .describe('Trust X-Forwarded-* headers: `false`, `true`, a hop count, or comma-separated proxy addresses/CIDRs'),
  PARLEY_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('Log level (pino)'),
  PARLEY_BODY_LIMIT_BYTES: positiveInt.default(1_048_576).describe('Largest JSON request body in bytes'),
  PARLEY_SHUTDOWN_GRACE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(15_000)
    .describe('On SIGTERM/SIGINT, how long in-flight requests and jobs may run before the process exits'),
  PARLEY_ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900).describe('Lifetime of an access token (JWT)'),
  PARLEY_REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30).describe('Lifetime of a refresh token'),
  PARLEY_ALLOW_REGISTRATION: bool
    .default(true)
    .describe('Whether anyone may sign up. When false, only the first user and invited people can'),
  PARLEY_RATE_LIMIT_PER_MINUTE: positiveInt.default(600).describe('General request budget per client IP per minute'),
  PARLEY_LOGIN_ATTEMPTS_PER_ACCOUNT: positiveInt.default(10).describe('Login attempts per account per 15 minutes before 429'),
  PARLEY_LOGIN_ATTEMPTS_PER_IP: positiveInt.default(50).describe('Login attempts per client IP per 15 minutes before 429'),
  PARLEY_INVITATION_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(7).describe('How long an invitation link stays valid'),
  PARLEY_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional()
    .describe('SMTP server for invitation mail, e.g. smtp://user:pass@mail.example:587. Unset = links are only returned by the API'),
  PARLEY_SMTP_FROM: z.string().default('Parley <parley@localhost>').describe('Sender of outgoing mail'),
  PARLEY_METRICS_ENABLED: bool.default(true).describe('Serve Prometheus metrics at /metrics'),
  PARLEY_DOCS_ENABLED: bool.default(true).describe('Serve the interactive API docs at /docs'),
  PARLEY_WEB_DIR: z
    .string()
    .min(1)
    .optional()
    .describe('Folder of the built web app, served at /. Default: apps/web/dist of this installation'),
  PARLEY_WIDGET_FILE: z
    .string()
    .min(1)
    .optional()
    .describe('The website widget script served at /widget.js. Default: packages/widget/dist/widget.js of this installation'),
  PARLEY_WIDGET_KEY_RATE_PER_MINUTE: positiveInt
    .default(600)
    .describe('Requests per minute one publishable key may make on the public widget API (all its visitors together)'),
  PARLEY_WIDGET_VISITOR_MESSAGES_PER_MINUTE: positiveInt
    .default(10)
    .describe('Messages per minute one website visitor may send (bursts up to this many)'),
  PARLEY_UPLOAD_LIMIT_BYTES: positiveInt.default(52_428_800).describe('Largest uploaded document in bytes (default 50 MB)'),
  PARLEY_INGEST_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(32)
    .default(2)
    .describe('Documents one worker process parses and indexes at the same time'),
  PARLEY_INGEST_LEASE_SECONDS: z.coerce
    .number()
    .int()
    .min(10)
    .max(3600)
    .default(120)
    .describe('A document whose worker has not reported for this long is taken over by another worker (the first one died)'),
  PARLEY_EMBEDDINGS_PROVIDER: z
    .enum(['hash', 'openai-compatible', 'transformers'])
    .default('hash')
    .describe(
      'Embedding model for new indexes: `hash` (built in, offline), `openai-compatible` (`/v1/embeddings` of Ollama, vLLM, TEI, LM Studio, OpenAI) or `transformers` (a local ONNX model through Transformers.js). Changing it re-embeds every assistant in the background',
    ),
  PARLEY_EMBEDDINGS_URL: z
    .url()
    .optional()
    .describe('Base URL of the OpenAI-compatible embeddings server, e.g. http://localhost:11434/v1 (required for `openai-compatible`)'),
  PARLEY_EMBEDDINGS_API_KEY: z.string().optional().describe('API key for the embeddings server, if it needs one'),
  PARLEY_EMBEDDINGS_MODEL: z
    .string()
    .min(1)
    .optional()
    .describe('Embedding model name (`openai-compatible`: required; `transformers`: default Xenova/multilingual-e5-small)'),
  PARLEY_EMBEDDINGS_DIMENSIONS: z.coerce
    .number()
    .int()
    .min(8)
    .max(4096)
    .optional()
    .describe('Vector length. `hash`: default 768; `openai-compatible`: asked of the server, or discovered with one probe call'),
  PARLEY_EMBEDDINGS_BATCH_SIZE: z.coerce.number().int().min(1).max(2048).default(64).describe('Texts per embeddings request'),
  PARLEY_EMBEDDINGS_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4).describe('Embeddings requests in flight at once'),
  PARLEY_MODELS_DIR: z
    .string()
    .min(1)
    .optional()
    .describe('Folder of local models for `transformers` (one sub-folder per model id). Default: <data dir>/models'),
  PARLEY_ALLOW_MODEL_DOWNLOADS: bool
    .default(false)
    .describe('Let `transformers` download a missing model from the Hugging Face hub into the models folder'),
  PARLEY_RERANK_URL: z
    .url()
    .optional()
    .describe('Reranker endpoint base URL (TEI `/rerank`, or a Cohere/Jina/vLLM style `/v1/rerank`). Unset = no reranking'),
  PARLEY_RERANK_KIND: z
    .enum(['tei', 'cohere'])
    .default('tei')
    .describe('Request format of the reranker: `tei` or `cohere` (also Jina, vLLM)'),
  PARLEY_RERANK_MODEL: z.string().min(1).optional().describe('Reranker model name, for servers that host several'),
  PARLEY_RERANK_API_KEY: z.string().optional().describe('API key for the reranker, if it needs one'),
  PARLEY_CRAWL_ALLOW_PRIVATE_NETWORKS: bool
    .default(false)
    .describe('Let the web crawler fetch private, loopback and link-local addresses (refused by default against SSRF)'),
  PARLEY_CRAWL_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4).describe('Pages the crawler fetches at once, per site'),
  PARLEY_LLM: z
    .enum(['auto', 'extractive'])
    .default('auto')
    .describe(
      '`auto`: answer with the configured language model; `extractive`: never call a model, answer with quoted passages (also what happens when no model is configured)',
    ),
  PARLEY_LLM_BASE_URL: z
    .url()
    .optional()
    .describe(
      "The instance's OpenAI-compatible model server, e.g. http://localhost:11434/v1 (Ollama), http://localhost:8000/v1 (vLLM), https://api.openai.com/v1. Unset = extractive mode unless an organization adds a provider",
    ),
  PARLEY_LLM_API_KEY: z.string().optional().describe('API key for PARLEY_LLM_BASE_URL, if it needs one'),
  PARLEY_LLM_MODEL: z
    .string()
    .min(1)
    .optional()
    .describe('Default model of the instance provider (an assistant may name another); required with PARLEY_LLM_BASE_URL'),
  PARLEY_LLM_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000).describe('Connecting to a model server'),
  PARLEY_LLM_FIRST_TOKEN_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(600_000)
    .default(60_000)
    .describe('Waiting for the first token of an answer (a local model may need to load first)'),
  PARLEY_LLM_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000).describe('Longest gap between two tokens'),
  PARLEY_LLM_TOTAL_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(3_600_000)
    .default(300_000)
    .describe('One deadline for a whole answer, retries and fallback models included'),
  PARLEY_LLM_MAX_ATTEMPTS: z.coerce
    .number()
    .int()
    .min(1)
    .max(10)
    .default(3)
    .describe('Attempts per model before the next fallback model (retries happen only before the first token)'),
  PARLEY_LLM_BREAKER_FAILURES: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(5)
    .describe('Consecutive failures (timeouts, 5xx, connection errors) after which a model server is skipped for a while'),
  PARLEY_LLM_BREAKER_COOLDOWN_MS: z.coerce
    .number()
    .int()
    .min(10)
    .max(3_600_000)
    .default(30_000)
    .describe('How long a failing model server is skipped before one trial request is let through'),
  PARLEY_CHAT_CACHE_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(30 * 86_400)
    .default(3_600)
    .describe('How long deterministic answers (temperature 0, or assistants with caching on) are cached; 0 turns the cache off'),
});

export type Env = z.infer<typeof envSchema>;

/**
 * apps/web/dist of this installation. This file is apps/server/src/config.ts under tsx and the tests, and
 * apps/server/dist/config.js once built: the same depth, so one relative path serves both.
 */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));
/** packages/widget/dist/widget.js of this installation (same depth argument as DEFAULT_WEB_DIR). */
export const DEFAULT_WIDGET_FILE = fileURLToPath(new URL('../../../packages/widget/dist/widget.js', import.meta.url));

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly role: 'api' | 'worker' | 'both';
  readonly dataDir: string;
  readonly database:
    | { readonly kind: 'pglite'; readonly dataDir: string | null }
    | { readonly kind: 'postgres'; readonly url: string; readonly poolMin: number; readonly poolMax: number };
  readonly redisUrl: string | null;
  /** null until resolved: embedded mode reads or creates it in the data folder (see secret-store.ts). */
  readonly secret: string | null;
  readonly publicUrl: string;
  readonly cors: { readonly origins: readonly string[]; readonly anyOrigin: boolean };
  readonly trustProxy: boolean | number | string[];
  readonly logLevel: Env['PARLEY_LOG_LEVEL'];
  readonly bodyLimitBytes: number;
  readonly shutdownGraceMs: number;
  readonly auth: {
    readonly accessTokenTtlSeconds: number;
    readonly refreshTokenTtlDays: number;
    readonly allowRegistration: boolean;
    readonly loginAttemptsPerAccount: number;
    readonly loginAttemptsPerIp: number;
    readonly invitationTtlDays: number;
  };
  readonly rateLimitPerMinute: number;
  readonly smtp: { readonly url: string; readonly from: string } | null;
  readonly metricsEnabled: boolean;
  readonly docsEnabled: boolean;
  /** Absolute path of the built web app served at / (it may not exist: then / says how to build it). */
  readonly webDir: string;
  readonly widget: {
    /** Absolute path of the widget script served at /widget.js (it may not exist: then /widget.js says how to build it). */
    readonly file: string;
    readonly keyRatePerMinute: number;
    readonly visitorMessagesPerMinute: number;
  };
  readonly ingestion: {
    readonly uploadLimitBytes: number;
    readonly concurrency: number;
    readonly leaseSeconds: number;
    readonly blobDir: string;
  };
  readonly embeddings: EmbeddingsConfig;
  readonly rerank: { readonly baseUrl: string; readonly kind: 'tei' | 'cohere'; readonly model?: string; readonly apiKey?: string } | null;
  readonly crawl: { readonly allowPrivateNetworks: boolean; readonly concurrency: number };
  readonly llm: {
    /** false with PARLEY_LLM=extractive: no model is ever called. */
    readonly enabled: boolean;
    /** The instance provider (PARLEY_LLM_*), or null. */
    readonly instance: { readonly baseUrl: string; readonly apiKey?: string; readonly model: string } | null;
    readonly deadlines: { readonly connectMs: number; readonly firstTokenMs: number; readonly idleMs: number; readonly totalMs: number };
    readonly maxAttempts: number;
    readonly breaker: { readonly failureThreshold: number; readonly cooldownMs: number };
    readonly cacheTtlSeconds: number;
  };
}

/** The embedding model of this instance, in the shape the provider registry builds from. */
export type EmbeddingsConfig = EmbeddingSpec;

export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super('Invalid configuration:\n' + issues.map((i) => `  ${i.variable}: ${i.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}

function parseTrustProxy(raw: string): boolean | number | string[] {
  if (raw === 'true') return true;
  if (raw === 'false' || raw === '') return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Parses the environment (only the variables in envSchema are read). Throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? '?'), message: i.message })));
  }
  const e = parsed.data;
  const problems: { variable: string; message: string }[] = [];
  if (e.DATABASE_POOL_MIN > e.DATABASE_POOL_MAX) {
    problems.push({ variable: 'DATABASE_POOL_MIN', message: 'must not exceed DATABASE_POOL_MAX' });
  }
  if (e.DATABASE_URL && !e.PARLEY_SECRET) {
    // Several instances share one database: a secret generated per data folder would differ between them.
    problems.push({ variable: 'PARLEY_SECRET', message: 'is required when DATABASE_URL is set' });
  }
  const anyOrigin = e.PARLEY_CORS_ORIGINS.includes('*');
  for (const origin of e.PARLEY_CORS_ORIGINS) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      problems.push({ variable: 'PARLEY_CORS_ORIGINS', message: `"${origin}" is not an origin like https://app.example` });
    }
  }
  if (e.PARLEY_EMBEDDINGS_PROVIDER === 'openai-compatible') {
    if (!e.PARLEY_EMBEDDINGS_URL)
      problems.push({ variable: 'PARLEY_EMBEDDINGS_URL', message: 'is required for the openai-compatible provider' });
    if (!e.PARLEY_EMBEDDINGS_MODEL) {
      problems.push({ variable: 'PARLEY_EMBEDDINGS_MODEL', message: 'is required for the openai-compatible provider' });
    }
  }
  if (e.PARLEY_LLM_BASE_URL && !e.PARLEY_LLM_MODEL) {
    problems.push({ variable: 'PARLEY_LLM_MODEL', message: 'is required with PARLEY_LLM_BASE_URL' });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const dataDir = e.PARLEY_DATA_DIR.replace(/\/+$/, '');

  const publicUrl = (e.PARLEY_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return deepFreeze({
    port: e.PORT,
    host: e.HOST,
    role: e.PARLEY_ROLE,
    dataDir: e.PARLEY_DATA_DIR,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolMin: e.DATABASE_POOL_MIN, poolMax: e.DATABASE_POOL_MAX }
      : { kind: 'pglite', dataDir: `${dataDir}/pglite` },
    redisUrl: e.REDIS_URL ?? null,
    secret: e.PARLEY_SECRET ?? null,
    publicUrl,
    cors: { origins: e.PARLEY_CORS_ORIGINS.filter((o) => o !== '*'), anyOrigin },
    trustProxy: parseTrustProxy(e.PARLEY_TRUST_PROXY),
    logLevel: e.PARLEY_LOG_LEVEL,
    bodyLimitBytes: e.PARLEY_BODY_LIMIT_BYTES,
    shutdownGraceMs: e.PARLEY_SHUTDOWN_GRACE_MS,
    auth: {
      accessTokenTtlSeconds: e.PARLEY_ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: e.PARLEY_REFRESH_TOKEN_TTL_DAYS,
      allowRegistration: e.PARLEY_ALLOW_REGISTRATION,
      loginAttemptsPerAccount: e.PARLEY_LOGIN_ATTEMPTS_PER_ACCOUNT,
      loginAttemptsPerIp: e.PARLEY_LOGIN_ATTEMPTS_PER_IP,
      invitationTtlDays: e.PARLEY_INVITATION_TTL_DAYS,
    },
    rateLimitPerMinute: e.PARLEY_RATE_LIMIT_PER_MINUTE,
    smtp: e.PARLEY_SMTP_URL ? { url: e.PARLEY_SMTP_URL, from: e.PARLEY_SMTP_FROM } : null,
    metricsEnabled: e.PARLEY_METRICS_ENABLED,
    docsEnabled: e.PARLEY_DOCS_ENABLED,
    webDir: e.PARLEY_WEB_DIR ? resolve(e.PARLEY_WEB_DIR) : DEFAULT_WEB_DIR,
    widget: {
      file: e.PARLEY_WIDGET_FILE ? resolve(e.PARLEY_WIDGET_FILE) : DEFAULT_WIDGET_FILE,
      keyRatePerMinute: e.PARLEY_WIDGET_KEY_RATE_PER_MINUTE,
      visitorMessagesPerMinute: e.PARLEY_WIDGET_VISITOR_MESSAGES_PER_MINUTE,
    },
    ingestion: {
      uploadLimitBytes: e.PARLEY_UPLOAD_LIMIT_BYTES,
      concurrency: e.PARLEY_INGEST_CONCURRENCY,
      leaseSeconds: e.PARLEY_INGEST_LEASE_SECONDS,
      blobDir: `${dataDir}/blobs`,
    },
    embeddings: embeddingsConfig(e, dataDir),
    rerank: e.PARLEY_RERANK_URL
      ? {
          baseUrl: e.PARLEY_RERANK_URL,
          kind: e.PARLEY_RERANK_KIND,
          ...(e.PARLEY_RERANK_MODEL ? { model: e.PARLEY_RERANK_MODEL } : {}),
          ...(e.PARLEY_RERANK_API_KEY ? { apiKey: e.PARLEY_RERANK_API_KEY } : {}),
        }
      : null,
    crawl: { allowPrivateNetworks: e.PARLEY_CRAWL_ALLOW_PRIVATE_NETWORKS, concurrency: e.PARLEY_CRAWL_CONCURRENCY },
    llm: {
      enabled: e.PARLEY_LLM === 'auto',
      instance: e.PARLEY_LLM_BASE_URL
        ? {
            baseUrl: e.PARLEY_LLM_BASE_URL.replace(/\/+$/, ''),
            model: e.PARLEY_LLM_MODEL!,
            ...(e.PARLEY_LLM_API_KEY ? { apiKey: e.PARLEY_LLM_API_KEY } : {}),
          }
        : null,
      deadlines: {
        connectMs: e.PARLEY_LLM_CONNECT_TIMEOUT_MS,
        firstTokenMs: e.PARLEY_LLM_FIRST_TOKEN_TIMEOUT_MS,
        idleMs: e.PARLEY_LLM_IDLE_TIMEOUT_MS,
        totalMs: e.PARLEY_LLM_TOTAL_TIMEOUT_MS,
      },
      maxAttempts: e.PARLEY_LLM_MAX_ATTEMPTS,
      breaker: { failureThreshold: e.PARLEY_LLM_BREAKER_FAILURES, cooldownMs: e.PARLEY_LLM_BREAKER_COOLDOWN_MS },
      cacheTtlSeconds: e.PARLEY_CHAT_CACHE_TTL_SECONDS,
    },
  } satisfies Config);
}

function embeddingsConfig(e: Env, dataDir: string): EmbeddingsConfig {
  switch (e.PARLEY_EMBEDDINGS_PROVIDER) {
    case 'hash':
      return { provider: 'hash', dimensions: e.PARLEY_EMBEDDINGS_DIMENSIONS ?? 768 };
    case 'openai-compatible':
      return {
        provider: 'openai-compatible',
        baseUrl: e.PARLEY_EMBEDDINGS_URL!,
        model: e.PARLEY_EMBEDDINGS_MODEL!,
        maxBatchSize: e.PARLEY_EMBEDDINGS_BATCH_SIZE,
        concurrency: e.PARLEY_EMBEDDINGS_CONCURRENCY,
        ...(e.PARLEY_EMBEDDINGS_API_KEY ? { apiKey: e.PARLEY_EMBEDDINGS_API_KEY } : {}),
        ...(e.PARLEY_EMBEDDINGS_DIMENSIONS ? { dimensions: e.PARLEY_EMBEDDINGS_DIMENSIONS } : {}),
      };
    case 'transformers':
      return {
        provider: 'transformers',
        model: e.PARLEY_EMBEDDINGS_MODEL ?? 'Xenova/multilingual-e5-small',
        localModelPath: e.PARLEY_MODELS_DIR ?? `${dataDir}/models`,
        allowRemoteModels: e.PARLEY_ALLOW_MODEL_DOWNLOADS,
      };
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
