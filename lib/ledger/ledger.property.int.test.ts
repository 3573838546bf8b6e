import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { packages } from '@/db/schema';
import { createAdminUser, topUp } from '@/lib/accounts/service';
import { adjustBalance } from '@/lib/admin/service';
import { AppError } from '@/lib/errors';
import { Decimal, sum } from '@/lib/money/decimal';
import { packageExpiryInstant, processPackageExpiry } from '@/lib/packages/lifecycle';
import { purchasePackage } from '@/lib/packages/service';
import { approveRefund, rejectRefund, requestRefund } from '@/lib/refunds/service';
import { testDb } from '@/tests/db';
import { createTestAccount, createTestApplication, ledgerState, setTestClock } from '@/tests/factories';
import { postLedgerEntry } from './service';

/**
 * The ledger property (issue 4, item 1): random sequences of top-ups, purchases, renewals
 * (processPackageExpiry), refunds, daily charges and admin adjustments; after every step
 * the balance equals the sum of the ledger, every running balance equals the one before
 * plus its amount, and every package's money is accounted for in the ledger.
 */

const cents = (min: number, max: number) => fc.integer({ min, max }).map((n) => new Decimal(n).dividedBy(100));

const opArb = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('topUp' as const), amount: cents(100, 60_000) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('purchase' as const),
      app: fc.integer({ min: 0, max: 1 }),
      code: fc.constantFrom('rtc-engine.lite', 'rtc-engine.starter', 'rtc-engine.standard', 'call.1v1', 'call.trial'),
      autoRenew: fc.boolean(),
      retry: fc.boolean(),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('expire' as const), pick: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('refund' as const), pick: fc.nat(), approve: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('charge' as const), amount: cents(1, 30_000) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('adjust' as const), amount: cents(-5_000, 5_000).filter((d) => !d.isZero()) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('advance' as const), hours: fc.integer({ min: 1, max: 24 * 8 }) }) },
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

async function checkInvariants(accountId: string) {
  const { db } = testDb();
  const { account, rows } = await ledgerState(db, accountId);
  expect(account.balance.toFixed()).toBe(sum(rows.map((r) => r.amount)).toFixed());
  let running = new Decimal(0);
  for (const r of rows) {
    running = running.plus(r.amount);
    expect(r.balanceAfter.toFixed()).toBe(running.toFixed());
  }
  expect(account.balance.toFixed()).toBe(running.toFixed());
  // Package money: debits equal the prices of paid packages; void (refunded) ones are credited back.
  const pkgs = await db.select().from(packages).where(eq(packages.accountId, accountId));
  const debits = sum(rows.filter((r) => r.kind === 'package_purchase' || r.kind === 'renewal').map((r) => r.amount));
  const refunds = sum(rows.filter((r) => r.kind === 'refund').map((r) => r.amount));
  expect(debits.negated().toFixed()).toBe(sum(pkgs.map((p) => p.price)).toFixed());
  expect(refunds.toFixed()).toBe(sum(pkgs.filter((p) => p.status === 'void').map((p) => p.price)).toFixed());
  expect(account.status === 'overdue').toBe(account.balance.isNegative() && account.status !== 'suspended');
}

const EXPECTED = new Set(['INSUFFICIENT_BALANCE', 'INVALID_STATE', 'CONFLICT']);
async function tolerate<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof AppError && EXPECTED.has(err.code)) return null;
    throw err;
  }
}

