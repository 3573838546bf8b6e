import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { accountClockMarks, testClocks } from '@/db/schema';
import { testDb } from '@/tests/db';
import { createTestAccount } from '@/tests/factories';
import { accountNow } from './index';
import { attachTestClock, detachTestClock, moveTestClock } from './test-clock';

describe('detach and attach again never move the account back (issue 13, item 9)', () => {
  const { db } = testDb();

  test('a clock ahead of real time: detached, the account stays at its time; attaching again starts there, earlier is refused', async () => {
    const { accountId } = await createTestAccount(db);
    await attachTestClock(db, accountId, new Date('2030-01-01T00:00:00+08:00'));
    expect(await moveTestClock(db, accountId, new Date('2030-02-10T09:30:00+08:00'))).toBe(true);

    const detached = await detachTestClock(db, accountId);
    expect(detached.latestAt.toISOString()).toBe('2030-02-10T01:30:00.000Z');
    expect((await accountNow(db, accountId)).toISOString()).toBe('2030-02-10T01:30:00.000Z');

    // Attaching with no start: at the account's time, not the real day.
    const again = await attachTestClock(db, accountId);
    expect(again.now.toISOString()).toBe('2030-02-10T01:30:00.000Z');
    await detachTestClock(db, accountId);

    const err = await attachTestClock(db, accountId, new Date('2030-01-15T00:00:00+08:00')).catch((e) => e);
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toBe('A test clock cannot start before 2030-02-10 09:30 (UTC+8): the account already lived until then, and its time never moves back. Start at that time or later.');
    expect(err.fieldErrors.startAt[0]).toBe(err.message);
    expect(await db.select().from(testClocks).where(eq(testClocks.accountId, accountId))).toHaveLength(0);
    const later = await attachTestClock(db, accountId, new Date('2030-03-01T00:00:00+08:00'));
    expect(later.now.toISOString()).toBe('2030-02-28T16:00:00.000Z');
  });

  test('a clock behind real time: after detaching, real time, and the clock cannot go back to its old day', async () => {
    const { accountId } = await createTestAccount(db);
    await attachTestClock(db, accountId, new Date('2024-10-08T10:00:00+08:00'));
    await detachTestClock(db, accountId);
    const [mark] = await db.select().from(accountClockMarks).where(eq(accountClockMarks.accountId, accountId));
    expect(mark!.latestAt.toISOString()).toBe('2024-10-08T02:00:00.000Z');
    const before = Date.now();
    expect((await accountNow(db, accountId)).getTime()).toBeGreaterThanOrEqual(before);
    const err = await attachTestClock(db, accountId, new Date('2024-10-09T00:00:00+08:00')).catch((e) => e);
    expect(err.message).toContain('the account already lived until then');
  });

  test('detaching twice: the mark keeps the latest time; detaching with no clock is NOT_FOUND', async () => {
    const { accountId } = await createTestAccount(db);
    await attachTestClock(db, accountId, new Date('2031-01-01T00:00:00+08:00'));
    await detachTestClock(db, accountId);
    expect((await detachTestClock(db, accountId).catch((e) => e)).code).toBe('NOT_FOUND');
    const [mark] = await db.select().from(accountClockMarks).where(eq(accountClockMarks.accountId, accountId));
    expect(mark!.latestAt.toISOString()).toBe('2030-12-31T16:00:00.000Z');
  });
});
