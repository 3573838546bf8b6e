import { and, eq, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { accountClockMarks, accounts, testClocks } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { formatLocalDateTime } from '@/lib/time/format';
import { readClockState, systemNow } from './index';
import { earliestClockStart, resolveAccountTime } from './account-time';
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
 * Attach a clock at `startAt` (default: the account's time now). Refused when one is
 * attached already, before the account was registered (its history would start after its
 * own clock), and, once the account had a clock, before its latest time: detaching and
 * attaching again never moves the account's time back (lifecycle.md, Time).
 */
export async function attachTestClock(db: DbOrTx, accountId: string, startAt?: Date): Promise<TestClock> {
  assertTestClocksEnabled();
  const [account] = await db.select({ registeredAt: accounts.registeredAt }).from(accounts).where(eq(accounts.id, accountId)).limit(1);
  if (!account) throw new AppError('NOT_FOUND', 'Account not found.');
  const { mark } = await readClockState(db, accountId);
  const real = systemNow();
  const floor = earliestClockStart({ registeredAt: account.registeredAt, mark, real });
  const at = startAt ?? (floor.at > real ? floor.at : real);
  if (Number.isNaN(at.getTime())) throw new AppError('VALIDATION', 'The start time is not a valid date.', { fieldErrors: { startAt: ['Enter a valid date and time.'] } });
  if (at < floor.at) {
    const msg =
      floor.reason === 'registration'
        ? `A test clock cannot start before the account was registered (${formatLocalDateTime(account.registeredAt)} UTC+8).`
        : `A test clock cannot start before ${formatLocalDateTime(floor.at)} (UTC+8): the account already lived until then, and its time never moves back. Start at that time or later.`;
    throw new AppError('VALIDATION', msg, { fieldErrors: { startAt: [msg] } });
  }
  const now = systemNow();
  const [clock] = await db.insert(testClocks).values({ accountId, now: at, createdAt: now, updatedAt: now }).onConflictDoNothing().returning();
  if (!clock) throw new AppError('CONFLICT', 'This account already has a test clock. Detach it first to start over.');
  return clock;
}

/**
 * Detach: the account goes back to real time, but not before the clock's time: the clock's
 * time is kept as the account's high-water mark, in the same statement that removes the
 * clock. Jobs that already ran stay run. Returns the account's time after detaching.
 */
export async function detachTestClock(db: DbOrTx, accountId: string): Promise<{ latestAt: Date; now: Date }> {
  assertTestClocksEnabled();
  const rows = await db.execute<{ latest_at: string | Date }>(sql`
    with gone as (delete from ${testClocks} where account_id = ${accountId} returning account_id, now)
    insert into ${accountClockMarks} (account_id, latest_at, updated_at)
    select account_id, now, now() from gone
    on conflict (account_id) do update set latest_at = greatest(${accountClockMarks}.latest_at, excluded.latest_at), updated_at = now()
    returning latest_at`);
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND', 'This account has no test clock.');
  const latestAt = row.latest_at instanceof Date ? row.latest_at : new Date(row.latest_at);
  return { latestAt, now: resolveAccountTime({ clock: null, mark: latestAt }, systemNow()) };
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
