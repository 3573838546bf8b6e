CREATE TABLE "usage_daily" (
	"account_id" uuid NOT NULL,
	"sdk_app_id" bigint NOT NULL,
	"local_day" date NOT NULL,
	"item" text NOT NULL,
	"seconds" bigint DEFAULT 0 NOT NULL,
	"quantity" bigint DEFAULT 0 NOT NULL,
	"peak_kbps" numeric DEFAULT 0 NOT NULL,
	"records" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "usage_daily" ADD CONSTRAINT "usage_daily_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "usage_daily_key_uq" ON "usage_daily" USING btree ("account_id","local_day","sdk_app_id","item");