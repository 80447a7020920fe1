// Drizzle schema: the system of record. Migrations in ./migrations are generated from this file
// (`npm run db:generate`) and committed; a test fails when they drift apart.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  check,
  customType,
  real,
  bigint,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name'),
    passwordHash: text('password_hash').notNull(),
    isInstanceAdmin: boolean('is_instance_admin').notNull().default(false),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email)],
);

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    personal: boolean('personal').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('organizations_slug_key').on(t.slug)],
);

export const memberships = pgTable(
  'memberships',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['owner', 'admin', 'member'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.userId] }),
    index('memberships_user_idx').on(t.userId),
    check('memberships_role_check', sql`${t.role} in ('owner', 'admin', 'member')`),
  ],
);

export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role', { enum: ['owner', 'admin', 'member'] }).notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('invitations_token_hash_key').on(t.tokenHash), index('invitations_org_idx').on(t.organizationId)],
);

export const assistants = pgTable(
  'assistants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description').notNull().default(''),
    language: text('language').notNull().default('en'),
    systemPrompt: text('system_prompt').notNull().default(''),
    tone: text('tone').notNull().default('neutral'),
    generation: jsonb('generation').$type<Record<string, unknown>>().notNull(),
    retrieval: jsonb('retrieval').$type<Record<string, unknown>>().notNull(),
    /** The owner's website widget settings (contracts' widgetSettingsSchema; missing keys take the defaults). */
    widget: jsonb('widget').$type<Record<string, unknown>>().notNull().default({}),
    version: integer('version').notNull().default(1),
    /** Embedding model of this assistant's index (`provider:model:dimensions`); null until first indexed. */
    embeddingModel: text('embedding_model'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('assistants_org_slug_key').on(t.organizationId, t.slug)],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    assistantId: uuid('assistant_id')
      .notNull()
      .references(() => assistants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['secret', 'publishable'] }).notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    allowedOrigins: jsonb('allowed_origins').$type<string[]>().notNull().default([]),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('api_keys_key_hash_key').on(t.keyHash),
    index('api_keys_assistant_idx').on(t.assistantId),
    check('api_keys_kind_check', sql`${t.kind} in ('secret', 'publishable')`),
  ],
);

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** All tokens descended from one login; reuse of a rotated token revokes the whole family. */
    familyId: uuid('family_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    rotatedAt: timestamp('rotated_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    userAgent: text('user_agent'),
    ip: text('ip'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('refresh_tokens_token_hash_key').on(t.tokenHash),
    index('refresh_tokens_family_idx').on(t.familyId),
    index('refresh_tokens_user_idx').on(t.userId),
  ],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull().defaultRandom(),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    actorApiKeyId: uuid('actor_api_key_id').references(() => apiKeys.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
    requestId: text('request_id'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('audit_events_id_key').on(t.id), index('audit_events_org_created_idx').on(t.organizationId, t.createdAt)],
);

/** pgvector without a fixed dimension: each assistant records its model, and search filters on it. */
const vector = customType<{ data: number[]; driverData: string }>({
  dataType: () => 'vector',
  toDriver: (v) => `[${v.join(',')}]`,
  fromDriver: (v) => (typeof v === 'string' ? (JSON.parse(v) as number[]) : (v as number[])),
});
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    assistantId: uuid('assistant_id')
      .notNull()
      .references(() => assistants.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    sourceType: text('source_type', { enum: ['file', 'text', 'url'] }).notNull(),
    /** File name for uploads, URL for web pages and sites. */
    sourceName: text('source_name'),
    mimeType: text('mime_type'),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull().default(0),
    crawl: jsonb('crawl').$type<{ maxDepth: number; maxPages: number; sameSite: boolean }>(),
    /** SHA-256 of the content (files, text) or of the normalised URL and crawl options (web). */
    contentHash: text('content_hash').notNull(),
    /** Key of the original bytes in the blob store (files and text). */
    blobKey: text('blob_key'),
    kind: text('kind'),
    status: text('status', { enum: ['queued', 'processing', 'indexed', 'failed'] })
      .notNull()
      .default('queued'),
    progress: real('progress').notNull().default(0),
    error: text('error'),
    /** Stable code of `error` (contracts' documentErrorCodes), for clients to translate. */
    errorCode: text('error_code'),
    chunkCount: integer('chunk_count').notNull().default(0),
    /** Sum of the chunks' search-term counts: with chunkCount it gives BM25's average chunk length. */
    termCount: bigint('term_count', { mode: 'number' }).notNull().default(0),
    pages: integer('pages'),
    /** For a crawled site, the URL of each page in crawl order (page n is pageUrls[n - 1]). */
    pageUrls: jsonb('page_urls').$type<string[]>(),
    language: text('language'),
    embeddingModel: text('embedding_model'),
    attempts: integer('attempts').notNull().default(0),
    /** Lease of the worker processing the document; a stale lease means the worker died. */
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true, mode: 'date' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    indexedAt: timestamp('indexed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('documents_assistant_created_idx').on(t.assistantId, t.createdAt),
    uniqueIndex('documents_assistant_hash_key').on(t.assistantId, t.contentHash),
    index('documents_status_idx').on(t.status),
    check('documents_status_check', sql`${t.status} in ('queued', 'processing', 'indexed', 'failed')`),
    check('documents_source_type_check', sql`${t.sourceType} in ('file', 'text', 'url')`),
  ],
);

export const chunks = pgTable(
  'chunks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    /** Denormalised from the document so that every search filters on one indexed column. */
    assistantId: uuid('assistant_id').notNull(),
    ordinal: integer('ordinal').notNull(),
    text: text('text').notNull(),
    tokenCount: integer('token_count').notNull(),
    pageStart: integer('page_start'),
    pageEnd: integer('page_end'),
    headingPath: jsonb('heading_path').$type<string[]>().notNull().default([]),
    charStart: integer('char_start').notNull(),
    charEnd: integer('char_end').notNull(),
    /** Text search configuration the chunk was indexed with (`simple`, `english`, …). */
    tsConfig: text('ts_config').notNull(),
    /** Number of search terms, BM25's document length. */
    termCount: integer('term_count').notNull(),
    tsv: tsvector('tsv').notNull(),
    embeddingModel: text('embedding_model'),
    embedding: vector('embedding'),
  },
  (t) => [
    uniqueIndex('chunks_document_ordinal_key').on(t.documentId, t.ordinal),
    index('chunks_assistant_idx').on(t.assistantId),
    index('chunks_tsv_idx').using('gin', t.tsv),
  ],
);

