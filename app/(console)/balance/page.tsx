import { randomUUID } from 'node:crypto';
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
import { describeReclamation, payableDebt } from '@/lib/accounts/reclaimed';
import { setBalanceThresholdAction, topUpAction } from '@/app/(console)/balance/actions';

export const metadata = { title: 'Balance' };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function BalancePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser('customer', { area: 'billing' });
  const sp = await searchParams;
  const [account, ledger] = await Promise.all([getAccount(db, user.accountId), loadLedgerView(db, user.accountId, sp, { pageSize: 25 })]);
  if (!account) throw new Error('account missing for signed-in customer');
  const reclaimed = account.status === 'reclaimed' ? { summary: await loadReclamationSummary(db, account), debt: payableDebt(account.balance) } : null;
  return (
    <>
      <PageHeader title="Balance" description="Top up, and every change of the balance in the ledger. Packages and pay-as-you-go usage are paid from the balance." />
      <div className="grid gap-4 sm:grid-cols-3">
        <Stat
          label="Balance"
          value={<span data-testid="balance">{formatMoney(account.balance, account.currency)}</span>}
          tone={account.balance.isNegative() ? 'danger' : 'default'}
          note="Always the sum of the ledger below."
        />
        <Stat label="Account status" value={<AccountStatusBadge status={account.status} reason={account.suspensionReason} />} note={account.status === 'overdue' ? 'Top up to zero or above within 24 hours to avoid suspension.' : 'Below zero makes the account overdue.'} />
        <Stat label="Currency" value={account.currency} note={`Fixed at sign-up; ${account.currency === 'USD' ? 'TRTC 2024' : 'TRTC 2022'} price book.`} />
      </div>
      {reclaimed ? (
        // Reclaimed: nothing is left to use a balance on, so only the debt can be paid (issue 13, item 12).
        <Card className="mt-6">
          <CardHeader title={reclaimed.debt.isZero() ? 'No top-up needed' : 'Pay the debt'} description="Simulated payment: no card is charged and no payment provider is called." />
          <CardBody className="space-y-4">
            <p className="text-sm text-slate-700" data-testid="reclaimed-removed">
              {describeReclamation(reclaimed.summary)}
            </p>
            {reclaimed.debt.isZero() ? (
              <p className="text-sm text-slate-700" data-testid="reclaimed-no-debt">The balance is not below zero, so no top-up is accepted.</p>
            ) : (
              <>
                <p className="text-sm font-medium text-slate-900" data-testid="reclaimed-debt">
                  You can pay the debt of {formatMoney(reclaimed.debt, account.currency)}; more than that is refused.
                </p>
                <TopUpForm topUpAction={topUpAction} idempotencyKey={randomUUID()} currency={account.currency} amountHint={`At most ${formatMoney(reclaimed.debt, account.currency)}, up to 2 decimals.`} />
              </>
            )}
          </CardBody>
        </Card>
      ) : (
        <Card className="mt-6">
          <CardHeader title="Top up" description="Simulated payment: no card is charged and no payment provider is called. 4000 0000 0000 0002 is always declined." />
          <CardBody>
            <TopUpForm topUpAction={topUpAction} idempotencyKey={randomUUID()} currency={account.currency} />
          </CardBody>
        </Card>
      )}
      <Card className="mt-6">
        <CardHeader
          title="Balance alert"
          description={account.balanceThreshold ? `On: below ${formatMoney(account.balanceThreshold, account.currency)} you get a notice in Messages.` : 'Off. Set a threshold to be told before the balance runs out.'}
        />
        <CardBody>
          <BalanceAlertForm setBalanceThresholdAction={setBalanceThresholdAction} current={account.balanceThreshold ? account.balanceThreshold.toFixed(2) : null} currency={account.currency} />
        </CardBody>
      </Card>
      <section className="mt-8">
        <h2 className="mb-3 text-lg font-semibold text-slate-900">Ledger</h2>
        <LedgerTable view={ledger} currency={account.currency} searchParams={sp} />
      </section>
    </>
  );
}
