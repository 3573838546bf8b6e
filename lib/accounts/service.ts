import { eq } from 'drizzle-orm';
import type { DbOrTx, Database, Transaction } from '@/db/client';
import { findPriceBook, getPriceBook, listPriceBooks, unknownPriceBook } from '@/lib/rating/books';
import { accounts, users } from '@/db/schema';
import { AppError, isUniqueViolation } from '@/lib/errors';
import { hashPassword } from '@/lib/auth/password';
import { accountNow } from '@/lib/clock';
import { lockAccount, postLedgerEntry } from '@/lib/ledger/service';
import { claimIdempotencyKey } from '@/lib/idempotency/service';
import { getReclamationDetails } from '@/db/queries/audit';
import { reclaimedTopUpRefusal, type ReclamationSummary } from './reclaimed';
import { transact } from '@/lib/ledger/transaction';
import type { Decimal } from '@/lib/money/decimal';
import { DECLINED_TEST_CARD, PRICE_BOOK_BY_CURRENCY, type SignUpInput } from './schemas';

/**
 * A customer and their account, in one transaction (saas-starter's sign-up
 * writes without one; we do not). The account's currency is fixed here and decides
 * its price book (lifecycle.md, Account). `registeredAt` is the account's clock time.
 * The address is unverified unless `emailVerifiedAt` is given (sign-up: lib/accounts/sign-up.ts).
 */
export async function createCustomerAccount(
  db: Database,
  input: SignUpInput & { registeredAt: Date; passwordHash?: string; priceBookId?: string; monthlyFreeMinutes?: boolean; emailVerifiedAt?: Date | null },
): Promise<{ userId: string; accountId: string }> {
  return createCustomerAccountIn(db, input, async () => {});
}

/**
 * The same, with `after(tx, ids)` run in the account's transaction (an admin's audit row,
 * a test customer's application and opening balance): all of it commits or none.
 * `priceBookId` (any book of lib/rating) fixes the currency to the book's (lifecycle.md,
 * Account: currency fixed at creation); without it the currency picks the TRTC book.
 */
export async function createCustomerAccountIn<T>(
  db: Database,
  input: Omit<SignUpInput, 'currency'> & { currency?: SignUpInput['currency']; registeredAt: Date; passwordHash?: string; priceBookId?: string; monthlyFreeMinutes?: boolean; emailVerifiedAt?: Date | null },
  after: (tx: Transaction, ids: { userId: string; accountId: string }) => Promise<T>,
): Promise<{ userId: string; accountId: string } & { extra: T }> {
  const book = input.priceBookId ? findPriceBook(input.priceBookId) : getPriceBook(PRICE_BOOK_BY_CURRENCY[input.currency ?? 'USD']);
  if (!book) {
    throw new AppError('VALIDATION', unknownPriceBook(input.priceBookId as string), { fieldErrors: { priceBookId: [`Choose one of ${listPriceBooks().map((b) => b.id).join(', ')}.`] } });
  }
  const passwordHash = input.passwordHash ?? (await hashPassword(input.password));
  try {
    return await db.transaction(async (tx) => {
      const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
      if (existing) throw emailTaken();
      const [account] = await tx
        .insert(accounts)
        .values({
          name: input.name,
          currency: book.currency,
          priceBookId: book.id,
          registeredAt: input.registeredAt,
          monthlyFreeMinutes: input.monthlyFreeMinutes ?? true,
        })
        .returning({ id: accounts.id });
      if (!account) throw new Error('account insert returned no row');
      const [user] = await tx
        .insert(users)
        .values({ email: input.email, name: input.name, passwordHash, role: 'customer', accountId: account.id, emailVerifiedAt: input.emailVerifiedAt ?? null })
        .returning({ id: users.id });
      if (!user) throw new Error('user insert returned no row');
      const ids = { userId: user.id, accountId: account.id };
      return { ...ids, extra: await after(tx, ids) };
    });
  } catch (err) {
    // Two sign-ups racing on one email: the unique index decides; answer like the check above.
    if (isUniqueViolation(err)) throw emailTaken();
    throw err;
  }
}

function emailTaken() {
  return new AppError('CONFLICT', 'An account with this email already exists.', {
    fieldErrors: { email: ['An account with this email already exists. Sign in instead.'] },
  });
}

export async function createAdminUser(db: DbOrTx, input: { email: string; name: string; password: string }): Promise<string> {
  const [user] = await db
    .insert(users)
    .values({ email: input.email.toLowerCase(), name: input.name, passwordHash: await hashPassword(input.password), role: 'admin', emailVerifiedAt: new Date() })
    .returning({ id: users.id });
  if (!user) throw new Error('user insert returned no row');
  return user.id;
}

/**
 * A top-up through the simulated payment form (issue 4): one `top_up` ledger entry keyed
 * by the form's idempotency key, so a double submit or a retry credits once. A top-up that
 * brings the balance to zero or above ends `overdue` and lifts an arrears suspension
 * (lifecycle.md, Account), which postLedgerEntry applies.
 */
export async function topUp(
  db: Database,
  input: { accountId: string; userId: string | null; amount: Decimal; cardNumber: string; idempotencyKey: string },
): Promise<{ entryId: number; balance: Decimal; created: boolean }> {
  if (input.cardNumber === DECLINED_TEST_CARD) {
    throw new AppError('VALIDATION', 'The card was declined (simulated processor). Use another card.', {
      fieldErrors: { cardNumber: ['The card was declined (simulated processor). Use another card.'] },
    });
  }
  const last4 = input.cardNumber.slice(-4);
  return transact(db, async (tx) => {
    const account = await lockAccount(tx, input.accountId);
    const now = await accountNow(tx, input.accountId);
    // The same key replays only the same top-up: another amount or card is refused (issue 13, item 11).
    const claim = await claimIdempotencyKey(tx, {
      accountId: input.accountId,
      key: `top-up:${input.idempotencyKey}`,
      action: 'balance.top_up',
      params: { amount: input.amount.toFixed(), card: last4 },
      labels: { amount: 'amount', card: 'card' },
      what: 'top-up',
      at: now,
    });
    // A reclaimed account can only pay its debt (issue 13, item 12); a replay above answers as before.
    if (claim === 'new' && account.status === 'reclaimed') {
      const refusal = reclaimedTopUpRefusal({ balance: account.balance, amount: input.amount, currency: account.currency, summary: await loadReclamationSummary(tx, account) });
      if (refusal) throw new AppError('INVALID_STATE', refusal, { fieldErrors: { amount: [refusal] } });
    }
    const { entry, created, account: after } = await postLedgerEntry(tx, {
      accountId: input.accountId,
      kind: 'top_up',
      amount: input.amount,
      description: { key: 'topUp', params: { last4 } },
      reference: `card-${last4}`,
      idempotencyKey: `top-up:${input.idempotencyKey}`,
      actorUserId: input.userId,
      at: now,
    });
    return { entryId: entry.id, balance: after.balance, created };
  });
}

/** What the reclamation of an account removed (its audit row), for the balance page and the top-up refusal. */
export async function loadReclamationSummary(db: DbOrTx, account: { id: string; reclaimedAt: Date | null }): Promise<ReclamationSummary> {
  const row = await getReclamationDetails(db, account.id);
  return {
    reclaimedAt: account.reclaimedAt ?? row?.at ?? null,
    applications: row?.details.applications ?? [],
    usageRecords: row?.details.usageRecords ?? null,
    packages: row?.details.packages ?? null,
  };
}
