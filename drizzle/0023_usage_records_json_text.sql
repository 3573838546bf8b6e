-- Issue 11 (usage ingest CPU): raw records as JSON text; PostgreSQL checks the syntax instead of building a jsonb tree per record. See db/schema/usage.ts.
ALTER TABLE "usage_records" ALTER COLUMN "record" SET DATA TYPE json USING "record"::json;
