-- Issue 11: the usage pages read the summed usage_aggregates (partial rows per batch) since 0db765d;
-- usage_daily (rows upserted by every concurrent batch of an account) and its stats_applied_at marker
-- are no longer read or written: dropped (tables no longer used, not a change of one in use).
-- carried / day_carried: pieces of records crossing midnight, so a month (rtv-cny) counts such a record once.
ALTER TABLE "usage_daily" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "usage_daily" CASCADE;--> statement-breakpoint
DROP INDEX "usage_batches_stats_pending_idx";--> statement-breakpoint
ALTER TABLE "usage_aggregates" ADD COLUMN "carried" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "usage_aggregates" ADD COLUMN "day_carried" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "usage_batches" DROP COLUMN "stats_applied_at";