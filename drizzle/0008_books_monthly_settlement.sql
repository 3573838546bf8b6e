CREATE TABLE "month_settlements" (
	"account_id" uuid NOT NULL,
	"month" date NOT NULL,
	"last_usage_record_id" bigint NOT NULL,
	"record_count" integer NOT NULL,
	"bill_count" integer DEFAULT 0 NOT NULL,
	"settled_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "month_settlements_account_id_month_pk" PRIMARY KEY("account_id","month")
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "monthly_free_minutes" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "month_settlements" ADD CONSTRAINT "month_settlements_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;