CREATE TABLE "job_planner_cursors" (
	"name" text PRIMARY KEY NOT NULL,
	"through" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "job_planner_state" ADD COLUMN "next_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "job_planner_state" ADD COLUMN "change_seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "job_planner_state_due_idx" ON "job_planner_state" USING btree ("next_due_at");--> statement-breakpoint
CREATE INDEX "jobs_lease_idx" ON "jobs" USING btree ("lease_until") WHERE status = 'running';--> statement-breakpoint
-- The due index is written when something the planner reads changes (lib/jobs/schedule.ts):
-- the account becomes due now, and the loop re-plans it and writes its true next due instant.
CREATE FUNCTION job_planner_touch(a uuid) RETURNS void LANGUAGE sql AS $$
  INSERT INTO job_planner_state (account_id, next_due_at, change_seq, updated_at) VALUES (a, now(), 1, now())
  ON CONFLICT (account_id) DO UPDATE SET next_due_at = least(job_planner_state.next_due_at, now()), change_seq = job_planner_state.change_seq + 1, updated_at = now();
$$;
--> statement-breakpoint
CREATE FUNCTION job_planner_touch_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM job_planner_touch(OLD.account_id);
    RETURN OLD;
  END IF;
  IF TG_TABLE_NAME = 'accounts' THEN
    PERFORM job_planner_touch(NEW.id);
  ELSE
    PERFORM job_planner_touch(NEW.account_id);
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER accounts_planner_insert AFTER INSERT ON accounts FOR EACH ROW EXECUTE FUNCTION job_planner_touch_row();
--> statement-breakpoint
CREATE TRIGGER accounts_planner_update AFTER UPDATE ON accounts FOR EACH ROW
  WHEN ((OLD.status, OLD.suspension_reason, OLD.overdue_since, OLD.suspended_at, OLD.below_threshold_since, OLD.registered_at, OLD.price_book_id, OLD.monthly_free_minutes)
    IS DISTINCT FROM (NEW.status, NEW.suspension_reason, NEW.overdue_since, NEW.suspended_at, NEW.below_threshold_since, NEW.registered_at, NEW.price_book_id, NEW.monthly_free_minutes))
  EXECUTE FUNCTION job_planner_touch_row();
--> statement-breakpoint
CREATE TRIGGER packages_planner_insert AFTER INSERT OR DELETE ON packages FOR EACH ROW EXECUTE FUNCTION job_planner_touch_row();
--> statement-breakpoint
CREATE TRIGGER packages_planner_update AFTER UPDATE ON packages FOR EACH ROW
  WHEN ((OLD.account_id, OLD.status, OLD.valid_from, OLD.valid_to) IS DISTINCT FROM (NEW.account_id, NEW.status, NEW.valid_from, NEW.valid_to))
  EXECUTE FUNCTION job_planner_touch_row();
--> statement-breakpoint
CREATE TRIGGER free_minute_grants_planner AFTER INSERT OR DELETE ON free_minute_grants FOR EACH ROW EXECUTE FUNCTION job_planner_touch_row();
--> statement-breakpoint
CREATE TRIGGER test_clocks_planner AFTER INSERT OR DELETE ON test_clocks FOR EACH ROW EXECUTE FUNCTION job_planner_touch_row();
--> statement-breakpoint
CREATE TRIGGER jobs_planner_requeued AFTER UPDATE ON jobs FOR EACH ROW
  WHEN (NEW.status = 'pending' AND OLD.status <> 'pending' AND NEW.account_id IS NOT NULL)
  EXECUTE FUNCTION job_planner_touch_row();
--> statement-breakpoint
-- Every existing account is planned once by the loop, which then writes its next due instant.
INSERT INTO job_planner_state (account_id, next_due_at, updated_at) SELECT id, now(), now() FROM accounts
  ON CONFLICT (account_id) DO UPDATE SET next_due_at = now();
