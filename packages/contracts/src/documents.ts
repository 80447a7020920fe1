// Knowledge documents of an assistant: uploaded files, text pushed by programs and crawled web sites,
// and the search over their indexed passages.
import { z } from 'zod';
import { isoDateSchema } from './common.js';

export const documentStatusSchema = z.enum(['queued', 'processing', 'indexed', 'failed']);
export type DocumentStatus = z.infer<typeof documentStatusSchema>;

export const documentKindSchema = z.enum(['pdf', 'docx', 'html', 'markdown', 'txt', 'csv', 'website']);

/**
 * Why a document is not indexed, as a stable code a client can translate; `error` keeps the English
 * sentence, whose details (a limit, a URL, an upstream message) the code leaves out.
 */
export const documentErrorCodes = [
  // The file
  /** "The PDF is password-protected" */
  'pdf_password',
  /** "The PDF is damaged or incomplete" */
  'pdf_damaged',
  /** "The PDF has no text layer (scanned images need OCR, which is not enabled)" */
  'pdf_no_text',
  /** "The Word document is damaged or is not a .docx file" */
  'docx_damaged',
  /** "This ZIP file is not a Word document" */
  'zip_not_docx',
  /** "This is an old-format Office file (.doc, .xls, .ppt) or a password-protected one: …" */
  'old_office_format',
  /** "The file is an image: reading text from images needs OCR, which is not enabled" */
  'image_file',
  /** "RTF files are not supported: …" */
  'rtf_unsupported',
  /** "The file is not a supported document type: it looks like binary data" */
  'unsupported_type',
  /** "The file is empty" */
  'empty_file',
  /** "No text could be extracted from the file" */
  'no_text',
  /** "The CSV file has no rows" */
  'csv_empty',
  /** "The CSV file is malformed: <what and where>" */
  'csv_malformed',
  /** "<what unpacks to how much>; it looks like a zip bomb" */
  'zip_bomb',
  /** "The file is larger than the <n> MB upload limit" */
  'too_large',
  /** "The uploaded file is missing from storage; upload it again", "The document has no stored content" */
  'content_missing',
  // Web pages
  /** "Nothing could be read from <url> (<why>)" */
  'crawl_nothing_read',
  /** The start address cannot be fetched: not http(s), or with a user name or password in it */
  'crawl_invalid_url',
  /** "Fetching private, loopback or link-local addresses is not allowed (…)", and cloud metadata endpoints */
  'crawl_blocked_address',
  /** "Could not find the host <host>…" */
  'crawl_dns_failed',
  /** Any other reason the crawl stopped before its first page */
  'crawl_failed',
  // Indexing
  /** "The embedding service refused the request: <its message>" */
  'embedding_refused',
  /** "Indexing failed after <n> attempts: <last error>" */
  'retries_exhausted',
  /** Not a failure: back in the queue after a temporary error, "Retrying after a temporary error: <error>" */
  'retrying',
  /** Something unexpected, "The file could not be read: <error>" */
  'internal_error',
] as const;
export type DocumentErrorCode = (typeof documentErrorCodes)[number];

export const crawlOptionsSchema = z.strictObject({
  maxDepth: z.number().int().min(0).max(5).default(2).describe('Link depth from the start page (0 = the page only)'),
  maxPages: z.number().int().min(1).max(1000).default(50),
  sameSite: z.boolean().default(true).describe('Keep to the start page’s host'),
});
export type CrawlOptions = z.infer<typeof crawlOptionsSchema>;

const httpUrl = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .describe('An http(s) URL');

/**
 * JSON body of POST /assistants/:id/documents: `{title, text}` (content pushed by a program; larger
 * texts go as a multipart file) or `{url, title?, crawl?}` (a web page, or a site to crawl).
 * One object rather than a union, so that every problem is reported on its own field.
 */
export const createDocumentBodySchema = z
  .strictObject({
    title: z.string().trim().min(1).max(300).optional().describe('Required with `text`'),
    text: z.string().min(1).max(1_000_000).optional().describe('Plain text or Markdown; up to 1,000,000 characters'),
    url: httpUrl.optional(),
    crawl: crawlOptionsSchema.optional().describe('Crawl the site from `url`; without it only the page itself is fetched'),
  })
  .superRefine((b, ctx) => {
    if (b.url !== undefined) {
      if (b.text !== undefined) ctx.addIssue({ code: 'custom', path: ['text'], message: 'send either text or url, not both' });
      return;
    }
    if (b.crawl !== undefined) ctx.addIssue({ code: 'custom', path: ['url'], message: 'crawl needs a url' });
    if (b.text === undefined) ctx.addIssue({ code: 'custom', path: ['text'], message: 'text (with a title) or url is required' });
    if (b.title === undefined) ctx.addIssue({ code: 'custom', path: ['title'], message: 'a title is required with text' });
  });
