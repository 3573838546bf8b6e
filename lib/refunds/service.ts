import { and, eq, inArray } from 'drizzle-orm';
import type { Database, DbOrTx, Transaction } from '@/db/client';
import { applications, ledgerEntries, packages, refundRequests } from '@/db/schema';
import { notify } from '@/lib/notices/notify';
import { countUnsettledMediaUsage, countUnsettledMediaUsageAcross, countUnsettledMediaUsageMany, getQueuedPackage, type PackageRow } from '@/db/queries/packages';
import { getOpenRefundRequest, listOpenRefundRequestIds, type RefundRequestRow } from '@/db/queries/refunds';
import { writeAudit } from '@/lib/audit/service';
import { accountNow, accountNows } from '@/lib/clock';
import { AppError, isUniqueViolation } from '@/lib/errors';
import { lockAccount, postLinkedLedgerEntry, type AccountRow } from '@/lib/ledger/service';
import { transact } from '@/lib/ledger/transaction';
import type { Decimal } from '@/lib/money/decimal';
import { formatMoney } from '@/lib/money/format';
import { localDate, startOfLocalDay } from '@/lib/time/local-date';
import { formatLocalDateTime } from '@/lib/time/format';
import { packageDisplayName } from '@/lib/packages/catalog';
import { activateQueuedPackage, syncApplicationEdition } from '@/lib/packages/lifecycle';
import { settleInstant } from '@/lib/jobs/planner';
import { pendingSettlementMessage, refundEligibility, type RefundCheck, type RefundEligibility } from './rules';

export type { RefundRequestRow };
/** What `refund_requests.checks` holds: the checks when requested and when decided. */
export type StoredRefundChecks = { requested?: RefundCheck[]; decided?: RefundCheck[] };

/**
 * The instant from which check (b) looks for unsettled usage: the package covers usage from
 * 00:00 of its first day, including that day's earlier usage not yet covered (rating.md
 * section 4), so any unsettled media usage of the bound application since then may still be
 * deducted from it. A queued package covers nothing yet.
 */
export function usageWatchStart(pkg: Pick<PackageRow, 'validFrom' | 'status'>): Date | null {
  if (!pkg.validFrom || pkg.status === 'queued') return null;
  return startOfLocalDay(pkg.validFrom);
}

type Unsettled = { records: number; lastDay: string | null };
const NOTHING_UNSETTLED: Unsettled = { records: 0, lastDay: null };

/** Checks (a)–(d) from the facts read for one package (pure; the one place the facts meet the rules). */
function eligibilityFrom(
  input: { account: Pick<AccountRow, 'status' | 'suspensionReason'>; pkg: PackageRow; now: Date; requestedAt?: Date | null },
  unsettled: Unsettled,
  otherOpenRequest: boolean,
): RefundEligibility {
  const { account, pkg } = input;
  return refundEligibility({
    now: input.now,
    requestedAt: input.requestedAt ?? null,
    pkg: { status: pkg.status, kind: pkg.kind, source: pkg.source, price: pkg.price, purchasedAt: pkg.purchasedAt, minutesUsed: pkg.minutesUsed },
    unsettledUsageRecords: unsettled.records,
    unsettledThrough: unsettled.lastDay ? { day: unsettled.lastDay, settlesAt: settleInstant(unsettled.lastDay) } : null,
    account: { status: account.status, suspensionReason: account.suspensionReason },
    otherOpenRequest,
  });
}

/**
 * Checks (a)–(d) for one package of the account at `now` (lifecycle.md, Five-day refund).
 * A page checking several packages of one account uses `checkRefundEligibilities`.
 */
export async function checkRefundEligibility(
  db: DbOrTx,
  input: {
    account: Pick<AccountRow, 'id' | 'status' | 'suspensionReason'>;
    pkg: PackageRow;
    now: Date;
    requestedAt?: Date | null;
    excludeRequestId?: string;
    otherOpenRequest?: boolean;
  },
): Promise<RefundEligibility> {
  const { account, pkg } = input;
  const since = usageWatchStart(pkg);
  const unsettled = since && pkg.status === 'active' ? await countUnsettledMediaUsage(db, account.id, pkg.sdkAppId, since) : NOTHING_UNSETTLED;
  const otherOpenRequest = input.otherOpenRequest ?? (await getOpenRefundRequest(db, account.id, input.excludeRequestId)) !== null;
  return eligibilityFrom(input, unsettled, otherOpenRequest);
}

