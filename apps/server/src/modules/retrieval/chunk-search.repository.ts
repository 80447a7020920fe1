// The SQL of retrieval over one assistant's chunks. Every query filters on the assistant, which the
// service has resolved through the caller's tenant scope, so retrieval never crosses assistants.
//
// The CTEs are MATERIALIZED on purpose: inlined, the document-frequency subquery would run once per
// (candidate, term) row instead of once per query term.
//
// Full text is ranked with Okapi BM25 (k1 1.2, b 0.75) computed in SQL from the tsvector's positions,
// not with ts_rank (which has no inverse document frequency). Candidates come from the GIN index (any
// query term), are cut to the best CANDIDATES by ts_rank, then scored. Document frequencies come
// from the same index, N and the average chunk length from the documents table.
//
// Vectors are searched exactly (a sequential scan of the assistant's chunks, ordered by cosine
// distance). See docs/architecture.md#vector-index for why and for the thresholds.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { pgArrayLiteral, vectorLiteral } from '../../db/sql-literals.js';
import { fullTextConfigFor } from '../../ingestion/search-normalizer.js';

const K1 = 1.2;
const B = 0.75;
const CANDIDATES = 2000;

export interface RankedChunk {
  readonly id: string;
  readonly score: number;
}

export interface ChunkDetails {
  readonly id: string;
  readonly documentId: string;
  readonly documentTitle: string;
  /** The web page the chunk came from (a crawled site's page, or the document's URL); null for files. */
  readonly documentUrl: string | null;
  readonly text: string;
  readonly pageStart: number | null;
  readonly headingPath: string[];
  readonly charStart: number;
  readonly charEnd: number;
}

export class ChunkSearchRepository {
  constructor(private readonly db: Db) {}

  /**
   * Text search configurations of the assistant's chunks. Each chunk is indexed with its document's
   * language's configuration, so the documents table (far smaller than the chunks) answers.
   */
  async configs(assistantId: string): Promise<string[]> {
    const rows = await queryRows<{ language: string }>(
      this.db,
      sql`select distinct language from documents where assistant_id = ${assistantId} and language is not null`,
    );
    return [...new Set(rows.map((r) => fullTextConfigFor(r.language)))];
  }

  async bm25(assistantId: string, queryText: string, configs: readonly string[], limit: number): Promise<RankedChunk[]> {
    if (configs.length === 0 || !queryText.trim()) return [];
    const rows = await queryRows<{ id: string; score: number }>(
      this.db,
      sql`
      with q as materialized (
        select distinct c.cfg, t.lexeme
        from unnest(${pgArrayLiteral(configs)}::text[]) as c(cfg),
             lateral unnest(to_tsvector(c.cfg::regconfig, ${queryText})) as t
      ),
      stats as materialized (
        select greatest(sum(chunk_count), 1)::float8 as n,
               greatest(sum(term_count)::float8 / greatest(sum(chunk_count), 1), 1) as avgdl
        from documents where assistant_id = ${assistantId} and status = 'indexed'
      ),
      tsq as materialized (
        select cfg, string_agg(quote_literal(lexeme), ' | ')::tsquery as query from q group by cfg
      ),
      df as materialized (
        select q.cfg, q.lexeme,
               (select count(*) from chunks c
                 where c.assistant_id = ${assistantId} and c.ts_config = q.cfg
                   and c.tsv @@ quote_literal(q.lexeme)::tsquery)::float8 as df
        from q
      ),
      cand as materialized (
        select c.id, c.tsv, c.ts_config, c.term_count
        from chunks c join tsq on tsq.cfg = c.ts_config
        where c.assistant_id = ${assistantId} and c.tsv @@ tsq.query
        order by ts_rank(c.tsv, tsq.query) desc
        limit ${sql.raw(String(CANDIDATES))}
      )
      select cand.id,
             sum(ln(1 + (stats.n - df.df + 0.5) / (df.df + 0.5))
                 * (u.tf * ${sql.raw(String(K1 + 1))}) / (u.tf + ${sql.raw(String(K1))} * (1 - ${sql.raw(String(B))} + ${sql.raw(String(B))} * cand.term_count / stats.avgdl)))::float8 as score
      from cand
      cross join stats
      cross join lateral (
        select v.lexeme, coalesce(array_length(v.positions, 1), 1)::float8 as tf from unnest(cand.tsv) v
      ) u
      join df on df.cfg = cand.ts_config and df.lexeme = u.lexeme
      group by cand.id
      order by score desc, cand.id
      limit ${limit}
    `,
    );
    return rows.map((r) => ({ id: r.id, score: Number(r.score) }));
  }

  async nearest(assistantId: string, embeddingModel: string, vector: readonly number[], limit: number): Promise<RankedChunk[]> {
    const literal = vectorLiteral(vector);
    const rows = await queryRows<{ id: string; distance: number }>(
      this.db,
      sql`
      select id, (embedding <=> ${literal}::vector)::float8 as distance
      from chunks
      where assistant_id = ${assistantId} and embedding_model = ${embeddingModel}
      order by distance, id
      limit ${limit}
    `,
    );
    return rows.map((r) => ({ id: r.id, score: 1 - Number(r.distance) }));
  }

  /** Whether the assistant has any searchable chunk. */
  async hasChunks(assistantId: string): Promise<boolean> {
    const rows = await queryRows<{ found: boolean }>(
      this.db,
      sql`select exists (select 1 from chunks where assistant_id = ${assistantId}) as found`,
    );
    return rows[0]?.found === true;
  }

  async details(assistantId: string, ids: readonly string[]): Promise<Map<string, ChunkDetails>> {
    if (ids.length === 0) return new Map();
    const rows = await queryRows<{
      id: string;
      document_id: string;
      title: string;
      url: string | null;
      text: string;
      page_start: number | null;
      heading_path: string[] | string;
      char_start: number;
      char_end: number;
    }>(
      this.db,
      sql`
      select c.id, c.document_id, d.title, c.text, c.page_start, c.heading_path, c.char_start, c.char_end,
        case when d.source_type = 'url'
          then coalesce(d.page_urls ->> (c.page_start - 1), d.source_name)
        end as url
      from chunks c join documents d on d.id = c.document_id
      where c.assistant_id = ${assistantId} and c.id = any(${pgArrayLiteral(ids)}::uuid[])
    `,
    );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          documentId: r.document_id,
          documentTitle: r.title,
          documentUrl: r.url,
          text: r.text,
          pageStart: r.page_start,
          headingPath: typeof r.heading_path === 'string' ? (JSON.parse(r.heading_path) as string[]) : r.heading_path,
          charStart: r.char_start,
          charEnd: r.char_end,
        },
      ]),
    );
  }
}
