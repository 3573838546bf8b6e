import { db } from '@/db';
import { countJobsByStatus, JOB_RUN_SORTS, listDeadJobs, listJobRuns } from '@/db/queries/jobs';
import { RetryDeadJobButton } from '@/components/dev-tools/retry-dead-job';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader, Stat } from '@/components/ui/card';
import { DataTable, type Column } from '@/components/ui/data-table';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageUser } from '@/lib/auth/guard';
import { describeRunResult } from '@/lib/dev-tools/describe';
import { parseTableParams } from '@/lib/table-params';
import { formatLocalDateTime } from '@/lib/time/format';
import { retryDeadJobAction } from '@/app/(admin)/admin/jobs/actions';
import { getTranslations } from 'next-intl/server';
import { jobLabel, runSummary } from '@/lib/dev-tools/describe';
import { isSystemLane } from '@/lib/jobs/system-lane';

export async function generateMetadata() {
  const t = await getTranslations('admin.jobs');
  return { title: t('title') };
}
export const dynamic = 'force-dynamic';

type Row = Awaited<ReturnType<typeof listJobRuns>>['rows'][number];

export default async function AdminJobsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser('admin');
  const [t, tDev] = await Promise.all([getTranslations('admin.jobs'), getTranslations('dev')]);
  const sp = await searchParams;
  const p = parseTableParams(sp, { sortable: JOB_RUN_SORTS, defaultSort: 'started', pageSize: 25 });
  const outcome = sp.outcome === 'failed' || sp.outcome === 'succeeded' || sp.outcome === 'running' ? sp.outcome : undefined;
  const [{ rows, total }, counts, dead] = await Promise.all([
    listJobRuns(db, { sort: p.sort, dir: p.dir, limit: p.pageSize, offset: p.offset, outcome }),
    countJobsByStatus(db),
    listDeadJobs(db),
  ]);
  // The maintenance lane's jobs belong to no account (lib/jobs/system-lane.ts): say so rather than a dash.
  const accountOf = (j: { accountId: string; accountName: string | null }) => j.accountName ?? (isSystemLane(j.accountId) ? t('systemLane') : '—');
  const columns: Column<Row>[] = [
    { key: 'started', header: t('columns.started'), sortKey: 'started', render: (r) => <span className="tabular-nums" title={t('by', { worker: r.worker })}>{formatLocalDateTime(r.startedAt)}</span> },
    { key: 'account', header: t('columns.account'), sortKey: 'account', render: (r) => accountOf(r) },
    { key: 'kind', header: t('columns.job'), sortKey: 'kind', render: (r) => <span title={r.key}>{jobLabel(tDev, r.kind)}</span> },
    { key: 'business', header: t('columns.business'), sortKey: 'business', render: (r) => <span className="tabular-nums">{formatLocalDateTime(r.businessTime)}</span> },
    {
      key: 'outcome',
      header: t('columns.outcome'),
      sortKey: 'outcome',
      render: (r) => <Badge tone={r.outcome === 'succeeded' ? 'green' : r.outcome === 'failed' ? 'red' : 'yellow'}>{r.outcome === 'succeeded' || r.outcome === 'failed' || r.outcome === 'running' ? t(`outcomes.${r.outcome}`) : r.outcome}</Badge>,
    },
    { key: 'attempt', header: t('columns.attempts'), align: 'right', render: (r) => r.attempts ?? '—' },
    { key: 'took', header: t('columns.took'), align: 'right', render: (r) => (r.finishedAt ? t('seconds', { seconds: (r.finishedAt.getTime() - r.startedAt.getTime()) / 1000 }) : '—') },
    { key: 'summary', header: t('columns.what'), className: 'max-w-sm truncate', render: (r) => <span title={r.error ?? undefined}>{runSummary(tDev, describeRunResult(r.kind, r.result, r.error))}</span> },
  ];
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="mb-6 grid grid-cols-2 gap-4 sm:grid-cols-4">
        <Stat label={t('pending')} value={counts.pending ?? 0} />
        <Stat label={t('running')} value={counts.running ?? 0} />
        <Stat label={t('waiting')} value={counts.failed ?? 0} tone={counts.failed ? 'danger' : 'default'} />
        <Stat label={t('dead')} value={counts.dead ?? 0} tone={counts.dead ? 'danger' : 'default'} />
      </div>
      {dead.length > 0 && (
        <Card className="mb-6">
          <CardHeader title={t('deadTitle')} description={t('deadDescription')} />
          <ul className="divide-y divide-slate-100 text-sm">
            {dead.map((j) => (
              <li key={j.id} className="flex items-center justify-between gap-4 px-5 py-2.5">
                <div>
                  <p className="font-medium text-slate-800">
                    {t('deadLine', { job: jobLabel(tDev, j.kind), account: accountOf(j), at: formatLocalDateTime(j.runAt) })}
                  </p>
                  <p className="text-xs text-rose-700">{j.lastError}</p>
                </div>
                <RetryDeadJobButton retryDeadJobAction={retryDeadJobAction} jobId={j.id} />
              </li>
            ))}
          </ul>
        </Card>
      )}
      <div className="mb-3 flex gap-2 text-sm">
        {(['all', 'succeeded', 'failed', 'running'] as const).map((o) => (
          <a
            key={o}
            href={o === 'all' ? '/admin/jobs' : `/admin/jobs?outcome=${o}`}
            className={`rounded-md px-2.5 py-1 ring-1 ${(outcome ?? 'all') === o ? 'bg-indigo-50 text-indigo-700 ring-indigo-200' : 'text-slate-600 ring-slate-200 hover:bg-slate-50'}`}
          >
            {t(`filters.${o}`)}
          </a>
        ))}
      </div>
      <DataTable
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        searchParams={sp}
        params={p}
        total={total}
        empty={t('empty')}
        caption={t('caption')}
        testId="job-runs"
      />
    </>
  );
}
