import { db } from '@/db';
import { getDevAccount, listAccountApplications, listAccountRuns, listPickableAccounts, type DevAccount } from '@/db/queries/dev-tools';
import { AccountStatusBadge } from '@/components/accounts/account-status-badge';
import { AccountPicker } from '@/components/dev-tools/account-picker';
import { AdvanceControls, AttachClockForm, DetachClockForm } from '@/components/dev-tools/clock-controls';
import { UsageGenerator } from '@/components/dev-tools/usage-generator';
import { Badge } from '@/components/ui/badge';
import { Banner } from '@/components/ui/banner';
import { Card, CardBody, CardHeader, Stat } from '@/components/ui/card';
import { DataTable, type Column } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageUser } from '@/lib/auth/guard';
import { accountNow, appEnv, systemNow } from '@/lib/clock';
import { getTestClock } from '@/lib/clock/test-clock';
import { upcomingJobs } from '@/lib/dev-tools/advance';
import { describeRunResult } from '@/lib/dev-tools/describe';
import { usageRefusal } from '@/lib/enforcement/service';
import { arrearsGraceEnd, reclaimableAfter } from '@/lib/enforcement/timing';
import { JOB_LABEL, type JobKind } from '@/lib/jobs/definitions';
import { formatMoney, type Currency } from '@/lib/money/format';
import { formatLocalDateTime } from '@/lib/time/format';
import { advanceClockAction, attachClockAction, detachClockAction, generateUsageAction } from '@/app/(dev)/dev/actions';

export const metadata = { title: 'Developer tools' };
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DevToolsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageUser('signed-in');
  const sp = await searchParams;
  const pickable = await listPickableAccounts(db, user);
  const requested = typeof sp.account === 'string' ? sp.account : null;
  // A customer works on their own account; an admin picks any (another id is not found, like a missing one).
  const accountId = user.role === 'admin' ? (pickable.some((a) => a.id === requested) ? requested : null) : user.accountId;
  const account = accountId ? await getDevAccount(db, accountId) : null;

  return (
    <>
      <PageHeader
        title="Developer tools"
        description="Test clocks per account (lifecycle.md, Time): move an account's time forward and watch settlements, renewals, overdue, suspension and reclamation happen. Other accounts are not affected."
        actions={<Badge tone="indigo">{appEnv()} mode</Badge>}
      />
      <div className="mb-6">
        <AccountPicker
          accounts={pickable.map((a) => ({ id: a.id, label: `${a.name}${a.email ? ` · ${a.email}` : ''} · ${a.status}${a.clock ? ' · clock' : ''}` }))}
          selected={account?.id ?? null}
        />
      </div>
      {!account ? (
        <EmptyState
          title={requested ? 'Account not found' : 'Choose an account'}
          description="Pick an account above to attach a test clock, move its time and generate usage."
        />
      ) : (
        <AccountTools account={account} />
      )}
    </>
  );
}

