import { db } from '@/db';
import { getDevAccount, listAccountRuns } from '@/db/queries/dev-tools';
import { accountNow } from '@/lib/clock';
import { attachTestClock, detachTestClock, getTestClock } from '@/lib/clock/test-clock';
import { canUseAccount, devRoute, readJson } from '@/lib/dev-tools/api';
import { upcomingJobs } from '@/lib/dev-tools/advance';
import { attachSchema } from '@/lib/dev-tools/schemas';
import { AppError } from '@/lib/errors';

type Params = { params: Promise<{ accountId: string }> };

/** The account's clock, its time, next due jobs and recent runs. */
export async function GET(request: Request, { params }: Params) {
  return devRoute(request, async (user) => {
    const { accountId } = await params;
    canUseAccount(user, accountId);
    const account = await getDevAccount(db, accountId);
    if (!account) throw new AppError('NOT_FOUND');
    const clock = await getTestClock(db, accountId);
    const now = await accountNow(db, accountId);
    const [upcoming, runs] = await Promise.all([upcomingJobs(db, accountId, now, 10), listAccountRuns(db, accountId, 20)]);
    return {
      accountId,
      status: account.status,
      balance: account.balance.toFixed(),
      currency: account.currency,
      clock: clock ? { now: clock.now.toISOString() } : null,
      now: now.toISOString(),
      upcoming,
      runs: runs.map((r) => ({ key: r.key, kind: r.kind, businessTime: r.businessTime.toISOString(), outcome: r.outcome, error: r.error, result: r.result, finishedAt: r.finishedAt?.toISOString() ?? null })),
    };
  });
}

/** Attach a test clock: `{ "startAt"?: ISO 8601 }` (default now). */
export async function POST(request: Request, { params }: Params) {
  return devRoute(request, async (user) => {
    const { accountId } = await params;
    canUseAccount(user, accountId);
    const body = await readJson(request, attachSchema);
    const clock = await attachTestClock(db, accountId, body.startAt ? new Date(body.startAt) : undefined);
    return { accountId, clock: { now: clock.now.toISOString() } };
  }, 201);
}

/** Detach: the account returns to real time, never before the clock's time. */
export async function DELETE(request: Request, { params }: Params) {
  return devRoute(request, async (user) => {
    const { accountId } = await params;
    canUseAccount(user, accountId);
    const r = await detachTestClock(db, accountId);
    // The account's time after detaching: real time, or the clock's time if that is later (never back).
    return { accountId, clock: null, now: r.now.toISOString() };
  });
}
