import { Badge } from '@/components/ui/badge';
import type { PackageStatus } from '@/db/schema';
import type { PackageFacts } from '@/lib/packages/rules';

/** How a package came to the account, as the package page labels it. */
export const PACKAGE_SOURCE_LABEL: Record<PackageFacts['source'], string> = { purchase: 'Bought', renewal: 'Auto-renewal', grant: 'Granted' };

export function PackageStatusBadge({ status }: { status: PackageStatus }) {
  switch (status) {
    case 'active':
      return <Badge tone="green">Active</Badge>;
    case 'queued':
      return <Badge tone="yellow">Queued</Badge>;
    case 'expired':
      return <Badge tone="gray">Expired</Badge>;
    case 'void':
      return <Badge tone="red">Refunded</Badge>;
    default: {
      const never: never = status;
      return never;
    }
  }
}
