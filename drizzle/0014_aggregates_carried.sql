ALTER TABLE "usage_aggregates" ADD COLUMN "carried" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "usage_aggregates" ADD COLUMN "day_carried" integer DEFAULT 0 NOT NULL;