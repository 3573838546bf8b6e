import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { db } from '@/db';
import { noticeRecipients } from '@/lib/deliveries/enqueue';
import { requirePageUser } from '@/lib/auth/guard';
import { mailConfig } from '@/lib/email/config';
import { EMAIL_KIND_GROUPS } from '@/lib/notice-settings/kinds';
import { MAX_BILLING_CONTACTS } from '@/lib/notice-settings/rules';
import { getNoticeSettings } from '@/lib/notice-settings/service';
import { formatLocalDateTime } from '@/lib/time/format';
import { Banner } from '@/components/ui/banner';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { AddContactForm, EmailKindsForm, RemoveContactButton } from '@/components/settings/notification-forms';
import { addBillingContactAction, removeBillingContactAction, setEmailKindsAction } from '@/app/(console)/settings/actions';

export async function generateMetadata() {
  const t = await getTranslations('settings');
  return { title: t('notifications.metaTitle') };
}

/**
 * Where notice emails go and which kinds are emailed (lifecycle.md, Notices; issue 10
 * item 4): up to five billing contacts (the owner's address when there are none); each
 * kind can be switched off except the account-status ones. Open while suspended.
 */
export default async function NotificationSettingsPage() {
  const user = await requirePageUser('customer', { area: 'billing' });
  const [{ contacts, optedOut }, recipients] = await Promise.all([getNoticeSettings(db, user.accountId), noticeRecipients(db, user.accountId)]);
  const mail = mailConfig();
  const full = contacts.length >= MAX_BILLING_CONTACTS;
  const t = await getTranslations('settings.notifications');
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t.rich('description', {
          messages: (chunks) => (
            <Link href="/notices" className="font-medium text-indigo-700 hover:text-indigo-500">
              {chunks}
            </Link>
          ),
          webhooks: (chunks) => (
            <Link href="/settings/webhooks" className="font-medium text-indigo-700 hover:text-indigo-500">
              {chunks}
            </Link>
          ),
        })}
      />
      {!mail.enabled && (
        <div className="mb-6">
          <Banner tone="warning" title={t('emailOff.title')} testId="email-off">
            {t('emailOff.body')}
          </Banner>
        </div>
      )}
      <div className="space-y-6">
        <Card>
          <CardHeader
            title={t('contacts.title')}
            description={t('contacts.description', { max: MAX_BILLING_CONTACTS })}
            actions={
              <span className="text-sm tabular-nums text-slate-500" data-testid="contact-count">
                {t('contacts.count', { count: contacts.length, max: MAX_BILLING_CONTACTS })}
              </span>
            }
          />
          <CardBody className="space-y-5">
            {contacts.length === 0 ? (
              <EmptyState
                title={t('contacts.emptyTitle')}
                description={t.rich('contacts.emptyDescription', {
                  owner: recipients.join(', ') || t('contacts.noAddress'),
                  b: (chunks) => <span className="font-medium text-slate-700">{chunks}</span>,
                })}
              />
            ) : (
              <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200" data-testid="contacts">
                {contacts.map((c) => (
                  <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2.5">
                    <div className="min-w-0">
                      <p className="truncate text-sm font-medium text-slate-900">{c.email}</p>
                      <p className="text-xs text-slate-500">{t('contacts.added', { at: formatLocalDateTime(c.createdAt) })}</p>
                    </div>
                    <RemoveContactButton removeBillingContactAction={removeBillingContactAction} contactId={c.id} email={c.email} />
                  </li>
                ))}
              </ul>
            )}
            <AddContactForm addBillingContactAction={addBillingContactAction} full={full} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title={t('kinds.title')}
            description={t('kinds.description')}
          />
          <CardBody>
            <EmailKindsForm setEmailKindsAction={setEmailKindsAction} groups={EMAIL_KIND_GROUPS} optedOut={[...optedOut]} />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
