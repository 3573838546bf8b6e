import type { PackageRow } from '@/db/queries/packages';
import type { RefundRequestRow } from '@/db/queries/refunds';
import { formatMoney, type Currency } from '@/lib/money/format';
import { packageDisplayName } from '@/lib/packages/catalog';
import { formatLocalSeconds } from '@/lib/refunds/rules';
import { Card } from '@/components/ui/card';
import { RefundStatusBadge } from '@/components/refunds/refund-status-badge';

/** The account's refund requests, newest first, with their decisions. */
export function RefundRequestList({ refunds, currency }: { refunds: readonly { request: RefundRequestRow; pkg: PackageRow | null }[]; currency: Currency }) {
  if (refunds.length === 0) {
    return (
      <p className="text-sm text-slate-500">
        No refund requests. A package bought less than 5 days ago whose minutes were not used can be refunded in full (one request at a time).
      </p>
    );
  }
  return (
    <Card>
      <ul className="divide-y divide-slate-100" data-testid="refund-requests">
        {refunds.map(({ request, pkg }) => (
          <li key={request.id} className="flex flex-wrap items-start justify-between gap-3 px-5 py-3 text-sm">
            <div>
              <p className="font-medium text-slate-900">
                {pkg ? packageDisplayName(pkg) : 'Package'} · {formatMoney(request.amount, currency)}
              </p>
              <p className="text-slate-500">
                Requested {formatLocalSeconds(request.requestedAt)}
                {request.decidedAt ? ` · decided ${formatLocalSeconds(request.decidedAt)}` : ''}
              </p>
              {request.decisionReason && <p className="mt-1 text-slate-700">Reason: {request.decisionReason}</p>}
            </div>
            <RefundStatusBadge status={request.status} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
