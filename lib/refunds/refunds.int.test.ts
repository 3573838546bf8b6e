import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { accounts, applications, auditLog, daySettlements, ledgerEntries, packages, refundRequests, usageRecords } from '@/db/schema';
import { createAdminUser } from '@/lib/accounts/service';
import { suspendForViolation } from '@/lib/admin/service';
import { purchasePackage } from '@/lib/packages/service';
import { Decimal, sum } from '@/lib/money/decimal';
import { testDb } from '@/tests/db';
import { buyTestPackage, createTestAccount, createTestApplication, ledgerState, setTestClock } from '@/tests/factories';
import { approveRefund, checkRefundEligibilities, checkRefundEligibility, rejectRefund, requestRefund, withdrawRefund } from './service';

const BOUGHT = new Date('2024-10-08T10:00:00+08:00');
let adminId: string | null = null;
async function admin() {
  adminId ??= await createAdminUser(testDb().db, { email: `admin-${randomUUID()}@example.test`, name: 'Admin', password: 'x'.repeat(12) });
  return adminId;
}

async function setup(balance = '100') {
  const { db } = testDb();
  const { accountId, userId } = await createTestAccount(db, { balance });
  await setTestClock(db, accountId, BOUGHT);
  const app = await createTestApplication(db, accountId);
  return { db, accountId, userId, app };
}

async function expectConsistent(accountId: string) {
  const { account, rows } = await ledgerState(testDb().db, accountId);
  expect(account.balance.toFixed()).toBe(sum(rows.map((r) => r.amount)).toFixed());
  let running = rows[0]?.amount;
  for (const [i, r] of rows.entries()) {
    if (i > 0) running = running!.plus(r.amount);
    expect(r.balanceAfter.toFixed()).toBe(running!.toFixed());
  }
  return { account, rows };
}

