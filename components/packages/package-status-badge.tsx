import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import type { PackageStatus } from '@/db/schema';
import type { PackageFacts } from '@/lib/packages/rules';

/** How a package came to the account, as the package page labels it (English; pages show `PackageSource`). */
export const PACKAGE_SOURCE_LABEL: Record<PackageFacts['source'], string> = { purchase: 'Bought', renewal: 'Auto-renewal', grant: 'Granted' };

export function PackageSource({ source }: { source: PackageFacts['source'] }) {
  const t = useTranslations('packages.source');
  return <>{t(source)}</>;
}

export function PackageStatusBadge({ status }: { status: PackageStatus }) {
  const t = useTranslations('packages.status');
  switch (status) {
    case 'active':
      return <Badge tone="green">{t('active')}</Badge>;
    case 'queued':
      return <Badge tone="yellow">{t('queued')}</Badge>;
    case 'expired':
      return <Badge tone="gray">{t('expired')}</Badge>;
    case 'void':
      return <Badge tone="red">{t('void')}</Badge>;
    default: {
      const never: never = status;
      return never;
    }
  }
}
