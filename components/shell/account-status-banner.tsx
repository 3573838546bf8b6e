import Link from 'next/link';
import { Banner } from '@/components/ui/banner';
import { buttonClass } from '@/components/ui/button';
import type { AccountSummary } from '@/lib/auth/guard';
import { ARREARS_GRACE_MS } from '@/lib/enforcement/rules';
import { formatLocalDateTime } from '@/lib/time/format';

/** The account's standing, on every console page (lifecycle.md, Account status). */
export function AccountStatusBanner({ account }: { account: AccountSummary }) {
  const topUp = (
    <Link href="/balance" className={buttonClass('primary')}>
      Top up now
    </Link>
  );
  switch (account.status) {
    case 'active':
      return null;
    case 'overdue': {
      const deadline = account.overdueSince ? new Date(account.overdueSince.getTime() + ARREARS_GRACE_MS) : null;
      return (
        <Banner tone="warning" title="Your account is overdue" action={topUp} testId="status-banner">
          Your balance is below zero. Service continues and usage is still billed, but unless the balance is back to zero or above
          {deadline ? ` by ${formatLocalDateTime(deadline)} (UTC+8)` : ' within 24 hours'}, your applications will be suspended.
        </Banner>
      );
    }
    case 'suspended':
      return account.suspensionReason === 'violation' ? (
        <Banner tone="danger" title="Your account is suspended for a policy violation" testId="status-banner">
          An administrator suspended this account. Only billing pages are available. Contact support to resolve it.
        </Banner>
      ) : (
        <Banner tone="danger" title="Your account is suspended for arrears" action={topUp} testId="status-banner">
          Your applications are stopped and the usage API refuses their records. Top up to zero or above to resume at once. After 60 days
          suspended, applications, keys, usage logs and packages are deleted for good; bills and the ledger are kept.
        </Banner>
      );
    case 'reclaimed':
      return (
        <Banner tone="danger" title="This account's resources were reclaimed" testId="status-banner">
          After more than 60 days suspended for arrears
          {account.reclaimedAt ? ` (on ${formatLocalDateTime(account.reclaimedAt)})` : ''}, its applications, configuration, usage logs,
          keys and packages were deleted and cannot be restored. Bills and ledger entries remain available.
        </Banner>
      );
    default: {
      const never: never = account.status;
      return never;
    }
  }
}
