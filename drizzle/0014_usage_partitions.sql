-- Issue 11 item 3: usage storage partitioned by month (custom migration: drizzle-kit cannot
-- express partitioning; db/schema/usage.ts keeps the same columns, keys and indexes, and
-- drizzle/meta/0014_snapshot.json is what `drizzle-kit generate` makes of it, so a later
-- generate finds no difference). Why the local day, the partitions kept ahead, the default
-- partition and retention: lib/usage/partitions.ts.
--
-- One partition of one usage table for one local month, created if missing. Rows that
-- landed in the table's default partition for that month (none while the job keeps months
-- ahead) are moved into it first, so ATTACH finds the default partition clean. CREATE ...
-- LIKE + ATTACH rather than CREATE ... PARTITION OF: ATTACH takes only SHARE UPDATE
-- EXCLUSIVE on the parent, so concurrent ingest (ROW EXCLUSIVE) keeps going.
CREATE FUNCTION usage_month_partition(p_table text, p_month date) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  m date := date_trunc('month', p_month)::date;
  n date := (date_trunc('month', p_month) + interval '1 month')::date;
  part text := format('%s_p%s', p_table, to_char(m, 'YYYYMM'));
  dflt text := p_table || '_default';
BEGIN
  IF p_table NOT IN ('usage_records', 'usage_aggregates') THEN
    RAISE EXCEPTION 'usage_month_partition: % is not a usage table partitioned by month', p_table;
  END IF;
  IF to_regclass(part) IS NOT NULL THEN
    RETURN false;
  END IF;
  EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part, p_table);
  IF to_regclass(dflt) IS NOT NULL THEN
    EXECUTE format('WITH moved AS (DELETE FROM %I WHERE local_day >= %L AND local_day < %L RETURNING *) INSERT INTO %I SELECT * FROM moved', dflt, m, n, part);
  END IF;
  EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', p_table, part, m, n);
  RETURN true;
END;
$$;
--> statement-breakpoint
-- Every usage table's partitions for `p_months` local months from `p_from`, and for the
-- months found in a default partition; serialised by an advisory lock (several workers,
-- a start and the job may call it at once). Returns the number of partitions created.
CREATE FUNCTION usage_partitions_ensure(p_from date, p_months integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  t text;
  m date;
  created integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('usage-partitions', 0));
  FOREACH t IN ARRAY ARRAY['usage_records', 'usage_aggregates'] LOOP
    FOR m IN SELECT generate_series(date_trunc('month', p_from), date_trunc('month', p_from) + make_interval(months => p_months - 1), interval '1 month')::date LOOP
      IF usage_month_partition(t, m) THEN created := created + 1; END IF;
    END LOOP;
    IF to_regclass(t || '_default') IS NOT NULL THEN
      FOR m IN EXECUTE format('SELECT DISTINCT date_trunc(''month'', local_day)::date FROM %I', t || '_default') LOOP
        IF usage_month_partition(t, m) THEN created := created + 1; END IF;
      END LOOP;
    END IF;
  END LOOP;
  RETURN created;
