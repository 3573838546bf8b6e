import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { entitlementNamesIn, statusWords, totalRuleIn } from '@/lib/bills/words';
import { db } from '@/db';
import { applicationNames, entitlementNames, getBill, listBillDeductions, listBillLines, listUsageRecordsByIds } from '@/lib/bills/queries';
import { requirePageUser } from '@/lib/auth/guard';
import { BILL_STATUS_LABEL, billPeriodLabel, billStatus, groupLinesByApp, readExplanation } from '@/lib/bills/present';
import { formatMoney, formatQuantity, type Currency } from '@/lib/money/format';
import { formatLocalDateTime } from '@/lib/time/format';
import { BillLine } from '@/components/bills/bill-line';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Card, CardHeader, Stat } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';

export async function generateMetadata() {
  const t = await getTranslations('bills.detail');
  return { title: t('metaTitle') };
}

/** One bill: lines grouped by application, each expanding to its explanation; CSV download. */
export default async function BillPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser('customer', { area: 'billing' });
  const { id } = await params;
  const [t, locale] = await Promise.all([getTranslations('bills.detail'), getLocale()]);
  // Another account's bill answers exactly like a missing one (docs/architecture.md, Ownership).
  const bill = await getBill(db, user.accountId, id);
  if (!bill) notFound();
  const [lines, deductions, apps] = await Promise.all([listBillLines(db, user.accountId, bill.id), listBillDeductions(db, user.accountId, bill.id), applicationNames(db, user.accountId)]);
  const explained = lines.map((l) => ({ ...l, explanation: readExplanation(l.explanation) }));
  const sampleIds = explained.flatMap((l) => l.explanation.detail?.sampleRecords ?? []);
  const entIds = [...explained.flatMap((l) => l.explanation.detail?.deductions.map((d) => d.entitlement) ?? []), ...deductions.map((d) => d.entitlementId)];
  const [samples, entitlements] = await Promise.all([listUsageRecordsByIds(db, user.accountId, sampleIds), entitlementNames(db, user.accountId, entIds)]);
  const names = entitlementNamesIn(locale, entitlements);
  const sampleMap = new Map(samples.map((s) => [s.id, typeof s.record === 'string' ? JSON.parse(s.record) : s.record]));
  const currency = bill.currency as Currency;
  const statusKey = billStatus(bill);
  const status = { ...statusWords(locale, statusKey), tone: BILL_STATUS_LABEL[statusKey].tone };
  const groups = groupLinesByApp(explained);
  const total = totalRuleIn(locale, bill);


  return (
    <>
      <div className="mb-2 text-sm">
        <Link href="/bills" className="text-indigo-700 hover:text-indigo-500">
          {t('back')}
        </Link>
      </div>
      <PageHeader
        title={t('title', { number: bill.number })}
        description={t('description', { kind: bill.kind, period: billPeriodLabel(bill), issuedAt: formatLocalDateTime(bill.issuedAt), book: bill.priceBookId })}
        actions={
          <>
            <a className={buttonClass('secondary')} href={`/bills/${bill.id}/csv`} download data-testid="bill-csv">
              {t('downloadCsv')}
            </a>
            <a className={buttonClass('secondary')} href={`/bills/${bill.id}/xlsx`} download data-testid="bill-xlsx">
              {t('downloadExcel')}
            </a>
          </>
        }
      />
      <div className="mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label={t('total')} value={<span data-testid="bill-total">{formatMoney(bill.total, currency, locale)}</span>} note={total.note} />
        <Stat label={t('amountExact')} value={<span className="text-lg" data-testid="bill-amount">{bill.amount.toFixed()}</span>} note={t('amountNote', { currency })} />
        <Stat label={t('lines')} value={lines.length} note={t('linesNote', { count: groups.filter((g) => g.sdkAppId !== null).length })} />
        <Stat
          label={t('status')}
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
          {t('adjustmentNote', { day: bill.periodStart })}
        </p>
      )}

      {lines.length === 0 ? (
        <EmptyState title={t('noLinesTitle')} description={t('noLinesBody')} />
      ) : (
        <div className="space-y-6">
          {groups.map((g) => (
            <Card key={g.sdkAppId ?? 'account'}>
              <CardHeader
                title={g.sdkAppId === null ? t('accountWide') : t('appGroup', { name: apps.get(g.sdkAppId) ?? t('deletedApp'), app: String(g.sdkAppId) })}
                description={t('groupHint')}
                actions={<span className="text-sm font-semibold tabular-nums text-slate-900">{g.amount.toFixed()} {currency}</span>}
              />
              <div className="hidden grid-cols-[minmax(0,1fr)_9rem_11rem_8rem] gap-x-4 bg-slate-50 px-5 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500 sm:grid">
                <span className="pl-6">{t('colItem')}</span>
                <span className="text-right">{t('colQuantity')}</span>
                <span className="text-right">{t('colUnitPrice', { currency })}</span>
                <span className="text-right">{t('colAmount', { currency })}</span>
              </div>
              {g.lines.map((l) => (
                <BillLine key={l.id} line={l} explanation={l.explanation} currency={currency} samples={sampleMap} entitlementNames={names} />
              ))}
            </Card>
          ))}

          <Card className="px-5 py-4">
            <dl className="ml-auto grid max-w-md grid-cols-[1fr_auto] gap-x-6 gap-y-1 text-sm">
              <dt className="text-slate-500">{t('amountSum')}</dt>
              <dd className="text-right tabular-nums">{bill.amount.toFixed()} {currency}</dd>
              <dt className="font-semibold text-slate-900">{total.label}</dt>
              <dd className="text-right font-semibold tabular-nums text-slate-900">{formatMoney(bill.total, currency, locale)}</dd>
            </dl>
          </Card>
        </div>
      )}

      {deductions.length > 0 && (
        <Card className="mt-6">
          <CardHeader title={t('usedTitle')} description={t('usedDescription')} />
          <div className="overflow-x-auto" role="region" aria-label={t('usedTitle')} tabIndex={0}>
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="bill-deductions">
              <thead className="bg-slate-50 text-left text-slate-700">
                <tr>
                  <th className="px-5 py-2 font-semibold">{t('colEntitlement')}</th>
                  <th className="px-5 py-2 font-semibold">{t('colApplication')}</th>
                  <th className="px-5 py-2 font-semibold">{t('colDay')}</th>
                  <th className="px-5 py-2 font-semibold">{t('colItem')}</th>
                  <th className="px-5 py-2 text-right font-semibold">{t('colUsageMinutes')}</th>
                  <th className="px-5 py-2 text-right font-semibold">{t('colEntitlementMinutes')}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {deductions.map((d) => (
                  <tr key={d.id}>
                    <td className="px-5 py-2">{names.get(d.entitlementId) ?? `${d.entitlementKind} ${d.entitlementId.slice(0, 8)}`}</td>
                    <td className="px-5 py-2 font-mono text-xs">{d.sdkAppId ?? '—'}</td>
                    <td className="px-5 py-2">{d.localDay}</td>
                    <td className="px-5 py-2 font-mono text-xs">{d.item}</td>
                    <td className="px-5 py-2 text-right tabular-nums">{formatQuantity(d.usageMinutes, locale)}</td>
                    <td className="px-5 py-2 text-right tabular-nums">{formatQuantity(d.entitlementMinutes, locale)}</td>
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
