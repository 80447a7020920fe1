// The shapes that flow through ingestion: a parser turns bytes into a ParsedDocument (ordered,
// structured blocks in logical reading order), the chunker turns that into Chunks that keep what a
// citation needs (page, heading path, character offsets into the document's plain text).
import type { DocumentErrorCode } from '@parley/contracts';

export const sourceKinds = ['pdf', 'docx', 'html', 'markdown', 'txt', 'csv'] as const;
export type SourceKind = (typeof sourceKinds)[number];

export type BlockKind = 'heading' | 'paragraph' | 'list' | 'table' | 'code' | 'row';

export interface Block {
  readonly kind: BlockKind;
  /** Plain text in logical order (right-to-left scripts as typed, not as displayed). */
  readonly text: string;
  /** Heading level 1–6, for `heading` blocks. */
  readonly level?: number;
  /** 1-based page number, where the source has pages (PDF). */
  readonly page?: number;
}

export interface ParsedDocument {
  readonly kind: SourceKind;
  /** Title found in the document itself (PDF metadata, <title>, first H1, DOCX core props). */
  readonly title?: string;
  /** Number of pages, for paged sources. */
  readonly pages?: number;
  /** A crawled site's page URLs in crawl order: block page n came from pageUrls[n - 1]. */
  readonly pageUrls?: readonly string[];
  readonly blocks: readonly Block[];
}

/** Why a document is not indexed: the sentence for its owner and the code clients translate it by. */
export interface DocumentFailure {
  readonly code: DocumentErrorCode;
  readonly reason: string;
}

/**
 * A document that cannot be indexed, for good: a reason fit to show its owner ("The PDF is
 * password-protected") and the stable code clients translate it by (`pdf_password`), made together so
 * that they cannot drift apart.
 */
export class DocumentParseError extends Error {
  override readonly name = 'DocumentParseError';
  constructor(
    readonly code: DocumentErrorCode,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
  }
}

export interface Chunk {
  /** 0-based position in the document. */
  readonly index: number;
  readonly text: string;
  readonly tokenCount: number;
  /** First and last page the chunk covers (paged sources). */
  readonly pageStart?: number;
  readonly pageEnd?: number;
  /** Headings above the chunk, outermost first. */
  readonly headingPath: readonly string[];
  /** Offsets of the chunk's text in the document's plain text (blocks joined by "\n\n"). */
  readonly charStart: number;
  readonly charEnd: number;
}
