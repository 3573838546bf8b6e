import type { Locale } from '@/lib/i18n/config';
import { formatMoney } from '@/lib/money/format';
import { canPay, describeExpiry, expiryInstant, nextPeriod } from '@/lib/packages/rules';
import { formatLocalDateTime } from '@/lib/time/format';
import { packageName, productName, type PackagesT } from '@/lib/packages/names';

type ExpiryInput = Parameters<typeof describeExpiry>[0];

/**
 * What happens when a package expires, in the page's language: lib/packages/rules.ts
 * `describeExpiry` decides the same cases, and its English is this function's English word
 * for word (expiry-text.test.tsx checks each case).
 */
export function expiryText(t: PackagesT, locale: Locale, input: ExpiryInput): { text: string; warning?: string } {
  const { pkg } = input;
  if (pkg.status === 'queued') return { text: t('expiry.queued') };
  if (pkg.status === 'expired') return { text: t('expiry.expired') };
  if (pkg.status === 'void') return { text: t('expiry.void') };
  if (!pkg.validTo) return { text: '' };
  const at = formatLocalDateTime(expiryInstant({ validTo: pkg.validTo }));
  const money = (v: Parameters<typeof formatMoney>[0]) => formatMoney(v, input.currency, locale);
  const fallback =
    pkg.product === 'rtc-engine' ? t('expiry.fallback.rtcEngine') : pkg.product === 'universal' ? t('expiry.fallback.universal') : t('expiry.fallback.features', { product: productName(t, pkg.product) });
  if (input.queued) {
    return { text: t('expiry.takesOver', { at, name: packageName(t, input.queued), autoRenew: pkg.autoRenew ? 'yes' : 'no' }) };
  }
  if (input.renewable && pkg.autoRenew && pkg.kind === 'package') {
    const next = nextPeriod({ validTo: pkg.validTo, anchorDay: pkg.anchorDay, validFrom: pkg.validFrom });
    const text = t('expiry.renews', { at, amount: money(input.listPrice), from: next.validFrom, to: next.validTo, fallback });
    return canPay(input.balance, input.listPrice) ? { text } : { text, warning: t('expiry.renewalWarning', { balance: money(input.balance), at }) };
  }
  return { text: t('expiry.expires', { at, fallback }) };
}