/**
 * Checks (a)–(d) for several packages of one account (the packages page): the unsettled usage
 * of all of them in one query, the account's open request read once (or passed in).
 */
export async function checkRefundEligibilities(
  db: DbOrTx,
  input: { account: Pick<AccountRow, 'id' | 'status' | 'suspensionReason'>; pkgs: readonly PackageRow[]; now: Date; otherOpenRequest?: boolean },
): Promise<Map<string, RefundEligibility>> {
  const { account } = input;
  const watched = input.pkgs.flatMap((pkg) => {
    const since = pkg.status === 'active' ? usageWatchStart(pkg) : null;
    return since ? [{ pkg, since }] : [];
  });
  const [counts, otherOpenRequest] = await Promise.all([
    countUnsettledMediaUsageMany(db, account.id, watched.map((w) => ({ sdkAppId: w.pkg.sdkAppId, since: w.since }))),
    input.otherOpenRequest ?? getOpenRefundRequest(db, account.id).then((r) => r !== null),
  ]);
  const unsettledOf = new Map(watched.map((w, i) => [w.pkg.id, counts[i] ?? NOTHING_UNSETTLED]));
  return new Map(input.pkgs.map((pkg) => [pkg.id, eligibilityFrom({ account, pkg, now: input.now }, unsettledOf.get(pkg.id) ?? NOTHING_UNSETTLED, otherOpenRequest)]));
}

/**
 * Checks (a)–(d) of the open requests of the admin queue, each at its own account's time
 * (test clocks are per account) and without counting itself as the account's other open
 * request: the accounts' times, the unsettled usage of every package and the open requests
 * each read once for the page, never per request. Keyed by request id.
 */
export async function checkQueuedRefundEligibilities(
  db: DbOrTx,
  requests: readonly { requestId: string; requestedAt: Date | null; account: Pick<AccountRow, 'id' | 'status' | 'suspensionReason'>; pkg: PackageRow }[],
): Promise<Map<string, RefundEligibility>> {
  const accountIds = requests.map((r) => r.account.id);
  const watched = requests.flatMap((r) => {
    const since = r.pkg.status === 'active' ? usageWatchStart(r.pkg) : null;
    return since ? [{ requestId: r.requestId, accountId: r.account.id, sdkAppId: r.pkg.sdkAppId, since }] : [];
  });
  const [nows, counts, open] = await Promise.all([accountNows(db, accountIds), countUnsettledMediaUsageAcross(db, watched), listOpenRefundRequestIds(db, accountIds)]);
  const unsettledOf = new Map(watched.map((w, i) => [w.requestId, counts[i] ?? NOTHING_UNSETTLED]));
  return new Map(
    requests.map((r) => {
      const otherOpenRequest = open.some((o) => o.accountId === r.account.id && o.id !== r.requestId);
      const now = nows.get(r.account.id)!;
      return [r.requestId, eligibilityFrom({ account: r.account, pkg: r.pkg, now, requestedAt: r.requestedAt }, unsettledOf.get(r.requestId) ?? NOTHING_UNSETTLED, otherOpenRequest)];
    }),
  );
}

/** The amount paid for a package: its ledger debit (cash, commission and gift credit alike), else its price. */
async function amountPaid(db: DbOrTx, pkg: PackageRow): Promise<Decimal> {
  if (pkg.ledgerEntryId) {
    const [entry] = await db.select({ amount: ledgerEntries.amount }).from(ledgerEntries).where(and(eq(ledgerEntries.id, pkg.ledgerEntryId), eq(ledgerEntries.accountId, pkg.accountId))).limit(1);
    if (entry) return entry.amount.negated();
  }
  return pkg.price;
}

