CREATE TABLE "usage_aggregates" (
	"account_id" uuid NOT NULL,
	"local_day" date NOT NULL,
	"sdk_app_id" bigint NOT NULL,
	"item" text NOT NULL,
	"batch_id" uuid,
	"through_id" bigint NOT NULL,
	"seconds" bigint DEFAULT 0 NOT NULL,
	"quantity" bigint DEFAULT 0 NOT NULL,
	"peak_kbps" numeric DEFAULT 0 NOT NULL,
	"records" integer DEFAULT 0 NOT NULL,
	"day_records" integer DEFAULT 0 NOT NULL,
	"windows" smallint[] NOT NULL,
	"window_seconds" bigint[] NOT NULL,
	"samples" bigint[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "usage_batches" ADD COLUMN "aggregated_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "usage_aggregates_account_day_idx" ON "usage_aggregates" USING btree ("account_id","local_day");--> statement-breakpoint
CREATE INDEX "usage_batches_aggregates_pending_idx" ON "usage_batches" USING btree ("account_id") WHERE aggregated_at is null;--> statement-breakpoint
CREATE INDEX "usage_records_unbatched_idx" ON "usage_records" USING btree ("account_id") WHERE batch_id is null;