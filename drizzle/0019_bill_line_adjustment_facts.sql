-- Adjustment bill lines stored before their steps' facts were kept (lib/settlement/bill-diff.ts):
-- `reverses` and `earlier` are read back from the English steps written then, so every language
-- words them (lib/bills/words.ts stepsIn); a step not matched stays as written.
UPDATE "bill_lines" SET "explanation" = "explanation" || jsonb_build_object('reverses', x.m[1])
FROM (SELECT "account_id" AS a, "id" AS i, regexp_match("explanation"->'steps'->>0, '^Reverses an earlier line of this (day|month) that the re-rating no longer produces\.$') AS m FROM "bill_lines" WHERE jsonb_typeof("explanation") = 'object' AND NOT ("explanation" ? 'reverses')) x
WHERE x.m IS NOT NULL AND "account_id" = x.a AND "id" = x.i;--> statement-breakpoint
UPDATE "bill_lines" SET "explanation" = "explanation" || jsonb_build_object('earlier', jsonb_build_object('quantity', x.m[4], 'amount', x.m[5], 'period', x.m[3], 'lateRecords', replace(x.m[2], ',', '')::int))
FROM (SELECT "account_id" AS a, "id" AS i, regexp_match("explanation"->'steps'->>1, '^Re-rated with (late usage|([\d,]+) late records? \(of the [\d,]+ above\)): \S+ to pay for \S+ \S+ in all; the (day|month)''s earlier bills charged (\S+) for (\S+) \S+; this adjustment is the difference\.$') AS m FROM "bill_lines" WHERE jsonb_typeof("explanation") = 'object' AND NOT ("explanation" ? 'earlier')) x
WHERE x.m IS NOT NULL AND "account_id" = x.a AND "id" = x.i;
