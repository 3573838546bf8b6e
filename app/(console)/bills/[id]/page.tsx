import Link from 'next/link';
import { notFound } from 'next/navigation';
import { db } from '@/db';
import { applicationNames, entitlementNames, getBill, listBillDeductions, listBillLines, listUsageRecordsByIds } from '@/db/queries/bills';
import { requirePageUser } from '@/lib/auth/guard';
import { BILL_STATUS_LABEL, billKindLabel, billPeriodLabel, billStatus, groupLinesByApp, readExplanation, totalRule } from '@/lib/bills/present';
import { formatMoney, formatQuantity, type Currency } from '@/lib/money/format';
import { formatLocalDateTime } from '@/lib/time/format';
import { BillLine } from '@/components/bills/bill-line';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Card, CardHeader, Stat } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';

export const metadata = { title: 'Bill' };

/** One bill: lines grouped by application, each expanding to its explanation; CSV download. */
export default async function BillPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser('customer', { area: 'billing' });
  const { id } = await params;
  // Another account's bill answers exactly like a missing one (docs/architecture.md, Ownership).
  const bill = await getBill(db, user.accountId, id);
  if (!bill) notFound();
  const [lines, deductions, apps] = await Promise.all([listBillLines(db, user.accountId, bill.id), listBillDeductions(db, user.accountId, bill.id), applicationNames(db, user.accountId)]);
  const explained = lines.map((l) => ({ ...l, explanation: readExplanation(l.explanation) }));
  const sampleIds = explained.flatMap((l) => l.explanation.detail?.sampleRecords ?? []);
  const entIds = [...explained.flatMap((l) => l.explanation.detail?.deductions.map((d) => d.entitlement) ?? []), ...deductions.map((d) => d.entitlementId)];
  const [samples, names] = await Promise.all([listUsageRecordsByIds(db, user.accountId, sampleIds), entitlementNames(db, user.accountId, entIds)]);
  const sampleMap = new Map(samples.map((s) => [s.id, typeof s.record === 'string' ? JSON.parse(s.record) : s.record]));
  const currency = bill.currency as Currency;
  const status = BILL_STATUS_LABEL[billStatus(bill)];
  const groups = groupLinesByApp(explained);
  const total = totalRule(bill);

  return (
    <>
      <div className="mb-2 text-sm">
        <Link href="/bills" className="text-indigo-700 hover:text-indigo-500">
          ← Bills
        </Link>
      </div>
      <PageHeader
        title={`Bill ${bill.number}`}
        description={`${billKindLabel(bill.kind)} bill for ${billPeriodLabel(bill)} · issued ${formatLocalDateTime(bill.issuedAt)} (Asia/Shanghai) · price book ${bill.priceBookId}`}
        actions={
          <>
            <a className={buttonClass('secondary')} href={`/bills/${bill.id}/csv`} download data-testid="bill-csv">
              Download CSV
            </a>
            <a className={buttonClass('secondary')} href={`/bills/${bill.id}/xlsx`} download data-testid="bill-xlsx">
              Download Excel
            </a>
          </>
        }
      />
      <div className="mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Total" value={<span data-testid="bill-total">{formatMoney(bill.total, currency)}</span>} note={total.note} />
        <Stat label="Amount (exact)" value={<span className="text-lg" data-testid="bill-amount">{bill.amount.toFixed()}</span>} note={`${currency}, the exact sum of the lines`} />
        <Stat label="Lines" value={lines.length} note={`${groups.filter((g) => g.sdkAppId !== null).length} application(s)`} />
        <Stat
          label="Status"
          value={
            <Badge tone={status.tone} className="text-sm">
              {status.label}
            </Badge>
          }
          note={status.hint}
        />
      </div>

      {bill.kind === 'adjustment' && (
        <p className="mb-4 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
          Usage for {bill.periodStart} arrived after its daily bill was issued. Issued bills never change: this adjustment bills the difference between the day re-rated
          with the late records and what earlier bills of the day charged.
        </p>
      )}

      {lines.length === 0 ? (
        <EmptyState title="No lines" description="Everything in this period was covered by free minutes or packages, or there was nothing to bill." />
      ) : (
        <div className="space-y-6">
          {groups.map((g) => (
            <Card key={g.sdkAppId ?? 'account'}>
              <CardHeader
                title={g.sdkAppId === null ? 'Account-wide (monthly items)' : `${apps.get(g.sdkAppId) ?? 'Deleted application'} · ${g.sdkAppId}`}
                description="Click a line for the records, rounding, deductions and price behind it."
                actions={<span className="text-sm font-semibold tabular-nums text-slate-900">{g.amount.toFixed()} {currency}</span>}
              />
              <div className="hidden grid-cols-[minmax(0,1fr)_9rem_11rem_8rem] gap-x-4 bg-slate-50 px-5 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500 sm:grid">
                <span className="pl-6">Item</span>
                <span className="text-right">Quantity</span>
                <span className="text-right">Unit price ({currency})</span>
                <span className="text-right">Amount ({currency})</span>
              </div>
              {g.lines.map((l) => (
                <BillLine key={l.id} line={l} explanation={l.explanation} currency={currency} samples={sampleMap} entitlementNames={names} />
              ))}
            </Card>
          ))}

          <Card className="px-5 py-4">
            <dl className="ml-auto grid max-w-md grid-cols-[1fr_auto] gap-x-6 gap-y-1 text-sm">
              <dt className="text-slate-500">Amount (exact sum of lines)</dt>
              <dd className="text-right tabular-nums">{bill.amount.toFixed()} {currency}</dd>
              <dt className="font-semibold text-slate-900">{total.label}</dt>
              <dd className="text-right font-semibold tabular-nums text-slate-900">{formatMoney(bill.total, currency)}</dd>
            </dl>
          </Card>
        </div>
      )}

      {deductions.length > 0 && (
        <Card className="mt-6">
          <CardHeader title="Free minutes and packages used" description="What each entitlement gave to this bill, per application, day and item (rating.md §4: free minutes first, then narrower scope, then sooner expiry)." />
          <div className="overflow-x-auto" role="region" aria-label="Free minutes and packages used" tabIndex={0}>
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="bill-deductions">
              <thead className="bg-slate-50 text-left text-slate-700">
                <tr>
                  <th className="px-5 py-2 font-semibold">Entitlement</th>
                  <th className="px-5 py-2 font-semibold">Application</th>
                  <th className="px-5 py-2 font-semibold">Day</th>
                  <th className="px-5 py-2 font-semibold">Item</th>
                  <th className="px-5 py-2 text-right font-semibold">Usage minutes</th>
                  <th className="px-5 py-2 text-right font-semibold">Entitlement minutes</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {deductions.map((d) => (
                  <tr key={d.id}>
                    <td className="px-5 py-2">{names.get(d.entitlementId) ?? `${d.entitlementKind} ${d.entitlementId.slice(0, 8)}`}</td>
                    <td className="px-5 py-2 font-mono text-xs">{d.sdkAppId ?? '—'}</td>
                    <td className="px-5 py-2">{d.localDay}</td>
                    <td className="px-5 py-2 font-mono text-xs">{d.item}</td>
                    <td className="px-5 py-2 text-right tabular-nums">{formatQuantity(d.usageMinutes)}</td>
                    <td className="px-5 py-2 text-right tabular-nums">{formatQuantity(d.entitlementMinutes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
    </>
  );
}