export type CreateDocumentBody = z.output<typeof createDocumentBodySchema>;

export const documentSourceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('file'), filename: z.string(), mimeType: z.string().nullable(), sizeBytes: z.number().int() }),
  z.object({ type: z.literal('text'), sizeBytes: z.number().int() }),
  z.object({ type: z.literal('url'), url: z.string(), crawl: crawlOptionsSchema.nullable() }),
]);

export const documentSchema = z.object({
  id: z.uuid(),
  assistantId: z.uuid(),
  title: z.string(),
  source: documentSourceSchema,
  kind: documentKindSchema.nullable().describe('Detected content type; null until parsed'),
  status: documentStatusSchema,
  progress: z.number().min(0).max(1),
  error: z.string().nullable().describe('Why the document failed, in words for its owner'),
  errorCode: z
    .string()
    .nullable()
    .describe(
      `Why the document failed, as a stable code to translate (\`error\` has the details); null while nothing went wrong. One of: ${documentErrorCodes.join(', ')}`,
    ),
  chunkCount: z.number().int(),
  pages: z.number().int().nullable(),
  language: z.string().nullable(),
  contentHash: z.string(),
  deduplicated: z.boolean().optional().describe('True when the same content was already in this assistant: this is that document'),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
  indexedAt: isoDateSchema.nullable(),
});
export type DocumentDto = z.infer<typeof documentSchema>;

export const documentParamsSchema = z.strictObject({ id: z.uuid(), docId: z.uuid() });

export const listDocumentsQuerySchema = z.strictObject({
  status: documentStatusSchema.optional(),
  q: z.string().max(200).optional().describe('Filter by title'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export const documentListSchema = z.object({ items: z.array(documentSchema), total: z.number().int() });

/** Server-sent event payloads on GET /assistants/:id/documents/events. */
export const documentEventSchema = z.object({
  type: z.enum(['document.updated', 'document.deleted']),
  document: documentSchema.pick({ id: true, status: true, progress: true, error: true, errorCode: true, chunkCount: true, title: true }),
});
export type DocumentEvent = z.infer<typeof documentEventSchema>;

export const searchModeSchema = z.enum(['hybrid', 'vector', 'text']);
export type SearchMode = z.infer<typeof searchModeSchema>;

export const searchBodySchema = z.strictObject({
  query: z.string().trim().min(1).max(2000),
  topK: z.number().int().min(1).max(50).optional().describe('Default: the assistant’s retrieval topK'),
  mode: searchModeSchema.optional().describe('Default: the assistant’s retrieval mode'),
  rerank: z.boolean().optional().describe('Rerank with the configured reranker (default: when one is configured)'),
});

export const searchResultSchema = z.object({
  documentId: z.uuid(),
  documentTitle: z.string(),
  documentUrl: z.string().nullable().describe('The web page the chunk came from, for documents added from a URL or a crawl'),
  chunkId: z.uuid(),
  text: z.string(),
  score: z.number(),
  page: z.number().int().nullable(),
  headingPath: z.array(z.string()),
  charStart: z.number().int(),
  charEnd: z.number().int(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const searchResponseSchema = z.object({
  mode: searchModeSchema,
  embeddingModel: z.string().nullable().describe('Model that embedded the query (vector and hybrid modes)'),
  reranked: z.boolean(),
  results: z.array(searchResultSchema),
});

export const listChunksQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** One indexed passage of a document, as the chunker cut it. */
export const documentChunkSchema = z.object({
  id: z.uuid(),
  ordinal: z.number().int().describe('Position in the document, from 0'),
  page: z.number().int().nullable().describe('First page the passage is on (paged formats)'),
  pageEnd: z.number().int().nullable().describe('Last page the passage is on'),
  headingPath: z.array(z.string()).describe('The headings the passage sits under, outermost first'),
  content: z.string(),
  tokens: z.number().int(),
  charStart: z.number().int().describe("Offset of the passage in the document's extracted text"),
  charEnd: z.number().int(),
});
export type DocumentChunk = z.infer<typeof documentChunkSchema>;

export const documentChunkListSchema = z.object({ items: z.array(documentChunkSchema), total: z.number().int() });
