ALTER TABLE "assistants" ADD COLUMN "widget" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "source" text DEFAULT 'app' NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "visitor_hash" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "page_urls" jsonb;--> statement-breakpoint
CREATE INDEX "conversations_visitor_idx" ON "conversations" USING btree ("assistant_id","visitor_hash");--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_source_check" CHECK ("conversations"."source" in ('app', 'api', 'widget'));--> statement-breakpoint
-- Conversations started through an API key before sources existed were started by programs.
UPDATE "conversations" SET "source" = 'api' WHERE "user_id" IS NULL;
