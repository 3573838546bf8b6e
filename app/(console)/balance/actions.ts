'use server';

import { db } from '@/db';
import { defineAction } from '@/lib/actions/define-action';
import { topUpSchema } from '@/lib/accounts/schemas';
import { topUp } from '@/lib/accounts/service';
import { formatMoney } from '@/lib/money/format';

/** Top-up through the simulated payment form; allowed while suspended (lifecycle.md: top-up lifts arrears). */
export const topUpAction = defineAction({
  schema: topUpSchema,
  permission: 'customer',
  allowWhenSuspended: true,
  run: async ({ input, user }) => {
    const r = await topUp(db, { accountId: user.accountId, userId: user.id, amount: input.amount, cardNumber: input.cardNumber, idempotencyKey: input.idempotencyKey });
    return { created: r.created, amount: input.amount.toFixed(2), balance: formatMoney(r.balance, user.account.currency), currency: user.account.currency };
  },
  revalidate: ['/balance', '/overview'],
  successMessage: (d) =>
    d.created ? `Added ${formatMoney(d.amount, d.currency)}. Your balance is now ${d.balance}.` : `This top-up was already recorded; nothing was charged twice. Balance: ${d.balance}.`,
});
