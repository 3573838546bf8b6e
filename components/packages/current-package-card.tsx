import Link from 'next/link';
import type { ReactNode } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import type { PackageRow } from '@/db/queries/packages';
import type { RefundRequestRow } from '@/db/queries/refunds';
import { formatMoney, type Currency } from '@/lib/money/format';
import { packageName, productName } from '@/lib/packages/names';
import { refundCheckDetail } from '@/components/refunds/refund-check-text';
import { expiryInstant } from '@/lib/packages/rules';
import type { RefundEligibility } from '@/lib/refunds/rules';
import { formatLocalDateTime } from '@/lib/time/format';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody } from '@/components/ui/card';
import { MinutesBar } from './minutes-bar';
import { PackageSource, PackageStatusBadge } from './package-status-badge';
import { RefundStatusBadge } from '@/components/refunds/refund-status-badge';

/** What the packages page knows about one current (active or queued) package. */
export type CurrentPackageCardData = {
  pkg: PackageRow;
  appName: string;
  /** The active package a queued one waits behind. */
  ahead: PackageRow | null;
  renewable: boolean;
  expiry: { text: string; warning?: string | null };
  eligibility: RefundEligibility;
  /** The account's open refund request when it is for this package. */
  openRequest: RefundRequestRow | null;
};

/**
 * One current package: validity, minutes, price, what happens at expiry, auto-renewal and the
 * five-day refund. The forms come from the page (`forms`), so this card reads no action.
 */
export function CurrentPackageCard({
  card,
  currency,
  suspended,
  forms,
}: {
  card: CurrentPackageCardData;
  currency: Currency;
  suspended: boolean;
  forms: { autoRenew: ReactNode | null; refundRequest: ReactNode; withdraw: ReactNode | null };
}) {
  const { pkg, appName, ahead, expiry } = card;
  const t = useTranslations('packages');
  const locale = useLocale();
  const app = suspended ? (
    appName
  ) : (
    <Link href={`/applications/${pkg.sdkAppId}`} className="text-indigo-600 hover:underline">
      {appName}
    </Link>
  );
  return (
    <div data-testid="current-package" data-package-id={pkg.id}>
      <Card>
        <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-5 py-4">
          <div>
            <h3 className="text-base font-semibold text-slate-900">{packageName(t, pkg)}</h3>
            <p className="text-sm text-slate-500">
              {t.rich('card.productFor', {
                product: productName(t, pkg.product),
                sdkAppId: String(pkg.sdkAppId),
                app: () => app,
                mono: (chunks) => <span className="font-mono text-xs">{chunks}</span>,
              })}
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            <PackageStatusBadge status={pkg.status} />
            {pkg.autoRenew ? <Badge tone="blue">{t('card.autoRenewOn')}</Badge> : card.renewable ? <Badge tone="gray">{t('card.autoRenewOff')}</Badge> : null}
            {pkg.kind === 'trial' && <Badge tone="gray">{t('card.freeTrial')}</Badge>}
          </div>
        </div>
        <CardBody className="space-y-4">
          <dl className="grid gap-4 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-slate-500">{t('card.validity')}</dt>
              <dd className="mt-1 text-slate-900" data-testid="validity">
                {pkg.validFrom && pkg.validTo ? (
                  <>
                    {t('history.validity', { from: pkg.validFrom, to: pkg.validTo })}
                    <span className="block text-xs text-slate-500">{t('card.validityDetail', { from: pkg.validFrom, to: pkg.validTo, anchorDay: pkg.anchorDay ? String(pkg.anchorDay) : 'none' })}</span>
                  </>
                ) : (
                  <>
                    {t('card.queued')}
                    <span className="block text-xs text-slate-500">
                      {ahead?.validTo ? t('card.startsAt', { at: formatLocalDateTime(expiryInstant({ validTo: ahead.validTo })), name: packageName(t, ahead) }) : t('card.startsLater')}
                    </span>
                  </>
                )}
              </dd>
            </div>
            <div className="sm:col-span-2">
              <dt className="text-slate-500">{t('card.minutes')}</dt>
              <dd className="mt-1">
                {pkg.minutes.isZero() ? <span className="text-slate-700">{t('card.noMinutes')}</span> : <MinutesBar used={pkg.minutesUsed} total={pkg.minutes} />}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">{t('card.paid')}</dt>
              <dd className="mt-1 text-slate-900">
                {formatMoney(pkg.price, currency, locale)}
                <span className="block text-xs text-slate-500">
                  <PackageSource source={pkg.source} /> {formatLocalDateTime(pkg.purchasedAt)}
                </span>
              </dd>
            </div>
            <div className="sm:col-span-2">
              <dt className="text-slate-500">{t('card.atExpiry')}</dt>
              <dd className="mt-1 text-slate-900" data-testid="at-expiry">
                {expiry.text}
                {expiry.warning && <span className="mt-1 block font-medium text-amber-700">{expiry.warning}</span>}
              </dd>
            </div>
          </dl>
          <div className="flex flex-wrap gap-6 border-t border-slate-100 pt-4">
            {forms.autoRenew && (
              <div>
                <p className="mb-2 text-sm font-medium text-slate-800">{t('card.autoRenewal')}</p>
                {forms.autoRenew}
              </div>
            )}
            <RefundSection card={card} currency={currency} forms={forms} />
          </div>
        </CardBody>
      </Card>
    </div>
  );
}

/** The five-day refund of one package: its open request, the request form, or why not. */
function RefundSection({ card, currency, forms }: { card: CurrentPackageCardData; currency: Currency; forms: { refundRequest: ReactNode; withdraw: ReactNode | null } }) {
  const { openRequest, eligibility } = card;
  const t = useTranslations('packages');
  const locale = useLocale();
  const check = eligibility.checks.find((c) => c.id === 'a');
  const failed = eligibility.checks.find((c) => !c.passed);
  return (
    <div className="min-w-72 flex-1" data-testid="refund-section">
      <p className="mb-2 text-sm font-medium text-slate-800">{t('card.refund')}</p>
      {openRequest ? (
        <div className="space-y-2">
          <p className="text-sm text-slate-700">
            {t('card.refundRequested', { at: formatLocalDateTime(openRequest.requestedAt), amount: formatMoney(openRequest.amount, currency, locale) })} <RefundStatusBadge status="open" />
          </p>
          {forms.withdraw}
        </div>
      ) : eligibility.eligible ? (
        <>
          <p className="mb-2 text-sm text-slate-600">{t('card.refundable', { check: check ? refundCheckDetail(t, check) : '' })}</p>
          {forms.refundRequest}
        </>
      ) : (
        <p className="text-sm text-rose-700" data-testid="refund-refused">
          {t('card.notRefundable', { reason: failed ? refundCheckDetail(t, failed) : (eligibility.reason ?? '') })}
        </p>
      )}
    </div>
  );
}
