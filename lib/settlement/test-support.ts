import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { billLines, bills, ledgerEntries, usageRecords } from '@/db/schema';
import { localDate } from '@/lib/time/local-date';
import { rawSqlOf } from '@/db/raw';

/** Test helpers for settlement and jobs (integration tests and the crash child). */
export type MediaInput = { app: number; start: string; seconds: number; video?: [number, number] | null; streams?: number; user?: string };

export function mediaRecord(m: MediaInput) {
  const receive = Array.from({ length: m.streams ?? 1 }, (_, i) => ({ stream: `s${i}`, audio: true, ...(m.video ? { video: m.video } : {}) }));
  return { type: 'media' as const, app: m.app, user: m.user ?? 'u1', start: m.start, seconds: m.seconds, receive };
}

/** Insert usage records directly (the usage API's own tests cover ingestion). */
export async function insertUsage(db: Database, accountId: string, records: ReturnType<typeof mediaRecord>[] | Record<string, unknown>[], receivedAt = new Date()) {
  if (records.length === 0) return;
  await db.insert(usageRecords).values(
    records.map((r) => {
      const rec = r as { app: number; type: string; start: string; seconds?: number };
      return {
        accountId,
        sdkAppId: rec.app,
        type: rec.type,
        start: new Date(rec.start),
        localDay: localDate(new Date(rec.start)),
        seconds: rec.seconds ?? null,
        record: r,
        receivedAt,
      };
    }),
  );
}

/** Bills (with lines) and ledger entries of an account in a comparable, id-free form. */
export async function financialSnapshot(db: Database, accountId: string) {
  const b = await db.select().from(bills).where(eq(bills.accountId, accountId)).orderBy(asc(bills.number));
  const out = [];
  for (const bill of b) {
    const lines = await db.select().from(billLines).where(eq(billLines.billId, bill.id)).orderBy(asc(billLines.sdkAppId), asc(billLines.item));
    out.push({
      number: bill.number,
      kind: bill.kind,
      period: bill.periodStart,
      seq: bill.adjustmentSeq,
      amount: bill.amount.toFixed(),
      total: bill.total.toFixed(),
      issuedAt: bill.issuedAt.toISOString(),
      lines: lines.map((l) => [l.sdkAppId === null ? null : 'app', l.item, l.quantity.toFixed(), l.amount.toFixed()]),
    });
  }
  const ledger = await db
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.accountId, accountId)))
    .orderBy(asc(ledgerEntries.id));
  return {
    bills: out,
    ledger: ledger.map((e) => ({ kind: e.kind, amount: e.amount.toFixed(), balanceAfter: e.balanceAfter.toFixed(), key: e.idempotencyKey.startsWith('test-top-up:') ? 'test-top-up' : e.idempotencyKey, at: e.at.toISOString() })),
  };
}

/**
 * An account's raw usage records and usage aggregates in a comparable form (crash tests:
 * a re-run must leave exactly the rows of a clean run). Record ids differ between two
 * accounts (and a killed transaction leaves gaps in the sequence), so ids become their rank
 * among the account's records, batches the rank of their first record, SDKAppIDs their
 * rank among the account's applications.
 */
export async function usageSnapshot(db: Database, accountId: string) {
  const client = rawSqlOf(db);
  const apps = await client<{ sdk_app_id: string }[]>`select sdk_app_id::text from applications where account_id = ${accountId} order by sdk_app_id`;
  const appRank = new Map(apps.map((a, i) => [Number(a.sdk_app_id), i]));
  const app = (id: string | number) => appRank.get(Number(id)) ?? `other:${id}`;
  const rows = await client<{ id: string; batch_id: string | null; sdk_app_id: string; type: string; start: string; local_day: string; seconds: number | null; record: string }[]>`
    select id::text, batch_id, sdk_app_id::text, type, start::text, local_day::text, seconds, record::text from usage_records where account_id = ${accountId} order by usage_records.id`;
  const idRank = new Map<number, number>();
  const batchRank = new Map<string, number>();
  for (const r of rows) {
    idRank.set(Number(r.id), idRank.size);
    if (r.batch_id && !batchRank.has(r.batch_id)) batchRank.set(r.batch_id, batchRank.size);
  }
  const rank = (id: string | number) => idRank.get(Number(id)) ?? `missing:${id}`;
  const records = rows.map((r) => {
    const rec = JSON.parse(r.record) as { app?: number };
    return [rank(r.id), r.batch_id === null ? null : batchRank.get(r.batch_id), app(r.sdk_app_id), r.type, r.start, r.local_day, r.seconds, JSON.stringify({ ...rec, app: app(rec.app ?? 0) })];
  });
  const aggs = await client<{ local_day: string; sdk_app_id: string; item: string; batch_id: string | null; through_id: string; seconds: string; quantity: string; peak: string; records: number; day_records: number; carried: number; day_carried: number; windows: string; window_seconds: string; samples: string }[]>`
    select local_day::text, sdk_app_id::text, item, batch_id, through_id::text, seconds::text, quantity::text, peak_kbps::text as peak, records, day_records, carried, day_carried,
      array_to_string(windows, ',') as windows, array_to_string(window_seconds, ',') as window_seconds, array_to_string(samples, ',') as samples
    from usage_aggregates where account_id = ${accountId}`;
  const aggregates = aggs
    .map((a) => [
      a.local_day, app(a.sdk_app_id), a.item, a.batch_id === null ? null : (batchRank.get(a.batch_id) ?? `batch without records`), rank(a.through_id),
      a.seconds, a.quantity, String(Number(a.peak)), a.records, a.day_records, a.carried, a.day_carried, a.windows, a.window_seconds,
      a.samples ? a.samples.split(',').map(rank).join(',') : '',
    ])
    .sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
  const [batches] = await client<{ n: number; pending: number }[]>`select count(*)::int as n, count(*) filter (where aggregated_at is null)::int as pending from usage_batches where account_id = ${accountId}`;
  return { records, aggregates, batches };
}
