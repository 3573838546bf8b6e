'use server';

import { actionLocale } from '@/lib/actions/locale';
import { translatorFor } from '@/lib/i18n/translator';
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
    const locale = await actionLocale(user.account);
    const t = translatorFor(locale, 'balance');
    const currency = user.account.currency;
    const balance = formatMoney(r.balance, currency, locale);
    const message = r.created ? t('topUp.added', { amount: formatMoney(input.amount.toFixed(2), currency, locale), balance }) : t('topUp.again', { balance });
    return { created: r.created, amount: input.amount.toFixed(2), balance: formatMoney(r.balance, currency), currency, message };
  },
  revalidate: ['/balance', '/overview'],
  successMessage: (d) => d.message,
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
    const locale = await actionLocale(user.account);
    const t = translatorFor(locale, 'balance');
    const message = r.threshold ? t('alert.set', { amount: formatMoney(r.threshold, user.account.currency, locale), below: r.below ? 'yes' : 'no' }) : t('alert.turnedOff');
    return { threshold: r.threshold ? formatMoney(r.threshold, user.account.currency) : null, below: r.below, message };
  },
  revalidate: ['/balance', '/notices', '/overview'],
  successMessage: (d) => d.message,
});
