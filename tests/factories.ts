import { randomUUID } from 'node:crypto';
import type { Database } from '@/db/client';
import { applications } from '@/db/schema';
import { createCustomerAccount } from '@/lib/accounts/service';
import { generateSecretKey } from '@/lib/applications/secret-key';
import { postLedgerEntry } from '@/lib/ledger/service';
import { Decimal } from '@/lib/money/decimal';

// A precomputed scrypt hash keeps factories fast (hashing at N=2^17 takes ~0.3 s).
const FAST_HASH = 'scrypt$1$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** A customer with an account (USD unless asked), optionally topped up. */
export async function createTestAccount(
  db: Database,
  options: { currency?: 'USD' | 'CNY'; balance?: string; registeredAt?: Date; name?: string } = {},
): Promise<{ accountId: string; userId: string; email: string }> {
  const email = `t-${randomUUID()}@example.test`;
  const registeredAt = options.registeredAt ?? new Date('2024-10-01T00:00:00+08:00');
  const { accountId, userId } = await createCustomerAccount(db, {
    email,
    name: options.name ?? 'Test account',
    password: 'unused-password',
    passwordHash: FAST_HASH,
    currency: options.currency ?? 'USD',
    registeredAt,
    emailVerifiedAt: registeredAt,
  });
  if (options.balance) {
    await db.transaction((tx) =>
      postLedgerEntry(tx, {
        accountId,
        kind: 'top_up',
        amount: new Decimal(options.balance as string),
        description: { key: 'note', params: { text: 'Test top-up' } },
        idempotencyKey: `test-top-up:${randomUUID()}`,
        at: registeredAt,
      }),
    );
  }
  return { accountId, userId, email };
}

export async function createTestApplication(db: Database, accountId: string, options: { name?: string; createdAt?: Date } = {}) {
  const key = generateSecretKey();
  const [app] = await db
    .insert(applications)
    .values({ accountId, name: options.name ?? 'Test app', secretKeyHash: key.hash, secretKeyHint: key.hint, createdAt: options.createdAt ?? new Date('2024-10-01T00:00:00+08:00') })
    .returning();
  if (!app) throw new Error('application insert returned no row');
  return { ...app, secretKey: key.secretKey };
}

// ---- billing helpers (issue 4: accounts, packages, refunds) ----

/** Attach or move a test clock on an account (what `accountNow` then returns). */
export async function setTestClock(db: Database, accountId: string, now: Date): Promise<void> {
  const { testClocks } = await import('@/db/schema');
  await db
    .insert(testClocks)
    .values({ accountId, now })
    .onConflictDoUpdate({ target: testClocks.accountId, set: { now, updatedAt: new Date() } });
}

/** Buy a package through the real service (balance must pay). */
export async function buyTestPackage(
  db: Database,
  accountId: string,
  applicationId: string,
  catalogCode = 'rtc-engine.lite',
  options: { autoRenew?: boolean; key?: string; customThousands?: number } = {},
) {
  const { purchasePackage } = await import('@/lib/packages/service');
  const { package: pkg } = await purchasePackage(db, {
    accountId,
    userId: null,
    applicationId,
    catalogCode,
    customThousands: options.customThousands,
    autoRenew: options.autoRenew ?? false,
    idempotencyKey: options.key ?? `test-${randomUUID()}`,
  });
  return pkg;
}

/** Balance, ledger rows (in order) and the checks every money test makes. */
export async function ledgerState(db: Database, accountId: string) {
  const { accounts, ledgerEntries } = await import('@/db/schema');
  const { asc, eq } = await import('drizzle-orm');
  const [account] = await db.select().from(accounts).where(eq(accounts.id, accountId));
  const rows = await db.select().from(ledgerEntries).where(eq(ledgerEntries.accountId, accountId)).orderBy(asc(ledgerEntries.id));
  if (!account) throw new Error('account missing');
  return { account, rows };
}

/** A media usage record (rating.md section 1) of `app` on 2024-10-08: 90 s receiving one 720p stream; `extra` overrides fields. */
export const mediaRecord = (app: number, extra: Record<string, unknown> = {}) => ({
  type: 'media', app, user: 'u1', room: 'r1', start: '2024-10-08T10:00:00+08:00', seconds: 90,
  receive: [{ stream: 's1', audio: true, video: [1280, 720] }], ...extra,
});
