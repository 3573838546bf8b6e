-- Issue 11 (settlement from aggregates): the window and sample arrays of usage_aggregates stored
-- inline and uncompressed (STORAGE PLAIN). A compacted row holds up to 288 windows (bigint
-- seconds: 2.3 kB), which put the row over the 2 kB TOAST threshold, so PostgreSQL compressed
-- window_seconds with pglz; a settlement slicing the first windows of a day's 5,000 compacted
-- rows then decompressed every one (15 ms of a 1M-record day's 40 ms read). A row stays
-- under 3.1 kB (288 smallint windows, 288 bigint seconds, 5 samples), well inside a page, so
-- PLAIN cannot make a row too big. Rows already stored stay as they are until compaction
-- rewrites them. Custom migration: drizzle-kit does not model column storage; the snapshot is
-- unchanged. ALTER TABLE on the partitioned table sets every existing partition.
ALTER TABLE "usage_aggregates" ALTER COLUMN "windows" SET STORAGE PLAIN, ALTER COLUMN "window_seconds" SET STORAGE PLAIN, ALTER COLUMN "samples" SET STORAGE PLAIN;--> statement-breakpoint
-- Partitions created later (lib/usage/partitions.ts) copy the parent's storage: the function of
-- migration 0014 with INCLUDING STORAGE added, nothing else changed.
CREATE OR REPLACE FUNCTION usage_month_partition(p_table text, p_month date) RETURNS boolean LANGUAGE plpgsql AS $$
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
  EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE)', part, p_table);
  IF to_regclass(dflt) IS NOT NULL THEN
    EXECUTE format('WITH moved AS (DELETE FROM %I WHERE local_day >= %L AND local_day < %L RETURNING *) INSERT INTO %I SELECT * FROM moved', dflt, m, n, part);
  END IF;
  EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', p_table, part, m, n);
  RETURN true;
END;
$$;
