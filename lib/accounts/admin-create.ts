import type { Database } from '@/db/client';
import { writeAudit } from '@/lib/audit/service';
import { systemNow } from '@/lib/clock';
import { getPriceBook } from '@/lib/rating';
import type { AdminCreateAccountInput } from './create-schemas';
import { createCustomerAccountIn } from './service';

/**
 * An admin creates a customer account on any price book (issue 12), with the owner's
 * first password; the audit row commits with the account. A new account has no test
 * clock, so it is registered at the real time.
 */
export async function createAccountByAdmin(db: Database, input: AdminCreateAccountInput & { adminUserId: string }) {
  const book = getPriceBook(input.priceBookId);
  const now = systemNow();
  const { accountId, userId } = await createCustomerAccountIn(
    db,
    { name: input.name, email: input.email, password: input.password, priceBookId: book.id, registeredAt: now },
    (tx, ids) =>
      writeAudit(tx, {
        accountId: ids.accountId,
        actorUserId: input.adminUserId,
        actorRole: 'admin',
        action: 'account.created',
        targetType: 'account',
        targetId: ids.accountId,
        details: { priceBookId: book.id, currency: book.currency, ownerEmail: input.email, invitation: 'first password' },
        at: now,
      }),
  );
  return { accountId, userId, priceBookId: book.id, currency: book.currency };
}
