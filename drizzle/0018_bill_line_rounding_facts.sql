-- Bill lines stored before lib/rating kept its rounding rule as facts (lib/rating/rounding-facts.ts):
-- the facts are read back from the three sentences it wrote, so every language words them;
-- a sentence not matched stays as written (lib/bills/words.ts roundingIn).
UPDATE "bill_lines" SET "explanation" = jsonb_set("explanation", '{detail,roundingFacts}', jsonb_build_object('rule', 'ceilSeconds', 'seconds', replace(x.m[1], ',', ''), 'minutes', replace(x.m[5], ',', ''), 'periodKind', CASE x.m[2] WHEN 'on' THEN 'day' ELSE 'month' END, 'period', x.m[3], 'zone', x.m[4]))
FROM (SELECT "account_id" AS a, "id" AS i, regexp_match("explanation"->'detail'->>'rounding', '^([\d,.]+) s (on|in) (\S+) \(([^)]+)\) → ceil → ([\d,.]+) min$') AS m FROM "bill_lines" WHERE jsonb_typeof("explanation"->'detail') = 'object' AND NOT ("explanation"->'detail' ? 'roundingFacts')) x
WHERE x.m IS NOT NULL AND "account_id" = x.a AND "id" = x.i;--> statement-breakpoint
UPDATE "bill_lines" SET "explanation" = jsonb_set("explanation", '{detail,roundingFacts}', jsonb_build_object('rule', 'peak', 'peakKbps', x.m[1], 'mbps', x.m[2], 'freeMbps', x.m[4], 'free', x.m[5] IS NOT NULL))
FROM (SELECT "account_id" AS a, "id" AS i, regexp_match("explanation"->'detail'->>'rounding', '^monthly peak ([\d.]+) kbps = ([\d.]+) Mbps(; free when <= ([\d.]+) Mbps, else the whole peak is billed( \(free\))?)?$') AS m FROM "bill_lines" WHERE jsonb_typeof("explanation"->'detail') = 'object' AND NOT ("explanation"->'detail' ? 'roundingFacts')) x
WHERE x.m IS NOT NULL AND "account_id" = x.a AND "id" = x.i;--> statement-breakpoint
UPDATE "bill_lines" SET "explanation" = jsonb_set("explanation", '{detail,roundingFacts}', jsonb_build_object('rule', 'count', 'total', x.m[1], 'unit', x.m[2], 'free', x.m[3], 'excess', x.m[4], 'ceil', x.m[5] IS NOT NULL, 'usage', x.m[6]))
FROM (SELECT "account_id" AS a, "id" AS i, regexp_match("explanation"->'detail'->>'rounding', '^(\d+) (images|calls) - (\d+) free = (\d+) → (rounded up to )?([\d.]+) thousand$') AS m FROM "bill_lines" WHERE jsonb_typeof("explanation"->'detail') = 'object' AND NOT ("explanation"->'detail' ? 'roundingFacts')) x
WHERE x.m IS NOT NULL AND "account_id" = x.a AND "id" = x.i;
