import Link from 'next/link';
import { notFound } from 'next/navigation';
import { db } from '@/db';
import { getAccount } from '@/db/queries/accounts';
import { applicationFootprint, getApplication } from '@/db/queries/applications';
import { listApplicationPackages } from '@/db/queries/packages';
import { deletionRefusal, previousKeyValid } from '@/lib/applications/rules';
import { requirePageUser } from '@/lib/auth/guard';
import { accountNow } from '@/lib/clock';
import { getLocale, getTranslations } from 'next-intl/server';
import { formatMoney, formatQuantity } from '@/lib/money/format';
import { bookSellsPackages } from '@/lib/packages/catalog';
import { packageName } from '@/lib/packages/names';
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
  const [t, tp, locale] = await Promise.all([getTranslations('applications'), getTranslations('packages'), getLocale()]);
  // lib/applications/rules.ts deletionRefusal decides; its reasons are said here in the page's language.
  const reasons = [
    footprint.openPackages > 0 ? t('detail.deleteBlocked.openPackages', { count: footprint.openPackages }) : footprint.packages > 0 ? t('detail.deleteBlocked.pastPackages') : null,
    footprint.hasUsage ? t('detail.deleteBlocked.usage') : null,
    footprint.hasBillLines ? t('detail.deleteBlocked.bills') : null,
  ].filter((x): x is string => x !== null);
  const blocked = deletionRefusal(app, footprint) ? t('detail.deleteBlocked.sentence', { sdkAppId: String(app.sdkAppId), reasons: reasons.join(locale === 'zh' ? '、' : ', ') }) : null;
  return (
    <>
      <PageHeader
        title={app.name}
        description={<span className="font-mono">SDKAppID {app.sdkAppId}</span>}
        actions={sellsPackages ? <ButtonLink href={`/packages/buy?app=${app.id}`}>{t('detail.buyPackage')}</ButtonLink> : undefined}
      />
      <Card>
        <CardBody>
          <dl className="grid gap-4 text-sm sm:grid-cols-3">
            {free && (
              <div>
                <dt className="text-slate-500">{t('detail.edition')}</dt>
                <dd className="mt-1"><EditionBadge edition={app.edition} /></dd>
              </div>
            )}
            <div>
              <dt className="text-slate-500">{t('detail.status')}</dt>
              <dd className="mt-1"><ApplicationStatusBadge app={app} accountSuspended={account.status === 'suspended'} /></dd>
            </div>
            <div>
              <dt className="text-slate-500">{t('detail.secretKey')}</dt>
              <dd className="mt-1">
                <span className="font-mono" data-testid="key-hint">•••• {app.secretKeyHint}</span>
                {app.secretKeyRotatedAt && <span className="block text-xs text-slate-500">{t('detail.rotated', { at: formatLocalDateTime(app.secretKeyRotatedAt) })}</span>}
                {previousKeyValid(app, now) && (
                  <span className="block text-xs text-amber-700" data-testid="previous-key">
                    {t('detail.oldKeySigns', { hint: app.previousSecretKeyHint ?? '', until: formatLocalDateTime(app.previousSecretKeyExpiresAt!) })}
                  </span>
                )}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">{t('detail.created')}</dt>
              <dd className="mt-1">{formatLocalDateTime(app.createdAt)}</dd>
            </div>
            {free && (
              <div>
                <dt className="text-slate-500">{t('detail.freeLeft')}</dt>
                <dd className="mt-1 tabular-nums">{t('detail.freeLeftValue', { left: formatQuantity(free.left, locale), minutes: formatQuantity(free.minutes, locale), validTo: free.validTo })}</dd>
              </div>
            )}
          </dl>
          {free && app.freeExhaustedAt && app.edition === 'free' && (
            <p className="mt-4 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 ring-1 ring-rose-200">
              {t('detail.freeExhausted', { at: formatLocalDateTime(app.freeExhaustedAt), renewsOn: free.renewsOn })}
            </p>
          )}
        </CardBody>
      </Card>

      {/* A book without packages (seed 001) shows no package card. */}
      {(sellsPackages || current.length > 0) && (
        <Card className="mt-6">
          <CardHeader title={t('detail.packages.title')} description={t('detail.packages.description')} actions={<ButtonLink href="/packages" variant="secondary">{t('detail.packages.pageLink')}</ButtonLink>} />
          <CardBody>
            {current.length === 0 ? (
              <EmptyState
                title={t('detail.packages.emptyTitle')}
                description={free ? t('detail.packages.emptyFree') : sellsPackages ? t('detail.packages.emptyBook') : t('detail.packages.emptyNoPackages')}
                action={sellsPackages ? <ButtonLink href={`/packages/buy?app=${app.id}`}>{t('detail.buyPackage')}</ButtonLink> : undefined}
              />
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {current.map((p) => (
                  <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2.5">
                    <span className="font-medium text-slate-900">{packageName(tp, p)}</span>
                    <span className="flex items-center gap-3 text-slate-600">
                      {p.validFrom ? t('detail.packages.validity', { from: p.validFrom, to: p.validTo ?? '' }) : t('detail.packages.startsLater')}
                      <span className="tabular-nums">{t('detail.packages.minutesUsed', { used: formatQuantity(p.minutesUsed, locale), total: formatQuantity(p.minutes, locale) })}</span>
                      <span>{formatMoney(p.price, account.currency, locale)}</span>
                      <PackageStatusBadge status={p.status} />
                      {p.autoRenew && <Badge tone="blue">{t('detail.packages.autoRenew')}</Badge>}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </CardBody>
        </Card>
      )}

      <Card className="mt-6">
        <CardHeader title={t('detail.secretKey')} description={t('detail.secretKeyDescription')} />
        <CardBody>
          <RotateKeyForm rotateSecretKeyAction={rotateSecretKeyAction} applicationId={app.id} sdkAppId={app.sdkAppId} />
        </CardBody>
      </Card>

      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <Card>
          <CardHeader title={t('detail.rename')} />
          <CardBody>
            <RenameApplicationForm renameApplicationAction={renameApplicationAction} applicationId={app.id} name={app.name} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title={app.enabled ? t('detail.disable') : t('detail.enable')} />
          <CardBody>
            <ToggleApplicationForm setApplicationEnabledAction={setApplicationEnabledAction} applicationId={app.id} enabled={app.enabled} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title={t('detail.delete')} description={t('detail.deleteDescription')} />
          <CardBody>
            <DeleteApplicationForm deleteApplicationAction={deleteApplicationAction} applicationId={app.id} name={app.name} blockedReason={blocked} />
          </CardBody>
        </Card>
      </div>
      <p className="mt-6 text-sm">
        <Link href="/applications" className="text-indigo-600 hover:underline">
          {t('detail.back')}
        </Link>
      </p>
    </>
  );
}
