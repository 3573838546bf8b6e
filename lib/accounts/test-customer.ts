import { randomBytes } from 'node:crypto';
import type { Database } from '@/db/client';
import { applications, testClocks } from '@/db/schema';
import { generateSecretKey } from '@/lib/applications/secret-key';
import { grantUniversalTrial } from '@/lib/applications/service';
import { writeAudit } from '@/lib/audit/service';
import { assertTestClocksEnabled } from '@/lib/clock/test-clock';
import { systemNow } from '@/lib/clock';
import { postLedgerEntry } from '@/lib/ledger/service';
import { getPriceBook } from '@/lib/rating';
import type { DevCreateAccountInput } from './create-schemas';
import { createCustomerAccountIn } from './service';

export type TestCustomer = {
  accountId: string;
  userId: string;
  priceBookId: string;
  currency: string;
  registeredAt: string;
  login: { email: string; password: string };
  application: { id: string; sdkAppId: number; name: string; secretKey: string; createdAt: string };
  balance: string;
  monthlyFreeMinutes: boolean;
  clock: { now: string } | null;
};

/**
 * A test customer in one transaction (POST /api/dev/accounts; development and test only):
 * account on the chosen book, owner login, first application created at
 * `firstApplicationAt` with its secret key, the address confirmed (a developer's test login), opening balance as a top-up ledger row, and an
 * optional test clock. Nothing else differs from a customer who signed up.
 */
export async function createTestCustomer(db: Database, input: DevCreateAccountInput): Promise<TestCustomer> {
  assertTestClocksEnabled();
  const book = getPriceBook(input.priceBookId);
  const registeredAt = input.registeredAt ? new Date(input.registeredAt) : systemNow();
  const appAt = input.firstApplicationAt ? new Date(input.firstApplicationAt) : registeredAt;
  const tag = randomBytes(6).toString('hex');
  const email = input.email ?? `test-${tag}@example.test`;
  const password = input.password ?? `pw-${randomBytes(12).toString('base64url')}`;
  const monthlyFreeMinutes = input.monthlyFreeMinutes ?? !!book.coverage.free?.length;
  const clockAt = input.testClock ? (input.testClock !== true && input.testClock.startAt ? new Date(input.testClock.startAt) : registeredAt) : null;
  const key = generateSecretKey();
  const appName = input.applicationName ?? 'Test application';

  const { accountId, userId, extra } = await createCustomerAccountIn(
    db,
    { name: input.name ?? `Test customer ${tag}`, email, password, priceBookId: book.id, registeredAt, monthlyFreeMinutes, emailVerifiedAt: registeredAt },
    async (tx, ids) => {
      const [app] = await tx
        .insert(applications)
        .values({ accountId: ids.accountId, name: appName, secretKeyHash: key.hash, secretKeyHint: key.hint, createdAt: appAt })
        .returning();
      if (!app) throw new Error('application insert returned no row');
      if (input.trial ?? true) await grantUniversalTrial(tx, { accountId: ids.accountId, priceBookId: book.id }, app, appAt);
      if (input.balance && !input.balance.isZero()) {
        await postLedgerEntry(tx, {
          accountId: ids.accountId,
          kind: 'top_up',
          amount: input.balance,
          description: { key: 'openingBalance', params: {} },
          reference: 'dev-api',
          idempotencyKey: 'dev-api:opening-balance',
          at: registeredAt,
        });
      }
      if (clockAt) {
        const now = systemNow();
        await tx.insert(testClocks).values({ accountId: ids.accountId, now: clockAt, createdAt: now, updatedAt: now });
      }
      await writeAudit(tx, {
        accountId: ids.accountId,
        actorUserId: null,
        actorRole: 'developer',
        action: 'account.created',
        targetType: 'account',
        targetId: ids.accountId,
        details: { priceBookId: book.id, via: 'POST /api/dev/accounts', monthlyFreeMinutes },
        at: registeredAt,
      });
      return app;
    },
  );
  return {
    accountId,
    userId,
    priceBookId: book.id,
    currency: book.currency,
    registeredAt: registeredAt.toISOString(),
    login: { email, password },
    application: { id: extra.id, sdkAppId: extra.sdkAppId, name: extra.name, secretKey: key.secretKey, createdAt: extra.createdAt.toISOString() },
    balance: (input.balance ?? null)?.toFixed(2) ?? '0.00',
    monthlyFreeMinutes,
    clock: clockAt ? { now: clockAt.toISOString() } : null,
  };
}
