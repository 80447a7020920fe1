-- pgvector for embeddings (knowledge), pgcrypto-free uuids come from core gen_random_uuid().
CREATE EXTENSION IF NOT EXISTS vector;