async function AccountTools({ account }: { account: DevAccount }) {
  const accountId = account.id;
  const [clock, apps, runs] = await Promise.all([getTestClock(db, accountId), listAccountApplications(db, accountId), listAccountRuns(db, accountId, 40)]);
  const now = await accountNow(db, accountId);
  const held = !clock && now.getTime() > systemNow().getTime();
  const upcoming = await upcomingJobs(db, accountId, now, 8);
  const currency = account.currency as Currency;
  const deadline = account.status === 'overdue' && account.overdueSince ? arrearsGraceEnd(account.overdueSince) : null;

  return (
    <div className="space-y-6">
      <div className="grid gap-4 sm:grid-cols-3">
        <Stat
          label={clock ? 'Clock time (UTC+8)' : held ? 'Account time (UTC+8)' : 'Real time (UTC+8)'}
          value={<span data-testid="clock-time">{formatLocalDateTime(now)}</span>}
          note={clock ? 'Test clock attached' : held ? "No test clock: held at the last clock's time until real time passes it (time never moves back)" : 'No test clock: real time'}
        />
        <Stat label="Balance" value={<span data-testid="dev-balance">{formatMoney(account.balance, currency)}</span>} tone={account.balance.isNegative() ? 'danger' : 'default'} />
        <Stat
          label="Account status"
          value={<span data-testid="dev-status"><AccountStatusBadge status={account.status} reason={account.suspensionReason} /></span>}
          note={deadline ? `Suspended at ${formatLocalDateTime(deadline)} unless topped up` : account.suspendedAt && account.status === 'suspended' ? `Since ${formatLocalDateTime(account.suspendedAt)}` : undefined}
        />
      </div>
      {account.status === 'suspended' && account.suspensionReason === 'arrears' && account.suspendedAt && (
        <Banner tone="danger" title="Suspended for arrears" testId="dev-reclaim-warning">
          If still suspended after {formatLocalDateTime(reclaimableAfter(account.suspendedAt))} (UTC+8), its applications, keys, usage logs and packages are deleted for good. Bills and the ledger are kept.
        </Banner>
      )}
      {account.status === 'reclaimed' && (
        <Banner tone="danger" title="Reclaimed" testId="dev-reclaimed">
          Applications, configuration, usage logs, keys and packages were deleted{account.reclaimedAt ? ` on ${formatLocalDateTime(account.reclaimedAt)}` : ''}. Bills and ledger entries remain.
        </Banner>
      )}

      <Card>
        <CardHeader
          title="Test clock"
          description={clock ? 'Moving forward runs every job that came due, in time order, each at its own instant, before the page answers.' : 'Attach a clock to live this account at a chosen time.'}
          actions={clock ? <DetachClockForm detachClockAction={detachClockAction} accountId={accountId} /> : undefined}
        />
        <CardBody>{clock ? <AdvanceControls advanceClockAction={advanceClockAction} accountId={accountId} /> : <AttachClockForm attachClockAction={attachClockAction} accountId={accountId} />}</CardBody>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Next due jobs" description="Queued, or implied by the account's state at its time." />
          {upcoming.length === 0 ? (
            <CardBody>
              <p className="text-sm text-slate-500">Nothing is due in the next 70 days.</p>
            </CardBody>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="upcoming-jobs">
              {upcoming.map((j) => (
                <li key={j.key} className="flex items-center justify-between gap-3 px-5 py-2.5">
                  <div>
                    <p className="font-medium text-slate-800">{j.label}</p>
                    <p className="text-xs text-slate-500">{j.key.split(':').slice(2).join(':') || j.key}</p>
                  </div>
                  <div className="text-right">
                    <p className="tabular-nums text-slate-700">{formatLocalDateTime(new Date(j.runAt))}</p>
                    {j.status === 'failed' ? <Badge tone="red">retrying</Badge> : j.status === 'pending' ? <Badge tone="yellow">{new Date(j.runAt) <= now ? 'due now' : 'queued'}</Badge> : null}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card>
          <CardHeader title="Synthetic usage" description="Media records for an application, starting at the clock's time." />
          <CardBody>
            {apps.length === 0 ? (
              <p className="text-sm text-slate-500">{account.status === 'reclaimed' ? 'The applications were deleted at reclamation.' : 'This account has no applications yet.'}</p>
            ) : (
              <UsageGenerator generateUsageAction={generateUsageAction}
                accountId={accountId}
                apps={apps.map((a) => ({ sdkAppId: a.sdkAppId, name: a.name, refusal: usageRefusal({ status: account.status, suspensionReason: account.suspensionReason, enabled: a.enabled, freeExhaustedAt: a.freeExhaustedAt }) }))}
              />
            )}
          </CardBody>
        </Card>
      </div>

      <Card>
        <CardHeader title="Timeline" description="What ran for this account, newest first (business time on the account's clock)." />
        {runs.length === 0 ? (
          <CardBody>
            <p className="text-sm text-slate-500">Nothing has run yet.</p>
          </CardBody>
        ) : (
          <DataTable
            bare
            columns={timelineColumns}
            rows={runs}
            rowKey={(r) => r.id}
            searchParams={{}}
            caption="Timeline"
            testId="timeline"
          />
        )}
      </Card>
    </div>
  );
}

type Run = Awaited<ReturnType<typeof listAccountRuns>>[number];
const timelineColumns: Column<Run>[] = [
  { key: 'time', header: 'Business time (UTC+8)', align: 'left', className: 'tabular-nums', render: (r) => formatLocalDateTime(r.businessTime) },
  { key: 'job', header: 'Job', render: (r) => <span className="text-slate-800">{JOB_LABEL[r.kind as JobKind] ?? r.kind}</span> },
  { key: 'outcome', header: 'Outcome', render: (r) => <Badge tone={r.outcome === 'succeeded' ? 'green' : r.outcome === 'failed' ? 'red' : 'yellow'}>{r.outcome}</Badge> },
  { key: 'what', header: 'What happened', className: 'whitespace-normal text-slate-600', render: (r) => describeRunResult(r.kind, r.result, r.error) },
];
