-- Issue 11: the usage pages read the summed usage_aggregates (partial rows per batch) since 0db765d;
-- usage_daily (rows upserted by every concurrent batch) and its stats_applied_at marker are no longer
-- read or written by anything: dropped (a table no longer used, not a change of one in use).
ALTER TABLE "usage_daily" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "usage_daily" CASCADE;--> statement-breakpoint
DROP INDEX "usage_batches_stats_pending_idx";--> statement-breakpoint
ALTER TABLE "usage_batches" DROP COLUMN "stats_applied_at";