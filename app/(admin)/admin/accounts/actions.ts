'use server';

import { db } from '@/db';
import { defineAction } from '@/lib/actions/define-action';
import { adjustBalanceSchema, liftSuspensionSchema, suspendForViolationSchema } from '@/lib/admin/schemas';
import { adjustBalance, liftViolationSuspension, suspendForViolation } from '@/lib/admin/service';
import { formatMoney } from '@/lib/money/format';
import { adminCreateAccountSchema } from '@/lib/accounts/create-schemas';
import { createAccountByAdmin } from '@/lib/accounts/admin-create';

export const adjustBalanceAction = defineAction({
  schema: adjustBalanceSchema,
  permission: 'admin',
  run: async ({ input, user }) => {
    const r = await adjustBalance(db, { accountId: input.accountId, adminUserId: user.id, amount: input.amount, reason: input.reason, idempotencyKey: input.idempotencyKey });
    return { accountId: input.accountId, created: r.created, balance: formatMoney(r.balance, r.currency) };
  },
  revalidate: (d) => [`/admin/accounts/${d.accountId}`, '/admin/accounts', '/admin/audit'],
  successMessage: (d) => (d.created ? `Balance adjusted; it is now ${d.balance}.` : `This adjustment was already recorded; balance ${d.balance}.`),
});

export const suspendForViolationAction = defineAction({
  schema: suspendForViolationSchema,
  permission: 'admin',
  run: async ({ input, user }) => {
    const account = await suspendForViolation(db, { accountId: input.accountId, adminUserId: user.id, reason: input.reason });
    return { accountId: input.accountId, status: account.status };
  },
  revalidate: (d) => [`/admin/accounts/${d.accountId}`, '/admin/accounts', '/admin/suspensions', '/admin/audit'],
  successMessage: 'Account suspended for a violation. Only an administrator can lift it.',
});

export const liftSuspensionAction = defineAction({
  schema: liftSuspensionSchema,
  permission: 'admin',
  run: async ({ input, user }) => {
    const account = await liftViolationSuspension(db, { accountId: input.accountId, adminUserId: user.id, reason: input.reason });
    return { accountId: input.accountId, status: account.status };
  },
  revalidate: (d) => [`/admin/accounts/${d.accountId}`, '/admin/accounts', '/admin/suspensions', '/admin/audit'],
  successMessage: (d) => (d.status === 'overdue' ? 'Suspension lifted; the balance is below zero, so the account is overdue with a new 24-hour grace.' : 'Suspension lifted; the account is active.'),
});

/** Issue 12: a customer account on any price book, the owner given a first password (no mail transport yet). */
export const createAccountAction = defineAction({
  schema: adminCreateAccountSchema,
  permission: 'admin',
  run: async ({ input, user }) => {
    const r = await createAccountByAdmin(db, { ...input, adminUserId: user.id });
    return { ...r, email: input.email };
  },
  revalidate: ['/admin/accounts', '/admin/audit'],
  successMessage: (d) =>
    d.invite === 'email'
      ? `Account created on ${d.priceBookId} (${d.currency}). ${d.email} was emailed a link to choose a password.`
      : `Account created on ${d.priceBookId} (${d.currency}). Give ${d.email} the first password; they sign in with it.`,
});
