import Link from 'next/link';
import { notFound } from 'next/navigation';
import { db } from '@/db';
import { getAccount } from '@/db/queries/accounts';
import { applicationFootprint, getApplication } from '@/db/queries/applications';
import { listApplicationPackages } from '@/db/queries/packages';
import { deletionRefusal, previousKeyValid } from '@/lib/applications/rules';
import { requirePageUser } from '@/lib/auth/guard';
import { accountNow } from '@/lib/clock';
import { formatMoney, formatQuantity } from '@/lib/money/format';
import { bookSellsPackages, packageDisplayName } from '@/lib/packages/catalog';
import { getPriceBook } from '@/lib/rating';
import { loadFreeMinuteStatus } from '@/lib/packages/free-minutes-status';
import { formatLocalDateTime } from '@/lib/time/format';
import { PageHeader } from '@/components/ui/page-header';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ApplicationStatusBadge, EditionBadge } from '@/components/applications/application-status-badge';
import { DeleteApplicationForm, RenameApplicationForm, ToggleApplicationForm } from '@/components/applications/application-settings';
import { PackageStatusBadge } from '@/components/packages/package-status-badge';
import { RotateKeyForm } from '@/components/applications/rotate-key-form';
import { deleteApplicationAction, renameApplicationAction, rotateSecretKeyAction, setApplicationEnabledAction } from '@/app/(console)/applications/actions';

export default async function ApplicationPage({ params }: { params: Promise<{ sdkAppId: string }> }) {
  const user = await requirePageUser('customer', { area: 'service' });
  const { sdkAppId } = await params;
  const id = /^\d{1,15}$/.test(sdkAppId) ? Number(sdkAppId) : NaN;
  // Another account's application answers exactly like a missing one.
  const app = Number.isSafeInteger(id) ? await getApplication(db, user.accountId, id) : null;
  if (!app) notFound();
  const [account, pkgs, footprint, now] = await Promise.all([
    getAccount(db, user.accountId),
    listApplicationPackages(db, user.accountId, app.id),
    applicationFootprint(db, user.accountId, app),
    accountNow(db, user.accountId),
  ]);
  if (!account) throw new Error('account missing for signed-in customer');
  const free = await loadFreeMinuteStatus(db, account, now);
  const sellsPackages = bookSellsPackages(getPriceBook(account.priceBookId));
  const current = pkgs.filter((p) => p.status === 'active' || p.status === 'queued');
  const blocked = deletionRefusal(app, footprint);
  return (
    <>
      <PageHeader
        title={app.name}
        description={<span className="font-mono">SDKAppID {app.sdkAppId}</span>}
        actions={sellsPackages ? <ButtonLink href={`/packages/buy?app=${app.id}`}>Buy a package</ButtonLink> : undefined}
      />
      <Card>
        <CardBody>
          <dl className="grid gap-4 text-sm sm:grid-cols-3">
            {free && (
              <div>
                <dt className="text-slate-500">Edition</dt>
                <dd className="mt-1"><EditionBadge edition={app.edition} /></dd>
              </div>
            )}
            <div>
              <dt className="text-slate-500">Status</dt>
              <dd className="mt-1"><ApplicationStatusBadge app={app} accountSuspended={account.status === 'suspended'} /></dd>
            </div>
            <div>
              <dt className="text-slate-500">Secret key</dt>
              <dd className="mt-1">
                <span className="font-mono" data-testid="key-hint">•••• {app.secretKeyHint}</span>
                {app.secretKeyRotatedAt && <span className="block text-xs text-slate-500">Rotated {formatLocalDateTime(app.secretKeyRotatedAt)}</span>}
                {previousKeyValid(app, now) && (
                  <span className="block text-xs text-amber-700" data-testid="previous-key">
                    Old key •••• {app.previousSecretKeyHint} signs until {formatLocalDateTime(app.previousSecretKeyExpiresAt!)} (UTC+8)
                  </span>
                )}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Created</dt>
              <dd className="mt-1">{formatLocalDateTime(app.createdAt)}</dd>
            </div>
            {free && (
              <div>
                <dt className="text-slate-500">Free minutes left (account-wide)</dt>
                <dd className="mt-1 tabular-nums">
                  {formatQuantity(free.left)} of {formatQuantity(free.minutes)} · to {free.validTo}
                </dd>
              </div>
            )}
          </dl>
          {free && app.freeExhaustedAt && app.edition === 'free' && (
            <p className="mt-4 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 ring-1 ring-rose-200">
              On the Free edition this application used up the month&apos;s free minutes on {formatLocalDateTime(app.freeExhaustedAt)} and is suspended. Buy a package to resume now, or wait for
              the next free minutes on {free.renewsOn}.
            </p>
          )}
        </CardBody>
      </Card>

      {/* A book without packages (seed 001) shows no package card. */}
      {(sellsPackages || current.length > 0) && (
        <Card className="mt-6">
          <CardHeader title="Packages" description="One package per product at a time; another of the same edition waits in the queue." actions={<ButtonLink href="/packages" variant="secondary">Package page</ButtonLink>} />
          <CardBody>
            {current.length === 0 ? (
              <EmptyState
                title="No package on this application"
                description={
                  free
                    ? "It runs on the RTC-Engine Free edition with the account's 10,000 free minutes a month, and is suspended when they are used up. Buy a package to unlock features and package minutes."
                    : sellsPackages
                      ? 'Its usage is billed pay-as-you-go on your price book. A package covers its minutes before they are billed.'
                      : 'Its usage is billed pay-as-you-go on your price book, which sells no packages.'
                }
                action={sellsPackages ? <ButtonLink href={`/packages/buy?app=${app.id}`}>Buy a package</ButtonLink> : undefined}
              />
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {current.map((p) => (
                  <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2.5">
                    <span className="font-medium text-slate-900">{packageDisplayName(p)}</span>
                    <span className="flex items-center gap-3 text-slate-600">
                      {p.validFrom ? `${p.validFrom} to ${p.validTo}` : 'starts when the current one expires'}
                      <span className="tabular-nums">{formatQuantity(p.minutesUsed)} / {formatQuantity(p.minutes)} min used</span>
                      <span>{formatMoney(p.price, account.currency)}</span>
                      <PackageStatusBadge status={p.status} />
                      {p.autoRenew && <Badge tone="blue">Auto-renew</Badge>}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </CardBody>
        </Card>
      )}

      <Card className="mt-6">
        <CardHeader title="Secret key" description="Signs usage API requests. Rotate it when a key may have been seen by someone else, or regularly." />
        <CardBody>
          <RotateKeyForm rotateSecretKeyAction={rotateSecretKeyAction} applicationId={app.id} sdkAppId={app.sdkAppId} />
        </CardBody>
      </Card>

      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <Card>
          <CardHeader title="Rename" />
          <CardBody>
            <RenameApplicationForm renameApplicationAction={renameApplicationAction} applicationId={app.id} name={app.name} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title={app.enabled ? 'Disable' : 'Enable'} />
          <CardBody>
            <ToggleApplicationForm setApplicationEnabledAction={setApplicationEnabledAction} applicationId={app.id} enabled={app.enabled} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Delete" description="Only when nothing is billed or running." />
          <CardBody>
            <DeleteApplicationForm deleteApplicationAction={deleteApplicationAction} applicationId={app.id} name={app.name} blockedReason={blocked} />
          </CardBody>
        </Card>
      </div>
      <p className="mt-6 text-sm">
        <Link href="/applications" className="text-indigo-600 hover:underline">
          ← All applications
        </Link>
      </p>
    </>
  );
}