/**
 * A customer asks for the five-day refund of a package. Checks (a)–(d) first; a refused
 * request is not stored and the reason is returned as the error. One open request per
 * account (the partial unique index is the final guarantee).
 */
export async function requestRefund(
  db: Database,
  input: { accountId: string; userId: string; packageId: string; note?: string | null },
): Promise<RefundRequestRow> {
  try {
    return await transact(db, async (tx) => {
      const account = await lockAccount(tx, input.accountId);
      const [pkg] = await tx.select().from(packages).where(and(eq(packages.accountId, input.accountId), eq(packages.id, input.packageId))).for('update');
      if (!pkg) throw new AppError('NOT_FOUND', 'Package not found.', { fieldErrors: { packageId: ['Package not found.'] } });
      const now = await accountNow(tx, input.accountId);
      const eligibility = await checkRefundEligibility(tx, { account, pkg, now });
      if (!eligibility.eligible) {
        throw new AppError('INVALID_STATE', `This package cannot be refunded. ${eligibility.reason}`, { fieldErrors: { packageId: [eligibility.reason ?? ''] } });
      }
      const amount = await amountPaid(tx, pkg);
      const [row] = await tx
        .insert(refundRequests)
        .values({
          accountId: input.accountId,
          packageId: pkg.id,
          amount,
          currency: pkg.currency,
          customerNote: input.note?.trim() || null,
          checks: { requested: eligibility.checks } satisfies StoredRefundChecks,
          requestedAt: now,
          requestedBy: input.userId,
        })
        .returning();
      if (!row) throw new Error('refund request insert returned no row');
      await writeAudit(tx, {
        accountId: input.accountId,
        actorUserId: input.userId,
        actorRole: 'customer',
        action: 'refund.requested',
        targetType: 'refund_request',
        targetId: row.id,
        details: { packageId: pkg.id, amount: amount.toFixed(), package: packageDisplayName(pkg) },
        at: now,
      });
      await notify(tx, {
        kind: 'refund.requested',
        accountId: input.accountId,
        subject: row.id,
        occasion: 'requested',
        at: now,
        facts: { requestId: row.id, packageName: packageDisplayName(pkg), currency: account.currency, amount: amount.toFixed(2) },
      });
      return row;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'refund_requests_one_open_uq')) {
      throw new AppError('CONFLICT', 'Another refund request of this account is waiting for a decision; one request at a time.');
    }
    throw err;
  }
}

export type ApproveRefundResult =
  | { outcome: 'approved'; request: RefundRequestRow; ledgerEntryId: number; activatedQueuedId: string | null }
  | { outcome: 'refused'; request: RefundRequestRow; reason: string };

/** Lock an open request and its account; `ownerAccountId` (a customer) sees another account's request as missing. */
async function lockOpenRequest(tx: Transaction, requestId: string, ownerAccountId?: string): Promise<{ account: AccountRow; request: RefundRequestRow }> {
  const [head] = await tx.select({ accountId: refundRequests.accountId }).from(refundRequests).where(eq(refundRequests.id, requestId)).limit(1);
  if (!head || (ownerAccountId !== undefined && head.accountId !== ownerAccountId)) throw new AppError('NOT_FOUND', 'Refund request not found.');
  const account = await lockAccount(tx, head.accountId);
  const [request] = await tx.select().from(refundRequests).where(eq(refundRequests.id, requestId)).for('update');
  if (!request) throw new AppError('NOT_FOUND', 'Refund request not found.');
  if (request.status !== 'open') {
    throw new AppError('CONFLICT', `This request was already ${request.status}${request.decidedAt ? ` at ${formatLocalDateTime(request.decidedAt)} (UTC+8)` : ''}; nothing was changed.`);
  }
  return { account, request };
}

/**
 * Close an open request (approved, rejected or withdrawn), the one close step: the checks
 * stored at the request are kept and the checks at the decision (`decided`, when known) added
 * beside them; the state is in the WHERE, so a second admin or a double click finds it
 * closed and changes nothing.
 */
