import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Banner } from '@/components/ui/banner';
import { buttonClass } from '@/components/ui/button';
import type { AccountSummary } from '@/lib/auth/guard';
import { ARREARS_GRACE_MS } from '@/lib/enforcement/rules';
import { formatLocalDateTime } from '@/lib/time/format';

/** The account's standing, on every console page (lifecycle.md, Account status; seed 000: 欠费, 停服, 资源回收). */
export async function AccountStatusBanner({ account }: { account: AccountSummary }) {
  const t = await getTranslations('shell.status');
  const topUp = (
    <Link href="/balance" className={buttonClass('primary')}>
      {t('topUpNow')}
    </Link>
  );
  switch (account.status) {
    case 'active':
      return null;
    case 'overdue': {
      const deadline = account.overdueSince ? new Date(account.overdueSince.getTime() + ARREARS_GRACE_MS) : null;
      return (
        <Banner tone="warning" title={t('overdueTitle')} action={topUp} testId="status-banner">
          {deadline ? t('overdueBodyDeadline', { deadline: formatLocalDateTime(deadline) }) : t('overdueBody')}
        </Banner>
      );
    }
    case 'suspended':
      return account.suspensionReason === 'violation' ? (
        <Banner tone="danger" title={t('violationTitle')} testId="status-banner">
          {t('violationBody')}
        </Banner>
      ) : (
        <Banner tone="danger" title={t('arrearsTitle')} action={topUp} testId="status-banner">
          {t('arrearsBody')}
        </Banner>
      );
    case 'reclaimed':
      return (
        <Banner tone="danger" title={t('reclaimedTitle')} testId="status-banner">
          {account.reclaimedAt ? t('reclaimedBodyOn', { date: formatLocalDateTime(account.reclaimedAt) }) : t('reclaimedBody')}
        </Banner>
      );
    default: {
      const never: never = account.status;
      return never;
    }
  }
}
