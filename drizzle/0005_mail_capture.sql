CREATE TABLE "captured_emails" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "captured_emails_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"message_id" text,
	"account_id" uuid,
	"envelope_from" text,
	"envelope_to" text[] NOT NULL,
	"from_header" text,
	"to_header" text,
	"subject" text DEFAULT '' NOT NULL,
	"text" text,
	"html" text,
	"headers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "captured_emails_received_idx" ON "captured_emails" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "captured_emails_account_idx" ON "captured_emails" USING btree ("account_id","id");