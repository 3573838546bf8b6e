import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { billLines, bills, ledgerEntries, usageRecords } from '@/db/schema';
import { localDate } from '@/lib/time/local-date';

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
