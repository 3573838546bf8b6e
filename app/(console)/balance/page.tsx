import { randomUUID } from 'node:crypto';
import { getLocale, getTranslations } from 'next-intl/server';
import { bookNameIn } from '@/lib/bills/words';
import { getPriceBook } from '@/lib/rating';
import { db } from '@/db';
import { getAccount } from '@/db/queries/accounts';
import { requirePageUser } from '@/lib/auth/guard';
import { formatMoney } from '@/lib/money/format';
import { loadLedgerView } from '@/lib/ledger/view';
import { PageHeader } from '@/components/ui/page-header';
import { Card, CardBody, CardHeader, Stat } from '@/components/ui/card';
import { TopUpForm } from '@/components/balance/top-up-form';
import { BalanceAlertForm } from '@/components/balance/balance-alert-form';
import { LedgerTable } from '@/components/balance/ledger-table';
import { AccountStatusBadge } from '@/components/accounts/account-status-badge';
import { loadReclamationSummary } from '@/lib/accounts/service';
import { payableDebt } from '@/lib/accounts/reclaimed';
import { formatLocalDateTime } from '@/lib/time/format';
import { setBalanceThresholdAction, topUpAction } from '@/app/(console)/balance/actions';

export async function generateMetadata() {
  const t = await getTranslations('balance');
  return { title: t('metaTitle') };
}

type SearchParams = Record<string, string | string[] | undefined>;

export default async function BalancePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser('customer', { area: 'billing' });
  const sp = await searchParams;
  const [t, locale] = await Promise.all([getTranslations('balance'), getLocale()]);
  const [account, ledger] = await Promise.all([getAccount(db, user.accountId), loadLedgerView(db, user.accountId, sp, { pageSize: 25 })]);
  if (!account) throw new Error('account missing for signed-in customer');
  const reclaimed = account.status === 'reclaimed' ? { summary: await loadReclamationSummary(db, account), debt: payableDebt(account.balance) } : null;
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Stat
          label={t('stats.balance')}
          value={<span data-testid="balance">{formatMoney(account.balance, account.currency, locale)}</span>}
          tone={account.balance.isNegative() ? 'danger' : 'default'}
          note={t('stats.balanceNote')}
        />
        <Stat label={t('stats.status')} value={<AccountStatusBadge status={account.status} reason={account.suspensionReason} />} note={account.status === 'overdue' ? t('stats.overdueNote') : t('stats.belowZeroNote')} />
        <Stat label={t('stats.currency')} value={account.currency} note={t('stats.currencyNote', { book: locale === 'en' ? (account.currency === 'USD' ? 'TRTC 2024' : 'TRTC 2022') : bookNameIn(locale, getPriceBook(account.priceBookId)) })} />
      </div>
      {reclaimed ? (
        // Reclaimed: nothing is left to use a balance on, so only the debt can be paid (issue 13, item 12).
        <Card className="mt-6">
          <CardHeader title={reclaimed.debt.isZero() ? t('reclaimed.noTopUp') : t('reclaimed.payDebt')} description={t('reclaimed.simulated')} />
          <CardBody className="space-y-4">
            <p className="text-sm text-slate-700" data-testid="reclaimed-removed">
              {t('reclaimed.removed', {
                hasWhen: reclaimed.summary.reclaimedAt ? 'yes' : 'no',
                when: reclaimed.summary.reclaimedAt ? formatLocalDateTime(reclaimed.summary.reclaimedAt) : '',
                apps:
                  reclaimed.summary.applications.length === 0
                    ? t('reclaimed.removedAppsUnknown')
                    : t('reclaimed.removedApps', { count: reclaimed.summary.applications.length, ids: reclaimed.summary.applications.join(', ') }),
                records: reclaimed.summary.usageRecords === null ? t('reclaimed.removedRecordsUnknown') : t('reclaimed.removedRecords', { count: reclaimed.summary.usageRecords }),
                pkgs: reclaimed.summary.packages === null ? t('reclaimed.removedPackagesUnknown') : t('reclaimed.removedPackages', { count: reclaimed.summary.packages }),
              })}
            </p>
            {reclaimed.debt.isZero() ? (
              <p className="text-sm text-slate-700" data-testid="reclaimed-no-debt">{t('reclaimed.noDebt')}</p>
            ) : (
              <>
                <p className="text-sm font-medium text-slate-900" data-testid="reclaimed-debt">
                  {t('reclaimed.debt', { amount: formatMoney(reclaimed.debt, account.currency, locale) })}
                </p>
                <TopUpForm topUpAction={topUpAction} idempotencyKey={randomUUID()} currency={account.currency} amountHint={t('reclaimed.atMost', { amount: formatMoney(reclaimed.debt, account.currency, locale) })} />
              </>
            )}
          </CardBody>
        </Card>
      ) : (
        <Card className="mt-6">
          <CardHeader title={t('topUp.title')} description={t('topUp.description')} />
          <CardBody>
            <TopUpForm topUpAction={topUpAction} idempotencyKey={randomUUID()} currency={account.currency} />
          </CardBody>
        </Card>
      )}
      <Card className="mt-6">
        <CardHeader
          title={t('alert.title')}
          description={account.balanceThreshold ? t('alert.on', { amount: formatMoney(account.balanceThreshold, account.currency, locale) }) : t('alert.off')}
        />
        <CardBody>
          <BalanceAlertForm setBalanceThresholdAction={setBalanceThresholdAction} current={account.balanceThreshold ? account.balanceThreshold.toFixed(2) : null} currency={account.currency} />
        </CardBody>
      </Card>
      <section className="mt-8">
        <h2 className="mb-3 text-lg font-semibold text-slate-900">{t('ledger.title')}</h2>
        <LedgerTable view={ledger} currency={account.currency} searchParams={sp} />
      </section>
    </>
  );
}
