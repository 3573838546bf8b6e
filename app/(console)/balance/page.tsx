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

export const metadata = { title: 'Balance' };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function BalancePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser('customer', { area: 'billing' });
  const sp = await searchParams;
  const [account, ledger] = await Promise.all([getAccount(db, user.accountId), loadLedgerView(db, user.accountId, sp, { pageSize: 25 })]);
  if (!account) throw new Error('account missing for signed-in customer');
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
      <Card className="mt-6">
        <CardHeader title="Top up" description="Simulated payment: no card is charged and no payment provider is called. 4000 0000 0000 0002 is always declined." />
        <CardBody>
          <TopUpForm idempotencyKey={randomUUID()} currency={account.currency} />
        </CardBody>
      </Card>
      <Card className="mt-6">
        <CardHeader
          title="Balance alert"
          description={account.balanceThreshold ? `On: below ${formatMoney(account.balanceThreshold, account.currency)} you get a notice in Messages.` : 'Off. Set a threshold to be told before the balance runs out.'}
        />
        <CardBody>
          <BalanceAlertForm current={account.balanceThreshold ? account.balanceThreshold.toFixed(2) : null} currency={account.currency} />
        </CardBody>
      </Card>
      <section className="mt-8">
        <h2 className="mb-3 text-lg font-semibold text-slate-900">Ledger</h2>
        <LedgerTable view={ledger} currency={account.currency} searchParams={sp} />
      </section>
    </>
  );
}
