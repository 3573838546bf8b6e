import 'server-only';
import { and, count, eq, gt } from 'drizzle-orm';
import { createElement } from 'react';
import type { DbOrTx } from '@/db/client';
import { signInAttempts, users } from '@/db/schema';
import { takeRequestSlot } from './rate-limit';
import { MAX_FAILURES_PER_EMAIL, THROTTLE_WINDOW_MS } from './throttle-rules';
import { sendAuthEmail, userMailLocale } from './mail';
import { LockoutAlertEmail, lockoutAlertSubject } from './emails/lockout-alert-email';
import { requestLog } from '@/lib/request-log';

/**
 * Issue 13 item 3: when the per-email ceiling trips, the owner hears of it by email, at
 * most once per window (the `auth_requests` row is the once-only record).
 */
export async function alertOwnerIfLockedOut(db: DbOrTx, email: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const [row] = await db
    .select({ n: count() })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, email), eq(signInAttempts.succeeded, false), gt(signInAttempts.at, since)));
  const failures = row?.n ?? 0;
  if (failures < MAX_FAILURES_PER_EMAIL) return false;
  const [user] = await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.email, email)).limit(1);
  if (!user) return false;
  if (!(await takeRequestSlot(db, { kind: 'lockout-alert', address: '', email, limit: 1, windowMs: THROTTLE_WINDOW_MS, by: 'email', now }))) return false;
  try {
    const locale = await userMailLocale(db, { email: user.email });
    return await sendAuthEmail({ to: user.email, subject: lockoutAlertSubject(locale), element: createElement(LockoutAlertEmail, { locale, name: user.name, failures, windowMinutes: THROTTLE_WINDOW_MS / 60_000 }) });
  } catch (err) {
    (await requestLog()).error({ err }, 'auth: lockout alert not sent');
    return false;
  }
}
