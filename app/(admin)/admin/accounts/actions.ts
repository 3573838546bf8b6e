'use server';

import { db } from '@/db';
import { defineAction } from '@/lib/actions/define-action';
import { adjustBalanceSchema, liftSuspensionSchema, suspendForViolationSchema } from '@/lib/admin/schemas';
import { adjustBalance, liftViolationSuspension, suspendForViolation } from '@/lib/admin/service';
import { formatMoney } from '@/lib/money/format';
import { adminCreateAccountSchema } from '@/lib/accounts/create-schemas';
import { createAccountByAdmin } from '@/lib/accounts/admin-create';
import { getLocale, getTranslations } from 'next-intl/server';

// Success messages in the admin's language (issue 14 item 4): `run` words them, as defineAction's
// successMessage is synchronous; `message` goes back with the data.

export const adjustBalanceAction = defineAction({
  schema: adjustBalanceSchema,
  permission: 'admin',
  run: async ({ input, user }) => {
    const r = await adjustBalance(db, { accountId: input.accountId, adminUserId: user.id, amount: input.amount, reason: input.reason, idempotencyKey: input.idempotencyKey });
    const [t, locale] = await Promise.all([getTranslations('admin.actions'), getLocale()]);
    const balance = formatMoney(r.balance, r.currency, locale);
    return { accountId: input.accountId, created: r.created, balance, message: r.created ? t('adjusted', { balance }) : t('alreadyAdjusted', { balance }) };
  },
  revalidate: (d) => [`/admin/accounts/${d.accountId}`, '/admin/accounts', '/admin/audit'],
  successMessage: (d) => d.message,
});

export const suspendForViolationAction = defineAction({
  schema: suspendForViolationSchema,
  permission: 'admin',
  run: async ({ input, user }) => {
    const account = await suspendForViolation(db, { accountId: input.accountId, adminUserId: user.id, reason: input.reason });
    const t = await getTranslations('admin.actions');
    return { accountId: input.accountId, status: account.status, message: t('suspended') };
  },
  revalidate: (d) => [`/admin/accounts/${d.accountId}`, '/admin/accounts', '/admin/suspensions', '/admin/audit'],
  successMessage: (d) => d.message,
});

export const liftSuspensionAction = defineAction({
  schema: liftSuspensionSchema,
  permission: 'admin',
  run: async ({ input, user }) => {
    const account = await liftViolationSuspension(db, { accountId: input.accountId, adminUserId: user.id, reason: input.reason });
    const t = await getTranslations('admin.actions');
    return { accountId: input.accountId, status: account.status, message: account.status === 'overdue' ? t('liftedOverdue') : t('lifted') };
  },
  revalidate: (d) => [`/admin/accounts/${d.accountId}`, '/admin/accounts', '/admin/suspensions', '/admin/audit'],
  successMessage: (d) => d.message,
});

/** Issue 12: a customer account on any price book, the owner given a first password (no mail transport yet). */
export const createAccountAction = defineAction({
  schema: adminCreateAccountSchema,
  permission: 'admin',
  run: async ({ input, user }) => {
    const r = await createAccountByAdmin(db, { ...input, adminUserId: user.id });
    const t = await getTranslations('admin.create');
    const words = { book: r.priceBookId, currency: r.currency, email: input.email };
    return { ...r, email: input.email, message: r.invite === 'email' ? t('createdEmail', words) : t('createdPassword', words) };
  },
  revalidate: ['/admin/accounts', '/admin/audit'],
  successMessage: (d) => d.message,
});
