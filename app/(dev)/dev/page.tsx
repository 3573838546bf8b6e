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
import { describeRunResult, jobLabel, runSummary, type DevTranslator } from '@/lib/dev-tools/describe';
import { usageRefusal } from '@/lib/enforcement/service';
import { arrearsGraceEnd, reclaimableAfter } from '@/lib/enforcement/timing';
import { formatMoney, type Currency } from '@/lib/money/format';
import { formatLocalDateTime } from '@/lib/time/format';
import { advanceClockAction, attachClockAction, detachClockAction, generateUsageAction } from '@/app/(dev)/dev/actions';
import { getLocale, getTranslations } from 'next-intl/server';

export async function generateMetadata() {
  const t = await getTranslations('dev');
  return { title: t('title') };
}
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DevToolsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageUser('signed-in');
  const [t, tStatus] = await Promise.all([getTranslations('dev'), getTranslations('admin.account')]);
  const sp = await searchParams;
  const pickable = await listPickableAccounts(db, user);
  const requested = typeof sp.account === 'string' ? sp.account : null;
  // A customer works on their own account; an admin picks any (another id is not found, like a missing one).
  const accountId = user.role === 'admin' ? (pickable.some((a) => a.id === requested) ? requested : null) : user.accountId;
  const account = accountId ? await getDevAccount(db, accountId) : null;

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={<Badge tone="indigo">{t('mode', { mode: appEnv() })}</Badge>}
      />
      <div className="mb-6">
        <AccountPicker
          accounts={pickable.map((a) => ({ id: a.id, label: t('picker.option', { name: a.name, email: a.email || 'none', status: tStatus(`statusWords.${a.status}`), clock: a.clock ? 'yes' : 'no' }) }))}
          selected={account?.id ?? null}
        />
      </div>
      {!account ? (
        <EmptyState
          title={requested ? t('notFound') : t('chooseTitle')}
          description={t('chooseDescription')}
        />
      ) : (
        <AccountTools account={account} />
      )}
    </>
  );
}

async function AccountTools({ account }: { account: DevAccount }) {
  const accountId = account.id;
  const [t, locale] = await Promise.all([getTranslations('dev'), getLocale()]);
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
          label={clock ? t('stats.clockTime') : held ? t('stats.accountTime') : t('stats.realTime')}
          value={<span data-testid="clock-time">{formatLocalDateTime(now)}</span>}
          note={clock ? t('stats.attached') : held ? t('stats.held') : t('stats.real')}
        />
        <Stat label={t('stats.balance')} value={<span data-testid="dev-balance">{formatMoney(account.balance, currency, locale)}</span>} tone={account.balance.isNegative() ? 'danger' : 'default'} />
        <Stat
          label={t('stats.status')}
          value={<span data-testid="dev-status"><AccountStatusBadge status={account.status} reason={account.suspensionReason} /></span>}
          note={deadline ? t('stats.suspendedAt', { at: formatLocalDateTime(deadline) }) : account.suspendedAt && account.status === 'suspended' ? t('stats.since', { at: formatLocalDateTime(account.suspendedAt) }) : undefined}
        />
      </div>
      {account.status === 'suspended' && account.suspensionReason === 'arrears' && account.suspendedAt && (
        <Banner tone="danger" title={t('arrearsTitle')} testId="dev-reclaim-warning">
          {t('arrearsBody', { at: formatLocalDateTime(reclaimableAfter(account.suspendedAt)) })}
        </Banner>
      )}
      {account.status === 'reclaimed' && (
        <Banner tone="danger" title={t('reclaimedTitle')} testId="dev-reclaimed">
          {account.reclaimedAt ? t('reclaimedBodyOn', { at: formatLocalDateTime(account.reclaimedAt) }) : t('reclaimedBody')}
        </Banner>
      )}

      <Card>
        <CardHeader
          title={t('clock.title')}
          description={clock ? t('clock.running') : t('clock.none')}
          actions={clock ? <DetachClockForm detachClockAction={detachClockAction} accountId={accountId} /> : undefined}
        />
        <CardBody>{clock ? <AdvanceControls advanceClockAction={advanceClockAction} accountId={accountId} /> : <AttachClockForm attachClockAction={attachClockAction} accountId={accountId} />}</CardBody>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title={t('upcoming.title')} description={t('upcoming.description')} />
          {upcoming.length === 0 ? (
            <CardBody>
              <p className="text-sm text-slate-500">{t('upcoming.empty')}</p>
            </CardBody>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="upcoming-jobs">
              {upcoming.map((j) => (
                <li key={j.key} className="flex items-center justify-between gap-3 px-5 py-2.5">
                  <div>
                    <p className="font-medium text-slate-800">{jobLabel(t, j.kind)}</p>
                    <p className="text-xs text-slate-500">{j.key.split(':').slice(2).join(':') || j.key}</p>
                  </div>
                  <div className="text-right">
                    <p className="tabular-nums text-slate-700">{formatLocalDateTime(new Date(j.runAt))}</p>
                    {j.status === 'failed' ? <Badge tone="red">{t('upcoming.retrying')}</Badge> : j.status === 'pending' ? <Badge tone="yellow">{new Date(j.runAt) <= now ? t('upcoming.dueNow') : t('upcoming.queued')}</Badge> : null}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card>
          <CardHeader title={t('usage.title')} description={t('usage.description')} />
          <CardBody>
            {apps.length === 0 ? (
              <p className="text-sm text-slate-500">{account.status === 'reclaimed' ? t('usage.deleted') : t('usage.noApps')}</p>
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
        <CardHeader title={t('timeline.title')} description={t('timeline.description')} />
        {runs.length === 0 ? (
          <CardBody>
            <p className="text-sm text-slate-500">{t('timeline.empty')}</p>
          </CardBody>
        ) : (
          <DataTable
            bare
            columns={timelineColumns(t)}
            rows={runs}
            rowKey={(r) => r.id}
            searchParams={{}}
            caption={t('timeline.caption')}
            testId="timeline"
          />
        )}
      </Card>
    </div>
  );
}

type Run = Awaited<ReturnType<typeof listAccountRuns>>[number];
const timelineColumns = (t: DevTranslator): Column<Run>[] => [
  { key: 'time', header: t('timeline.time'), align: 'left', className: 'tabular-nums', render: (r) => formatLocalDateTime(r.businessTime) },
  { key: 'job', header: t('timeline.job'), render: (r) => <span className="text-slate-800">{jobLabel(t, r.kind)}</span> },
  {
    key: 'outcome',
    header: t('timeline.outcome'),
    render: (r) => <Badge tone={r.outcome === 'succeeded' ? 'green' : r.outcome === 'failed' ? 'red' : 'yellow'}>{r.outcome === 'succeeded' || r.outcome === 'failed' || r.outcome === 'running' ? t(`outcomes.${r.outcome}`) : r.outcome}</Badge>,
  },
  { key: 'what', header: t('timeline.what'), className: 'whitespace-normal text-slate-600', render: (r) => runSummary(t, describeRunResult(r.kind, r.result, r.error)) },
];
