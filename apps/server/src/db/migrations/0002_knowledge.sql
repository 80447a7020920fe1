CREATE TABLE "chunks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"assistant_id" uuid NOT NULL,
	"ordinal" integer NOT NULL,
	"text" text NOT NULL,
	"token_count" integer NOT NULL,
	"page_start" integer,
	"page_end" integer,
	"heading_path" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"char_start" integer NOT NULL,
	"char_end" integer NOT NULL,
	"ts_config" text NOT NULL,
	"term_count" integer NOT NULL,
	"tsv" "tsvector" NOT NULL,
	"embedding_model" text,
	"embedding" vector
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"assistant_id" uuid NOT NULL,
	"title" text NOT NULL,
	"source_type" text NOT NULL,
	"source_name" text,
	"mime_type" text,
	"size_bytes" bigint DEFAULT 0 NOT NULL,
	"crawl" jsonb,
	"content_hash" text NOT NULL,
	"blob_key" text,
	"kind" text,
	"status" text DEFAULT 'queued' NOT NULL,
	"progress" real DEFAULT 0 NOT NULL,
	"error" text,
	"chunk_count" integer DEFAULT 0 NOT NULL,
	"term_count" bigint DEFAULT 0 NOT NULL,
	"pages" integer,
	"language" text,
	"embedding_model" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"lease_expires_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"indexed_at" timestamp with time zone,
	CONSTRAINT "documents_status_check" CHECK ("documents"."status" in ('queued', 'processing', 'indexed', 'failed')),
	CONSTRAINT "documents_source_type_check" CHECK ("documents"."source_type" in ('file', 'text', 'url'))
);
--> statement-breakpoint
ALTER TABLE "assistants" ADD COLUMN "embedding_model" text;--> statement-breakpoint
ALTER TABLE "chunks" ADD CONSTRAINT "chunks_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_assistant_id_assistants_id_fk" FOREIGN KEY ("assistant_id") REFERENCES "public"."assistants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "chunks_document_ordinal_key" ON "chunks" USING btree ("document_id","ordinal");--> statement-breakpoint
CREATE INDEX "chunks_assistant_idx" ON "chunks" USING btree ("assistant_id");--> statement-breakpoint
CREATE INDEX "chunks_tsv_idx" ON "chunks" USING gin ("tsv");--> statement-breakpoint
CREATE INDEX "documents_assistant_created_idx" ON "documents" USING btree ("assistant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_assistant_hash_key" ON "documents" USING btree ("assistant_id","content_hash");--> statement-breakpoint
CREATE INDEX "documents_status_idx" ON "documents" USING btree ("status");