/** An organization's OpenAI-compatible model server. The API key is sealed with the instance key. */
export const providers = pgTable(
  'providers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['openai-compatible'] }).notNull(),
    baseUrl: text('base_url').notNull(),
    /** AES-256-GCM sealed API key (`v1.<iv>.<tag>.<ciphertext>`, base64url), or null. */
    apiKeySealed: text('api_key_sealed'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('providers_org_name_key').on(t.organizationId, t.name)],
);

export const conversationFolders = pgTable(
  'conversation_folders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** A folder belongs to the person who made it. */
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('conversation_folders_owner_idx').on(t.organizationId, t.userId)],
);

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    assistantId: uuid('assistant_id')
      .notNull()
      .references(() => assistants.id, { onDelete: 'cascade' }),
    /** The person whose conversation it is; null for one started through an API key. */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    apiKeyId: uuid('api_key_id').references(() => apiKeys.id, { onDelete: 'set null' }),
    /** Where it was started: `app` (a person), `api` (a secret key), `widget` (a website visitor). */
    source: text('source', { enum: ['app', 'api', 'widget'] })
      .notNull()
      .default('app'),
    /** HMAC of the anonymous visitor id the widget sends (never the id itself); widget conversations only. */
    visitorHash: text('visitor_hash'),
    folderId: uuid('folder_id').references(() => conversationFolders.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    /** False until a person names it or a title is generated from the first exchange. */
    titled: boolean('titled').notNull().default(false),
    pinned: boolean('pinned').notNull().default(false),
    archived: boolean('archived').notNull().default(false),
    /** Conversation-level generation settings (between the assistant's and the request's). */
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    /** Rolling summary of the turns before `summarized_through` (memory beyond the context window). */
    summary: text('summary'),
    summarizedThrough: bigint('summarized_through', { mode: 'number' }),
    messageCount: integer('message_count').notNull().default(0),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('conversations_owner_recent_idx').on(t.organizationId, t.userId, t.updatedAt),
    index('conversations_assistant_idx').on(t.assistantId),
    index('conversations_visitor_idx').on(t.assistantId, t.visitorHash),
    check('conversations_source_check', sql`${t.source} in ('app', 'api', 'widget')`),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Order within a conversation (and the summary's bookmark). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['user', 'assistant'] }).notNull(),
    content: text('content').notNull(),
    status: text('status', { enum: ['streaming', 'complete', 'error', 'cancelled'] }).notNull(),
    citations: jsonb('citations').$type<unknown[]>().notNull().default([]),
    model: text('model'),
    provider: text('provider'),
    promptTokens: integer('prompt_tokens'),
    completionTokens: integer('completion_tokens'),
    latencyMs: integer('latency_ms'),
    ttftMs: integer('ttft_ms'),
    cached: boolean('cached').notNull().default(false),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    /** The person's thumbs up or down on an answer, with an optional comment. */
    feedbackRating: text('feedback_rating', { enum: ['up', 'down'] }),
    feedbackComment: text('feedback_comment'),
    /** When the feedback was last given; null when there is none. */
    feedbackAt: timestamp('feedback_at', { withTimezone: true, mode: 'date' }),
    /** Normalised search text (see ingestion/search-text.ts), for conversation search. */
    tsv: tsvector('tsv'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('messages_conversation_seq_idx').on(t.conversationId, t.seq),
    index('messages_tsv_idx').using('gin', t.tsv),
    check('messages_role_check', sql`${t.role} in ('user', 'assistant')`),
    check('messages_status_check', sql`${t.status} in ('streaming', 'complete', 'error', 'cancelled')`),
    check('messages_feedback_rating_check', sql`${t.feedbackRating} in ('up', 'down')`),
  ],
);

/** One row per model call (chat answers, OpenAI-compatible completions, titles, summaries): the usage ledger. */
export const usageEvents = pgTable(
  'usage_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    assistantId: uuid('assistant_id').references(() => assistants.id, { onDelete: 'set null' }),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'set null' }),
    source: text('source', { enum: ['chat', 'openai', 'title', 'condense', 'summary'] }).notNull(),
    provider: text('provider'),
    model: text('model').notNull(),
    status: text('status').notNull(),
    promptTokens: integer('prompt_tokens').notNull().default(0),
    completionTokens: integer('completion_tokens').notNull().default(0),
    latencyMs: integer('latency_ms'),
    ttftMs: integer('ttft_ms'),
    cached: boolean('cached').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('usage_events_org_created_idx').on(t.organizationId, t.createdAt)],
);