describe('five-day refund', () => {
  test('request, approve: full amount back, package void, queued one promoted, audited', async () => {
    const { db, accountId, userId, app } = await setup('200');
    const pkg = await buyTestPackage(db, accountId, app.id, 'rtc-engine.lite', { autoRenew: true });
    const queued = await buyTestPackage(db, accountId, app.id, 'rtc-engine.lite');
    await setTestClock(db, accountId, new Date('2024-10-10T09:00:00+08:00'));
    const req = await requestRefund(db, { accountId, userId, packageId: pkg.id, note: 'Bought by mistake' });
    expect(req).toMatchObject({ status: 'open', customerNote: 'Bought by mistake' });
    expect(req.amount.toFixed()).toBe('49.5');

    const r = await approveRefund(db, { requestId: req.id, adminUserId: await admin(), reason: 'Unused within five days' });
    expect(r.outcome).toBe('approved');
    if (r.outcome !== 'approved') return;
    expect(r.activatedQueuedId).toBe(queued.id);
    const [voided] = await db.select().from(packages).where(eq(packages.id, pkg.id));
    expect(voided).toMatchObject({ status: 'void', autoRenew: false });
    const [promoted] = await db.select().from(packages).where(eq(packages.id, queued.id));
    expect(promoted).toMatchObject({ status: 'active', validFrom: '2024-10-10', validTo: '2024-11-09', anchorDay: 10 });
    const [a] = await db.select().from(applications).where(eq(applications.id, app.id));
    expect(a?.edition).toBe('lite');

    const { account, rows } = await expectConsistent(accountId);
    expect(account.balance.toFixed()).toBe('150.5');
    expect(rows.at(-1)).toMatchObject({ kind: 'refund', reference: `refund:${req.id}`, id: r.ledgerEntryId });
    expect(rows.at(-1)!.amount.toFixed()).toBe('49.5');
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.accountId, accountId), eq(auditLog.action, 'refund.approved')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorRole).toBe('admin');

    // Approving it again changes nothing.
    const again = await approveRefund(db, { requestId: req.id, adminUserId: await admin(), reason: 'Unused within five days' }).catch((e) => e);
    expect(again.code).toBe('CONFLICT');
  });

  test('refused for a used package, with the reason; for unsettled usage too', async () => {
    const { db, accountId, userId, app } = await setup();
    const pkg = await buyTestPackage(db, accountId, app.id);
    await db.update(packages).set({ minutesUsed: new Decimal(120) }).where(eq(packages.id, pkg.id));
    const err = await requestRefund(db, { accountId, userId, packageId: pkg.id }).catch((e) => e);
    expect(err.code).toBe('INVALID_STATE');
    expect(err.message).toBe('This package cannot be refunded. (b) 120 of its minutes were already used; a used package cannot be refunded, whether used up or not.');
    expect(await db.select().from(refundRequests).where(eq(refundRequests.accountId, accountId))).toHaveLength(0);

    const other = await setup();
    const p2 = await buyTestPackage(other.db, other.accountId, other.app.id);
    const start = new Date('2024-10-08T11:00:00+08:00');
    const [rec] = await db
      .insert(usageRecords)
      .values({ accountId: other.accountId, sdkAppId: other.app.sdkAppId, type: 'media', start, localDay: '2024-10-08', seconds: 60, record: {}, receivedAt: start })
      .returning();
    const err2 = await requestRefund(db, { accountId: other.accountId, userId: other.userId, packageId: p2.id }).catch((e) => e);
    expect(err2.message).toContain('(b) The application has 1 usage record since the package started that are not settled yet');
    // Once the day is settled without touching the package, minutesUsed = 0 is the truth: refundable.
    await db.insert(daySettlements).values({ accountId: other.accountId, localDay: '2024-10-08', lastUsageRecordId: rec!.id, recordCount: 1, settledAt: new Date(), updatedAt: new Date() });
    const ok = await requestRefund(db, { accountId: other.accountId, userId: other.userId, packageId: p2.id });
    expect(ok.status).toBe('open');
  });

  test('after the five days: refused with the last moment', async () => {
    const { db, accountId, userId, app } = await setup();
    const pkg = await buyTestPackage(db, accountId, app.id);
    await setTestClock(db, accountId, new Date('2024-10-13T10:00:00+08:00'));
    const err = await requestRefund(db, { accountId, userId, packageId: pkg.id }).catch((e) => e);
    expect(err.message).toContain('(a) The 5 days ended at 2024-10-13 09:59:59 (UTC+8)');
  });

  test('one open request per account; others\' packages answer NOT_FOUND', async () => {
    const { db, accountId, userId, app } = await setup('200');
    const p1 = await buyTestPackage(db, accountId, app.id);
    const app2 = await createTestApplication(db, accountId, { name: 'two' });
    const p2 = await buyTestPackage(db, accountId, app2.id);
    const results = await Promise.allSettled([p1, p2].map((p) => requestRefund(db, { accountId, userId, packageId: p.id })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(['CONFLICT', 'INVALID_STATE']).toContain(rejected.reason.code);

    const other = await setup();
    const err = await requestRefund(db, { accountId: other.accountId, userId: other.userId, packageId: p1.id }).catch((e) => e);
    expect(err.code).toBe('NOT_FOUND');
  });

  test('two admins approving the same request at once: credited once', async () => {
    const { db, accountId, userId, app } = await setup('100');
    const pkg = await buyTestPackage(db, accountId, app.id);
    const req = await requestRefund(db, { accountId, userId, packageId: pkg.id });
    const a1 = await admin();
    const a2 = await createAdminUser(db, { email: `admin-${randomUUID()}@example.test`, name: 'Admin 2', password: 'x'.repeat(12) });
    const results = await Promise.allSettled([
      approveRefund(db, { requestId: req.id, adminUserId: a1, reason: 'Approved by the first admin' }),
      approveRefund(db, { requestId: req.id, adminUserId: a2, reason: 'Approved by the second admin' }),
      approveRefund(db, { requestId: req.id, adminUserId: a1, reason: 'Double click of the first admin' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason.code).toBe('CONFLICT');
    const refunds = await db.select().from(ledgerEntries).where(and(eq(ledgerEntries.accountId, accountId), eq(ledgerEntries.kind, 'refund')));
    expect(refunds).toHaveLength(1);
    const { account } = await expectConsistent(accountId);
    expect(account.balance.toFixed()).toBe('100');
  });

  test('a refund racing a purchase that would overdraw: the balance is never wrong nor negative', async () => {
    for (let round = 0; round < 5; round++) {
      const { db, accountId, userId, app } = await setup('50');
      const pkg = await buyTestPackage(db, accountId, app.id); // balance 0.50
      const req = await requestRefund(db, { accountId, userId, packageId: pkg.id });
      const app2 = await createTestApplication(db, accountId, { name: 'second' });
      const [approval, purchase] = await Promise.allSettled([
        approveRefund(db, { requestId: req.id, adminUserId: await admin(), reason: 'Unused within five days' }),
        purchasePackage(db, { accountId, userId, applicationId: app2.id, catalogCode: 'rtc-engine.lite', autoRenew: false, idempotencyKey: randomUUID() }),
      ]);
      expect(approval.status).toBe('fulfilled');
      const { account, rows } = await expectConsistent(accountId);
      for (const r of rows) expect(r.balanceAfter.isNegative()).toBe(false);
      if (purchase.status === 'fulfilled') expect(account.balance.toFixed()).toBe('0.5');
      else {
        expect((purchase.reason as { code: string }).code).toBe('INSUFFICIENT_BALANCE');
        expect(account.balance.toFixed()).toBe('50');
      }
    }
  });

  test('approval re-checks: a package used in between is refused and the request closed with the reason', async () => {
    const { db, accountId, userId, app } = await setup();
    const pkg = await buyTestPackage(db, accountId, app.id);
    const req = await requestRefund(db, { accountId, userId, packageId: pkg.id });
    await db.update(packages).set({ minutesUsed: pkg.minutesUsed.plus(5) }).where(eq(packages.id, pkg.id));
    // Decided after the five days: (a) is about when the request was made.
    await setTestClock(db, accountId, new Date('2024-10-20T10:00:00+08:00'));
    const r = await approveRefund(db, { requestId: req.id, adminUserId: await admin(), reason: 'Looks fine to me' });
    expect(r.outcome).toBe('refused');
    if (r.outcome === 'refused') expect(r.reason).toBe('Re-check at approval failed: (b) 5 of its minutes were already used; a used package cannot be refunded, whether used up or not.');
    const [closed] = await db.select().from(refundRequests).where(eq(refundRequests.id, req.id));
    expect(closed?.status).toBe('rejected');
    const { account } = await expectConsistent(accountId);
    expect(account.balance.toFixed()).toBe('50.5');
  });

  test('reject with a reason; (d) a violation suspension refuses refunds', async () => {
    const { db, accountId, userId, app } = await setup();
    const pkg = await buyTestPackage(db, accountId, app.id);
    const req = await requestRefund(db, { accountId, userId, packageId: pkg.id });
    const rejected = await rejectRefund(db, { requestId: req.id, adminUserId: await admin(), reason: 'Suspected abuse of refunds' });
    expect(rejected).toMatchObject({ status: 'rejected', decisionReason: 'Suspected abuse of refunds' });

    await suspendForViolation(db, { accountId, adminUserId: await admin(), reason: 'Content violation reported' });
    const err = await requestRefund(db, { accountId, userId, packageId: pkg.id }).catch((e) => e);
    expect(err.message).toContain('(d) The account is suspended for a violation');
    const [acc] = await db.select().from(accounts).where(eq(accounts.id, accountId));
    expect(acc).toMatchObject({ status: 'suspended', suspensionReason: 'violation' });
  });

  test('granted and trial packages are not refundable (c)', async () => {
    const { db } = testDb();
    const { accountId, userId } = await createTestAccount(db, { currency: 'CNY', balance: '100' });
    await setTestClock(db, accountId, BOUGHT);
    const { createApplication } = await import('@/lib/applications/service');
    const { application } = await createApplication(db, { accountId, name: 'CNY app' });
    const [trial] = await db.select().from(packages).where(eq(packages.applicationId, application.id));
    expect(trial).toMatchObject({ kind: 'trial', source: 'grant', catalogCode: 'universal.trial', validFrom: '2024-10-08', validTo: '2025-10-31' });
    const err = await requestRefund(db, { accountId, userId, packageId: trial!.id }).catch((e) => e);
    expect(err.message).toContain('(c) Free minutes, free trials and gifted packages are not refundable.');
  });
});

describe('withdraw and decide after settlement (issue 10, item 7)', () => {
  test('the customer withdraws an open request: closed, audited, out of the queue; another account cannot', async () => {
    const { db, accountId, userId, app } = await setup();
    const pkg = await buyTestPackage(db, accountId, app.id);
    const req = await requestRefund(db, { accountId, userId, packageId: pkg.id });
    const { listRefundQueue } = await import('@/db/queries/refunds');
    const open = () => listRefundQueue(db, { status: 'open', accountId, sort: 'requestedAt', dir: 'asc', limit: 10, offset: 0 });
    expect((await open()).total).toBe(1);

    const other = await setup();
    const stolen = await withdrawRefund(db, { accountId: other.accountId, userId: other.userId, requestId: req.id }).catch((e) => e);
    expect(stolen.code).toBe('NOT_FOUND');

    const withdrawn = await withdrawRefund(db, { accountId, userId, requestId: req.id });
    expect(withdrawn).toMatchObject({ status: 'withdrawn', decidedBy: userId, decisionReason: 'Withdrawn by the customer.' });
    expect((await open()).total).toBe(0);
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.accountId, accountId), eq(auditLog.action, 'refund.withdrawn')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorRole).toBe('customer');

    // Closed: withdrawing or approving it again changes nothing; a new request can be made.
    expect((await withdrawRefund(db, { accountId, userId, requestId: req.id }).catch((e) => e)).code).toBe('CONFLICT');
    expect((await approveRefund(db, { requestId: req.id, adminUserId: await admin(), reason: 'Approve the withdrawn one' }).catch((e) => e)).code).toBe('CONFLICT');
    const again = await requestRefund(db, { accountId, userId, packageId: pkg.id });
    expect(again.status).toBe('open');
    const { account } = await expectConsistent(accountId);
    expect(account.balance.toFixed()).toBe('50.5');
  });

  test('approval while the usage of the day is unsettled: not rejected, the admin is told when to decide; after settlement it refunds', async () => {
    const { db, accountId, userId, app } = await setup();
    const pkg = await buyTestPackage(db, accountId, app.id);
    const req = await requestRefund(db, { accountId, userId, packageId: pkg.id });
    const start = new Date('2024-10-08T11:00:00+08:00');
    const [rec] = await db
      .insert(usageRecords)
      .values({ accountId, sdkAppId: app.sdkAppId, type: 'media', start, localDay: '2024-10-08', seconds: 60, record: {}, receivedAt: start })
      .returning();

    const err = await approveRefund(db, { requestId: req.id, adminUserId: await admin(), reason: 'Unused within five days' }).catch((e) => e);
    expect(err.code).toBe('INVALID_STATE');
    expect(err.message).toBe(
      'Not decided yet: usage of 2024-10-08 on this application is not settled, so whether the package was used is not known. Decide after its settlement at 2024-10-09 00:00:00 (UTC+8): if it leaves the package unused, approval refunds in full. The request stays open; nothing was changed.',
    );
    const [still] = await db.select().from(refundRequests).where(eq(refundRequests.id, req.id));
    expect(still).toMatchObject({ status: 'open', decidedAt: null });

    // Settlement shows the package unused: approval now refunds.
    await db.insert(daySettlements).values({ accountId, localDay: '2024-10-08', lastUsageRecordId: rec!.id, recordCount: 1, settledAt: new Date(), updatedAt: new Date() });
    await setTestClock(db, accountId, new Date('2024-10-09T09:00:00+08:00'));
    const r = await approveRefund(db, { requestId: req.id, adminUserId: await admin(), reason: 'Unused once settled' });
    expect(r.outcome).toBe('approved');
    const { account } = await expectConsistent(accountId);
    expect(account.balance.toFixed()).toBe('100');
  });

  test('a package used as well as unsettled usage is still refused on approval (no waiting)', async () => {
    const { db, accountId, userId, app } = await setup();
    const pkg = await buyTestPackage(db, accountId, app.id);
    const req = await requestRefund(db, { accountId, userId, packageId: pkg.id });
    const start = new Date('2024-10-08T11:00:00+08:00');
    await db.insert(usageRecords).values({ accountId, sdkAppId: app.sdkAppId, type: 'media', start, localDay: '2024-10-08', seconds: 60, record: {}, receivedAt: start });
    await db.update(packages).set({ minutesUsed: new Decimal(3) }).where(eq(packages.id, pkg.id));
    const r = await approveRefund(db, { requestId: req.id, adminUserId: await admin(), reason: 'Looks fine' });
    expect(r.outcome).toBe('refused');
  });
});

describe('eligibility of a page of packages in one query (issue 15)', () => {
  test('checkRefundEligibilities answers what checkRefundEligibility answers per package: unsettled usage of one application only, queued and settled ones', async () => {
    const { db, accountId, app } = await setup('300');
    const other = await createTestApplication(db, accountId);
    const third = await createTestApplication(db, accountId);
    const used = await buyTestPackage(db, accountId, app.id);
    const queued = await buyTestPackage(db, accountId, app.id);
    const clean = await buyTestPackage(db, accountId, other.id);
    const settled = await buyTestPackage(db, accountId, third.id);
    const start = new Date('2024-10-08T11:00:00+08:00');
    await db.insert(usageRecords).values([
      { accountId, sdkAppId: app.sdkAppId, type: 'media', start, localDay: '2024-10-08', seconds: 60, record: {}, receivedAt: start },
      { accountId, sdkAppId: app.sdkAppId, type: 'media', start: new Date('2024-10-09T01:00:00+08:00'), localDay: '2024-10-09', seconds: 60, record: {}, receivedAt: start },
    ]);
    const [rec] = await db
      .insert(usageRecords)
      .values({ accountId, sdkAppId: third.sdkAppId, type: 'media', start, localDay: '2024-10-08', seconds: 60, record: {}, receivedAt: start })
      .returning();
    await db.insert(daySettlements).values({ accountId, localDay: '2024-10-08', lastUsageRecordId: rec!.id, recordCount: 2, settledAt: new Date(), updatedAt: new Date() });
    await setTestClock(db, accountId, new Date('2024-10-09T09:00:00+08:00'));
    const [account] = await db.select().from(accounts).where(eq(accounts.id, accountId));
    const pkgs = await db.select().from(packages).where(eq(packages.accountId, accountId));
    const now = new Date('2024-10-09T09:00:00+08:00');

    const many = await checkRefundEligibilities(db, { account: account!, pkgs, now });
    expect([...many.keys()].sort()).toEqual(pkgs.map((p) => p.id).sort());
    for (const pkg of pkgs) expect(many.get(pkg.id)).toEqual(await checkRefundEligibility(db, { account: account!, pkg, now }));
    expect(many.get(used.id)!.eligible).toBe(false);
    expect(many.get(used.id)!.pendingSettlement).toMatchObject({ day: '2024-10-09' });
    expect(many.get(queued.id)!.pendingSettlement ?? null).toBeNull();
    expect(many.get(clean.id)!.eligible).toBe(true);
    expect(many.get(settled.id)!.eligible).toBe(true);
    expect(await checkRefundEligibilities(db, { account: account!, pkgs: [], now })).toEqual(new Map());
  });
});
