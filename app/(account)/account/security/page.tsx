import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { db } from '@/db';
import { listOpenSessions } from '@/lib/auth/sessions';
import { requirePageUser } from '@/lib/auth/guard';
import { Banner } from '@/components/ui/banner';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { buttonClass } from '@/components/ui/button';
import { SessionList } from '@/components/account/session-list';
import { endOtherSessionsAction, endSessionAction } from '../actions';
import { describeUserAgent } from '@/lib/auth/user-agent';
import { formatLocalDateTime } from '@/lib/time/format';

export async function generateMetadata() {
  const t = await getTranslations('account.sessions');
  return { title: t('metaTitle') };
}

/** Where this account is signed in (issue 13 item 5): created, last seen, address, browser; end the others. */
export default async function SecurityPage({ searchParams }: { searchParams: Promise<{ changed?: string }> }) {
  const user = await requirePageUser('signed-in');
  const { changed } = await searchParams;
  const [sessions, t, locale] = await Promise.all([listOpenSessions(db, user.id), getTranslations('account.sessions'), getLocale()]);
  const rows = sessions.map((s) => ({
    id: s.id,
    current: s.id === user.sessionId,
    createdAt: formatLocalDateTime(s.createdAt),
    lastSeenAt: formatLocalDateTime(s.lastSeenAt),
    address: s.address,
    browser: describeUserAgent(s.userAgent, locale),
    userAgent: s.userAgent,
  }));
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <Link href="/account/password" className={buttonClass('secondary')}>
            {t('changePassword')}
          </Link>
        }
      />
      {changed === '1' && (
        <div className="mb-6">
          <Banner tone="success" title={t('changedTitle')}>
            {t('changedBody')}
          </Banner>
        </div>
      )}
      <Card>
        <CardHeader title={t('cardTitle')} description={t('cardDescription')} />
        <CardBody>
          <SessionList rows={rows} endSessionAction={endSessionAction} endOtherSessionsAction={endOtherSessionsAction} />
        </CardBody>
      </Card>
    </>
  );
}
