import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import type { AccountStatus, SuspensionReason } from '@/db/schema/accounts';

/** An account's status in the page's language (停服 · 欠费 for a suspension for arrears: seed 000's terms). */
export function AccountStatusBadge({ status, reason }: { status: AccountStatus; reason?: SuspensionReason | null }) {
  const t = useTranslations('admin.accountStatus');
  switch (status) {
    case 'active':
      return <Badge tone="green">{t('active')}</Badge>;
    case 'overdue':
      return <Badge tone="yellow">{t('overdue')}</Badge>;
    case 'suspended':
      return <Badge tone="red">{reason === 'arrears' ? t('suspendedArrears') : reason === 'violation' ? t('suspendedViolation') : t('suspended')}</Badge>;
    case 'reclaimed':
      return <Badge tone="gray">{t('reclaimed')}</Badge>;
    default: {
      const never: never = status;
      return never;
    }
  }
}
