import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import type { RefundStatus } from '@/db/schema';

export function RefundStatusBadge({ status }: { status: RefundStatus }) {
  const t = useTranslations('packages.refund.status');
  switch (status) {
    case 'open':
      return <Badge tone="yellow">{t('open')}</Badge>;
    case 'approved':
      return <Badge tone="green">{t('approved')}</Badge>;
    case 'rejected':
      return <Badge tone="red">{t('rejected')}</Badge>;
    case 'withdrawn':
      return <Badge tone="gray">{t('withdrawn')}</Badge>;
    default: {
      const never: never = status;
      return never;
    }
  }
}
