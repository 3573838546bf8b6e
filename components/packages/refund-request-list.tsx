import type { PackageRow } from '@/db/queries/packages';
import type { RefundRequestRow } from '@/db/queries/refunds';
import { useLocale, useTranslations } from 'next-intl';
import { formatMoney, type Currency } from '@/lib/money/format';
import { packageName } from '@/lib/packages/names';
import { formatLocalSeconds } from '@/lib/refunds/rules';
import { Card } from '@/components/ui/card';
import { RefundStatusBadge } from '@/components/refunds/refund-status-badge';

/** The account's refund requests, newest first, with their decisions. */
export function RefundRequestList({ refunds, currency }: { refunds: readonly { request: RefundRequestRow; pkg: PackageRow | null }[]; currency: Currency }) {
  const t = useTranslations('packages');
  const locale = useLocale();
  if (refunds.length === 0) {
    return <p className="text-sm text-slate-500">{t('refund.list.empty')}</p>;
  }
  return (
    <Card>
      <ul className="divide-y divide-slate-100" data-testid="refund-requests">
        {refunds.map(({ request, pkg }) => (
          <li key={request.id} className="flex flex-wrap items-start justify-between gap-3 px-5 py-3 text-sm">
            <div>
              <p className="font-medium text-slate-900">
                {pkg ? packageName(t, pkg) : t('refund.list.package')} · {formatMoney(request.amount, currency, locale)}
              </p>
              <p className="text-slate-500">
                {request.decidedAt
                  ? t('refund.list.requestedDecided', { requested: formatLocalSeconds(request.requestedAt), decided: formatLocalSeconds(request.decidedAt) })
                  : t('refund.list.requested', { requested: formatLocalSeconds(request.requestedAt) })}
              </p>
              {request.decisionReason && <p className="mt-1 text-slate-700">{t('refund.list.reason', { reason: request.decisionReason })}</p>}
            </div>
            <RefundStatusBadge status={request.status} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