async function closeRequest(
  tx: Transaction,
  request: RefundRequestRow,
  close: { status: Exclude<RefundRequestRow['status'], 'open'>; at: Date; by: string; reason: string; decided?: RefundCheck[] },
): Promise<RefundRequestRow> {
  const stored = (request.checks ?? {}) as StoredRefundChecks;
  const checks: StoredRefundChecks = close.decided === undefined ? stored : { ...stored, decided: close.decided };
  const [closed] = await tx
    .update(refundRequests)
    .set({ status: close.status, decidedAt: close.at, decidedBy: close.by, decisionReason: close.reason, checks })
    .where(and(eq(refundRequests.id, request.id), eq(refundRequests.status, 'open')))
    .returning();
  if (!closed) throw new AppError('CONFLICT', 'This request was decided meanwhile; nothing was changed.');
  return closed;
}

/**
 * An admin approves a refund (lifecycle.md, Five-day refund). Under the account lock:
 * re-check (b)–(d) now and (a) at the request's time; a package used in between is refused
 * (the request is closed as rejected with the reason). Approved: the full amount paid back
 * to the balance (one `refund` entry, key from the request), the package void, a package
 * queued behind it activated from today, the edition re-derived, all audited. Two admins
 * approving at once: the second finds the request decided and changes nothing.
 */
export async function approveRefund(db: Database, input: { requestId: string; adminUserId: string; reason: string }): Promise<ApproveRefundResult> {
  return transact(db, async (tx) => {
    const { account, request } = await lockOpenRequest(tx, input.requestId);
    const now = await accountNow(tx, account.id);
    const [pkg] = await tx.select().from(packages).where(and(eq(packages.id, request.packageId), eq(packages.accountId, account.id))).for('update');
    if (!pkg) throw new AppError('NOT_FOUND', 'The package of this request no longer exists.');
    const eligibility = await checkRefundEligibility(tx, { account, pkg, now, requestedAt: request.requestedAt, excludeRequestId: request.id });
    const audit = (action: string, details: Record<string, unknown>) =>
      writeAudit(tx, { accountId: account.id, actorUserId: input.adminUserId, actorRole: 'admin', action, targetType: 'refund_request', targetId: request.id, details, at: now });

    // Only unsettled usage stands in the way: its settlement decides (b), so wait for it rather than reject.
    if (!eligibility.eligible && eligibility.pendingSettlement) {
      throw new AppError('INVALID_STATE', pendingSettlementMessage(eligibility.pendingSettlement, now), { context: { settlesAt: eligibility.pendingSettlement.settlesAt.toISOString() } });
    }
    if (!eligibility.eligible) {
      const reason = `Re-check at approval failed: ${eligibility.reason}`;
      const closed = await closeRequest(tx, request, { status: 'rejected', at: now, by: input.adminUserId, reason, decided: eligibility.checks });
      await audit('refund.refused_on_recheck', { packageId: pkg.id, reason, adminNote: input.reason, checks: eligibility.checks });
      await notify(tx, { kind: 'refund.rejected', accountId: account.id, subject: request.id, occasion: 'decided', at: now, facts: { requestId: request.id, packageName: packageDisplayName(pkg), reason } });
      return { outcome: 'refused', request: closed, reason };
    }

    const approved = await closeRequest(tx, request, { status: 'approved', at: now, by: input.adminUserId, reason: input.reason, decided: eligibility.checks });

    const [app] = await tx
      .select({ name: applications.name })
      .from(applications)
      .where(and(eq(applications.id, pkg.applicationId), eq(applications.accountId, account.id)))
      .limit(1);
    const name = packageDisplayName(pkg);
    const { entry, linked: decided } = await postLinkedLedgerEntry(tx, {
      accountId: account.id,
      kind: 'refund',
      amount: request.amount,
      description: { key: 'refund', params: { catalogCode: pkg.catalogCode, minutes: pkg.minutes.toFixed(), app: app?.name ?? null, sdkAppId: String(pkg.sdkAppId) } },
      subject: { kind: 'refund', id: request.id },
      idempotencyKey: `refund:${request.id}`,
      actorUserId: input.adminUserId,
      at: now,
    });

    const [voided] = await tx
      .update(packages)
      .set({ status: 'void', voidedAt: now, voidReason: `Five-day refund (request ${request.id})`, autoRenew: false })
      .where(and(eq(packages.id, pkg.id), inArray(packages.status, ['active', 'queued'])))
      .returning();
    if (!voided) throw new AppError('CONFLICT', 'The package changed meanwhile; nothing was changed.');

    let activatedQueuedId: string | null = null;
    if (pkg.status === 'active' && pkg.product !== 'universal') {
      const queued = await getQueuedPackage(tx, account.id, pkg.applicationId, pkg.product);
      // The queued package moves up from today (lifecycle.md: "a queued package behind it moves up").
      if (queued) activatedQueuedId = (await activateQueuedPackage(tx, queued, localDate(now), now)).id;
    }
    await syncApplicationEdition(tx, pkg.applicationId);
    await audit('refund.approved', {
      packageId: pkg.id,
      amount: request.amount.toFixed(),
      ledgerEntryId: entry.id,
      reason: input.reason,
      activatedQueuedId,
      checks: eligibility.checks,
    });
    await notify(tx, { kind: 'refund.approved', accountId: account.id, subject: request.id, occasion: 'decided', at: now, facts: { requestId: request.id, packageName: name, currency: account.currency, amount: request.amount.toFixed(2) } });
    return { outcome: 'approved', request: decided ?? approved, ledgerEntryId: entry.id, activatedQueuedId };
  });
}

