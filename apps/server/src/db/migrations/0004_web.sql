ALTER TABLE "messages" ADD COLUMN "feedback_rating" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "feedback_comment" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "feedback_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_feedback_rating_check" CHECK ("messages"."feedback_rating" in ('up', 'down'));