import { randomBytes } from 'node:crypto';
import type { Database } from '@/db/client';
import { sendInvitation } from '@/lib/auth/account-security';
import { writeAudit } from '@/lib/audit/service';
import { systemNow } from '@/lib/clock';
import { getPriceBook } from '@/lib/rating';
import type { AdminCreateAccountInput } from './create-schemas';
import { createCustomerAccountIn } from './service';

/**
 * An admin creates a customer account on any price book (issue 12), with the owner's
 * first password or an emailed invitation; the audit row commits with the account. A new account has no test
 * clock, so it is registered at the real time.
 */
export async function createAccountByAdmin(db: Database, input: AdminCreateAccountInput & { adminUserId: string }) {
  const book = getPriceBook(input.priceBookId);
  const now = systemNow();
  // Invited by email: nobody knows a password until the owner chooses one through the link.
  const password = input.invite === 'email' || !input.password ? `invited-${randomBytes(24).toString('base64url')}` : input.password;
  const { accountId, userId } = await createCustomerAccountIn(
    db,
    { name: input.name, email: input.email, password, priceBookId: book.id, registeredAt: now },
    (tx, ids) =>
      writeAudit(tx, {
        accountId: ids.accountId,
        actorUserId: input.adminUserId,
        actorRole: 'admin',
        action: 'account.created',
        targetType: 'account',
        targetId: ids.accountId,
        details: { priceBookId: book.id, currency: book.currency, ownerEmail: input.email, invitation: input.invite === 'email' ? 'email' : 'first password' },
        at: now,
      }),
  );
  // After the commit: the email goes out only for an account that exists (lib/email never throws here).
  if (input.invite === 'email') await sendInvitation(db, { userId, accountName: input.name, priceBookName: book.name, now });
  return { accountId, userId, priceBookId: book.id, currency: book.currency, invite: input.invite };
}