describe('ledger property', () => {
  test('balance == sum(ledger) and running balances hold after every step of random sequences', { timeout: 240_000 }, async () => {
    const { db } = testDb();
    const seen = { purchased: 0, renewed: 0, renewalFailed: 0, queuedActivated: 0, refunded: 0, refused: 0, steps: 0 };
    const adminId = await createAdminUser(db, { email: `prop-admin-${randomUUID()}@example.test`, name: 'Admin', password: 'x'.repeat(12) });
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 4, maxLength: 24 }), async (ops: Op[]) => {
        let now = new Date('2024-10-08T10:00:00+08:00');
        const { accountId, userId } = await createTestAccount(db, { registeredAt: now, balance: '300' });
        await setTestClock(db, accountId, now);
        const apps = [await createTestApplication(db, accountId, { name: 'a' }), await createTestApplication(db, accountId, { name: 'b' })];
        const moveTo = async (t: Date) => {
          if (t.getTime() > now.getTime()) now = t;
          await setTestClock(db, accountId, now);
        };
        for (const op of ops) {
          switch (op.op) {
            case 'topUp':
              await topUp(db, { accountId, userId, amount: op.amount, cardNumber: '4242424242424242', idempotencyKey: randomUUID() });
              break;
            case 'purchase': {
              const req = { accountId, userId, applicationId: apps[op.app]!.id, catalogCode: op.code, autoRenew: op.autoRenew, idempotencyKey: randomUUID() };
              if (await tolerate(purchasePackage(db, req))) seen.purchased++;
              if (op.retry) await tolerate(purchasePackage(db, req)); // a double submit changes nothing
              break;
            }
            case 'expire': {
              const active = await db.select().from(packages).where(and(eq(packages.accountId, accountId), eq(packages.status, 'active'))).orderBy(asc(packages.validTo), asc(packages.id));
              const pkg = active[op.pick % Math.max(1, active.length)];
              if (!pkg?.validTo) break;
              const at = packageExpiryInstant({ validTo: pkg.validTo });
              // Jobs run in time order: everything due before this instant first.
              const due = active.filter((p) => p.validTo && p.validTo <= pkg.validTo!);
              await moveTo(at);
              for (const p of due) {
                const r = await db.transaction((tx) => processPackageExpiry(tx, p.id, now));
                if (r.outcome === 'renewed') seen.renewed++;
                if (r.outcome === 'renewal_failed') seen.renewalFailed++;
                if (r.activatedQueuedId) seen.queuedActivated++;
              }
              break;
            }
            case 'refund': {
              const candidates = await db.select().from(packages).where(and(eq(packages.accountId, accountId), inArray(packages.status, ['active', 'queued']))).orderBy(asc(packages.id));
              const pkg = candidates[op.pick % Math.max(1, candidates.length)];
              if (!pkg) break;
              const req = await tolerate(requestRefund(db, { accountId, userId, packageId: pkg.id }));
              if (!req) {
                seen.refused++;
                break;
              }
              if (op.approve) {
                const r = await tolerate(approveRefund(db, { requestId: req.id, adminUserId: adminId, reason: 'Property test approval' }));
                if (r?.outcome === 'approved') seen.refunded++;
              }
              else await tolerate(rejectRefund(db, { requestId: req.id, adminUserId: adminId, reason: 'Property test rejection' }));
              break;
            }
            case 'charge':
              await db.transaction((tx) => postLedgerEntry(tx, { accountId, kind: 'daily_charge', amount: op.amount.negated(), description: { key: 'note', params: { text: 'Daily charge' } }, idempotencyKey: `charge:${randomUUID()}`, at: now }));
              break;
            case 'adjust':
              await adjustBalance(db, { accountId, adminUserId: adminId, amount: op.amount, reason: 'Property test adjustment', idempotencyKey: randomUUID() });
              break;
            case 'advance':
              await moveTo(new Date(now.getTime() + op.hours * 3_600_000));
              break;
            default: {
              const never: never = op;
              throw new Error(`unknown op ${JSON.stringify(never)}`);
            }
          }
          await checkInvariants(accountId);
          seen.steps++;
        }
      }),
      { numRuns: 60 },
    );
    console.info('[ledger property] exercised', seen);
    // The sequences must actually reach the interesting paths.
    expect(seen.purchased).toBeGreaterThan(0);
    expect(seen.renewed + seen.renewalFailed).toBeGreaterThan(0);
    expect(seen.refunded).toBeGreaterThan(0);
  });
});