/** An admin rejects a refund request with a reason (audited; the customer sees it). */
export async function rejectRefund(db: Database, input: { requestId: string; adminUserId: string; reason: string }): Promise<RefundRequestRow> {
  return transact(db, async (tx) => {
    const { account, request } = await lockOpenRequest(tx, input.requestId);
    const now = await accountNow(tx, account.id);
    const [pkg] = await tx.select().from(packages).where(and(eq(packages.id, request.packageId), eq(packages.accountId, account.id))).limit(1);
    const decidedChecks = pkg ? (await checkRefundEligibility(tx, { account, pkg, now, requestedAt: request.requestedAt, excludeRequestId: request.id })).checks : undefined;
    const rejected = await closeRequest(tx, request, { status: 'rejected', at: now, by: input.adminUserId, reason: input.reason, decided: decidedChecks });
    await writeAudit(tx, {
      accountId: account.id,
      actorUserId: input.adminUserId,
      actorRole: 'admin',
      action: 'refund.rejected',
      targetType: 'refund_request',
      targetId: request.id,
      details: { packageId: request.packageId, reason: input.reason },
      at: now,
    });
    await notify(tx, { kind: 'refund.rejected', accountId: account.id, subject: request.id, occasion: 'decided', at: now, facts: { requestId: request.id, packageName: pkg ? packageDisplayName(pkg) : 'Package', reason: input.reason } });
    return rejected;
  });
}


/** The reason stored on a request the customer took back. */
export const WITHDRAWN_REASON = 'Withdrawn by the customer.';

/**
 * The customer withdraws their open request (lifecycle.md, Five-day refund: "the customer
 * can withdraw it while it is open"): closed as `withdrawn`, audited; it leaves the admin
 * queue and another request may be made. Another account's request answers NOT_FOUND.
 */
export async function withdrawRefund(db: Database, input: { accountId: string; userId: string; requestId: string }): Promise<RefundRequestRow> {
  return transact(db, async (tx) => {
    const { account, request } = await lockOpenRequest(tx, input.requestId, input.accountId);
    const now = await accountNow(tx, account.id);
    const withdrawn = await closeRequest(tx, request, { status: 'withdrawn', at: now, by: input.userId, reason: WITHDRAWN_REASON });
    await writeAudit(tx, {
      accountId: account.id,
      actorUserId: input.userId,
      actorRole: 'customer',
      action: 'refund.withdrawn',
      targetType: 'refund_request',
      targetId: request.id,
      details: { packageId: request.packageId, amount: request.amount.toFixed() },
      at: now,
    });
    return withdrawn;
  });
}
