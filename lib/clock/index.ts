import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { accountClockMarks, testClocks } from '@/db/schema';
import { resolveAccountTime } from './account-time';
import { testClocksEnabled } from './app-env';

export { appEnv, testClocksEnabled, type AppEnv } from './app-env';

/**
 * The one clock (guide: Time; lifecycle.md, Time). Every rule is about one account,
 * so time is per account: the account's test clock when one is attached (development
 * and test only), otherwise the real time. Pure rules never call this; they take `now`.
 */
export function systemNow(): Date {
  return new Date();
}

export async function accountNow(db: DbOrTx, accountId: string): Promise<Date> {
  if (!testClocksEnabled()) return systemNow();
  return resolveAccountTime(await readClockState(db, accountId), systemNow());
}

/** `accountNow` of several accounts (a page listing many, such as the admin refund queue) in one query. */
export async function accountNows(db: DbOrTx, accountIds: readonly string[]): Promise<Map<string, Date>> {
  const real = systemNow();
  const ids = [...new Set(accountIds)];
  if (!testClocksEnabled() || ids.length === 0) return new Map(ids.map((id) => [id, real]));
  const rows = await db.execute<{ id: string; clock: string | Date | null; mark: string | Date | null }>(sql`
    select a.id::text as id,
           (select c.now from ${testClocks} c where c.account_id = a.id) as clock,
           (select m.latest_at from ${accountClockMarks} m where m.account_id = a.id) as mark
    from (values ${sql.join(ids.map((id) => sql`(${id}::uuid)`), sql`, `)}) as a(id)`);
  const toDate = (v: string | Date | null | undefined) => (v == null ? null : v instanceof Date ? v : new Date(v));
  const out = new Map<string, Date>(ids.map((id) => [id, real]));
  for (const r of rows) out.set(r.id, resolveAccountTime({ clock: toDate(r.clock), mark: toDate(r.mark) }, real));
  return out;
}

/** The account's time from a clock state read elsewhere (one query with other columns, as the usage API does). */
export function accountTimeFrom(state: { clock: Date | null; mark: Date | null }, real: Date = systemNow()): Date {
  return testClocksEnabled() ? resolveAccountTime(state, real) : real;
}

/** The attached clock's time and the high-water mark of a detached one, in one round trip. */
export async function readClockState(db: DbOrTx, accountId: string): Promise<{ clock: Date | null; mark: Date | null }> {
  const rows = await db.execute<{ clock: string | Date | null; mark: string | Date | null }>(sql`
    select (select c.now from ${testClocks} c where c.account_id = ${accountId}) as clock,
           (select m.latest_at from ${accountClockMarks} m where m.account_id = ${accountId}) as mark`);
  const row = rows[0];
  const toDate = (v: string | Date | null | undefined) => (v == null ? null : v instanceof Date ? v : new Date(v));
  return { clock: toDate(row?.clock), mark: toDate(row?.mark) };
}
