ALTER TABLE "accounts" ADD COLUMN "balance_threshold" numeric;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "below_threshold_since" timestamp with time zone;