-- Issue 11 item 4: ready to shard by account. Every tenant table's primary key and unique
-- indexes lead with account_id and foreign keys between tenant tables carry it, so the schema
-- distributes on Citus by account_id unchanged (docs/scale-out.md; checked from pg_catalog by
-- tests/schema-shard-keys.int.test.ts, which lists the global tables and why). Custom
-- migration: drizzle-kit cannot drop a primary key by name; db/schema/* declares the same
-- keys and drizzle/meta/0015_snapshot.json is what `drizzle-kit generate` makes of them.
--
-- Foreign keys that depend on the single-column keys go first.
ALTER TABLE "packages" DROP CONSTRAINT "packages_application_id_applications_id_fk";--> statement-breakpoint
ALTER TABLE "bill_lines" DROP CONSTRAINT "bill_lines_bill_id_bills_id_fk";--> statement-breakpoint
ALTER TABLE "entitlement_deductions" DROP CONSTRAINT "entitlement_deductions_bill_id_bills_id_fk";--> statement-breakpoint
ALTER TABLE "notice_deliveries" DROP CONSTRAINT "notice_deliveries_notification_id_notifications_id_fk";--> statement-breakpoint
ALTER TABLE "notice_deliveries" DROP CONSTRAINT "notice_deliveries_endpoint_id_webhook_endpoints_id_fk";--> statement-breakpoint
ALTER TABLE "notice_delivery_attempts" DROP CONSTRAINT "notice_delivery_attempts_delivery_id_notice_deliveries_id_fk";--> statement-breakpoint
-- users is global (sign-in by email, admins without an account): a global table cannot point at a distributed one.
ALTER TABLE "users" DROP CONSTRAINT "users_account_id_accounts_id_fk";--> statement-breakpoint
-- Rows about no account get the reserved id (NO_ACCOUNT_ID, db/schema/accounts.ts): the account column is never null.
UPDATE "jobs" SET "account_id" = '00000000-0000-0000-0000-000000000000' WHERE "account_id" IS NULL;--> statement-breakpoint
UPDATE "job_runs" SET "account_id" = '00000000-0000-0000-0000-000000000000' WHERE "account_id" IS NULL;--> statement-breakpoint
UPDATE "audit_log" SET "account_id" = '00000000-0000-0000-0000-000000000000' WHERE "account_id" IS NULL;--> statement-breakpoint
ALTER TABLE "jobs" ALTER COLUMN "account_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "job_runs" ALTER COLUMN "account_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "account_id" SET NOT NULL;--> statement-breakpoint
-- Primary keys (account_id, id).
ALTER TABLE "account_status_history" DROP CONSTRAINT "account_status_history_pkey", ADD CONSTRAINT "account_status_history_pkey" PRIMARY KEY("account_id","id");--> statement-breakpoint
ALTER TABLE "applications" DROP CONSTRAINT "applications_pkey", ADD CONSTRAINT "applications_pkey" PRIMARY KEY("account_id","id");--> statement-breakpoint
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_pkey", ADD CONSTRAINT "ledger_entries_pkey" PRIMARY KEY("account_id","id");--> statement-breakpoint
ALTER TABLE "packages" DROP CONSTRAINT "packages_pkey", ADD CONSTRAINT "packages_pkey" PRIMARY KEY("account_id","id");--> statement-breakpoint
ALTER TABLE "free_minute_grants" DROP CONSTRAINT "free_minute_grants_pkey", ADD CONSTRAINT "free_minute_grants_pkey" PRIMARY KEY("account_id","id");--> statement-breakpoint
ALTER TABLE "refund_requests" DROP CONSTRAINT "refund_requests_pkey", ADD CONSTRAINT "refund_requests_pkey" PRIMARY KEY("account_id","id");--> statement-breakpoint
ALTER TABLE "bills" DROP CONSTRAINT "bills_pkey", ADD CONSTRAINT "bills_pkey" PRIMARY KEY("account_id","id");--> statement-breakpoint
ALTER TABLE "bill_lines" DROP CONSTRAINT "bill_lines_pkey", ADD CONSTRAINT "bill_lines_pkey" PRIMARY KEY("account_id","id");--> statement-breakpoint
ALTER TABLE "entitlement_deductions" DROP CONSTRAINT "entitlement_deductions_pkey", ADD CONSTRAINT "entitlement_deductions_pkey" PRIMARY KEY("account_id","id");--> statement-breakpoint
ALTER TABLE "jobs" DROP CONSTRAINT "jobs_pkey", ADD CONSTRAINT "jobs_pkey" PRIMARY KEY("account_id","id");--> statement-breakpoint
ALTER TABLE "job_runs" DROP CONSTRAINT "job_runs_pkey", ADD CONSTRAINT "job_runs_pkey" PRIMARY KEY("account_id","id");--> statement-breakpoint
ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_pkey", ADD CONSTRAINT "audit_log_pkey" PRIMARY KEY("account_id","id");--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_pkey", ADD CONSTRAINT "notifications_pkey" PRIMARY KEY("account_id","id");--> statement-breakpoint
ALTER TABLE "billing_contacts" DROP CONSTRAINT "billing_contacts_pkey", ADD CONSTRAINT "billing_contacts_pkey" PRIMARY KEY("account_id","id");--> statement-breakpoint
ALTER TABLE "webhook_endpoints" DROP CONSTRAINT "webhook_endpoints_pkey", ADD CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY("account_id","id");--> statement-breakpoint
ALTER TABLE "notice_deliveries" DROP CONSTRAINT "notice_deliveries_pkey", ADD CONSTRAINT "notice_deliveries_pkey" PRIMARY KEY("account_id","id");--> statement-breakpoint
ALTER TABLE "notice_delivery_attempts" DROP CONSTRAINT "notice_delivery_attempts_pkey", ADD CONSTRAINT "notice_delivery_attempts_pkey" PRIMARY KEY("account_id","id");--> statement-breakpoint
-- Unique indexes lead with the account. SDKAppIDs stay unique across accounts by their sequence
-- (sdk_app_id_seq); the usage API's lookup by SDKAppID keeps a plain index.
ALTER TABLE "applications" DROP CONSTRAINT "applications_sdk_app_id_unique";--> statement-breakpoint
CREATE UNIQUE INDEX "applications_sdk_app_id_uq" ON "applications" USING btree ("account_id","sdk_app_id");--> statement-breakpoint
CREATE INDEX "applications_sdk_app_idx" ON "applications" USING btree ("sdk_app_id");--> statement-breakpoint
DROP INDEX "packages_one_active_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "packages_one_active_uq" ON "packages" USING btree ("account_id","application_id","product") WHERE status = 'active' and product <> 'universal';--> statement-breakpoint
DROP INDEX "packages_one_queued_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "packages_one_queued_uq" ON "packages" USING btree ("account_id","application_id","product") WHERE status = 'queued' and product <> 'universal';--> statement-breakpoint
DROP INDEX "refund_requests_one_approved_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "refund_requests_one_approved_uq" ON "refund_requests" USING btree ("account_id","package_id") WHERE status = 'approved';--> statement-breakpoint
ALTER TABLE "jobs" DROP CONSTRAINT "jobs_key_unique";--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_key_uq" ON "jobs" USING btree ("account_id","key");--> statement-breakpoint
DROP INDEX "notice_deliveries_once_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "notice_deliveries_once_idx" ON "notice_deliveries" USING btree ("account_id","notification_id","target");--> statement-breakpoint
-- Foreign keys between tenant tables carry the account (co-located shards).
ALTER TABLE "packages" ADD CONSTRAINT "packages_application_fk" FOREIGN KEY ("account_id","application_id") REFERENCES "public"."applications"("account_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_lines" ADD CONSTRAINT "bill_lines_bill_fk" FOREIGN KEY ("account_id","bill_id") REFERENCES "public"."bills"("account_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlement_deductions" ADD CONSTRAINT "entitlement_deductions_bill_fk" FOREIGN KEY ("account_id","bill_id") REFERENCES "public"."bills"("account_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_deliveries" ADD CONSTRAINT "notice_deliveries_notification_fk" FOREIGN KEY ("account_id","notification_id") REFERENCES "public"."notifications"("account_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_deliveries" ADD CONSTRAINT "notice_deliveries_endpoint_fk" FOREIGN KEY ("account_id","endpoint_id") REFERENCES "public"."webhook_endpoints"("account_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_delivery_attempts" ADD CONSTRAINT "notice_delivery_attempts_delivery_fk" FOREIGN KEY ("account_id","delivery_id") REFERENCES "public"."notice_deliveries"("account_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
-- Lookups by id alone (admin pages, services given an id) keep an index on one node (docs/scale-out.md).
CREATE INDEX "ledger_entries_id_idx" ON "ledger_entries" USING btree ("id");--> statement-breakpoint
CREATE INDEX "applications_id_idx" ON "applications" USING btree ("id");--> statement-breakpoint
CREATE INDEX "free_minute_grants_id_idx" ON "free_minute_grants" USING btree ("id");--> statement-breakpoint
CREATE INDEX "packages_id_idx" ON "packages" USING btree ("id");--> statement-breakpoint
CREATE INDEX "refund_requests_id_idx" ON "refund_requests" USING btree ("id");--> statement-breakpoint
CREATE INDEX "bills_id_idx" ON "bills" USING btree ("id");--> statement-breakpoint
CREATE INDEX "jobs_id_idx" ON "jobs" USING btree ("id");--> statement-breakpoint
CREATE INDEX "notifications_id_idx" ON "notifications" USING btree ("id");--> statement-breakpoint
CREATE INDEX "billing_contacts_id_idx" ON "billing_contacts" USING btree ("id");--> statement-breakpoint
CREATE INDEX "notice_deliveries_id_idx" ON "notice_deliveries" USING btree ("id");--> statement-breakpoint
CREATE INDEX "webhook_endpoints_id_idx" ON "webhook_endpoints" USING btree ("id");
