'use server';

import { db } from '@/db';
import { defineAction } from '@/lib/actions/define-action';
import { topUpSchema } from '@/lib/accounts/schemas';
import { topUp } from '@/lib/accounts/service';
import { formatMoney } from '@/lib/money/format';
import { balanceThresholdSchema } from '@/lib/notices/schemas';
import { parseThreshold, setBalanceThreshold } from '@/lib/notices/balance-alert';

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

/**
 * The balance alert threshold (lifecycle.md, Notices: off by default, 2 decimals, may be
 * negative). A setting, not a payment: allowed while suspended, when it matters most.
 */
export const setBalanceThresholdAction = defineAction({
  schema: balanceThresholdSchema,
  permission: 'customer',
  allowWhenSuspended: true,
  run: async ({ input, user }) => {
    const r = await setBalanceThreshold(db, user.accountId, parseThreshold(input.threshold));
    return { threshold: r.threshold ? formatMoney(r.threshold, user.account.currency) : null, below: r.below };
  },
  revalidate: ['/balance', '/notices', '/overview'],
  successMessage: (d) =>
    d.threshold === null ? 'Balance alert turned off.' : `Balance alert set: you are told when the balance goes below ${d.threshold}${d.below ? ' (it is below now)' : ''}.`,
});
