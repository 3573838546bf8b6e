import { notFound } from 'next/navigation';
import { db } from '@/db';
import { getApplication } from '@/db/queries/applications';
import { requirePageUser } from '@/lib/auth/guard';
import { formatLocalDateTime } from '@/lib/time/format';
import { PageHeader } from '@/components/ui/page-header';
import { Card, CardBody } from '@/components/ui/card';
import { Badge } from '@/components/ui/badge';

export default async function ApplicationPage({ params }: { params: Promise<{ sdkAppId: string }> }) {
  const user = await requirePageUser('customer', { area: 'service' });
  const { sdkAppId } = await params;
  const id = /^\d{1,15}$/.test(sdkAppId) ? Number(sdkAppId) : NaN;
  // Another account's application answers exactly like a missing one.
  const app = Number.isSafeInteger(id) ? await getApplication(db, user.accountId, id) : null;
  if (!app) notFound();
  return (
    <>
      <PageHeader title={app.name} description={<span className="font-mono">SDKAppID {app.sdkAppId}</span>} />
      <Card>
        <CardBody>
          <dl className="grid gap-4 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-slate-500">Edition</dt>
              <dd className="mt-1"><Badge tone="indigo">RTC-Engine {app.edition}</Badge></dd>
            </div>
            <div>
              <dt className="text-slate-500">Status</dt>
              <dd className="mt-1">{app.enabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="gray">Disabled</Badge>}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Secret key</dt>
              <dd className="mt-1 font-mono">•••• {app.secretKeyHint}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Created</dt>
              <dd className="mt-1">{formatLocalDateTime(app.createdAt)}</dd>
            </div>
          </dl>
        </CardBody>
      </Card>
    </>
  );
}
