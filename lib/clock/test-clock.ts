import { and, eq, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { accounts, testClocks } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { formatLocalDateTime } from '@/lib/time/format';
import { systemNow } from './index';
import { testClocksEnabled } from './app-env';

/**
 * Test clocks (lifecycle.md, Time): one per account, development and test deployments
 * only. Attaching freezes the account's time at a chosen instant; it moves only forward,
 * through the advance of lib/dev-tools (which also runs the jobs that came due).
 */
export type TestClock = typeof testClocks.$inferSelect;

/** Developer tools only: refused in production (lifecycle.md, Time), whatever calls them. */
export function assertTestClocksEnabled(): void {
  if (!testClocksEnabled()) throw new AppError('UNAVAILABLE', 'Test clocks exist only in development and test deployments.');
}

export async function getTestClock(db: DbOrTx, accountId: string): Promise<TestClock | null> {
  if (!testClocksEnabled()) return null;
  const [clock] = await db.select().from(testClocks).where(eq(testClocks.accountId, accountId)).limit(1);
  return clock ?? null;
}

/**
 * Attach a clock at `startAt` (default: now). Refused when one is attached already, or
 * before the account was registered (its history would start after its own clock).
 */
export async function attachTestClock(db: DbOrTx, accountId: string, startAt?: Date): Promise<TestClock> {
  assertTestClocksEnabled();
  const [account] = await db.select({ registeredAt: accounts.registeredAt }).from(accounts).where(eq(accounts.id, accountId)).limit(1);
  if (!account) throw new AppError('NOT_FOUND', 'Account not found.');
  const at = startAt ?? systemNow();
  if (Number.isNaN(at.getTime())) throw new AppError('VALIDATION', 'The start time is not a valid date.', { fieldErrors: { startAt: ['Enter a valid date and time.'] } });
  if (at < account.registeredAt) {
    const msg = `A test clock cannot start before the account was registered (${formatLocalDateTime(account.registeredAt)} UTC+8).`;
    throw new AppError('VALIDATION', msg, { fieldErrors: { startAt: [msg] } });
  }
  const now = systemNow();
  const [clock] = await db.insert(testClocks).values({ accountId, now: at, createdAt: now, updatedAt: now }).onConflictDoNothing().returning();
  if (!clock) throw new AppError('CONFLICT', 'This account already has a test clock. Detach it first to start over.');
  return clock;
}

/** Detach: the account goes back to real time. Jobs that already ran stay run. */
export async function detachTestClock(db: DbOrTx, accountId: string): Promise<void> {
  assertTestClocksEnabled();
  const rows = await db.delete(testClocks).where(eq(testClocks.accountId, accountId)).returning({ accountId: testClocks.accountId });
  if (rows.length === 0) throw new AppError('NOT_FOUND', 'This account has no test clock.');
}

/**
 * Move a clock forward to `at` (never back): the condition is in the UPDATE, so a
 * concurrent move cannot take it backwards either. Returns false if it was already later.
 */
export async function moveTestClock(db: DbOrTx, accountId: string, at: Date): Promise<boolean> {
  assertTestClocksEnabled();
  const rows = await db
    .update(testClocks)
    .set({ now: at, updatedAt: sql`now()` })
    .where(and(eq(testClocks.accountId, accountId), lte(testClocks.now, at)))
    .returning({ accountId: testClocks.accountId });
  return rows.length > 0;
}
