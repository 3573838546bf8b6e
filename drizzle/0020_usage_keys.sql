CREATE TABLE "usage_keys" (
	"id" text NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"secret_key_hash" text NOT NULL,
	"secret_key_hint" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "usage_keys_pkey" PRIMARY KEY("account_id","id")
);
--> statement-breakpoint
ALTER TABLE "usage_batches" ADD COLUMN "usage_key_id" text;--> statement-breakpoint
ALTER TABLE "usage_keys" ADD CONSTRAINT "usage_keys_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "usage_keys_id_idx" ON "usage_keys" USING btree ("id");