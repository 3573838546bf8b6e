CREATE TABLE "account_clock_marks" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"latest_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"account_id" uuid NOT NULL,
	"key" text NOT NULL,
	"action" text NOT NULL,
	"fingerprint" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "secret_key_rotated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "previous_secret_key_hash" text;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "previous_secret_key_hint" text;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "previous_secret_key_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "account_clock_marks" ADD CONSTRAINT "account_clock_marks_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "idempotency_keys_uq" ON "idempotency_keys" USING btree ("account_id","key");