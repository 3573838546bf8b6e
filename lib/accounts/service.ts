import { eq } from 'drizzle-orm';
import type { DbOrTx, Database } from '@/db/client';
import { accounts, users } from '@/db/schema';
import { AppError, isUniqueViolation } from '@/lib/errors';
import { hashPassword } from '@/lib/auth/password';
import { PRICE_BOOK_BY_CURRENCY, type SignUpInput } from './schemas';

/**
 * Sign-up: a customer and their account, in one transaction (saas-starter's sign-up
 * writes without one; we do not). The account's currency is fixed here and decides
 * its price book (lifecycle.md, Account). `registeredAt` is the account's clock time.
 */
export async function createCustomerAccount(
  db: Database,
  input: SignUpInput & { registeredAt: Date; passwordHash?: string },
): Promise<{ userId: string; accountId: string }> {
  const passwordHash = input.passwordHash ?? (await hashPassword(input.password));
  try {
    return await db.transaction(async (tx) => {
      const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
      if (existing) throw emailTaken();
      const [account] = await tx
        .insert(accounts)
        .values({
          name: input.name,
          currency: input.currency,
          priceBookId: PRICE_BOOK_BY_CURRENCY[input.currency],
          registeredAt: input.registeredAt,
        })
        .returning({ id: accounts.id });
      if (!account) throw new Error('account insert returned no row');
      const [user] = await tx
        .insert(users)
        .values({ email: input.email, name: input.name, passwordHash, role: 'customer', accountId: account.id })
        .returning({ id: users.id });
      if (!user) throw new Error('user insert returned no row');
      return { userId: user.id, accountId: account.id };
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
    .values({ email: input.email.toLowerCase(), name: input.name, passwordHash: await hashPassword(input.password), role: 'admin' })
    .returning({ id: users.id });
  if (!user) throw new Error('user insert returned no row');
  return user.id;
}
