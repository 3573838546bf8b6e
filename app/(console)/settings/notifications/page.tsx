import Link from 'next/link';
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

export const metadata = { title: 'Notification settings' };

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
  return (
    <>
      <PageHeader
        title="Notifications"
        description={
          <>
            Every notice is in{' '}
            <Link href="/notices" className="font-medium text-indigo-700 hover:text-indigo-500">
              Messages
            </Link>
            . Choose who also gets them by email; send them to your systems with{' '}
            <Link href="/settings/webhooks" className="font-medium text-indigo-700 hover:text-indigo-500">
              webhooks
            </Link>
            .
          </>
        }
      />
      {!mail.enabled && (
        <div className="mb-6">
          <Banner tone="warning" title="Email is off on this deployment" testId="email-off">
            Notices are still written to Messages and sent to your webhooks. Your choices below apply once email is on.
          </Banner>
        </div>
      )}
      <div className="space-y-6">
        <Card>
          <CardHeader
            title="Billing contacts"
            description={`Notice emails go to these addresses (up to ${MAX_BILLING_CONTACTS}). With none, they go to the account owner's sign-in address.`}
            actions={
              <span className="text-sm tabular-nums text-slate-500" data-testid="contact-count">
                {contacts.length} of {MAX_BILLING_CONTACTS}
              </span>
            }
          />
          <CardBody className="space-y-5">
            {contacts.length === 0 ? (
              <EmptyState
                title="No billing contacts yet"
                description={
                  <>
                    Notices are emailed to the owner: <span className="font-medium text-slate-700">{recipients.join(', ') || 'no address'}</span>. Add a shared finance or on-call address so nobody
                    misses a warning.
                  </>
                }
              />
            ) : (
              <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200" data-testid="contacts">
                {contacts.map((c) => (
                  <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2.5">
                    <div className="min-w-0">
                      <p className="truncate text-sm font-medium text-slate-900">{c.email}</p>
                      <p className="text-xs text-slate-500">Added {formatLocalDateTime(c.createdAt)} (UTC+8)</p>
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
            title="Email notices"
            description="Switched-off kinds are still shown in Messages and sent to webhooks. Account-status notices (overdue, suspension and reclamation warnings) are always emailed: a suspension nobody was told about must not happen."
          />
          <CardBody>
            <EmailKindsForm setEmailKindsAction={setEmailKindsAction} groups={EMAIL_KIND_GROUPS} optedOut={[...optedOut]} />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
