DROP INDEX "ledger_entries_account_idx";--> statement-breakpoint
DROP INDEX "applications_account_idx";--> statement-breakpoint
DROP INDEX "bill_lines_account_idx";--> statement-breakpoint
DROP INDEX "job_runs_account_idx";--> statement-breakpoint
DROP INDEX "audit_log_account_idx";--> statement-breakpoint
DROP INDEX "notifications_account_idx";--> statement-breakpoint
DROP INDEX "notice_deliveries_account_idx";--> statement-breakpoint
DROP INDEX "notice_delivery_attempts_account_idx";--> statement-breakpoint
DROP INDEX "webhook_endpoints_account_idx";