END;
$$;
--> statement-breakpoint
-- usage_records: the partitioned table takes the old one's name, identity sequence (same
-- name and position: ids keep rising, watermarks stay valid), keys and indexes.
ALTER TABLE "usage_records" RENAME TO "usage_records_unpartitioned";--> statement-breakpoint
ALTER SEQUENCE "usage_records_id_seq" RENAME TO "usage_records_unpartitioned_id_seq";--> statement-breakpoint
ALTER TABLE "usage_records_unpartitioned" DROP CONSTRAINT "usage_records_pkey";--> statement-breakpoint
DROP INDEX "usage_records_account_day_idx";--> statement-breakpoint
DROP INDEX "usage_records_app_start_idx";--> statement-breakpoint
DROP INDEX "usage_records_unbatched_idx";--> statement-breakpoint
CREATE TABLE "usage_records" (
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "usage_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1) NOT NULL,
	"account_id" uuid NOT NULL,
	"sdk_app_id" bigint NOT NULL,
	"batch_id" uuid,
	"type" text NOT NULL,
	"start" timestamp with time zone NOT NULL,
	"local_day" date NOT NULL,
	"seconds" integer,
	"record" jsonb NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "usage_records_pkey" PRIMARY KEY("account_id","id","local_day")
) PARTITION BY RANGE ("local_day");
--> statement-breakpoint
SELECT setval('usage_records_id_seq', last_value, is_called) FROM "usage_records_unpartitioned_id_seq";--> statement-breakpoint
ALTER TABLE "usage_records" ADD CONSTRAINT "usage_records_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "usage_records_id_idx" ON "usage_records" USING btree ("id");--> statement-breakpoint
CREATE INDEX "usage_records_account_day_idx" ON "usage_records" USING btree ("account_id","local_day");--> statement-breakpoint
CREATE INDEX "usage_records_app_start_idx" ON "usage_records" USING btree ("sdk_app_id","start");--> statement-breakpoint
CREATE INDEX "usage_records_unbatched_idx" ON "usage_records" USING btree ("account_id") WHERE batch_id is null;--> statement-breakpoint
CREATE TABLE "usage_records_default" PARTITION OF "usage_records" DEFAULT;--> statement-breakpoint
-- usage_aggregates: same partitioning (no keys of its own: append-only partial rows).
ALTER TABLE "usage_aggregates" RENAME TO "usage_aggregates_unpartitioned";--> statement-breakpoint
DROP INDEX "usage_aggregates_account_day_idx";--> statement-breakpoint
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
) PARTITION BY RANGE ("local_day");
--> statement-breakpoint
CREATE INDEX "usage_aggregates_account_day_idx" ON "usage_aggregates" USING btree ("account_id","local_day");--> statement-breakpoint
CREATE TABLE "usage_aggregates_default" PARTITION OF "usage_aggregates" DEFAULT;--> statement-breakpoint
-- A partition for every month that has rows, and the months around today (Asia/Shanghai),
-- before the rows move, so they go straight to their month.
SELECT usage_month_partition('usage_records', m) FROM (SELECT DISTINCT date_trunc('month', local_day)::date AS m FROM "usage_records_unpartitioned") x;--> statement-breakpoint
SELECT usage_month_partition('usage_aggregates', m) FROM (SELECT DISTINCT date_trunc('month', local_day)::date AS m FROM "usage_aggregates_unpartitioned") x;--> statement-breakpoint
SELECT usage_partitions_ensure((date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') - interval '1 month')::date, 5);--> statement-breakpoint
INSERT INTO "usage_records" OVERRIDING SYSTEM VALUE
  SELECT "id", "account_id", "sdk_app_id", "batch_id", "type", "start", "local_day", "seconds", "record", "received_at" FROM "usage_records_unpartitioned";--> statement-breakpoint
INSERT INTO "usage_aggregates"
  SELECT "account_id", "local_day", "sdk_app_id", "item", "batch_id", "through_id", "seconds", "quantity", "peak_kbps", "records", "day_records", "windows", "window_seconds", "samples" FROM "usage_aggregates_unpartitioned";--> statement-breakpoint
DROP TABLE "usage_records_unpartitioned";--> statement-breakpoint
DROP TABLE "usage_aggregates_unpartitioned";--> statement-breakpoint
-- Keys lead with the account (issue 11 item 4).
ALTER TABLE "usage_batches" DROP CONSTRAINT "usage_batches_pkey";--> statement-breakpoint
ALTER TABLE "usage_batches" ADD CONSTRAINT "usage_batches_pkey" PRIMARY KEY("account_id","id");--> statement-breakpoint
-- The maintenance lane (lib/jobs/system-lane.ts): the account-less jobs (usage partitions
-- ahead, retention) are planned through the same due index as every account's, due now.
INSERT INTO job_planner_state (account_id, next_due_at, updated_at) VALUES ('00000000-0000-0000-0000-000000000000', now(), now())
  ON CONFLICT (account_id) DO UPDATE SET next_due_at = now();
