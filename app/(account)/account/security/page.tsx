import Link from 'next/link';
import { db } from '@/db';
import { listOpenSessions } from '@/db/queries/sessions';
import { requirePageUser } from '@/lib/auth/guard';
import { Banner } from '@/components/ui/banner';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { buttonClass } from '@/components/ui/button';
import { SessionList } from '@/components/account/session-list';
import { endOtherSessionsAction, endSessionAction } from '../actions';
import { describeUserAgent } from '@/lib/auth/user-agent';
import { formatLocalDateTime } from '@/lib/time/format';

export const metadata = { title: 'Sessions' };

/** Where this account is signed in (issue 13 item 5): created, last seen, address, browser; end the others. */
export default async function SecurityPage({ searchParams }: { searchParams: Promise<{ changed?: string }> }) {
  const user = await requirePageUser('signed-in');
  const { changed } = await searchParams;
  const sessions = await listOpenSessions(db, user.id);
  const rows = sessions.map((s) => ({
    id: s.id,
    current: s.id === user.sessionId,
    createdAt: formatLocalDateTime(s.createdAt),
    lastSeenAt: formatLocalDateTime(s.lastSeenAt),
    address: s.address,
    browser: describeUserAgent(s.userAgent),
    userAgent: s.userAgent,
  }));
  return (
    <>
      <PageHeader
        title="Sessions"
        description="Every browser signed in to your user. Signing out, changing your password or a suspension for a violation ends sessions at once."
        actions={
          <Link href="/account/password" className={buttonClass('secondary')}>
            Change password
          </Link>
        }
      />
      {changed === '1' && (
        <div className="mb-6">
          <Banner tone="success" title="Password changed">
            Every other session was signed out; this browser was signed in again with the new password.
          </Banner>
        </div>
      )}
      <Card>
        <CardHeader title="Signed-in sessions" description="Times are UTC+8. Addresses are as this console sees them." />
        <CardBody>
          <SessionList rows={rows} endSessionAction={endSessionAction} endOtherSessionsAction={endOtherSessionsAction} />
        </CardBody>
      </Card>
    </>
  );
}
