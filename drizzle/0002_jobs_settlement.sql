CREATE TABLE "day_settlements" (
	"account_id" uuid NOT NULL,
	"local_day" date NOT NULL,
	"last_usage_record_id" bigint NOT NULL,
	"record_count" integer NOT NULL,
	"bill_count" integer DEFAULT 0 NOT NULL,
	"settled_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "day_settlements_account_id_local_day_pk" PRIMARY KEY("account_id","local_day")
);
--> statement-breakpoint
CREATE TABLE "job_planner_state" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"settle_planned_through" date,
	"monthly_planned_through" date,
	"usage_checked_through" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "priority" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "result" jsonb;--> statement-breakpoint
ALTER TABLE "day_settlements" ADD CONSTRAINT "day_settlements_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;