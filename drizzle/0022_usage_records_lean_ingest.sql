-- Issue 11 (usage ingest CPU): the per-row foreign key check of usage_records.account_id (the batch row checks the account once per batch; accounts are never deleted) and the (sdk_app_id, start) index no query reads. See db/schema/usage.ts.
ALTER TABLE "usage_records" DROP CONSTRAINT "usage_records_account_id_accounts_id_fk";
--> statement-breakpoint
DROP INDEX "usage_records_app_start_idx";